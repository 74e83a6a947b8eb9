// The account tables on SQLite: in the workspace file beside the incident
// records, duplicates refused, unknown organisations reported, reopening safe.
#include <gtest/gtest.h>

#include "server/test_server.h"
#include "store/incident_store.h"

namespace vigil::test {
namespace {

TEST(Accounts, LiveInTheWorkspaceBesideTheIncidentRecords) {
  auto dir = fresh_directory();
  auto path = (dir / "vigil.db").string();
  {
    auto accounts = store::open_accounts(path).value();
    EXPECT_TRUE(accounts->add_organisation("acme", "Acme", {"root (command line)", {}}));
    auto again = accounts->add_organisation("acme", "Acme again", {"root (command line)", {}});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    auto user = accounts->add_user("alice", "$argon2id$x", test_now()).value();
    EXPECT_EQ(accounts->add_user("alice", "$argon2id$y", test_now()).error().code, ErrorCode::Conflict);
    EXPECT_EQ(
        accounts->grant(user.id, "nowhere", store::Role::Admin, store::AccountChange{"test", test_now()}).error().code,
        ErrorCode::NotFound);
    EXPECT_TRUE(accounts->grant(user.id, "acme", store::Role::Responder, store::AccountChange{"test", test_now()}));
    EXPECT_TRUE(
        accounts->grant(user.id, "acme", store::Role::Manager, store::AccountChange{"test", test_now()}));  // replaces
  }
  // Reopening applies nothing twice; the incident store sees the same organisation.
  auto accounts = store::open_accounts(path).value();
  auto user = accounts->find_user("alice").value();
  auto memberships = accounts->memberships(user.id).value();
  ASSERT_EQ(memberships.size(), 1u);
  EXPECT_EQ(memberships[0].role, store::Role::Manager);
  auto orgs = accounts->organisations().value();
  ASSERT_EQ(orgs.size(), 2u);  // the workspace's "default" and acme
  EXPECT_EQ(orgs[0].slug, "acme");
  auto records = store::open_store(path).value();
  EXPECT_TRUE(records->list_incidents("acme", {}));
  std::filesystem::remove_all(dir);
}

TEST(Accounts, RolesParseAndNameThemselves) {
  for (auto name : store::kRoleNames) EXPECT_EQ(store::to_string(store::parse_role(name, "r").value()), name);
  auto bad = store::parse_role("owner", "--role");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "--role");
  EXPECT_NE(bad.error().message.find("admin, manager"), std::string::npos);
}

TEST(Accounts, SessionsExpireAndTokensAreFoundByHash) {
  auto dir = fresh_directory();
  auto accounts = store::open_accounts((dir / "vigil.db").string()).value();
  auto user = accounts->add_user("bob", "h", test_now()).value();
  store::Session session{"hash1", user.id, "csrf", test_now(), test_now() + std::chrono::hours(1)};
  EXPECT_TRUE(accounts->add_session(session));
  EXPECT_TRUE(accounts->find_session("hash1", test_now() + std::chrono::minutes(59)));
  EXPECT_EQ(accounts->find_session("hash1", test_now() + std::chrono::hours(1)).error().code, ErrorCode::NotFound);
  EXPECT_TRUE(accounts->add_token("tokenhash", user.id, "ci", store::AccountChange{"test", test_now()}));
  EXPECT_EQ(accounts->find_token("tokenhash")->user_id, user.id);
  EXPECT_EQ(accounts->find_token("other").error().code, ErrorCode::NotFound);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vigil::test
