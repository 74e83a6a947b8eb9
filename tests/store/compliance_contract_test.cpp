// The ComplianceStore contract, written against the interface and run on every
// implementation: SQLite (a workspace file) and PostgreSQL (a fresh schema in
// the throwaway cluster of scripts/with-postgres.sh; skipped without it). Also
// the register rules every implementation applies (edit, upload, approve).
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <iterator>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "core/text.h"
#include "store/audit.h"
#include "store/compliance_store.h"
#include "store/incident_store.h"
#include "store/open_sql.h"
#include "store/workspace_contract.h"
#include "test_time.h"

namespace vigil::store {
namespace {

namespace fs = std::filesystem;
using assess::DocumentStatus;

using vigil::test::at;
Date day(const char* text) { return *parse_date(text, "test"); }

// Two texts and their SHA-256 (verification re-hashes stored contents).
const std::string kTextA = "ten bytes!";
const std::string kTextB = "other text";
const std::string kShaA = sha256_hex(kTextA);
const std::string kShaB = sha256_hex(kTextB);

NewGapAssessment assessment(const char* as_of, int overall) {
  NewGapAssessment a;
  a.as_of = day(as_of);
  a.created_at = at("2026-03-02T09:00:00Z");
  a.created_by = "carol";
  a.scores = {overall, overall + 1, overall + 2};
  a.soa = R"([{"control":"A.5.1","applicable":"yes","status":"implemented"}])";
  a.documents = "[]";
  a.result = R"({"as_of":")" + std::string(as_of) + R"("})";
  a.report_html = "<!doctype html><title>report</title>";
  return a;
}

NewApproval approval(const std::string& name, const std::string& version, const std::string& sha) {
  return NewApproval{ApprovalSubject::Document, name,        version, sha, "margaret", at("2026-03-02T10:30:00Z"),
                     "board meeting",           std::nullopt};
}

// A change that records `text` as the content of `version`.
DocumentChange upload(const std::string& name, const std::string& version, const std::string& text) {
  return [=](const std::optional<DocumentRecord>& current) -> Result<DocumentRecord> {
    return record_content(name, current, version, sha256_hex(text), static_cast<std::int64_t>(text.size()));
  };
}

// A change that writes a draft of `version` (keeping what else the row had).
DocumentChange draft(const std::string& name, const std::string& version) {
  return [=](const std::optional<DocumentRecord>& current) -> Result<DocumentRecord> {
    DocumentEdit edit;
    edit.version = version;
    return edit_document(name, current, edit);
  };
}

class ComplianceContract : public test::OneStoreContract<ComplianceStore> {
 protected:
  Result<std::unique_ptr<ComplianceStore>> open(const std::string& location) override {
    return open_compliance(location);
  }

  // Content, a draft, an approval and an assessment in `org` (acme).
  void write_some_records(const std::string& org = "acme") {
    ASSERT_TRUE(store_->write_document(
        org, "Backup policy",
        [](const std::optional<DocumentRecord>& current) {
          return record_content("Backup policy", current, "2", kShaA, 10);
        },
        "carol", at("2026-03-01T08:00:00Z"), std::string("ten bytes!")));
    ASSERT_TRUE(store_->approve(org, approval("Backup policy", "2", kShaA)));
    ASSERT_TRUE(store_->write_document(org, "Crisis management plan", draft("Crisis management plan", "1"), "carol",
                                       at("2026-03-03T08:00:00Z")));
    ASSERT_TRUE(store_->add_assessment(org, assessment("2026-03-01", 700)));
  }
};

TEST_P(ComplianceContract, AssessmentsAreNumberedPerOrganisationAndListedNewestFirst) {
  ASSERT_EQ(store_->add_assessment("acme", assessment("2026-01-10", 500))->id, 1);
  ASSERT_EQ(store_->add_assessment("acme", assessment("2026-02-10", 612))->id, 2);
  auto with_entity = assessment("2026-03-01", 839);
  with_entity.entity = R"({"name":"Acme"})";
  auto third = store_->add_assessment("acme", with_entity);
  ASSERT_TRUE(third) << describe(third.error());
  EXPECT_EQ(third->id, 3);
  EXPECT_EQ(store_->add_assessment("globex", assessment("2026-03-01", 100))->id, 1);  // its own numbers

  auto history = store_->assessments("acme", std::nullopt);
  ASSERT_TRUE(history) << describe(history.error());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].id, 3);
  EXPECT_EQ((*history)[0].scores.overall, 839);
  EXPECT_EQ((*history)[0].scores.risk_management, 840);
  EXPECT_EQ((*history)[0].scores.reporting, 841);
  EXPECT_EQ((*history)[0].as_of, day("2026-03-01"));
  EXPECT_EQ((*history)[0].created_by, "carol");
  EXPECT_EQ((*history)[0].created_at, at("2026-03-02T09:00:00Z"));
  EXPECT_EQ((*history)[2].id, 1);
  auto two = store_->assessments("acme", 2);
  ASSERT_TRUE(two);
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[1].id, 2);

  auto stored = store_->assessment("acme", 3);
  ASSERT_TRUE(stored) << describe(stored.error());
  EXPECT_EQ(stored->soa, with_entity.soa);
  EXPECT_EQ(stored->documents, "[]");
  EXPECT_EQ(stored->entity, std::optional<std::string>(R"({"name":"Acme"})"));
  EXPECT_EQ(stored->result, with_entity.result);
  EXPECT_EQ(stored->report_html, with_entity.report_html);
  EXPECT_FALSE(store_->assessment("acme", 1)->entity.has_value());

  // Another organisation's assessment does not exist for acme, and survives a reopen.
  EXPECT_EQ(store_->assessment("acme", 4).error().code, ErrorCode::NotFound);
  EXPECT_EQ(store_->assessments("globex", std::nullopt)->size(), 1u);
  store_ = reopen();
  EXPECT_EQ(store_->assessments("acme", std::nullopt)->size(), 3u);
}

TEST_P(ComplianceContract, AnUnknownOrganisationCannotRecordAnything) {
  EXPECT_EQ(store_->add_assessment("nobody", assessment("2026-01-10", 1)).error().code, ErrorCode::NotFound);
  EXPECT_EQ(store_->write_document("nobody", "Policy", draft("Policy", "1"), "carol", at("2026-03-02T09:00:00Z"))
                .error()
                .code,
            ErrorCode::NotFound);
  EXPECT_EQ(store_->approve("nobody", approval("Policy", "1", kShaA)).error().code, ErrorCode::NotFound);
  EXPECT_TRUE(store_->assessments("nobody", std::nullopt)->empty());
}

TEST_P(ComplianceContract, RegisterRowsAreKeyedByNameWhateverItsCaseAndCountRevisions) {
  auto created = store_->write_document("acme", "Incident response plan", draft("Incident response plan", "1.0"),
                                        "carol", at("2026-03-02T09:00:00Z"));
  ASSERT_TRUE(created) << describe(created.error());
  EXPECT_EQ(created->revision, 1);
  EXPECT_EQ(created->status, DocumentStatus::Draft);
  EXPECT_EQ(created->updated_by, "carol");

  // The same document, written differently: the same row, next revision.
  std::optional<DocumentRecord> seen;
  auto edited = store_->write_document(
      "acme", "  incident RESPONSE plan ",
      [&](const std::optional<DocumentRecord>& current) -> Result<DocumentRecord> {
        seen = current;
        DocumentEdit edit;
        edit.status = DocumentStatus::Draft;
        edit.next_review = day("2027-03-01");
        return edit_document("incident RESPONSE plan", current, edit);
      },
      "dave", at("2026-03-02T10:00:00Z"));
  ASSERT_TRUE(edited) << describe(edited.error());
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->revision, 1);
  EXPECT_EQ(edited->revision, 2);
  EXPECT_EQ(edited->name, "Incident response plan");  // the name as first registered
  EXPECT_EQ(edited->version, "1.0");
  EXPECT_EQ(edited->next_review, day("2027-03-01"));

  auto read = store_->document("acme", "INCIDENT response plan");
  ASSERT_TRUE(read) << describe(read.error());
  EXPECT_EQ(read->revision, 2);
  EXPECT_EQ(read->updated_by, "dave");
  EXPECT_EQ(read->updated_at, at("2026-03-02T10:00:00Z"));
  EXPECT_EQ(store_->document("globex", "Incident response plan").error().code, ErrorCode::NotFound);

  ASSERT_TRUE(store_->write_document("acme", "Access control policy", draft("Access control policy", "2"), "carol",
                                     at("2026-03-02T09:00:00Z")));
  auto all = store_->documents("acme");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "Access control policy");  // by name
  EXPECT_EQ((*all)[1].name, "Incident response plan");
}

TEST_P(ComplianceContract, AChangeThatFailsWritesNothing) {
  ASSERT_TRUE(store_->write_document("acme", "Policy", draft("Policy", "1"), "carol", at("2026-03-02T09:00:00Z")));
  auto refused = store_->write_document(
      "acme", "Policy",
      [](const std::optional<DocumentRecord>&) -> Result<DocumentRecord> {
        return fail(ErrorCode::Conflict, "If-Match", "changed meanwhile");
      },
      "dave", at("2026-03-02T10:00:00Z"), std::string("new content"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().where, "If-Match");
  EXPECT_EQ(store_->document("acme", "Policy")->revision, 1);
  EXPECT_EQ(store_->document_content("acme", sha256_hex("new content")).error().code, ErrorCode::NotFound);
}

TEST_P(ComplianceContract, UploadedContentIsStoredWithItsHash) {
  const std::string text = "Incident response plan, version 2\n";
  const std::string sha = sha256_hex(text);
  auto written = store_->write_document(
      "acme", "Incident response plan",
      [&](const std::optional<DocumentRecord>& current) {
        return record_content("Incident response plan", current, "2", sha, static_cast<std::int64_t>(text.size()));
      },
      "carol", at("2026-03-02T09:00:00Z"), text);
  ASSERT_TRUE(written) << describe(written.error());
  EXPECT_EQ(written->content_sha256, sha);
  EXPECT_EQ(written->content_size, static_cast<std::int64_t>(text.size()));
  EXPECT_EQ(*store_->document_content("acme", sha), text);
  EXPECT_EQ(store_->document_content("globex", sha).error().code, ErrorCode::NotFound);
}

TEST_P(ComplianceContract, ApprovingADocumentMarksItsRowApprovedInTheSameWrite) {
  ASSERT_TRUE(store_->write_document("acme", "Incident response plan", draft("Incident response plan", "1.0"), "carol",
                                     at("2026-03-02T09:00:00Z")));
  // Nothing uploaded for 1.0: nothing to approve (any SHA-256 would name nothing on record).
  auto empty = store_->approve("acme", approval("incident response plan", "1.0", kShaA));
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::Conflict);
  EXPECT_NE(empty.error().message.find("no content on record for version 1.0; upload it before approval"),
            std::string::npos)
      << empty.error().message;
  EXPECT_TRUE(store_->approvals("acme", std::nullopt)->empty());
  ASSERT_TRUE(store_->write_document("acme", "Incident response plan", upload("Incident response plan", "1.0", kTextA),
                                     "carol", at("2026-03-02T09:00:00Z"), kTextA));
  auto approved = store_->approve("acme", approval("incident response plan", "1.0", kShaA));
  ASSERT_TRUE(approved) << describe(approved.error());
  EXPECT_EQ(approved->id, 1);
  EXPECT_EQ(approved->approved_by, "margaret");
  auto row = store_->document("acme", "Incident response plan");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->status, DocumentStatus::Approved);
  EXPECT_EQ(row->approved_by, "margaret");
  EXPECT_EQ(row->approved_on, day("2026-03-02"));
  EXPECT_EQ(row->approved_sha256, kShaA);
  EXPECT_EQ(row->revision, 3);

  // Another version than the one on record: refused, and nothing recorded.
  auto other_version = store_->approve("acme", approval("Incident response plan", "2.0", kShaA));
  ASSERT_FALSE(other_version);
  EXPECT_EQ(other_version.error().code, ErrorCode::Conflict);
  EXPECT_EQ(store_->approvals("acme", std::nullopt)->size(), 1u);
  EXPECT_EQ(store_->document("acme", "Incident response plan")->revision, 3);

  // Not registered yet: no content on record either, so refused and nothing registered.
  auto unregistered = store_->approve("acme", approval("Crisis management plan", "3", kShaB));
  ASSERT_FALSE(unregistered);
  EXPECT_EQ(unregistered.error().code, ErrorCode::Conflict);
  EXPECT_EQ(store_->document("acme", "crisis management plan").error().code, ErrorCode::NotFound);

  // The risk treatment plan is not a register row.
  NewApproval plan{ApprovalSubject::RiskTreatmentPlan,
                   "Risk treatment plan",
                   "2026-Q1",
                   kShaB,
                   "margaret",
                   at("2026-03-02T11:00:00Z"),
                   "",
                   std::nullopt};
  ASSERT_TRUE(store_->approve("acme", plan));
  EXPECT_EQ(store_->document("acme", "Risk treatment plan").error().code, ErrorCode::NotFound);

  auto all = store_->approvals("acme", std::nullopt);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, 2);  // newest first
  EXPECT_EQ((*all)[0].subject_kind, ApprovalSubject::RiskTreatmentPlan);
  EXPECT_EQ((*all)[0].version, "2026-Q1");
  EXPECT_EQ((*all)[0].approved_at, at("2026-03-02T11:00:00Z"));
  EXPECT_EQ((*all)[1].note, "board meeting");
  EXPECT_EQ((*all)[1].sha256, kShaA);
  EXPECT_EQ(store_->approvals("acme", 1)->size(), 1u);
  EXPECT_TRUE(store_->approvals("globex", std::nullopt)->empty());
}

TEST_P(ComplianceContract, AnApprovalMustNameTheContentOnRecord) {
  const std::string text = "Business continuity plan v4";
  const std::string sha = sha256_hex(text);
  ASSERT_TRUE(store_->write_document(
      "acme", "Business continuity plan",
      [&](const std::optional<DocumentRecord>& current) {
        return record_content("Business continuity plan", current, "4", sha, 27);
      },
      "carol", at("2026-03-02T09:00:00Z"), text));
  auto wrong = store_->approve("acme", approval("Business continuity plan", "4", kShaA));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::Conflict);
  EXPECT_EQ(wrong.error().where, "sha256");
  EXPECT_EQ(store_->document("acme", "Business continuity plan")->status, DocumentStatus::Draft);
  ASSERT_TRUE(store_->approve("acme", approval("Business continuity plan", "4", sha)));
  EXPECT_EQ(store_->document("acme", "Business continuity plan")->status, DocumentStatus::Approved);
}

TEST_P(ComplianceContract, CountsForTheDashboard) {
  ASSERT_TRUE(store_->write_document("acme", "A", draft("A", "1"), "carol", at("2026-03-02T09:00:00Z")));
  ASSERT_TRUE(store_->write_document(
      "acme", "B",
      [](const std::optional<DocumentRecord>& current) {
        DocumentEdit edit;
        edit.status = DocumentStatus::Missing;
        return edit_document("B", current, edit);
      },
      "carol", at("2026-03-02T09:00:00Z")));
  ASSERT_TRUE(
      store_->write_document("acme", "C", upload("C", "1", kTextA), "carol", at("2026-03-02T09:00:00Z"), kTextA));
  ASSERT_TRUE(store_->approve("acme", approval("C", "1", kShaA)));
  ASSERT_TRUE(store_->add_assessment("acme", assessment("2026-01-10", 500)));
  auto counts = store_->counts("acme");
  ASSERT_TRUE(counts) << describe(counts.error());
  EXPECT_EQ(counts->documents_missing, 1);
  EXPECT_EQ(counts->documents_draft, 1);
  EXPECT_EQ(counts->documents_approved, 1);
  EXPECT_EQ(counts->approvals, 1);
  EXPECT_EQ(counts->assessments, 1);
  auto none = store_->counts("globex");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->documents_draft + none->approvals + none->assessments, 0);
}

TEST_P(ComplianceContract, EveryWriteIsOnTheRecordTrailWithWhoWhenOldAndNew) {
  write_some_records();
  auto trail = store_->trail("acme", TrailQuery{});
  ASSERT_TRUE(trail) << describe(trail.error());
  std::vector<std::string> kinds;
  for (const auto& e : *trail) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"trail.started", "document.content", "document.approved",
                                             "approval.recorded", "document.created", "assessment.recorded"}));
  EXPECT_EQ((*trail)[1].actor, "carol");
  EXPECT_EQ((*trail)[1].subject, "document:backup policy");
  EXPECT_FALSE((*trail)[1].old_value);
  ASSERT_TRUE((*trail)[2].old_value && (*trail)[2].new_value);
  EXPECT_NE((*trail)[2].old_value->find("\"status\":\"draft\""), std::string::npos) << *(*trail)[2].old_value;
  EXPECT_NE((*trail)[2].new_value->find("\"status\":\"approved\""), std::string::npos);
  EXPECT_EQ((*trail)[3].actor, "margaret");
  EXPECT_EQ((*trail)[3].subject, "approval:1");
  EXPECT_FALSE(verify_trail(*trail));
  // One subject's history, and paging.
  auto history = store_->trail("acme", TrailQuery{"document:backup policy", 0, std::nullopt});
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), 2u);
  auto page = store_->trail("acme", TrailQuery{std::nullopt, 2, 2});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].seq, 3);
  // Another organisation's trail is its own.
  EXPECT_TRUE(store_->trail("globex", TrailQuery{})->empty());
  auto report = verify_records(*store_, "acme");
  ASSERT_TRUE(report) << describe(report.error());
  EXPECT_TRUE(report->intact()) << report->findings.front();
  EXPECT_EQ(report->documents, 2);
  EXPECT_EQ(report->approvals, 1);
  EXPECT_EQ(report->assessments, 1);
  EXPECT_EQ(report->predating, 0);
}

// A change that sets the row's maps_to (keeping a draft of version 1).
DocumentChange mapped(const std::string& name, const std::string& maps_to) {
  return [=](const std::optional<DocumentRecord>& current) -> Result<DocumentRecord> {
    DocumentEdit edit;
    edit.version = "1";
    edit.maps_to = maps_to;
    return edit_document(name, current, edit);
  };
}

TEST_P(ComplianceContract, AnOwnTitleMapsToASuggestedDocumentOnTheTrailAndUnderVerify) {
  const std::string suggested(assess::suggested_documents().front());
  const std::string upper = to_lower(suggested);  // another spelling of the same name
  ASSERT_TRUE(store_->write_document("acme", "Eigene Leitlinie", mapped("Eigene Leitlinie", upper), "carol",
                                     at("2026-03-01T08:00:00Z")));
  auto row = store_->document("acme", "Eigene Leitlinie");
  ASSERT_TRUE(row) << describe(row.error());
  EXPECT_EQ(row->maps_to, suggested);  // in the catalog's spelling
  // Kept by the next edit that does not name it, and by content and approval.
  ASSERT_TRUE(store_->write_document("acme", "Eigene Leitlinie", draft("Eigene Leitlinie", "2"), "carol",
                                     at("2026-03-01T09:00:00Z")));
  ASSERT_TRUE(store_->write_document(
      "acme", "Eigene Leitlinie",
      [](const std::optional<DocumentRecord>& current) {
        return record_content("Eigene Leitlinie", current, "2", kShaA, 10);
      },
      "carol", at("2026-03-01T10:00:00Z"), std::string("ten bytes!")));
  ASSERT_TRUE(store_->approve("acme", approval("Eigene Leitlinie", "2", kShaA)));
  EXPECT_EQ(store_->document("acme", "Eigene Leitlinie")->maps_to, suggested);
  // Cleared with "".
  ASSERT_TRUE(store_->write_document("acme", "Eigene Leitlinie", mapped("Eigene Leitlinie", ""), "carol",
                                     at("2026-03-01T11:00:00Z")));
  EXPECT_EQ(store_->document("acme", "Eigene Leitlinie")->maps_to, "");
  // Every step on the trail with the old and new value.
  auto history = store_->trail("acme", TrailQuery{"document:eigene leitlinie", 0, std::nullopt});
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 5u);
  EXPECT_FALSE((*history)[0].old_value);
  EXPECT_NE((*history)[0].new_value->find("\"maps_to\":\"" + suggested + "\""), std::string::npos)
      << *(*history)[0].new_value;
  EXPECT_NE((*history)[4].old_value->find("\"maps_to\""), std::string::npos);
  EXPECT_EQ((*history)[4].new_value->find("\"maps_to\""), std::string::npos) << *(*history)[4].new_value;
  auto report = verify_records(*store_, "acme");
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact()) << report->findings.front();
  // Set outside Vigil: found.
  tamper("UPDATE compliance_documents SET maps_to = 'Backup policy' WHERE org_id = 'acme'");
  auto tampered = verify_records(*store_, "acme");
  ASSERT_TRUE(tampered);
  ASSERT_EQ(tampered->findings.size(), 1u);
  EXPECT_NE(tampered->findings[0].find("document 'Eigene Leitlinie'"), std::string::npos) << tampered->findings[0];
}

TEST_P(ComplianceContract, MapsToMustNameASuggestedDocument) {
  auto refused = store_->write_document("acme", "Eigene Leitlinie", mapped("Eigene Leitlinie", "Kaffeeplan"), "carol",
                                        at("2026-03-01T08:00:00Z"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(refused.error().where, "maps_to");
  EXPECT_FALSE(store_->document("acme", "Eigene Leitlinie"));
}

TEST_P(ComplianceContract, ApprovingTheApprovedVersionAgainIsRefused) {
  write_some_records();
  auto again = store_->approve("acme", approval("Backup policy", "2", kShaA));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
  EXPECT_NE(again.error().message.find("already approved (by margaret on 2026-03-02)"), std::string::npos)
      << again.error().message;
  EXPECT_EQ(store_->approvals("acme", std::nullopt)->size(), 1u);
}

TEST_P(ComplianceContract, AnApprovalSetsOrConfirmsTheNextReview) {
  write_some_records();  // approved 2026-03-02 without a date: one year on
  EXPECT_EQ(store_->document("acme", "Backup policy")->next_review, day("2027-03-02"));
  ASSERT_TRUE(store_->write_document("acme", "Crisis management plan", upload("Crisis management plan", "1", kTextB),
                                     "carol", at("2026-03-03T09:00:00Z"), kTextB));
  auto chosen = approval("Crisis management plan", "1", kShaB);
  chosen.next_review = day("2026-09-01");
  ASSERT_TRUE(store_->approve("acme", chosen));
  EXPECT_EQ(store_->document("acme", "Crisis management plan")->next_review, day("2026-09-01"));
  ASSERT_TRUE(store_->write_document("acme", "Incident response plan", upload("Incident response plan", "1", kTextB),
                                     "carol", at("2026-03-03T09:00:00Z"), kTextB));
  auto past = approval("Incident response plan", "1", kShaB);
  past.next_review = day("2026-03-02");  // the approval day itself is not a next review
  auto refused = store_->approve("acme", past);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().where, "next_review");
}

// Plain SQL on one organisation's records (as write_some_records leaves
// them; {} is the organisation), and what verify's first finding then says.
struct Tampering {
  const char* statement;
  const char* finding;
};
constexpr Tampering kTamperings[] = {
    {"UPDATE compliance_documents SET version = '3' WHERE org_id = '{}' AND name_key = 'backup policy'",
     "document 'Backup policy' (revision 2) differs from what the record trail"},
    {"UPDATE management_approvals SET approved_by = 'someone else' WHERE org_id = '{}'", "approval 1 differs"},
    {"UPDATE gap_assessments SET result_json = '{{\"as_of\":\"2026-03-01\",\"better\":true}}' WHERE org_id = '{}'",
     "gap assessment 1 differs"},
    {"DELETE FROM record_trail WHERE org_id = '{}' AND seq = 6", "gap assessment 1 is not on the record trail"},
    {"UPDATE record_trail SET actor = 'mallory' WHERE org_id = '{}' AND seq = 3", "record trail entry 3: hash"},
    {"DELETE FROM management_approvals WHERE org_id = '{}'",
     "approval:1 is on the record trail (entry 4) but no longer in the records"},
};

// Each tampering in an organisation of its own, whose verification finds it
// (an edited row is the only finding).
TEST_P(ComplianceContract, RecordsEditedOutsideVigilAreFound) {
  auto incidents = open_store(location_);
  ASSERT_TRUE(incidents);
  for (std::size_t i = 0; i < std::size(kTamperings); ++i) {
    const Tampering& t = kTamperings[i];
    const std::string org = "tampered-" + std::to_string(i);
    SCOPED_TRACE(fmt::format(fmt::runtime(t.statement), org));
    ASSERT_TRUE((*incidents)->ensure_organisation(org, org));
    ASSERT_NO_FATAL_FAILURE(write_some_records(org));
    tamper(fmt::format(fmt::runtime(t.statement), org));
    auto report = verify_records(*store_, org);
    ASSERT_TRUE(report);
    ASSERT_FALSE(report->intact());
    if (i == 0) {
      EXPECT_EQ(report->findings.size(), 1u);
    }
    EXPECT_NE(report->findings[0].find(t.finding), std::string::npos) << report->findings[0];
  }
}

// The trail and the register hold only a document's SHA-256: its stored text
// is re-hashed, so one changed or deleted with plain SQL is found.
TEST_P(ComplianceContract, AStoredDocumentContentChangedOrDeletedIsFound) {
  write_some_records();
  auto clean = verify_records(*store_, "acme");
  ASSERT_TRUE(clean);
  EXPECT_TRUE(clean->intact()) << clean->findings.front();
  EXPECT_EQ(clean->document_contents, 1);
  EXPECT_EQ(to_json(*clean)["document_contents"], 1);
  tamper(GetParam().name == "postgres"
             ? "UPDATE document_contents SET content = decode('41', 'hex') WHERE org_id = 'acme'"
             : "UPDATE document_contents SET content = X'41' WHERE org_id = 'acme'");
  auto changed = verify_records(*store_, "acme");
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->findings.size(), 1u);
  EXPECT_NE(changed->findings[0].find("document 'Backup policy' version 2: content TAMPERED (it hashes to " +
                                      sha256_hex("A") + ", the register recorded " + kShaA + ")"),
            std::string::npos)
      << changed->findings[0];
  tamper("DELETE FROM document_contents WHERE org_id = 'acme'");
  auto deleted = verify_records(*store_, "acme");
  ASSERT_TRUE(deleted);
  ASSERT_EQ(deleted->findings.size(), 1u);
  EXPECT_NE(deleted->findings[0].find("document 'Backup policy' version 2: content missing"), std::string::npos)
      << deleted->findings[0];
  // Another organisation's contents are its own verification's business.
  EXPECT_TRUE(verify_records(*store_, "globex")->intact());
}

TEST_P(ComplianceContract, RowsOlderThanTheTrailAreCountedNotVouchedFor) {
  // A row written before this version: no trail yet.
  tamper(
      "INSERT INTO compliance_documents (org_id, name_key, name, status, version, approved_by, approved_on, "
      "next_review, approved_sha256, content_sha256, content_size, revision, updated_at, updated_by) VALUES "
      "('acme', 'old policy', 'Old policy', 'draft', '1', '', NULL, NULL, '', '', 0, 1, '2025-01-01T00:00:00Z', 'x')");
  auto before = verify_records(*store_, "acme");
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->intact());
  EXPECT_FALSE(before->started);
  EXPECT_EQ(before->predating, 1);
  write_some_records();  // the trail starts, listing the old row
  auto after = verify_records(*store_, "acme");
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->intact()) << after->findings.front();
  EXPECT_EQ(after->predating, 1);
  // A row slipped in after the trail began is not taken for an old one.
  tamper(
      "INSERT INTO compliance_documents (org_id, name_key, name, status, version, approved_by, approved_on, "
      "next_review, approved_sha256, content_sha256, content_size, revision, updated_at, updated_by) VALUES "
      "('acme', 'new policy', 'New policy', 'approved', '1', 'ceo', '2026-03-01', NULL, '', '', 0, 1, "
      "'2026-03-01T00:00:00Z', 'x')");
  auto slipped = verify_records(*store_, "acme");
  ASSERT_TRUE(slipped);
  ASSERT_EQ(slipped->findings.size(), 1u);
  EXPECT_NE(slipped->findings[0].find("document 'New policy' (revision 1) is not on the record trail"),
            std::string::npos)
      << slipped->findings[0];
}

INSTANTIATE_TEST_SUITE_P(Implementations, ComplianceContract, test::every_backend(), test::backend_name);

// --- the register rules (pure) ---

DocumentRecord row(DocumentStatus status, const std::string& version, const std::string& content = "") {
  DocumentRecord r;
  r.name = "Policy";
  r.status = status;
  r.version = version;
  r.content_sha256 = content;
  if (status == DocumentStatus::Approved) {
    r.approved_by = "margaret";
    r.approved_on = day("2026-01-01");
    r.approved_sha256 = content.empty() ? kShaA : content;
  }
  return r;
}

TEST(RegisterRules, AnEditCannotApprove) {
  DocumentEdit edit;
  edit.status = DocumentStatus::Approved;
  // Art. 20(1): not on a new row, not on a draft, not with a new version.
  EXPECT_EQ(edit_document("Policy", std::nullopt, edit).error().code, ErrorCode::Conflict);
  EXPECT_EQ(edit_document("Policy", row(DocumentStatus::Draft, "1"), edit).error().code, ErrorCode::Conflict);
  edit.version = "2";
  EXPECT_EQ(edit_document("Policy", row(DocumentStatus::Approved, "1"), edit).error().code, ErrorCode::Conflict);
  // Keeping the approved version (setting its next review) is fine.
  edit.version = "1";
  edit.next_review = day("2027-01-01");
  auto kept = edit_document("Policy", row(DocumentStatus::Approved, "1"), edit);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->approved_by, "margaret");
  EXPECT_EQ(kept->next_review, day("2027-01-01"));
}

TEST(RegisterRules, AnEditKeepsTheNextReviewOfAnApprovedDocumentAfterItsApproval) {
  DocumentEdit edit;
  edit.status = DocumentStatus::Approved;
  for (Date before : {day("2025-12-31"), day("2026-01-01")}) {  // approved 2026-01-01
    edit.next_review = before;
    auto refused = edit_document("Policy", row(DocumentStatus::Approved, "1"), edit);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(refused.error().where, "next_review");
    EXPECT_NE(refused.error().message.find("not after the approval day 2026-01-01"), std::string::npos)
        << refused.error().message;
  }
  edit.next_review = day("2026-01-02");
  EXPECT_TRUE(edit_document("Policy", row(DocumentStatus::Approved, "1"), edit));
  // Back to draft withdraws the approval: there is no approval day to be after.
  edit.status = DocumentStatus::Draft;
  edit.next_review = day("2025-06-01");
  EXPECT_TRUE(edit_document("Policy", row(DocumentStatus::Approved, "1"), edit));
}

TEST(RegisterRules, ARegisterFileCannotReviewADocumentBeforeItsApproval) {
  auto parsed = assess::parse_document_register(
      "document,status,approved_by,approved_on,next_review\n"
      "Backup policy,approved,CEO,2025-05-28,2025-05-28\n"
      "ISMS scope,approved,CEO,2025-01-21,2026-01-21\n",
      assess::InputFormat::Csv, "documents.csv");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().where, "documents.csv:2: next_review");
  EXPECT_NE(parsed.error().message.find("not after the approval day 2025-05-28"), std::string::npos)
      << parsed.error().message;
}

TEST(RegisterRules, BackToDraftWithdrawsTheApprovalAndANewVersionDropsTheOldContent) {
  DocumentEdit edit;
  edit.status = DocumentStatus::Draft;
  auto draft_again = edit_document("Policy", row(DocumentStatus::Approved, "1", kShaB), edit);
  ASSERT_TRUE(draft_again);
  EXPECT_EQ(draft_again->status, DocumentStatus::Draft);
  EXPECT_TRUE(draft_again->approved_by.empty());
  EXPECT_FALSE(draft_again->approved_on.has_value());
  EXPECT_TRUE(draft_again->approved_sha256.empty());
  EXPECT_EQ(draft_again->content_sha256, kShaB);  // same version: its content stays
  edit.version = "2";
  auto next = edit_document("Policy", row(DocumentStatus::Draft, "1", kShaB), edit);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->version, "2");
  EXPECT_TRUE(next->content_sha256.empty());
}

TEST(RegisterRules, UploadedContentIsADraftUntilApproved) {
  auto fresh = record_content("Policy", std::nullopt, "1", kShaA, 10);
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->status, DocumentStatus::Draft);
  EXPECT_EQ(fresh->content_sha256, kShaA);
  // The approved text again: nothing changes.
  auto same = record_content("Policy", row(DocumentStatus::Approved, "1", kShaA), "1", kShaA, 10);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, DocumentStatus::Approved);
  // Other text under the approved version's number: refused.
  EXPECT_EQ(record_content("Policy", row(DocumentStatus::Approved, "1", kShaA), "1", kShaB, 10).error().code,
            ErrorCode::Conflict);
  // Under a new version: a draft, the approval withdrawn.
  auto next = record_content("Policy", row(DocumentStatus::Approved, "1", kShaA), "2", kShaB, 10);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, DocumentStatus::Draft);
  EXPECT_TRUE(next->approved_by.empty());
}

TEST(RegisterRules, AnApprovalMatchesTheVersionAndHashOnRecord) {
  auto a = approval("Policy", "1", kShaA);
  auto created = approve_document(row(DocumentStatus::Draft, "1", kShaA), a);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->name, "Policy");
  EXPECT_EQ(created->status, DocumentStatus::Approved);
  EXPECT_EQ(created->approved_on, day("2026-03-02"));
  EXPECT_EQ(approve_document(row(DocumentStatus::Draft, "2"), a).error().where, "version");
  EXPECT_EQ(approve_document(row(DocumentStatus::Draft, "1", kShaB), a).error().where, "sha256");
  // No content on record (nothing uploaded, no version yet, not registered): nothing to approve.
  for (const auto& nothing :
       {std::optional<DocumentRecord>(row(DocumentStatus::Draft, "1")),
        std::optional<DocumentRecord>(row(DocumentStatus::Draft, "")), std::optional<DocumentRecord>()}) {
    auto refused = approve_document(nothing, a);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
    EXPECT_NE(refused.error().message.find("no content on record for version 1; upload it before approval"),
              std::string::npos)
        << refused.error().message;
  }
}

TEST(RegisterRules, SubjectKinds) {
  EXPECT_EQ(*parse_approval_subject("document", "kind"), ApprovalSubject::Document);
  EXPECT_EQ(*parse_approval_subject("risk_treatment_plan", "kind"), ApprovalSubject::RiskTreatmentPlan);
  auto bad = parse_approval_subject("budget", "body: subject_kind");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "body: subject_kind");
  EXPECT_EQ(to_string(ApprovalSubject::RiskTreatmentPlan), "risk_treatment_plan");
}

}  // namespace
}  // namespace vigil::store
