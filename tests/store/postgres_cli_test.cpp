// End to end: the vigil binary with `--db postgresql://...` against the
// throwaway cluster of scripts/with-postgres.sh, in a fresh schema. What the
// CLI writes is read back through the IncidentStore, and an edit made with SQL behind
// its back is caught by `vigil audit verify`.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/incident_store.h"
#include "store/postgres_scratch.h"

namespace vigil::store {
namespace {

struct Run {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

std::string quoted(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

Run vigil(const std::vector<std::string>& args) {
  std::string command = "VIGIL_NOW=2025-03-01T12:00:00Z NO_COLOR=1 " + quoted(VIGIL_BINARY);
  for (const auto& arg : args) command += " " + quoted(arg);
  command += " 2>&1";
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer{};
  while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) run.output.append(buffer.data(), n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class PostgresCli : public testing::Test {
 protected:
  void SetUp() override {
    auto server = test::postgres_server();
    if (!server) GTEST_SKIP() << test::kNoPostgres;
    ASSERT_TRUE(std::filesystem::exists(VIGIL_BINARY)) << "build the vigil binary first: " << VIGIL_BINARY;
    schema_ = std::make_unique<test::ScratchSchema>(*server);
    url_ = schema_->url();
  }
  void TearDown() override { schema_.reset(); }

  std::unique_ptr<test::ScratchSchema> schema_;
  std::string url_;
};

TEST_F(PostgresCli, IncidentsOpenedAndDecidedThroughTheBinaryLiveInPostgres) {
  auto opened = vigil({"incident", "open", "--title", "Cloud outage", "--awareness", "2025-03-01T10:00:00Z",
                       "--timezone", "Europe/Berlin", "--entity-type",
                       "digital_infrastructure.cloud_computing_service_provider", "--by", "alice", "--db", url_});
  ASSERT_EQ(opened.exit_code, 0) << opened.output;
  EXPECT_NE(opened.output.find("INC-1"), std::string::npos) << opened.output;

  auto decided = vigil({"incident", "decide", "INC-1", "--decision", "Isolate the storage cluster", "--rationale",
                        "contain first", "--by", "bob", "--db", url_});
  ASSERT_EQ(decided.exit_code, 0) << decided.output;

  auto listed = vigil({"incident", "list", "--format", "json", "--db", url_});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find("Cloud outage"), std::string::npos) << listed.output;

  // The same records, read through the IncidentStore on another connection.
  auto store = open_store(url_);
  ASSERT_TRUE(store) << describe(store.error());
  auto events = (*store)->events(kDefaultOrg, "INC-1");
  ASSERT_TRUE(events) << describe(events.error());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].actor, "bob");

  auto verified = vigil({"audit", "verify", "--db", url_});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;

  test::run_sql(url_, "UPDATE incident_events SET actor = 'mallory' WHERE incident_id = 'INC-1' AND seq = 2");
  auto caught = vigil({"audit", "verify", "--db", url_});
  EXPECT_NE(caught.exit_code, 0) << caught.output;
  EXPECT_NE(caught.output.find("INC-1"), std::string::npos) << caught.output;
}

TEST_F(PostgresCli, AnUnreachableDatabaseIsAClearErrorAndExitsNonZero) {
  auto run = vigil({"incident", "list", "--db", "postgresql://vigil:hunter2@127.0.0.1:1/vigil"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("cannot connect to the PostgreSQL workspace"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("hunter2"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace vigil::store
