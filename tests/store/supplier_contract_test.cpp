// The SupplierStore contract (store/supplier_store.h), run on SQLite and on
// PostgreSQL (the throwaway cluster of scripts/with-postgres.sh; skipped,
// loudly, without it): import, read back, revisions and If-Match, the record
// trail's old -> new, and audit verification catching plain-SQL edits.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "store/audit.h"
#include "store/compliance_store.h"
#include "store/incident_store.h"
#include "store/open_sql.h"
#include "store/supplier_store.h"
#include "store/workspace_contract.h"
#include "supplier/register_input.h"
#include "supplier/register_json.h"
#include "test_time.h"

namespace vigil::store {
namespace {

namespace fs = std::filesystem;

using vigil::test::at;

// A register from a YAML file of the source tree.
supplier::Register register_file(const std::string& path) {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  auto reg = supplier::parse_register(s.str(), supplier::DocumentFormat::Yaml, path);
  EXPECT_TRUE(reg) << describe(reg.error());
  return reg ? *reg : supplier::Register{};
}

supplier::Register example() { return register_file("examples/suppliers.yaml"); }
supplier::Register small() { return register_file("tests/store/data/register_small.yaml"); }
supplier::Register small_changed() { return register_file("tests/store/data/register_small_changed.yaml"); }
supplier::Register small_reordered() { return register_file("tests/store/data/register_small_reordered.yaml"); }

class SupplierContract : public test::WorkspaceContract {
 protected:
  void SetUp() override {
    WorkspaceContract::SetUp();
    if (not_set_up()) return;
    auto suppliers = open_suppliers(location_);
    ASSERT_TRUE(suppliers) << describe(suppliers.error());
    suppliers_ = std::move(*suppliers);
    auto records = open_compliance(location_);
    ASSERT_TRUE(records) << describe(records.error());
    records_ = std::move(*records);
  }
  void TearDown() override {
    suppliers_.reset();
    records_.reset();
    WorkspaceContract::TearDown();
  }

  RecordTrailVerification verify(std::string_view org = "acme") {
    auto report = verify_records(*records_, org, suppliers_.get());
    EXPECT_TRUE(report) << describe(report.error());
    return report ? *report : RecordTrailVerification{};
  }
  // small() imported into acme, then `statement` run behind Vigil's back: what verify finds.
  RecordTrailVerification verify_after(const std::string& statement) {
    EXPECT_TRUE(suppliers_->import_register("acme", small(), "carol", at("2026-11-30T10:00:00Z")));
    tamper(statement);
    return verify();
  }

  std::unique_ptr<SupplierStore> suppliers_;
  std::unique_ptr<ComplianceStore> records_;
};

TEST_P(SupplierContract, NothingStoredIsNoRegisterAndAnUnknownOrganisationIsNotFound) {
  auto none = suppliers_->supplier_register("acme");
  ASSERT_TRUE(none) << describe(none.error());
  EXPECT_FALSE(*none);
  auto unknown = suppliers_->supplier_register("initech");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
  auto import = suppliers_->import_register("initech", small(), "carol", at("2026-11-30T10:00:00Z"));
  ASSERT_FALSE(import);
  EXPECT_EQ(import.error().code, ErrorCode::NotFound);
}

TEST_P(SupplierContract, TheExampleRegisterReadsBackTheSame) {
  const supplier::Register reg = example();
  auto done = suppliers_->import_register("acme", reg, "carol", at("2026-11-30T10:00:00Z"));
  ASSERT_TRUE(done) << describe(done.error());
  EXPECT_FALSE(done->unchanged);
  EXPECT_FALSE(done->previous);
  EXPECT_EQ(done->head.revision, 1);
  EXPECT_EQ(done->head.suppliers, static_cast<std::int64_t>(reg.suppliers.size()));
  EXPECT_EQ(done->head.functions, static_cast<std::int64_t>(reg.functions.size()));
  EXPECT_EQ(done->head.dependencies, static_cast<std::int64_t>(reg.dependencies.size()));
  EXPECT_EQ(done->head.sha256, sha256_hex(supplier::canonical_register(reg)));
  EXPECT_EQ(done->changes.suppliers.added, static_cast<std::int64_t>(reg.suppliers.size()));

  auto stored = suppliers_->supplier_register("acme");
  ASSERT_TRUE(stored) << describe(stored.error());
  ASSERT_TRUE(*stored);
  EXPECT_EQ((*stored)->canonical, supplier::canonical_register(reg));
  EXPECT_EQ((*stored)->head.updated_by, "carol");
  EXPECT_EQ((*stored)->head.updated_at, at("2026-11-30T10:00:00Z"));
  EXPECT_FALSE(*suppliers_->supplier_register("globex"));  // per organisation

  const RecordTrailVerification report = verify();
  EXPECT_TRUE(report.intact()) << report.findings.front();
  EXPECT_EQ(report.supplier_rows,
            static_cast<std::int64_t>(reg.functions.size() + reg.suppliers.size() + reg.dependencies.size()));
}

TEST_P(SupplierContract, AnImportIsOnTheTrailWithOldAndNewHashesAndCounts) {
  ASSERT_TRUE(suppliers_->import_register("acme", small(), "carol", at("2026-11-30T10:00:00Z")));
  auto second = suppliers_->import_register("acme", small_changed(), "dave", at("2026-12-01T08:00:00Z"));
  ASSERT_TRUE(second) << describe(second.error());
  EXPECT_EQ(second->head.revision, 2);
  ASSERT_TRUE(second->previous);
  EXPECT_EQ(second->previous->revision, 1);
  EXPECT_EQ(second->changes.functions.added, 1);
  EXPECT_EQ(second->changes.functions.removed, 0);
  EXPECT_EQ(second->changes.functions.changed, 0);
  EXPECT_EQ(second->changes.suppliers.changed, 1);
  EXPECT_EQ(second->changes.dependencies.added, 1);
  EXPECT_EQ(second->changes.dependencies.removed, 1);

  auto trail = records_->trail("acme", TrailQuery{std::string(kSupplierSubject), 0, std::nullopt});
  ASSERT_TRUE(trail) << describe(trail.error());
  ASSERT_EQ(trail->size(), 2u);
  const TrailEntry& last = trail->back();
  EXPECT_EQ(last.kind, "suppliers.imported");
  EXPECT_EQ(last.actor, "dave");
  EXPECT_EQ(last.at, at("2026-12-01T08:00:00Z"));
  ASSERT_TRUE(last.old_value);
  ASSERT_TRUE(last.new_value);
  auto old_value = nlohmann::json::parse(*last.old_value);
  auto new_value = nlohmann::json::parse(*last.new_value);
  EXPECT_EQ(old_value["sha256"], sha256_hex(supplier::canonical_register(small())));
  EXPECT_EQ(old_value["revision"], 1);
  EXPECT_EQ(new_value["sha256"], second->head.sha256);
  EXPECT_EQ(new_value["functions"], 3);
  EXPECT_EQ(new_value["changes"]["suppliers"]["changed"], 1);
  EXPECT_EQ(new_value["changes"]["dependencies"]["removed"], 1);
  EXPECT_FALSE(trail->front().old_value);  // the first import replaced nothing

  auto all = records_->trail("acme", TrailQuery{});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->front().kind, "trail.started");
  EXPECT_TRUE(verify().intact());
}

TEST_P(SupplierContract, TheSameRegisterAgainWritesNothing) {
  ASSERT_TRUE(suppliers_->import_register("acme", small(), "carol", at("2026-11-30T10:00:00Z")));
  // Another order, the same register.
  auto again = suppliers_->import_register("acme", small_reordered(), "dave", at("2026-12-01T08:00:00Z"));
  ASSERT_TRUE(again) << describe(again.error());
  EXPECT_TRUE(again->unchanged);
  EXPECT_EQ(again->head.revision, 1);
  auto trail = records_->trail("acme", TrailQuery{std::string(kSupplierSubject), 0, std::nullopt});
  EXPECT_EQ(trail->size(), 1u);
}

TEST_P(SupplierContract, IfMatchRefusesAStaleRevision) {
  auto first = suppliers_->import_register("acme", small(), "carol", at("2026-11-30T10:00:00Z"), 0);
  ASSERT_TRUE(first) << describe(first.error());
  auto stale = suppliers_->import_register("acme", small_changed(), "dave", at("2026-12-01T08:00:00Z"), 0);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
  auto current = suppliers_->import_register("acme", small_changed(), "dave", at("2026-12-01T08:00:00Z"), 1);
  ASSERT_TRUE(current) << describe(current.error());
  EXPECT_EQ(current->head.revision, 2);
}

TEST_P(SupplierContract, ARowEditedWithPlainSqlIsFound) {
  ASSERT_TRUE(suppliers_->import_register("acme", small(), "carol", at("2026-11-30T10:00:00Z")));
  ASSERT_TRUE(verify().intact());
  tamper(
      "UPDATE supplier_suppliers SET body = replace(body, '\"exit_plan\":false', '\"exit_plan\":true') "
      "WHERE org_id = 'acme' AND supplier_id = 'cloud'");
  const RecordTrailVerification report = verify();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].find("the stored supplier register (revision 1) differs from what was imported"),
            std::string::npos)
      << report.findings[0];
  // The analysis would now read the edited register: the edit is visible, not hidden.
  auto stored = suppliers_->supplier_register("acme");
  ASSERT_TRUE(stored);
  EXPECT_TRUE((*stored)->reg.suppliers[(*(*stored)->reg.find_supplier("cloud"))].exit_plan);
}

TEST_P(SupplierContract, ADeletedDependencyIsFound) {
  const RecordTrailVerification report =
      verify_after("DELETE FROM supplier_dependencies WHERE org_id = 'acme' AND from_id = 'cloud'");
  ASSERT_FALSE(report.intact());
  EXPECT_NE(report.findings[0].find("differs from what was imported"), std::string::npos) << report.findings[0];
}

TEST_P(SupplierContract, AHeadRewrittenToMatchEditedRowsDisagreesWithTheTrail) {
  ASSERT_TRUE(suppliers_->import_register("acme", small(), "carol", at("2026-11-30T10:00:00Z")));
  tamper("DELETE FROM supplier_dependencies WHERE org_id = 'acme' AND from_id = 'cloud'");
  // Someone careful also rewrites the head's hash and count to match the rows.
  auto stored = suppliers_->supplier_register("acme");
  ASSERT_TRUE(stored);
  const std::string sha = sha256_hex((*stored)->canonical);
  tamper("UPDATE supplier_registers SET sha256 = '" + sha + "', dependencies = 1 WHERE org_id = 'acme'");
  const RecordTrailVerification report = verify();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].find("differs from what the record trail recorded last (entry 2)"), std::string::npos)
      << report.findings[0];
}

TEST_P(SupplierContract, ARegisterDeletedWithPlainSqlIsFound) {
  const RecordTrailVerification report = verify_after("DELETE FROM supplier_registers WHERE org_id = 'acme'");
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].find("on the record trail (entry 2) but no longer in the records"), std::string::npos)
      << report.findings[0];
}

TEST_P(SupplierContract, ARowThatIsNoLongerARegisterIsAFindingNotACrash) {
  const RecordTrailVerification report = verify_after(
      "UPDATE supplier_suppliers SET body = '{\"id\":\"cloud\"}' WHERE org_id = 'acme' AND supplier_id = 'cloud'");
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].find("cannot be read back"), std::string::npos) << report.findings[0];
  auto read = suppliers_->supplier_register("acme");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::Io);
}

TEST_P(SupplierContract, ARegisterWrittenOutsideVigilIsNotOnTheTrail) {
  tamper(
      "INSERT INTO supplier_registers (org_id, revision, sha256, functions, suppliers, dependencies, updated_at, "
      "updated_by) VALUES ('globex', 1, '" +
      sha256_hex("{\"dependencies\":[],\"functions\":[],\"suppliers\":[]}") +
      "', 0, 0, 0, '2026-11-30T10:00:00Z', 'mallory')");
  const RecordTrailVerification report = verify("globex");
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].find("not on the record trail"), std::string::npos) << report.findings[0];
}

INSTANTIATE_TEST_SUITE_P(Implementations, SupplierContract, test::every_backend(), test::backend_name);

// --- the canonical form (pure) ---

TEST(CanonicalRegister, ReadsBackToItselfAndIgnoresOrder) {
  const supplier::Register reg = example();
  const std::string canonical = supplier::canonical_register(reg);
  auto again = supplier::parse_register(canonical, supplier::DocumentFormat::Json, "canonical.json");
  ASSERT_TRUE(again) << describe(again.error());
  EXPECT_EQ(supplier::canonical_register(*again), canonical);
  EXPECT_EQ(canonical.find('\n'), std::string::npos);
  EXPECT_EQ(canonical.rfind("{\"dependencies\":[", 0), 0u);
}

TEST(CanonicalRegister, ChangesAreCountedPerElement) {
  auto changes =
      supplier::compare(supplier::canonical_elements(small()), supplier::canonical_elements(small_changed()));
  EXPECT_EQ(changes.functions.added, 1);
  EXPECT_EQ(changes.suppliers.changed, 1);
  EXPECT_EQ(changes.suppliers.added + changes.suppliers.removed, 0);
  EXPECT_EQ(changes.dependencies.added, 1);
  EXPECT_EQ(changes.dependencies.removed, 1);
  EXPECT_EQ(changes.dependencies.changed, 0);
}

}  // namespace
}  // namespace vigil::store
