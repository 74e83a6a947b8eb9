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
  EXPECT_EQ(config.session_hours, 12);  // default
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

TEST(Config, DatabasePoolSizes) {
  auto defaults = resolve_config({}, {}, std::nullopt).value();
  EXPECT_EQ(defaults.db_readers, 4);
  EXPECT_EQ(defaults.db_connections, 0);
  EXPECT_EQ(defaults.postgres_connections(), defaults.workers);  // 0: one per worker

  File file{{"db_readers = 2\ndb_connections = 5\n", "vigil.toml"}};
  auto from_file = resolve_config({}, {}, file).value();
  EXPECT_EQ(from_file.db_readers, 2);
  EXPECT_EQ(from_file.postgres_connections(), 5);

  Settings env{{"db_readers", "3"}, {"workers", "7"}};
  Settings flags{{"db_readers", "8"}};
  auto mixed = resolve_config(flags, env, std::nullopt).value();
  EXPECT_EQ(mixed.db_readers, 8);              // flag over environment
  EXPECT_EQ(mixed.postgres_connections(), 7);  // follows the workers
}

TEST(Config, BadPoolSizesAreRejectedWithTheirRange) {
  Settings flags{{"db_readers", "0"}, {"db_connections", "-1"}};
  auto config = resolve_config(flags, {}, std::nullopt);
  ASSERT_FALSE(config);
  std::string text = describe(config.error());
  EXPECT_NE(text.find("--db-readers: '0' is not a whole number from 1 to 64"), std::string::npos) << text;
  EXPECT_NE(text.find("--db-connections: '-1' is not a whole number from 0 to 256"), std::string::npos) << text;
  auto env = resolve_config({}, {{"db_readers", "65"}}, std::nullopt);
  ASSERT_FALSE(env);
  EXPECT_EQ(env.error().where, "VIGIL_DB_READERS");
}

}  // namespace
}  // namespace vigil::server

namespace vigil::server {
namespace {

TEST(Config, SecureCookiesIsASwitchFromEverySource) {
  EXPECT_FALSE(resolve_config({}, {}, std::nullopt).value().secure_cookies);
  std::optional<std::pair<std::string, std::string>> file{{"secure_cookies = true\n", "vigil.toml"}};
  EXPECT_TRUE(resolve_config({}, {}, file).value().secure_cookies);
  EXPECT_FALSE(resolve_config({{"secure_cookies", "false"}}, {}, file).value().secure_cookies);  // flag wins
  EXPECT_TRUE(resolve_config({}, {{"secure_cookies", "true"}}, std::nullopt).value().secure_cookies);
  auto bad = resolve_config({}, {{"secure_cookies", "yes"}}, std::nullopt);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "VIGIL_SECURE_COOKIES");
  EXPECT_NE(bad.error().message.find("neither true nor false"), std::string::npos);
}

}  // namespace
}  // namespace vigil::server
