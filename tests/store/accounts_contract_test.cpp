// The AccountStore contract, written against the interface and run on every
// implementation: SQLite (a workspace file) and PostgreSQL (a fresh schema in
// the throwaway cluster of scripts/with-postgres.sh; skipped without it).
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "store/accounts.h"
#include "store/incident_store.h"
#include "store/postgres_scratch.h"
#include "store/store_fixtures.h"

namespace vigil::store {
namespace {

Instant now() { return *parse_rfc3339("2025-03-01T10:00:00Z", "test"); }

struct AccountsFactory {
  std::string name;
  // Where a workspace lives: a file in `dir`, or a fresh schema's URL. "" when unavailable.
  std::function<std::string(const fs::path& dir)> location;
};

std::ostream& operator<<(std::ostream& out, const AccountsFactory& f) { return out << f.name; }

class AccountsContract : public testing::TestWithParam<AccountsFactory> {
 protected:
  void SetUp() override {
    dir_ = test::fresh_test_dir("accounts");
    if (GetParam().name == "postgres" && !test::postgres_server()) GTEST_SKIP() << test::kNoPostgres;
    location_ = GetParam().location(dir_);
    ASSERT_FALSE(location_.empty());
    accounts_ = reopen();
    ASSERT_NE(accounts_, nullptr);
  }
  void TearDown() override {
    accounts_.reset();
    fs::remove_all(dir_);
  }

  std::unique_ptr<AccountStore> reopen() {
    auto accounts = open_accounts(location_);
    EXPECT_TRUE(accounts) << describe(accounts.error());
    return accounts ? std::move(*accounts) : nullptr;
  }

  fs::path dir_;
  std::string location_;
  std::unique_ptr<AccountStore> accounts_;
};

TEST_P(AccountsContract, OrganisationsAreUniqueAndSharedWithTheIncidentRecords) {
  ASSERT_TRUE(accounts_->add_organisation("acme", "Acme", {"root (command line)", {}}));
  auto again = accounts_->add_organisation("acme", "Acme again", {"root (command line)", {}});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
  EXPECT_EQ(again.error().where, "organisation acme");
  EXPECT_EQ(accounts_->find_organisation("acme")->name, "Acme");
  EXPECT_EQ(accounts_->find_organisation("nobody").error().code, ErrorCode::NotFound);
  auto orgs = accounts_->organisations();
  ASSERT_TRUE(orgs);
  ASSERT_EQ(orgs->size(), 2u);  // the workspace's "default" and acme
  EXPECT_EQ((*orgs)[0].slug, "acme");
  EXPECT_EQ((*orgs)[1].slug, "default");
  auto records = open_store(location_);
  ASSERT_TRUE(records) << describe(records.error());
  EXPECT_TRUE((*records)->list_incidents("acme", {}));
}

TEST_P(AccountsContract, UsersGetNumbersAndRolesPerOrganisation) {
  ASSERT_TRUE(accounts_->add_organisation("acme", "Acme", {"root (command line)", {}}));
  auto alice = accounts_->add_user("alice", "$argon2id$x", now());
  ASSERT_TRUE(alice) << describe(alice.error());
  auto bob = accounts_->add_user("bob", "$argon2id$y", now());
  ASSERT_TRUE(bob);
  EXPECT_NE(alice->id, bob->id);
  auto duplicate = accounts_->add_user("alice", "$argon2id$z", now());
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::Conflict);
  EXPECT_EQ(duplicate.error().where, "user alice");
  EXPECT_EQ(accounts_->find_user("alice")->id, alice->id);
  EXPECT_EQ(accounts_->find_user("alice")->created_at, now());
  EXPECT_EQ(accounts_->user_by_id(bob->id)->username, "bob");
  EXPECT_EQ(accounts_->user_by_id(9999).error().code, ErrorCode::NotFound);
  EXPECT_EQ(accounts_->find_user("carol").error().code, ErrorCode::NotFound);

  EXPECT_EQ(accounts_->grant(alice->id, "nowhere", Role::Admin, store::AccountChange{"test", now()}).error().code,
            ErrorCode::NotFound);
  ASSERT_TRUE(accounts_->grant(alice->id, "acme", Role::Responder, store::AccountChange{"test", now()}));
  ASSERT_TRUE(accounts_->grant(alice->id, "acme", Role::Manager, store::AccountChange{"test", now()}));  // replaces
  ASSERT_TRUE(
      accounts_->grant(alice->id, std::string(kDefaultOrg), Role::Auditor, store::AccountChange{"test", now()}));
  // Reopening applies no migration twice and keeps everything.
  accounts_ = reopen();
  ASSERT_NE(accounts_, nullptr);
  auto memberships = accounts_->memberships(alice->id);
  ASSERT_TRUE(memberships);
  ASSERT_EQ(memberships->size(), 2u);
  EXPECT_EQ((*memberships)[0].organisation_slug, "acme");
  EXPECT_EQ((*memberships)[0].role, Role::Manager);
  EXPECT_EQ((*memberships)[1].role, Role::Auditor);
  EXPECT_TRUE(accounts_->memberships(bob->id)->empty());
}

TEST_P(AccountsContract, SessionsExpireAndCanBeEnded) {
  auto user = accounts_->add_user("bob", "h", now()).value();
  Session session{"hash1", user.id, "csrf", now(), now() + std::chrono::hours(1)};
  ASSERT_TRUE(accounts_->add_session(session));
  auto found = accounts_->find_session("hash1", now() + std::chrono::minutes(59));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_id, user.id);
  EXPECT_EQ(found->csrf_token, "csrf");
  EXPECT_EQ(found->expires_at, now() + std::chrono::hours(1));
  EXPECT_EQ(accounts_->find_session("hash1", now() + std::chrono::hours(1)).error().code, ErrorCode::NotFound);
  // A later sign-in sweeps the expired one.
  ASSERT_TRUE(
      accounts_->add_session({"hash2", user.id, "c2", now() + std::chrono::hours(2), now() + std::chrono::hours(3)}));
  EXPECT_EQ(accounts_->find_session("hash1", now()).error().code, ErrorCode::NotFound);
  ASSERT_TRUE(accounts_->delete_session("hash2"));
  EXPECT_EQ(accounts_->find_session("hash2", now() + std::chrono::hours(2)).error().code, ErrorCode::NotFound);
}

TEST_P(AccountsContract, TokensAreFoundByHashOnly) {
  auto user = accounts_->add_user("ci", "h", now()).value();
  auto first = accounts_->add_token("tokenhash", user.id, "ci", store::AccountChange{"test", now()});
  ASSERT_TRUE(first) << describe(first.error());
  auto second = accounts_->add_token("otherhash", user.id, "siem-export", store::AccountChange{"test", now()});
  ASSERT_TRUE(second);
  EXPECT_NE(first->id, second->id);
  EXPECT_EQ(accounts_->add_token("tokenhash", user.id, "again", store::AccountChange{"test", now()}).error().code,
            ErrorCode::Conflict);
  auto found = accounts_->find_token("tokenhash");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_id, user.id);
  EXPECT_EQ(found->name, "ci");
  EXPECT_EQ(found->id, first->id);
  EXPECT_EQ(accounts_->find_token("unknown").error().code, ErrorCode::NotFound);
  EXPECT_TRUE(accounts_->ping());
}

TEST_P(AccountsContract, TwoOpenStoresSeeEachOthersWrites) {
  auto other = reopen();
  ASSERT_NE(other, nullptr);
  auto user = accounts_->add_user("dora", "h", now()).value();
  EXPECT_EQ(other->find_user("dora")->id, user.id);
  ASSERT_TRUE(other->add_organisation("beta", "Beta", {"root (command line)", {}}));
  EXPECT_TRUE(accounts_->grant(user.id, "beta", Role::Compliance, store::AccountChange{"test", now()}));
  EXPECT_EQ(other->memberships(user.id)->at(0).role, Role::Compliance);
}

INSTANTIATE_TEST_SUITE_P(
    Implementations, AccountsContract,
    testing::Values(AccountsFactory{"sqlite", [](const fs::path& dir) { return (dir / "vigil.db").string(); }},
                    AccountsFactory{"postgres",
                                    [](const fs::path&) -> std::string {
                                      auto server = test::postgres_server();
                                      if (!server) return "";
                                      return test::url_in_schema(*server, test::create_scratch_schema(*server));
                                    }}),
    [](const testing::TestParamInfo<AccountsFactory>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace vigil::store
