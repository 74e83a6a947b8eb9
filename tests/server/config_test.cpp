// Configuration precedence: flags > environment > TOML file > defaults.
#include <gtest/gtest.h>

#include "server/config.h"

namespace vigil::server {
namespace {

using File = std::optional<std::pair<std::string, std::string>>;

TEST(Config, DefaultsWhenNothingIsGiven) {
  auto config = resolve_config({}, {}, std::nullopt).value();
  EXPECT_EQ(config.listen, "127.0.0.1:8080");
  EXPECT_EQ(config.db, "vigil.db");
  EXPECT_EQ(config.read_timeout, std::chrono::milliseconds(10'000));
}

TEST(Config, FlagBeatsEnvironmentBeatsFileBeatsDefault) {
  File file{{"listen = \"10.0.0.1:1\"\ndb = \"file.db\"\nworkers = 3\nidle_timeout_ms = 7000\n", "vigil.toml"}};
  Settings env{{"listen", "10.0.0.2:2"}, {"db", "env.db"}};
  Settings flags{{"listen", "10.0.0.3:3"}};
  auto config = resolve_config(flags, env, file).value();
  EXPECT_EQ(config.listen, "10.0.0.3:3");  // flag
  EXPECT_EQ(config.db, "env.db");          // environment over file
  EXPECT_EQ(config.workers, 3);            // file over default
  EXPECT_EQ(config.idle_timeout, std::chrono::milliseconds(7000));
  EXPECT_EQ(config.session_hours, 12);     // default
}

TEST(Config, HostAndPort) {
  ServerConfig config;
  config.listen = "[::1]:9090";
  EXPECT_EQ(config.host(), "::1");
  EXPECT_EQ(config.port(), 9090);
}

TEST(Config, EveryBadValueIsReportedWithItsSource) {
  File file{{"workers = 0\n", "vigil.toml"}};
  Settings env{{"read_timeout_ms", "soon"}};
  Settings flags{{"listen", "nowhere"}, {"log_level", "loud"}};
  auto config = resolve_config(flags, env, file);
  ASSERT_FALSE(config);
  std::string text = describe(config.error());
  EXPECT_NE(text.find("--listen: 'nowhere' is not host:port"), std::string::npos) << text;
  EXPECT_NE(text.find("--log-level: 'loud' is not a log level"), std::string::npos) << text;
  EXPECT_NE(text.find("VIGIL_READ_TIMEOUT_MS: 'soon' is not a whole number"), std::string::npos) << text;
  EXPECT_NE(text.find("vigil.toml: workers: '0' is not a whole number from 1"), std::string::npos) << text;
}

TEST(Config, UnknownFileKeyIsAnErrorWithASuggestion) {
  File file{{"# comment\nlisten = \"127.0.0.1:1\"\nread_timeout = 5\n", "vigil.toml"}};
  auto config = resolve_config({}, {}, file);
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().where, "vigil.toml:3: read_timeout");
  EXPECT_NE(config.error().message.find("read_timeout_ms"), std::string::npos) << config.error().message;
}

TEST(Config, MalformedTomlNamesTheLine) {
  File file{{"listen = \"x\"\nworkers = = 2\n", "vigil.toml"}};
  auto config = resolve_config({}, {}, file);
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().where, "vigil.toml:2");
}

TEST(Config, WrongTomlTypeIsAnError) {
  File file{{"workers = true\n", "vigil.toml"}};
  auto config = resolve_config({}, {}, file);
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().where, "vigil.toml:1: workers");
}

}  // namespace
}  // namespace vigil::server
