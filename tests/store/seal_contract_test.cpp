// Sealed chain heads (store/seal.h, store/chain_seals.h) on every way a
// workspace is written: SQLite (the CLI), SQLite behind the server's group
// commit, and PostgreSQL (skipped, saying so, without VIGIL_TEST_POSTGRES).
// The tamper cases are plain SQL by somebody with write access to the
// database but not the key: each must be found by the seals, and the first
// (a rolled-back chain) is one the hash chains alone do not catch.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "incident/incident.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/chain_seals.h"
#include "store/compliance_store.h"
#include "store/exercise_store.h"
#include "store/group_commit_store.h"
#include "store/incident_store.h"
#include "store/open_sql.h"
#include "store/postgres_scratch.h"
#include "store/record_trail.h"
#include "store/seal.h"
#include "store/store_fixtures.h"
#include "store/workspace_trail.h"
#include "test_time.h"
#include "tzdata/zones.h"

namespace vigil::store {
namespace {

enum class Writer { Repository, GroupCommit, Postgres };

struct Backend {
  std::string name;
  Writer writer;
};
std::ostream& operator<<(std::ostream& out, const Backend& b) { return out << b.name; }

class SealContract : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = test::fresh_test_dir("seal");
    if (GetParam().writer == Writer::Postgres) {
      auto server = test::postgres_server();
      if (!server) GTEST_SKIP() << test::kNoPostgres;
      location_ = test::url_in_schema(*server, test::create_scratch_schema(*server));
    } else {
      location_ = (dir_ / "vigil.db").string();
    }
    auto key = Sealer::generate((dir_ / "seal.key").string());
    ASSERT_TRUE(key) << describe(key.error());
    auto sealer = Sealer::load((dir_ / "seal.key").string());
    ASSERT_TRUE(sealer) << describe(sealer.error());
    sealer_ = *sealer;
    store_ = open_incidents(sealer_);
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::unique_ptr<IncidentStore> open_incidents(SealerRef sealer) {
    if (GetParam().writer == Writer::GroupCommit)
      return test::expect_opened(GroupCommitStore::open(location_, {}, sealer));
    return test::expect_opened(open_store(location_, sealer));
  }

  // Plain SQL, as the sqlite3 shell or psql would run it (nothing sealed).
  void tamper(const std::string& statements) {
    auto db = open_sql(location_);
    ASSERT_TRUE(db) << describe(db.error());
    auto done = (*db)->run(sql::Access::Write, [&](sql::Transaction& tx) { return tx.execute(statements); });
    ASSERT_TRUE(done) << describe(done.error()) << "\n" << statements;
  }
  std::string query_text(const std::string& text) {
    auto db = open_sql(location_);
    EXPECT_TRUE(db);
    auto rows = (*db)->transact(sql::Access::Read, [&](sql::Transaction& tx) { return tx.query(text); });
    EXPECT_TRUE(rows) << describe(rows.error());
    return rows && !rows->empty() ? (*rows)[0].text(0) : "";
  }

  // INC-1 rolled back to entry `seq` with plain SQL, its listing row set back
  // to match (no hashing needed), then the statements of `more`.
  void roll_back_inc1(int seq, const std::string& more = "") {
    const std::string hash =
        query_text(fmt::format("SELECT hash FROM incident_events WHERE incident_id = 'INC-1' AND seq = {}", seq));
    tamper(
        fmt::format("DELETE FROM incident_events WHERE incident_id = 'INC-1' AND seq > {0}; "
                    "UPDATE incidents SET event_count = {0}, head_hash = '{1}' WHERE incident_id = 'INC-1'{2}",
                    seq, hash, more));
  }

  static NextEntry submitting(inc::SubmissionType type, const char* when) {
    return test::submitting(type, when, /*out_of_order=*/true);
  }

  // INC-1 (3 entries), INC-2 (1 entry), a record trail (trail.started and
  // one entry) and EX-1 (1 entry), all written with the key.
  void seed() {
    test::seed_two_incidents(*store_);
    if (HasFatalFailure()) return;
    auto db = open_sql(location_, sealer_);
    ASSERT_TRUE(db);
    auto trail = (*db)->run(sql::Access::Write, [](sql::Transaction& tx) {
      return append_trail(tx, kDefaultOrg,
                          TrailDraft{at("2025-03-02T12:00:00Z"), "carol", "document.created", "document:policy",
                                     std::nullopt, R"({"name":"Policy"})"});
    });
    ASSERT_TRUE(trail) << describe(trail.error());
    auto exercises = open_exercises(location_, sealer_);
    ASSERT_TRUE(exercises);
    NewExercise x{"ransomware",  "data/scenarios/ransomware.toml", sha256_hex("toml"), "toml", true, {},
                  "facilitator", at("2025-03-02T12:00:00Z")};
    auto started = (*exercises)
                       ->start(kDefaultOrg, x,
                               inc::EventDraft{"started", "facilitator", at("2025-03-02T12:00:00Z"), R"({"n":1})"});
    ASSERT_TRUE(started) << describe(started.error());
  }

  // What an auditor with `key` finds: the chains' actual heads against their seals.
  SealVerification seals(const PublicKey* key) {
    auto store = open_store(location_);
    EXPECT_TRUE(store);
    std::vector<ChainHeadAt> heads;
    auto incidents = verify_workspace(**store, kDefaultOrg);
    EXPECT_TRUE(incidents) << describe(incidents.error());
    heads = incidents->heads;
    auto db = open_sql(location_);
    auto trail = (*db)->transact(sql::Access::Read, [](sql::Transaction& tx) -> Result<std::optional<ChainHeadAt>> {
      auto rows = TRY(
          tx.query("SELECT seq, hash FROM record_trail WHERE org_id = $1 ORDER BY seq DESC LIMIT 1", {kDefaultOrg}));
      if (rows.empty()) return std::optional<ChainHeadAt>();
      return std::optional<ChainHeadAt>(
          ChainHeadAt{record_trail_chain(kDefaultOrg), rows[0].integer(0), rows[0].text(1)});
    });
    EXPECT_TRUE(trail);
    if (*trail) heads.push_back(**trail);
    auto exercises = open_exercises(location_);
    auto logs = verify_exercises(**exercises, kDefaultOrg);
    EXPECT_TRUE(logs);
    heads.insert(heads.end(), logs->heads.begin(), logs->heads.end());
    auto stored = (*open_seals(location_))->seals(kDefaultOrg);
    EXPECT_TRUE(stored) << describe(stored.error());
    return check_seals(heads, *stored, key);
  }
  SealVerification seals() { return seals(&sealer_->public_key()); }
  // The findings of seals(), a failure when there are not `count`.
  std::vector<SealFinding> findings(std::size_t count) {
    auto report = seals();
    EXPECT_EQ(report.findings.size(), count) << testing::PrintToString(reasons(report));
    return report.findings;
  }
  // The one finding of seals() (a failure, and no finding, when there is not exactly one).
  SealFinding only_finding() {
    auto found = findings(1);
    return found.size() == 1 ? found[0] : SealFinding{};
  }

  static std::vector<std::string> reasons(const SealVerification& report) {
    std::vector<std::string> out;
    for (const auto& f : report.findings) out.push_back(describe(f.chain) + ": " + f.reason);
    return out;
  }

  fs::path dir_;
  std::string location_;
  SealerRef sealer_;
  std::unique_ptr<IncidentStore> store_;
};

TEST_P(SealContract, EveryChainWrittenWithTheKeyIsSealedAndChecks) {
  seed();
  auto report = seals();
  EXPECT_TRUE(report.intact()) << testing::PrintToString(reasons(report));
  // INC-1, INC-2, the numbering, the record trail, EX-1 and the set of them.
  EXPECT_EQ(report.checked, 6);
  EXPECT_TRUE(report.unsealed.empty());
  EXPECT_EQ(query_text("SELECT seq FROM chain_seals WHERE chain_kind = 'incident' AND chain_id = 'INC-1'"), "3");
  EXPECT_EQ(query_text("SELECT seq FROM chain_seals WHERE chain_kind = 'incident_numbers'"), "2");
}

// The attack the hash chains alone miss: the last entry deleted and the
// listing row set back to its predecessor, no hashing needed.
TEST_P(SealContract, DeletingTheLastEntryAndSettingTheHeadBackIsCaught) {
  seed();
  roll_back_inc1(2);
  auto store = open_store(location_);
  auto chains = verify_workspace(**store, kDefaultOrg);
  ASSERT_TRUE(chains);
  // The listing row is re-derived from the entries, so it disagrees (status,
  // next report); the seal is what says an entry is missing.
  const SealFinding finding = only_finding();
  EXPECT_EQ(finding.chain.id, "INC-1");
  EXPECT_EQ(finding.reason,
            "sealed head says entry 3, chain ends at entry 2: entries were removed (the chain was rolled back)");
}

TEST_P(SealContract, TruncatingAChainIsCaught) {
  seed();
  roll_back_inc1(1);
  const SealFinding finding = only_finding();
  EXPECT_NE(finding.reason.find("sealed head says entry 3, chain ends at entry 1"), std::string::npos);
}

TEST_P(SealContract, RollingBackTheRecordTrailIsCaught) {
  seed();
  tamper("DELETE FROM record_trail WHERE seq = 2");
  const SealFinding finding = only_finding();
  EXPECT_EQ(finding.chain.kind, kRecordTrailChain);
  EXPECT_NE(finding.reason.find("sealed head says entry 2, chain ends at entry 1"), std::string::npos);
}

TEST_P(SealContract, RemovingAnExerciseLogsEntriesIsCaught) {
  seed();
  tamper("DELETE FROM exercise_events WHERE exercise_id = 'EX-1'");
  const SealFinding finding = only_finding();
  EXPECT_EQ(finding.chain.id, "EX-1");
  EXPECT_EQ(finding.reason, "sealed at entry 1, but the chain has no entries any more");
}

// The newest incident deleted and the counter of numbers given out lowered
// with it: no gap, no counter left to tell; the numbering's seal does.
TEST_P(SealContract, RemovingTheNewestIncidentAndLoweringTheCounterIsCaught) {
  seed();
  tamper(
      "DELETE FROM incident_events WHERE incident_id = 'INC-2'; DELETE FROM incidents WHERE incident_id = "
      "'INC-2'; DELETE FROM chain_seals WHERE chain_id = 'INC-2'; UPDATE organisations SET "
      "last_incident_number = 1");
  auto found = findings(2);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].chain.kind, kNumberingChain);
  EXPECT_NE(found[0].reason.find("says INC-2 was given out"), std::string::npos);
  // And the signed set of sealed chains misses INC-2's seal.
  EXPECT_EQ(found[1].chain.kind, kSealedSetChain);
  EXPECT_EQ(found[1].reason, "the signed set of sealed chains has 5 chains, 4 seals remain: seals were deleted");
}

TEST_P(SealContract, SwappingTwoChainsSealsIsCaught) {
  seed();
  tamper(
      "UPDATE chain_seals SET chain_id = 'tmp' WHERE chain_id = 'INC-1'; "
      "UPDATE chain_seals SET chain_id = 'INC-1' WHERE chain_id = 'INC-2'; "
      "UPDATE chain_seals SET chain_id = 'INC-2' WHERE chain_id = 'tmp'");
  auto report = seals();
  EXPECT_EQ(report.findings.size(), 2u) << testing::PrintToString(reasons(report));
}

// Even a seal copied with its head to match (seq and hash rewritten) fails:
// the signature covers the organisation, the kind and the chain's id.
TEST_P(SealContract, ASealMovedToAnotherChainDoesNotVerify) {
  seed();
  tamper(
      "UPDATE chain_seals SET chain_id = 'INC-9' WHERE chain_id = 'INC-2'; "
      "UPDATE chain_seals SET chain_id = 'INC-2' WHERE chain_id = 'INC-9'");  // a no-op: still valid
  EXPECT_TRUE(seals().intact());
  const std::string signature = query_text("SELECT signature FROM chain_seals WHERE chain_id = 'EX-1'");
  const std::string path = query_text("SELECT path FROM chain_seals WHERE chain_id = 'EX-1'");
  tamper("UPDATE chain_seals SET signature = '" + signature + "', path = '" + path + "' WHERE chain_id = 'INC-2'");
  const SealFinding finding = only_finding();
  EXPECT_EQ(finding.chain.id, "INC-2");
  EXPECT_NE(finding.reason.find("signature does not verify"), std::string::npos);
}

TEST_P(SealContract, ASealByAnotherKeyIsCaught) {
  seed();
  auto other = Sealer::generate((dir_ / "other.key").string());
  ASSERT_TRUE(other);
  auto report = seals(&*other);
  EXPECT_EQ(report.checked, 0);
  ASSERT_EQ(report.findings.size(), 6u);
  EXPECT_NE(report.findings[0].reason.find("sealed by key " + sealer_->public_key().id() + ", not by the key given"),
            std::string::npos);
}

// Entries appended by somebody without the key (here with correct hashes,
// computed as anyone can): the seal stays behind.
TEST_P(SealContract, EntriesAppendedWithoutASealAreCaught) {
  seed();
  auto events = *store_->events(kDefaultOrg, "INC-2");
  inc::Event forged =
      inc::seal(std::string(kDefaultOrg), "INC-2", inc::ChainHead{1, events[0].hash},
                inc::EventDraft{"facts_recorded", "mallory", at("2025-03-03T00:00:00Z"), R"({"facts":{"x":"y"}})"});
  tamper(
      fmt::format("INSERT INTO incident_events (org_id, incident_id, seq, kind, actor, recorded_at, payload, "
                  "prev_hash, hash) VALUES ('default', 'INC-2', 2, '{}', '{}', '{}', '{}', '{}', '{}')",
                  forged.kind, forged.actor, format_utc(forged.at), forged.payload, forged.prev_hash, forged.hash));
  const SealFinding finding = only_finding();
  EXPECT_EQ(finding.reason, "sealed head says entry 1, chain ends at entry 2: entries were appended without a seal");
}

TEST_P(SealContract, AnEditedSignatureIsCaught) {
  seed();
  tamper("UPDATE chain_seals SET signature = '" + std::string(128, 'a') + "' WHERE chain_id = 'INC-1'");
  auto report = seals();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].reason.find("signature does not verify"), std::string::npos);
}

// Honest writers without the key are refused rather than leaving a seal
// behind, and nothing is recorded.
TEST_P(SealContract, AWriteWithoutTheKeyToASealedOrganisationIsRefused) {
  // acme is added before anything is sealed (adding one later needs the key: below).
  store_.reset();
  ASSERT_TRUE(open_incidents(nullptr)->ensure_organisation("acme", "Acme"));
  store_ = open_incidents(sealer_);
  seed();
  store_.reset();
  auto keyless = open_incidents(nullptr);
  auto refused =
      keyless->append(kDefaultOrg, "INC-2", submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T11:00:00Z"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::Forbidden);
  // The store names no option or variable: it says what would help as a hint,
  // which each adapter words (the CLI: --seal-key or VIGIL_SEAL_KEY).
  EXPECT_EQ(refused.error().hint.kind, HintKind::GiveSealKey);
  EXPECT_EQ(refused.error().message.find("VIGIL_SEAL_KEY"), std::string::npos);
  EXPECT_EQ(query_text("SELECT COUNT(*) FROM incident_events WHERE incident_id = 'INC-2'"), "1");
  EXPECT_TRUE(seals().intact());
  // Another organisation, never sealed, is written as before.
  EXPECT_TRUE(keyless->open_incident("acme", opened("unsealed")));
  // A new organisation is not: default keeps a copy of the seal of the
  // workspace's chain of organisations (store/workspace_trail.h), which the
  // new entry would leave behind.
  auto added = keyless->ensure_organisation("globex", "Globex");
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().hint.kind, HintKind::GiveSealKey);
  EXPECT_EQ(query_text("SELECT COUNT(*) FROM organisations WHERE org_id = 'globex'"), "0");
}

// Without a key nothing is sealed, and nothing is vouched for: every chain
// is listed as not sealed.
TEST_P(SealContract, WithoutAKeyNothingIsSealedAndNothingIsVouchedFor) {
  store_.reset();
  store_ = open_incidents(nullptr);
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("first")));
  EXPECT_EQ(query_text("SELECT COUNT(*) FROM chain_seals"), "0");
  auto report = seals(nullptr);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.checked, 0);
  // Given a key, unsealed chains are not vouched for: the key asserts seals.
  EXPECT_FALSE(seals().intact());
  EXPECT_EQ(report.unsealed.size(), 2u);  // INC-1 and the numbering
  // And a sealed workspace read without a key counts its seals unchecked.
  store_.reset();
  store_ = open_incidents(sealer_);
  ASSERT_TRUE(
      store_->append(kDefaultOrg, "INC-1", submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T11:00:00Z")));
  auto unchecked = seals(nullptr);
  EXPECT_EQ(unchecked.checked, 0);
  EXPECT_EQ(unchecked.unchecked, 2);         // INC-1 and the set of sealed chains
  EXPECT_EQ(unchecked.unsealed.size(), 1u);  // the numbering: INC-1 was opened without the key
}

// Many writers at once: the group commit signs once per commit, yet every
// chain's seal checks on its own (its Merkle path to the signed root).
TEST_P(SealContract, ConcurrentCreatesAreEachSealed) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) EXPECT_TRUE(store_->open_incident(kDefaultOrg, opened("many")));
    });
  }
  for (auto& t : threads) t.join();
  auto report = seals();
  EXPECT_TRUE(report.intact()) << testing::PrintToString(reasons(report));
  EXPECT_EQ(report.checked, 82);  // 80 incidents, the numbering and the set of sealed chains
  const auto signatures = std::stoll(query_text("SELECT COUNT(DISTINCT signature) FROM chain_seals"));
  if (GetParam().writer == Writer::GroupCommit) {
    auto* group = dynamic_cast<GroupCommitStore*>(store_.get());
    ASSERT_NE(group, nullptr);
    EXPECT_LE(signatures, group->counts().commits);
  }
  EXPECT_GE(signatures, 1);
}

// --- the set of sealed chains ---------------------------------------------------------

// What the seals alone cannot tell: a chain's seal deleted together with the
// entries it covered leaves a chain that merely looks "not sealed". The
// signed set of sealed chains says a seal is missing.
TEST_P(SealContract, AChainWhoseSealWasDeletedWithItsLaterEntriesIsCaught) {
  seed();
  roll_back_inc1(1, "; DELETE FROM chain_seals WHERE chain_id = 'INC-1'");
  auto report = seals();
  ASSERT_EQ(report.findings.size(), 2u) << testing::PrintToString(reasons(report));
  EXPECT_EQ(report.findings[0].chain.kind, kSealedSetChain);
  EXPECT_EQ(report.findings[0].reason,
            "the signed set of sealed chains has 5 chains, 4 seals remain: seals were deleted");
  EXPECT_EQ(report.findings[1].chain.id, "INC-1");
  EXPECT_NE(report.findings[1].reason.find("its seal was deleted"), std::string::npos);
  EXPECT_FALSE(report.set_not_covered);
  // Without a key it is still a finding: the set and the seals disagree.
  EXPECT_FALSE(seals(nullptr).intact());
}

// Deleting the set's own seal as well does not make the workspace look like
// one sealed before the set was signed: every seal says it was signed.
TEST_P(SealContract, DeletingTheSetOfSealedChainsIsCaught) {
  seed();
  tamper("DELETE FROM chain_seals WHERE chain_id IN ('INC-1', 'chains')");
  auto report = seals();
  ASSERT_GE(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].chain.kind, kSealedSetChain);
  EXPECT_NE(report.findings[0].reason.find("the set's seal is gone"), std::string::npos);
  // And nothing more is written to the organisation: starting the set again
  // would hide the deletion.
  auto refused =
      store_->append(kDefaultOrg, "INC-2", submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T11:00:00Z"));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("set of sealed chains is missing"), std::string::npos);
}

// A workspace sealed before the set was signed ("vigil-seal-root/1:", no
// set): verifies as before, with a note that the set is not covered, and
// its next write starts the set from the seals there are.
TEST_P(SealContract, AWorkspaceSealedBeforeTheSetWasSignedVerifiesAsBefore) {
  seed();
  auto stored = (*open_seals(location_))->seals(kDefaultOrg);
  ASSERT_TRUE(stored);
  std::vector<ChainHeadAt> heads;
  for (const Seal& seal : *stored) {
    if (seal.head.chain.kind != kSealedSetChain) heads.push_back(seal.head);
  }
  std::string statements = "DELETE FROM chain_seals; ";
  for (const Seal& seal : sealer_->seal(heads, at("2025-03-02T12:00:00Z"), false)) {
    std::string path;
    for (const auto& step : seal.path) path += (path.empty() ? "" : " ") + step;
    statements += fmt::format(
        "INSERT INTO chain_seals (org_id, chain_kind, chain_id, seq, head_hash, key_id, signature, path, sealed_at) "
        "VALUES ('{}', '{}', '{}', {}, '{}', '{}', '{}', '{}', '2025-03-02T12:00:00Z'); ",
        seal.head.chain.org, seal.head.chain.kind, seal.head.chain.id, seal.head.seq, seal.head.hash, seal.key_id,
        seal.signature, path);
  }
  tamper(statements);
  auto report = seals();
  EXPECT_TRUE(report.intact()) << testing::PrintToString(reasons(report));
  EXPECT_EQ(report.checked, 5);
  EXPECT_TRUE(report.set_not_covered);
  // Such a workspace's chain whose seal was deleted is only "not sealed".
  ASSERT_TRUE(
      store_->append(kDefaultOrg, "INC-2", submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T11:00:00Z")));
  auto upgraded = seals();
  EXPECT_TRUE(upgraded.intact()) << testing::PrintToString(reasons(upgraded));
  EXPECT_EQ(upgraded.checked, 6);
  EXPECT_FALSE(upgraded.set_not_covered);
}

// Every seal deleted, the newest incident deleted and the counter lowered:
// no seal disagrees any more, but the public key given says the chains are
// sealed with it, so every chain without a seal is tampered.
TEST_P(SealContract, DeletingEverySealIsCaughtWhenAPublicKeyIsGiven) {
  seed();
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("third")));
  tamper(
      "DELETE FROM chain_seals WHERE org_id = 'default'; DELETE FROM incident_events WHERE incident_id = 'INC-3'; "
      "DELETE FROM incidents WHERE incident_id = 'INC-3'; UPDATE organisations SET last_incident_number = 2 WHERE "
      "org_id = 'default'");
  auto report = seals();
  EXPECT_FALSE(report.intact());
  const auto found = reasons(report);
  ASSERT_EQ(found.size(), 6u) << testing::PrintToString(found);
  EXPECT_EQ(found[0],
            "default set of sealed chains: the organisation has no seals at all, though a public key was given: its "
            "seals may have been removed");
  for (std::size_t i = 1; i < found.size(); ++i) {
    EXPECT_NE(found[i].find(": not sealed, though a public key was given: the seal may have been removed"),
              std::string::npos)
        << found[i];
  }
  // The guard against writes without the key went with the seals; what is
  // written then is still not sealed, and so still a finding.
  store_.reset();
  store_ = open_incidents(nullptr);
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("reused number")));
  EXPECT_EQ(query_text("SELECT incident_id FROM incidents ORDER BY incident_id DESC LIMIT 1"), "INC-3");
  EXPECT_FALSE(seals().intact());
  // Without a key nothing is vouched for: the chains are listed as not sealed.
  auto keyless = seals(nullptr);
  EXPECT_TRUE(keyless.intact()) << testing::PrintToString(reasons(keyless));
  EXPECT_EQ(keyless.unsealed.size(), 6u);
}

// One chain's seal deleted and the chain rolled back in a workspace sealed
// before the set was signed: with a key, "not sealed" is a finding.
TEST_P(SealContract, AChainWithoutASealIsCaughtWhenAPublicKeyIsGiven) {
  seed();
  roll_back_inc1(1, "; DELETE FROM chain_seals WHERE chain_id IN ('INC-1', 'chains')");
  auto report = seals();
  const auto found = reasons(report);
  EXPECT_NE(std::find_if(found.begin(), found.end(),
                         [](const std::string& r) { return r.starts_with("default INC-1: not sealed"); }),
            found.end())
      << testing::PrintToString(found);
}

// --- the account tables against their trail --------------------------------------------

class AccountTamper : public SealContract {
 protected:
  // alice (admin), bob (auditor, disabled) with a token, carol (responder)
  // with a revoked token, all through Vigil.
  void seed_accounts() {
    auto opened = open_accounts(location_, sealer_);
    ASSERT_TRUE(opened) << describe(opened.error());
    accounts_ = std::move(*opened);
    const AccountChange by{"root (command line)", at("2025-03-01T10:00:00Z")};
    auto alice = accounts_->add_user("alice", "$argon2id$a", at("2025-03-01T10:00:00Z")).value();
    auto bob = accounts_->add_user("bob", "$argon2id$b", at("2025-03-01T10:00:00Z")).value();
    auto carol = accounts_->add_user("carol", "$argon2id$c", at("2025-03-01T10:00:00Z")).value();
    ASSERT_TRUE(accounts_->grant(alice.id, kDefaultOrg, Role::Admin, by));
    ASSERT_TRUE(accounts_->grant(bob.id, kDefaultOrg, Role::Auditor, by));
    ASSERT_TRUE(accounts_->grant(carol.id, kDefaultOrg, Role::Responder, by));
    ASSERT_TRUE(accounts_->add_token(sha256_hex("bob-token"), bob.id, "ci", by));
    auto revoked = accounts_->add_token(sha256_hex("carol-token"), carol.id, "siem", by);
    ASSERT_TRUE(revoked);
    ASSERT_TRUE(accounts_->revoke_token(revoked->id, by));
    ASSERT_TRUE(accounts_->set_disabled(bob.id, true, by));
    dave_ = accounts_->add_user("dave", "$argon2id$d", at("2025-03-01T10:00:00Z")).value().id;  // no role
  }

  // What verifying `org`'s records finds (the report kept in last_).
  std::vector<std::string> account_findings(std::string_view org = kDefaultOrg) {
    auto compliance = open_compliance(location_);
    EXPECT_TRUE(compliance);
    auto report = verify_records(**compliance, org, nullptr, accounts_.get());
    EXPECT_TRUE(report) << describe(report.error());
    if (!report) return {"error"};
    EXPECT_TRUE(report->accounts.has_value());
    last_ = *report;
    return report->findings;
  }

  std::unique_ptr<AccountStore> accounts_;
  std::int64_t dave_ = 0;
  RecordTrailVerification last_;
};

TEST_P(AccountTamper, AccountsWrittenThroughVigilVerifyIntact) {
  seed_accounts();
  EXPECT_TRUE(account_findings().empty()) << testing::PrintToString(account_findings());
  EXPECT_EQ(last_.accounts->users, 3);
  EXPECT_EQ(last_.accounts->tokens, 2);
  EXPECT_EQ(last_.accounts->predating, 0);
  EXPECT_EQ(last_.accounts->undigested, 0);
  EXPECT_TRUE(seals().intact()) << testing::PrintToString(reasons(seals()));
}

TEST_P(AccountTamper, ARoleChangedWithPlainSqlIsCaught) {
  seed_accounts();
  tamper("UPDATE memberships SET role = 'admin' WHERE user_id = (SELECT user_id FROM users WHERE username = 'bob')");
  EXPECT_EQ(account_findings(), std::vector<std::string>{"user bob: role is admin, the trail says auditor (entry 3)"});
}

TEST_P(AccountTamper, AMembershipAddedWithPlainSqlIsCaught) {
  seed_accounts();
  tamper(fmt::format("INSERT INTO memberships (user_id, org_id, role) VALUES ({}, 'default', 'admin')", dave_));
  EXPECT_EQ(account_findings(),
            std::vector<std::string>{
                "user dave: role is admin, but the trail records no role granted here (written outside Vigil?)"});
}

TEST_P(AccountTamper, AMembershipDeletedWithPlainSqlIsCaught) {
  seed_accounts();
  tamper("DELETE FROM memberships WHERE user_id = (SELECT user_id FROM users WHERE username = 'alice')");
  EXPECT_EQ(account_findings(),
            std::vector<std::string>{"user alice: has no role here, the trail says admin (entry 2)"});
}

TEST_P(AccountTamper, ATokenAddedWithPlainSqlIsCaught) {
  seed_accounts();
  tamper(
      "INSERT INTO api_tokens (token_id, token_hash, user_id, name, created_at) SELECT 9, 'feed', user_id, 'backdoor', "
      "'2025-03-01T10:00:00Z' FROM users WHERE username = 'alice'");
  EXPECT_EQ(
      account_findings(),
      std::vector<std::string>{"token 9 (alice, 'backdoor'): is not on the record trail (written outside Vigil?)"});
}

TEST_P(AccountTamper, ARevokedTokenRestoredWithPlainSqlIsCaught) {
  seed_accounts();
  tamper("UPDATE api_tokens SET revoked_at = NULL WHERE name = 'siem'");
  const auto findings = account_findings();
  ASSERT_EQ(findings.size(), 1u) << testing::PrintToString(findings);
  EXPECT_EQ(findings[0], "token 2 (carol, 'siem'): is not revoked, the trail says revoked (entry 7)");
}
// The token's user no longer has a role here: its tokens are not read as a
// member's, yet a revocation the trail records is never undone through Vigil.
TEST_P(AccountTamper, ARevokedTokenRestoredAfterItsUsersRoleEndedIsCaught) {
  seed_accounts();
  const auto carol = accounts_->find_user("carol").value();
  ASSERT_TRUE(accounts_->revoke_membership(carol.id, kDefaultOrg, {"root", at("2025-03-02T10:00:00Z")}));
  EXPECT_TRUE(account_findings().empty()) << testing::PrintToString(account_findings());
  tamper("UPDATE api_tokens SET revoked_at = NULL WHERE name = 'siem'");
  EXPECT_EQ(account_findings(),
            std::vector<std::string>{"token 2 (carol, 'siem'): is not revoked, the trail says revoked (entry 7)"});
}

TEST_P(AccountTamper, ATokenHashSwappedWithPlainSqlIsCaught) {
  seed_accounts();
  tamper("UPDATE api_tokens SET token_hash = '" + sha256_hex("mallory") + "' WHERE name = 'ci'");
  const auto findings = account_findings();
  ASSERT_EQ(findings.size(), 1u) << testing::PrintToString(findings);
  EXPECT_EQ(findings[0],
            "token 1 (bob, 'ci'): its hash is not the one the trail recorded a digest of (entry 5): another token was "
            "put in its place");
}

TEST_P(AccountTamper, ADisabledUserReenabledWithPlainSqlIsCaught) {
  seed_accounts();
  tamper("UPDATE users SET disabled_at = NULL WHERE username = 'bob'");
  EXPECT_EQ(account_findings(), std::vector<std::string>{"user bob: is enabled, the trail says disabled (entry 8)"});
}

// A user granted a role in a second organisation after its tokens were
// made and it was disabled: the grant carries them, so the second
// organisation checks them too.
TEST_P(AccountTamper, AGrantCarriesTheUsersStateToAnotherOrganisation) {
  seed_accounts();
  ASSERT_TRUE(accounts_->add_organisation("acme", "Acme", {"root (command line)", {}}));
  const auto bob = accounts_->find_user("bob").value();
  ASSERT_TRUE(accounts_->grant(bob.id, "acme", Role::Auditor, {"root", at("2025-03-02T10:00:00Z")}));
  const auto intact = account_findings("acme");
  EXPECT_TRUE(intact.empty()) << testing::PrintToString(intact);
  EXPECT_EQ(last_.accounts->tokens, 1);
  tamper("UPDATE users SET disabled_at = NULL WHERE username = 'bob'");
  EXPECT_EQ(account_findings("acme"),
            std::vector<std::string>{"user bob: is enabled, the trail says disabled (entry 2)"});
}

// A trail that began before it listed the organisation's accounts: a role
// without an entry is older than the trail when its user was created before
// the first account entry, and written outside Vigil when created after.
TEST_P(AccountTamper, RolesOlderThanTheAccountEntriesAreCountedNotVouchedFor) {
  auto opened = open_accounts(location_, sealer_);
  ASSERT_TRUE(opened);
  accounts_ = std::move(*opened);
  ASSERT_TRUE(accounts_->add_organisation("legacy", "Legacy", {"root (command line)", {}}));
  // An organisation from before the chain of organisations, as migration 11
  // records it (its accounts are not known to be recorded from its creation).
  tamper(
      "UPDATE workspace_trail SET entry = REPLACE(entry, '\"organisation added\"', "
      "'\"organisation recorded at migration\"') WHERE entry LIKE '%\"org\":\"legacy\"%'");
  auto old = accounts_->add_user("old", "$argon2id$o", at("2020-01-01T00:00:00Z")).value();
  auto later = accounts_->add_user("later", "$argon2id$l", at("2025-06-01T00:00:00Z")).value();
  auto admin = accounts_->add_user("admin", "$argon2id$x", at("2025-03-01T10:00:00Z")).value();
  // The trail as it began before it listed accounts.
  const TrailEntry started =
      seal_trail("legacy", 0, kTrailGenesis,
                 TrailDraft{at("2024-01-01T00:00:00Z"), "vigil", "trail.started", "organisation", std::nullopt,
                            R"({"approvals_up_to":0,"assessments_up_to":0,"documents":{}})"});
  tamper(fmt::format(
      "INSERT INTO record_trail (org_id, seq, recorded_at, actor, kind, subject, old_value, new_value, prev_hash, "
      "hash) VALUES ('legacy', 1, '2024-01-01T00:00:00Z', 'vigil', 'trail.started', 'organisation', NULL, '{}', "
      "'{}', '{}'); INSERT INTO memberships (user_id, org_id, role) VALUES ({}, 'legacy', 'manager')",
      *started.new_value, started.prev_hash, started.hash, old.id));
  ASSERT_TRUE(accounts_->grant(admin.id, "legacy", Role::Admin, {"root", at("2025-03-01T10:00:00Z")}));
  const auto intact = account_findings("legacy");
  EXPECT_TRUE(intact.empty()) << testing::PrintToString(intact);
  EXPECT_EQ(last_.accounts->users, 2);
  EXPECT_EQ(last_.accounts->predating, 1);
  tamper(fmt::format("INSERT INTO memberships (user_id, org_id, role) VALUES ({}, 'legacy', 'admin')", later.id));
  EXPECT_EQ(account_findings("legacy"),
            std::vector<std::string>{
                "user later: role is admin, but the trail records no role granted here (written outside Vigil?)"});
}

// An organisation added through Vigil has its accounts on the trail from its
// creation: a role planted with plain SQL is caught even when the trail has
// no entry at all (none is "older than the trail").
TEST_P(AccountTamper, AnAdminPlantedInAnOrganisationWithAnEmptyTrailIsCaught) {
  auto opened = open_accounts(location_, sealer_);
  ASSERT_TRUE(opened);
  accounts_ = std::move(*opened);
  ASSERT_TRUE(accounts_->add_organisation("fresh", "Fresh", {"root (command line)", {}}));
  EXPECT_TRUE(account_findings("fresh").empty());
  auto eve = accounts_->add_user("eve", "$argon2id$e", at("2020-01-01T00:00:00Z")).value();
  tamper(fmt::format("INSERT INTO memberships (user_id, org_id, role) VALUES ({}, 'fresh', 'admin')", eve.id));
  EXPECT_EQ(account_findings("fresh"),
            std::vector<std::string>{
                "user eve: role is admin, but the trail records no role granted here (written outside Vigil?)"});
  EXPECT_EQ(last_.accounts->predating, 0);
}

// --- the workspace's chain of organisations -------------------------------------------

class OrganisationChain : public SealContract {
 protected:
  std::unique_ptr<AccountStore> accounts(SealerRef sealer) {
    return test::expect_opened(open_accounts(location_, std::move(sealer)));
  }
  // acme and beta added through Vigil (`org add`), beta with an incident, a
  // user and a record trail; `sealer` (nullptr: no key) seals every write.
  void add_acme_and_beta(const SealerRef& sealer) {
    store_.reset();
    store_ = open_incidents(sealer);
    ASSERT_NE(store_, nullptr);
    auto a = accounts(sealer);
    ASSERT_NE(a, nullptr);
    const AccountChange by{"root (command line)", at("2025-03-01T10:00:00Z")};
    ASSERT_TRUE(a->add_organisation("acme", "Acme", by));
    ASSERT_TRUE(a->add_organisation("beta", "Beta", by));
    auto bea = a->add_user("bea", "$argon2id$b", at("2025-03-01T10:00:00Z"));
    ASSERT_TRUE(bea);
    ASSERT_TRUE(a->grant(bea->id, "beta", Role::Admin, by));
    ASSERT_TRUE(store_->open_incident("beta", opened("beta's outage")));
    ASSERT_TRUE(store_->open_incident("acme", opened("acme's outage")));
  }
  // What the tester did with sqlite3: every row of the organisation deleted.
  void delete_organisation(const std::string& org) {
    tamper(
        fmt::format("DELETE FROM incident_events WHERE org_id = '{0}'; DELETE FROM incidents WHERE org_id = '{0}'; "
                    "DELETE FROM chain_seals WHERE org_id = '{0}'; DELETE FROM record_trail WHERE org_id = '{0}'; "
                    "DELETE FROM memberships WHERE org_id = '{0}'; DELETE FROM organisations WHERE org_id = '{0}'",
                    org));
  }
  std::vector<std::string> chain_findings() {
    auto report = verify_workspace_trail(location_);
    EXPECT_TRUE(report) << describe(report.error());
    if (!report) return {"error"};
    last_ = *report;
    std::vector<std::string> out;
    for (const auto& f : report->findings) out.push_back(f.reason);
    return out;
  }
  // What an auditor with the key finds in `org`'s copy of the chain's seal
  // (with the organisation's other seals, as verify_organisation checks it).
  SealVerification copy_seals(std::string_view org_view) {
    const std::string org(org_view);
    auto records = open_seals(location_);
    EXPECT_TRUE(records);
    auto stored = (*records)->seals(org);
    EXPECT_TRUE(stored);
    std::vector<ChainHeadAt> heads;
    for (const Seal& s : *stored) {
      if (s.head.chain.kind == kSealedSetChain) continue;
      if (s.head.chain.kind == kWorkspaceChain) {
        if (auto head = (*records)->workspace_head(org).value()) heads.push_back(*head);
      } else {
        heads.push_back(s.head);  // the other chains as sealed: only the copy is in question here
      }
    }
    return check_seals(heads, *stored, &sealer_->public_key());
  }
  WorkspaceTrailVerification last_;
};

TEST_P(OrganisationChain, OrganisationsAddedThroughVigilVerifyIntact) {
  add_acme_and_beta(nullptr);
  EXPECT_TRUE(chain_findings().empty()) << testing::PrintToString(chain_findings());
  EXPECT_EQ(last_.entries, 3);  // default (there when the chain began), acme, beta
  EXPECT_EQ(last_.organisations, 3);
  EXPECT_EQ(last_.recorded_at_migration, 1);
  EXPECT_EQ(query_text("SELECT entry FROM workspace_trail WHERE seq = 2"),
            R"x({"at":"2025-03-01T10:00:00Z","by":"root (command line)","event":"organisation added","name":"Acme",)x"
            R"x("org":"acme"})x");
  EXPECT_NE(query_text("SELECT entry FROM workspace_trail WHERE seq = 1")
                .find(R"("by":null,"event":"organisation recorded at migration","name":"Default organisation")"),
            std::string::npos);
  // Without a key nothing is sealed.
  EXPECT_EQ(query_text("SELECT COUNT(*) FROM chain_seals"), "0");
}

// A deletion with plain SQL of an organisation and all its rows, found without a key: the chain still
// names the organisation.
TEST_P(OrganisationChain, AnOrganisationDeletedWithAllItsRowsIsNamed) {
  add_acme_and_beta(nullptr);
  delete_organisation("beta");
  EXPECT_EQ(chain_findings(),
            std::vector<std::string>{"organisation 'beta' (added by root (command line), entry 3 of the workspace's "
                                     "chain of organisations) is no longer in the workspace: it was deleted outside "
                                     "Vigil"});
  EXPECT_EQ(last_.findings.at(0).org, "beta");
  EXPECT_EQ(last_.organisations, 2);
}

// Without a key the chain can be cut back at its end as well, and then
// nothing shows: what the seals are for (docs/AUDIT_TRAIL.md says so).
TEST_P(OrganisationChain, WithoutAKeyTheChainCutBackWithTheOrganisationIsNotCaught) {
  add_acme_and_beta(nullptr);
  delete_organisation("beta");
  tamper("DELETE FROM workspace_trail WHERE seq = 3");
  EXPECT_TRUE(chain_findings().empty());
}

// With the key, every organisation with seals keeps a copy of the chain's
// seal: the chain cut back with the organisation leaves acme's copy ahead,
// and deleting that copy too leaves acme's signed set of sealed chains short.
TEST_P(OrganisationChain, WithAKeyTheChainCutBackWithTheOrganisationIsCaught) {
  add_acme_and_beta(sealer_);
  EXPECT_TRUE(copy_seals("acme").intact()) << testing::PrintToString(reasons(copy_seals("acme")));
  EXPECT_EQ(query_text("SELECT seq FROM chain_seals WHERE org_id = 'acme' AND chain_kind = 'organisations'"), "3");
  EXPECT_EQ(query_text("SELECT seq FROM chain_seals WHERE org_id = 'beta' AND chain_kind = 'organisations'"), "3");
  delete_organisation("beta");
  tamper("DELETE FROM workspace_trail WHERE seq = 3");
  EXPECT_TRUE(chain_findings().empty());  // the chain alone is fooled
  EXPECT_EQ(reasons(copy_seals("acme")),
            std::vector<std::string>{"acme copy of the workspace's chain of organisations: sealed head says entry 3, "
                                     "chain ends at entry 2: entries were removed (the chain was rolled back)"});
  tamper("DELETE FROM chain_seals WHERE org_id = 'acme' AND chain_kind = 'organisations'");
  const auto found = reasons(copy_seals("acme"));
  ASSERT_FALSE(found.empty());
  EXPECT_TRUE(
      found[0].starts_with("acme set of sealed chains: the signed set of sealed chains has 3 chains, 2 seals "
                           "remain: seals were deleted"))
      << testing::PrintToString(found);
}

TEST_P(OrganisationChain, AnOrganisationInsertedWithPlainSqlIsCaught) {
  add_acme_and_beta(nullptr);
  tamper("INSERT INTO organisations (org_id, name) VALUES ('rogue', 'Rogue')");
  EXPECT_EQ(
      chain_findings(),
      std::vector<std::string>{
          "organisation 'rogue' is in the workspace but not on its chain of organisations (added outside Vigil?)"});
}

TEST_P(OrganisationChain, AnEditedEntryIsCaught) {
  add_acme_and_beta(nullptr);
  tamper("UPDATE workspace_trail SET entry = REPLACE(entry, '\"Beta\"', '\"Gamma\"') WHERE seq = 3");
  const auto found = chain_findings();
  ASSERT_EQ(found.size(), 2u) << testing::PrintToString(found);
  EXPECT_TRUE(found[0].starts_with("the workspace's chain of organisations, entry 3: hash ")) << found[0];
  EXPECT_EQ(found[1],
            "organisation 'beta' is named 'Beta', the workspace's chain of organisations recorded 'Gamma' (entry 3)");
  // And the organisation renamed with plain SQL instead.
  tamper("UPDATE workspace_trail SET entry = REPLACE(entry, '\"Gamma\"', '\"Beta\"') WHERE seq = 3");
  tamper("UPDATE organisations SET name = 'Beta Holdings' WHERE org_id = 'beta'");
  EXPECT_EQ(chain_findings(), std::vector<std::string>{"organisation 'beta' is named 'Beta Holdings', the "
                                                       "workspace's chain of organisations recorded 'Beta' (entry 3)"});
}

// Deleted with plain SQL, then added again through Vigil: the chain names it twice.
TEST_P(OrganisationChain, AnOrganisationDeletedAndAddedAgainIsCaught) {
  add_acme_and_beta(nullptr);
  delete_organisation("beta");
  ASSERT_TRUE(accounts(nullptr)->add_organisation("beta", "Beta", {"mallory (command line)", {}}));
  EXPECT_EQ(chain_findings(),
            std::vector<std::string>{"organisation 'beta' is on the workspace's chain of organisations twice (entries "
                                     "3 and 4): it was removed outside Vigil and added again"});
}

// A workspace from before the chain: migration 11 enters the organisations
// there as recorded at migration (who added them is not known), and the
// chain goes on from there.
TEST_P(OrganisationChain, AWorkspaceFromBeforeTheChainHasItsOrganisationsRecorded) {
  add_acme_and_beta(nullptr);
  store_.reset();
  tamper("DROP TABLE workspace_trail; DELETE FROM schema_migrations WHERE version = 11");
  store_ = open_incidents(nullptr);  // migrates
  ASSERT_NE(store_, nullptr);
  EXPECT_TRUE(chain_findings().empty()) << testing::PrintToString(chain_findings());
  EXPECT_EQ(last_.entries, 3);
  EXPECT_EQ(last_.recorded_at_migration, 3);
  const std::string first = query_text("SELECT entry FROM workspace_trail WHERE seq = 1");
  EXPECT_NE(first.find(R"("by":null,"event":"organisation recorded at migration","name":"Acme","org":"acme")"),
            std::string::npos)
      << first;
  ASSERT_TRUE(accounts(nullptr)->add_organisation("gamma", "Gamma", {"root (command line)", {}}));
  EXPECT_TRUE(chain_findings().empty()) << testing::PrintToString(chain_findings());
  EXPECT_EQ(last_.entries, 4);
  EXPECT_EQ(last_.recorded_at_migration, 3);
  delete_organisation("acme");
  EXPECT_EQ(chain_findings(),
            std::vector<std::string>{"organisation 'acme' (recorded at migration, entry 1 of the workspace's chain of "
                                     "organisations) is no longer in the workspace: it was deleted outside Vigil"});
}

// Adding an organisation to a sealed workspace needs the key (the copies of
// the chain's seal would fall behind); with it, every copy moves on.
TEST_P(OrganisationChain, AddingAnOrganisationToASealedWorkspaceNeedsTheKey) {
  seed();  // default's chains sealed
  auto refused = accounts(nullptr)->add_organisation("acme", "Acme", {"root (command line)", {}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::Forbidden);
  EXPECT_EQ(refused.error().hint.kind, HintKind::GiveSealKey);
  EXPECT_EQ(query_text("SELECT COUNT(*) FROM workspace_trail"), "1");
  ASSERT_TRUE(accounts(sealer_)->add_organisation("acme", "Acme", {"root (command line)", {}}));
  EXPECT_TRUE(chain_findings().empty());
  EXPECT_EQ(query_text("SELECT seq FROM chain_seals WHERE org_id = 'default' AND chain_kind = 'organisations'"), "2");
  EXPECT_TRUE(copy_seals(kDefaultOrg).intact()) << testing::PrintToString(reasons(copy_seals(kDefaultOrg)));
  EXPECT_TRUE(copy_seals("acme").intact()) << testing::PrintToString(reasons(copy_seals("acme")));
}

INSTANTIATE_TEST_SUITE_P(Writers, OrganisationChain,
                         testing::Values(Backend{"sqlite", Writer::Repository},
                                         Backend{"sqlite_group_commit", Writer::GroupCommit},
                                         Backend{"postgres", Writer::Postgres}),
                         [](const testing::TestParamInfo<Backend>& param) { return param.param.name; });

INSTANTIATE_TEST_SUITE_P(Writers, AccountTamper,
                         testing::Values(Backend{"sqlite", Writer::Repository},
                                         Backend{"sqlite_group_commit", Writer::GroupCommit},
                                         Backend{"postgres", Writer::Postgres}),
                         [](const testing::TestParamInfo<Backend>& param) { return param.param.name; });

INSTANTIATE_TEST_SUITE_P(Writers, SealContract,
                         testing::Values(Backend{"sqlite", Writer::Repository},
                                         Backend{"sqlite_group_commit", Writer::GroupCommit},
                                         Backend{"postgres", Writer::Postgres}),
                         [](const testing::TestParamInfo<Backend>& param) { return param.param.name; });

// --- the key file and the seal format ----------------------------------------------

class SealKey : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vigil-seal-key-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const char* name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(SealKey, GenerateWritesAPrivateFileAndNeverOverwrites) {
  auto key = Sealer::generate(file("k"));
  ASSERT_TRUE(key) << describe(key.error());
  struct stat info {};
  ASSERT_EQ(::stat(file("k").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(key->hex().size(), 64u);
  EXPECT_EQ(key->id().size(), 32u);
  auto again = Sealer::generate(file("k"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
  EXPECT_EQ((*Sealer::load(file("k")))->public_key().hex(), key->hex());
}

TEST_F(SealKey, AKeyFileOthersCanReadOrThatIsNotAKeyIsRefused) {
  ASSERT_TRUE(Sealer::generate(file("k")));
  fs::permissions(file("k"), fs::perms::group_read, fs::perm_options::add);
  auto loose = Sealer::load(file("k"));
  ASSERT_FALSE(loose);
  EXPECT_NE(loose.error().message.find("chmod 600"), std::string::npos);
  {
    std::ofstream out(file("bad"));
    out << "vigil-seal-key/1 zz\n";
  }
  fs::permissions(file("bad"), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  EXPECT_EQ(Sealer::load(file("bad")).error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(Sealer::load(file("missing")).error().code, ErrorCode::NotFound);
  EXPECT_FALSE(PublicKey::parse("abc", "--public-key"));
}

// One signature over a Merkle root; each seal checks alone, and any change
// to its head, chain or path breaks it.
TEST_F(SealKey, EachSealOfABatchChecksOnItsOwn) {
  ASSERT_TRUE(Sealer::generate(file("k")));
  auto sealer = *Sealer::load(file("k"));
  std::vector<ChainHeadAt> heads;
  for (int i = 1; i <= 7; ++i) {
    heads.push_back(
        {ChainId{"acme", std::string(kIncidentChain), "INC-" + std::to_string(i)}, i, sha256_hex(std::to_string(i))});
  }
  auto seals = sealer->seal(heads, at("2025-03-01T00:00:00Z"));
  ASSERT_EQ(seals.size(), 7u);
  for (const auto& s : seals) {
    EXPECT_EQ(sealer->public_key().check(s), std::nullopt) << s.head.chain.id;
    EXPECT_EQ(s.signature, seals[0].signature);
    EXPECT_LE(s.path.size(), 3u);  // 7 leaves: the odd one out goes up a level unpaired
  }
  EXPECT_EQ(seals[0].path.size(), 3u);
  EXPECT_EQ(seals[6].path.size(), 2u);
  Seal moved = seals[2];
  moved.head.chain.org = "globex";
  EXPECT_NE(sealer->public_key().check(moved), std::nullopt);
  Seal older = seals[2];
  older.head.seq -= 1;
  EXPECT_NE(sealer->public_key().check(older), std::nullopt);
  Seal bad_path = seals[2];
  bad_path.path[0] = "up:" + std::string(64, '0');
  EXPECT_NE(sealer->public_key().check(bad_path)->find("path is damaged"), std::string::npos);
  auto single = sealer->seal(std::vector<ChainHeadAt>{heads[0]}, at("2025-03-01T00:00:00Z"));
  EXPECT_TRUE(single[0].path.empty());
  EXPECT_EQ(sealer->public_key().check(single[0]), std::nullopt);
}

}  // namespace
}  // namespace vigil::store
