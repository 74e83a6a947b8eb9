// The AccountStore contract, written against the interface and run on every
// implementation: SQLite (a workspace file) and PostgreSQL (a fresh schema in
// the throwaway cluster of scripts/with-postgres.sh; skipped without it).
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/accounts.h"
#include "store/incident_store.h"
#include "store/workspace_contract.h"

namespace vigil::store {
namespace {

Instant now() { return *parse_rfc3339("2025-03-01T10:00:00Z", "test"); }

// The tests add their own organisations: the workspace starts with "default" alone.
class AccountsContract : public test::OneStoreContract<AccountStore> {
 protected:
  AccountsContract() : OneStoreContract(std::vector<test::SeedOrganisation>{}) {}
  Result<std::unique_ptr<AccountStore>> open(const std::string& location) override { return open_accounts(location); }
};

TEST_P(AccountsContract, OrganisationsAreUniqueAndSharedWithTheIncidentRecords) {
  ASSERT_TRUE(store_->add_organisation("acme", "Acme", {"root (command line)", {}}));
  auto again = store_->add_organisation("acme", "Acme again", {"root (command line)", {}});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
  EXPECT_EQ(again.error().where, "organisation acme");
  EXPECT_EQ(store_->find_organisation("acme")->name, "Acme");
  EXPECT_EQ(store_->find_organisation("nobody").error().code, ErrorCode::NotFound);
  auto orgs = store_->organisations();
  ASSERT_TRUE(orgs);
  ASSERT_EQ(orgs->size(), 2u);  // the workspace's "default" and acme
  EXPECT_EQ((*orgs)[0].slug, "acme");
  EXPECT_EQ((*orgs)[1].slug, "default");
  auto records = open_store(location_);
  ASSERT_TRUE(records) << describe(records.error());
  EXPECT_TRUE((*records)->list_incidents("acme", {}));
}

TEST_P(AccountsContract, UsersGetNumbersAndRolesPerOrganisation) {
  ASSERT_TRUE(store_->add_organisation("acme", "Acme", {"root (command line)", {}}));
  auto alice = store_->add_user("alice", "$argon2id$x", now());
  ASSERT_TRUE(alice) << describe(alice.error());
  auto bob = store_->add_user("bob", "$argon2id$y", now());
  ASSERT_TRUE(bob);
  EXPECT_NE(alice->id, bob->id);
  auto duplicate = store_->add_user("alice", "$argon2id$z", now());
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::Conflict);
  EXPECT_EQ(duplicate.error().where, "user alice");
  EXPECT_EQ(store_->find_user("alice")->id, alice->id);
  EXPECT_EQ(store_->find_user("alice")->created_at, now());
  EXPECT_EQ(store_->user_by_id(bob->id)->username, "bob");
  EXPECT_EQ(store_->user_by_id(9999).error().code, ErrorCode::NotFound);
  EXPECT_EQ(store_->find_user("carol").error().code, ErrorCode::NotFound);

  EXPECT_EQ(store_->grant(alice->id, "nowhere", Role::Admin, store::AccountChange{"test", now()}).error().code,
            ErrorCode::NotFound);
  ASSERT_TRUE(store_->grant(alice->id, "acme", Role::Responder, store::AccountChange{"test", now()}));
  ASSERT_TRUE(store_->grant(alice->id, "acme", Role::Manager, store::AccountChange{"test", now()}));  // replaces
  ASSERT_TRUE(store_->grant(alice->id, std::string(kDefaultOrg), Role::Auditor, store::AccountChange{"test", now()}));
  // Reopening applies no migration twice and keeps everything.
  store_ = reopen();
  ASSERT_NE(store_, nullptr);
  auto memberships = store_->memberships(alice->id);
  ASSERT_TRUE(memberships);
  ASSERT_EQ(memberships->size(), 2u);
  EXPECT_EQ((*memberships)[0].organisation_slug, "acme");
  EXPECT_EQ((*memberships)[0].role, Role::Manager);
  EXPECT_EQ((*memberships)[1].role, Role::Auditor);
  EXPECT_TRUE(store_->memberships(bob->id)->empty());
}

TEST_P(AccountsContract, SessionsExpireAndCanBeEnded) {
  auto user = store_->add_user("bob", "h", now()).value();
  Session session{"hash1", user.id, "csrf", now(), now() + std::chrono::hours(1)};
  ASSERT_TRUE(store_->add_session(session));
  auto found = store_->find_session("hash1", now() + std::chrono::minutes(59));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_id, user.id);
  EXPECT_EQ(found->csrf_token, "csrf");
  EXPECT_EQ(found->expires_at, now() + std::chrono::hours(1));
  EXPECT_EQ(store_->find_session("hash1", now() + std::chrono::hours(1)).error().code, ErrorCode::NotFound);
  // A later sign-in sweeps the expired one.
  ASSERT_TRUE(
      store_->add_session({"hash2", user.id, "c2", now() + std::chrono::hours(2), now() + std::chrono::hours(3)}));
  EXPECT_EQ(store_->find_session("hash1", now()).error().code, ErrorCode::NotFound);
  ASSERT_TRUE(store_->delete_session("hash2"));
  EXPECT_EQ(store_->find_session("hash2", now() + std::chrono::hours(2)).error().code, ErrorCode::NotFound);
}

TEST_P(AccountsContract, TokensAreFoundByHashOnly) {
  auto user = store_->add_user("ci", "h", now()).value();
  auto first = store_->add_token("tokenhash", user.id, "ci", store::AccountChange{"test", now()});
  ASSERT_TRUE(first) << describe(first.error());
  auto second = store_->add_token("otherhash", user.id, "siem-export", store::AccountChange{"test", now()});
  ASSERT_TRUE(second);
  EXPECT_NE(first->id, second->id);
  EXPECT_EQ(store_->add_token("tokenhash", user.id, "again", store::AccountChange{"test", now()}).error().code,
            ErrorCode::Conflict);
  auto found = store_->find_token("tokenhash");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_id, user.id);
  EXPECT_EQ(found->name, "ci");
  EXPECT_EQ(found->id, first->id);
  EXPECT_EQ(store_->find_token("unknown").error().code, ErrorCode::NotFound);
  EXPECT_TRUE(store_->ping());
}

TEST_P(AccountsContract, TwoOpenStoresSeeEachOthersWrites) {
  auto other = reopen();
  ASSERT_NE(other, nullptr);
  auto user = store_->add_user("dora", "h", now()).value();
  EXPECT_EQ(other->find_user("dora")->id, user.id);
  ASSERT_TRUE(other->add_organisation("beta", "Beta", {"root (command line)", {}}));
  EXPECT_TRUE(store_->grant(user.id, "beta", Role::Compliance, store::AccountChange{"test", now()}));
  EXPECT_EQ(other->memberships(user.id)->at(0).role, Role::Compliance);
}

INSTANTIATE_TEST_SUITE_P(Implementations, AccountsContract, test::every_backend(), test::backend_name);

}  // namespace
}  // namespace vigil::store
