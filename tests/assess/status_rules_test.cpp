// The status rules of the gap assessment, each with a hand-made SoA. The
// requirement ids and their counterparts come from the catalog
// (rm.incident_handling -> A.5.24, A.5.25, A.5.26; rm.cryptography -> A.8.24;
// rm.crisis_management and rep.* -> no counterpart; gov.oversee_implementation
// -> 9.1 and the headings 9.2, 9.3).
#include <gtest/gtest.h>

#include "assess/assess.h"
#include "soa_builder.h"

namespace vigil::assess {
namespace {

using namespace testing;

const Date kAsOf = day(2025, 6, 30);

RequirementResult judge(const Soa& soa, std::string_view requirement, const DocumentRegister& reg = {}) {
  const catalog::Requirement* r = catalog::find_requirement(requirement);
  if (!r) throw std::logic_error("unknown requirement in test");
  return assess_requirement(*r, SoaIndex(soa), reg, kAsOf);
}

bool has(const RequirementResult& r, FindingCode code, std::string_view control = "") {
  for (const Finding& f : r.findings) {
    if (f.code == code && (control.empty() || f.control == control)) return true;
  }
  return false;
}

TEST(StatusRules, CatalogHasTheCounterpartsTheseTestsRelyOn) {
  const auto* r = catalog::find_requirement("rm.incident_handling");
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->iso27001.size(), 3u);
  EXPECT_EQ(r->iso27001[0], "A.5.24");
  ASSERT_EQ(catalog::find_requirement("rm.cryptography")->iso27001.size(), 1u);
  EXPECT_TRUE(catalog::find_requirement("rm.crisis_management")->iso27001.empty());
}

TEST(StatusRules, MetWhenEveryApplicableCounterpartIsImplemented) {
  Soa soa = full_soa();
  auto r = judge(soa, "rm.incident_handling");
  EXPECT_EQ(r.status, RequirementStatus::Met);
  EXPECT_FALSE(r.judged_by_documents);
  EXPECT_EQ(r.controls.size(), 3u);
  EXPECT_TRUE(r.findings.empty());
}

// full_soa() with some counterparts implemented otherwise, and the status of
// the requirement they stand for.
struct WithControls {
  const char* name;
  std::vector<std::pair<const char*, Implementation>> changed;
  const char* requirement;
  RequirementStatus status;
};

class StatusFromControls : public ::testing::TestWithParam<WithControls> {};

TEST_P(StatusFromControls, Judged) {
  Soa soa = full_soa();
  for (auto [id, status] : GetParam().changed) set(soa, id, status);
  EXPECT_EQ(judge(soa, GetParam().requirement).status, GetParam().status);
}

std::vector<WithControls> control_cases() {
  using enum Implementation;
  return {WithControls{"PartialWhenOneIsPartiallyImplemented",
                       {{"A.5.25", PartiallyImplemented}},
                       "rm.incident_handling",
                       RequirementStatus::Partial},
          WithControls{"PartialWhenOneIsImplementedAndTheOthersOnlyPlanned",
                       {{"A.5.25", Planned}, {"A.5.26", NotImplemented}},
                       "rm.incident_handling",
                       RequirementStatus::Partial},
          WithControls{
              "PartialWhenOnlyPartiallyImplementedOnes",
              {{"A.5.24", PartiallyImplemented}, {"A.5.25", PartiallyImplemented}, {"A.5.26", PartiallyImplemented}},
              "rm.incident_handling",
              RequirementStatus::Partial},
          WithControls{"GapWhenNothingIsImplementedOrPartiallyImplemented",
                       {{"A.5.24", Planned}, {"A.5.25", Planned}, {"A.5.26", NotImplemented}},
                       "rm.incident_handling",
                       RequirementStatus::Gap},
          WithControls{"PlannedAloneIsAGap", {{"A.8.24", Planned}}, "rm.cryptography", RequirementStatus::Gap}};
}

INSTANTIATE_TEST_SUITE_P(StatusRules, StatusFromControls, ::testing::ValuesIn(control_cases()),
                         [](const ::testing::TestParamInfo<WithControls>& p) { return std::string(p.param.name); });

TEST(StatusRules, AbsentCounterpartCountsAsApplicableAndNotImplemented) {
  Soa soa = full_soa();
  remove(soa, "A.5.26");
  auto r = judge(soa, "rm.incident_handling");
  EXPECT_EQ(r.status, RequirementStatus::Partial);  // two implemented, one counted as not implemented
  EXPECT_TRUE(has(r, FindingCode::MissingFromSoa, "A.5.26"));
  ASSERT_EQ(r.controls.size(), 3u);
  EXPECT_FALSE(r.controls[2].in_soa);
  EXPECT_TRUE(r.controls[2].applicable);
  EXPECT_EQ(r.controls[2].status, Implementation::NotImplemented);
}

TEST(StatusRules, OnlyCounterpartAbsentIsAGapNotAnExclusion) {
  Soa soa = full_soa();
  remove(soa, "A.8.24");
  auto r = judge(soa, "rm.cryptography");
  EXPECT_EQ(r.status, RequirementStatus::Gap);
  EXPECT_TRUE(has(r, FindingCode::MissingFromSoa, "A.8.24"));
  EXPECT_FALSE(has(r, FindingCode::AllCounterpartsExcluded));
}

TEST(StatusRules, AllCounterpartsExcludedIsAGapWithItsFinding) {
  Soa soa = full_soa();
  for (auto id : {"A.5.24", "A.5.25", "A.5.26"}) exclude(soa, id);
  auto r = judge(soa, "rm.incident_handling");
  EXPECT_EQ(r.status, RequirementStatus::Gap);
  EXPECT_TRUE(has(r, FindingCode::AllCounterpartsExcluded));
  EXPECT_FALSE(has(r, FindingCode::CounterpartExcluded));
}

TEST(StatusRules, AllExcludedEvenWhenTheExcludedLinesSayImplemented) {
  Soa soa = full_soa();
  line(soa, "A.8.24").applicable = false;  // status stays "implemented"
  line(soa, "A.8.24").justification = "no cryptography";
  auto r = judge(soa, "rm.cryptography");
  EXPECT_EQ(r.status, RequirementStatus::Gap);
  EXPECT_TRUE(has(r, FindingCode::AllCounterpartsExcluded));
}

TEST(StatusRules, ExcludedCounterpartBesideApplicableOnesIsIgnoredForStatusButReported) {
  Soa soa = full_soa();
  exclude(soa, "A.5.26", "handled by the parent company");
  auto r = judge(soa, "rm.incident_handling");
  EXPECT_EQ(r.status, RequirementStatus::Met);  // A = {A.5.24, A.5.25}, both implemented
  ASSERT_TRUE(has(r, FindingCode::CounterpartExcluded, "A.5.26"));
  const Finding& f = r.findings.front();
  EXPECT_NE(f.detail.find("A.5.26"), std::string::npos);
  EXPECT_NE(f.detail.find("Art. 21(2)(b)"), std::string::npos);
  EXPECT_NE(f.detail.find("handled by the parent company"), std::string::npos);
}

TEST(StatusRules, ExcludedCounterpartAndAnApplicableOnePlannedIsAGap) {
  Soa soa = full_soa();
  exclude(soa, "A.5.30");
  set(soa, "A.8.14", Implementation::Planned);
  auto r = judge(soa, "rm.disaster_recovery");
  EXPECT_EQ(r.status, RequirementStatus::Gap);
  EXPECT_TRUE(has(r, FindingCode::CounterpartExcluded, "A.5.30"));
}

TEST(StatusRules, HeadingCounterpartsStandForTheirItems) {
  Soa soa = full_soa();
  auto r = judge(soa, "gov.oversee_implementation");
  std::vector<std::string_view> ids;
  for (const auto& c : r.controls) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<std::string_view>{"9.1", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3"}));
  EXPECT_EQ(r.status, RequirementStatus::Met);
  set(soa, "9.3.2", Implementation::Planned);
  EXPECT_EQ(judge(soa, "gov.oversee_implementation").status, RequirementStatus::Partial);
}

TEST(StatusRules, SoaWithoutClausesLeavesClauseBasedRequirementsAsGaps) {
  Soa soa = full_soa();
  std::erase_if(soa.entries, [](const SoaEntry& e) { return e.item->kind == catalog::IsoKind::Clause; });
  auto r = judge(soa, "gov.approve_measures");  // 6.1.3 only
  EXPECT_EQ(r.status, RequirementStatus::Gap);
  EXPECT_TRUE(has(r, FindingCode::MissingFromSoa, "6.1.3"));
}

// Requirements without an ISO counterpart: status from the register.
TEST(StatusRules, NoCounterpartAllDocumentsApprovedIsMet) {
  auto reg = register_with({{"Incident reporting procedure", DocumentStatus::Approved},
                            {"Final incident report", DocumentStatus::Approved}});
  auto r = judge(full_soa(), "rep.final_report", reg);
  EXPECT_TRUE(r.judged_by_documents);
  EXPECT_EQ(r.status, RequirementStatus::Met);
  EXPECT_TRUE(r.controls.empty());
}

TEST(StatusRules, NoCounterpartAndNoRegisterIsAGap) {
  EXPECT_EQ(judge(full_soa(), "rep.final_report").status, RequirementStatus::Gap);
}

// A register, the requirement judged with it, its status and, where the case
// is about them, the status of each document the result lists.
struct WithRegister {
  const char* name;
  std::vector<std::pair<std::string_view, DocumentStatus>> documents;
  const char* requirement;
  RequirementStatus status;
  std::vector<DocumentStatus> listed = {};
};

class StatusFromRegister : public ::testing::TestWithParam<WithRegister> {};

TEST_P(StatusFromRegister, Judged) {
  const WithRegister& c = GetParam();
  auto r = judge(full_soa(), c.requirement, register_with(c.documents));
  EXPECT_EQ(r.status, c.status);
  if (c.listed.empty()) return;
  std::vector<DocumentStatus> listed;
  for (const auto& d : r.documents) listed.push_back(d.status);
  EXPECT_EQ(listed, c.listed);
}

std::vector<WithRegister> register_cases() {
  using enum DocumentStatus;
  return {WithRegister{"NoCounterpartOneDraftIsPartial",
                       {{"Incident reporting procedure", Approved}, {"Final incident report", Draft}},
                       "rep.final_report",
                       RequirementStatus::Partial},
          WithRegister{"NoCounterpartOneApprovedOneMissingIsPartial",
                       {{"Incident reporting procedure", Approved}},
                       "rep.final_report",
                       RequirementStatus::Partial,
                       {Approved, Missing}},
          WithRegister{"NoCounterpartAllMissingIsAGap",
                       {{"Incident reporting procedure", Missing}},
                       "rep.final_report",
                       RequirementStatus::Gap},
          WithRegister{"RegisterNamesMatchIgnoringCaseAndBlanks",
                       {{"  crisis MANAGEMENT plan ", Approved}},
                       "rm.crisis_management",
                       RequirementStatus::Met},
          WithRegister{"DocumentsDoNotChangeTheStatusOfARequirementWithCounterparts",
                       {{"Encryption policy", Missing}},
                       "rm.cryptography",
                       RequirementStatus::Met,
                       {Missing}}};
}

INSTANTIATE_TEST_SUITE_P(StatusRules, StatusFromRegister, ::testing::ValuesIn(register_cases()),
                         [](const ::testing::TestParamInfo<WithRegister>& p) { return std::string(p.param.name); });

// Stale evidence: review_overdue when last_reviewed is more than 12 months
// before the assessment date (2025-06-30).
TEST(StatusRules, ReviewExactlyTwelveMonthsAgoIsNotOverdue) {
  Soa soa = full_soa(day(2024, 6, 30));
  auto r = judge(soa, "rm.cryptography");
  EXPECT_FALSE(has(r, FindingCode::ReviewOverdue));
  EXPECT_EQ(r.status, RequirementStatus::Met);
}

TEST(StatusRules, ReviewTwelveMonthsAndOneDayAgoIsOverdue) {
  Soa soa = full_soa(day(2024, 6, 29));
  auto r = judge(soa, "rm.cryptography");
  EXPECT_TRUE(has(r, FindingCode::ReviewOverdue, "A.8.24"));
  EXPECT_EQ(r.status, RequirementStatus::Met);  // stale evidence is a finding, not a status
}

TEST(StatusRules, NoReviewDateRaisesNoReviewFinding) {
  auto r = judge(full_soa(), "rm.cryptography");
  EXPECT_FALSE(has(r, FindingCode::ReviewOverdue));
}

TEST(StatusRules, ExcludedCounterpartIsNeverOverdue) {
  Soa soa = full_soa(day(2020, 1, 1));
  exclude(soa, "A.5.26");
  line(soa, "A.5.24").last_reviewed = day(2025, 1, 1);
  line(soa, "A.5.25").last_reviewed = day(2025, 1, 1);
  auto r = judge(soa, "rm.incident_handling");
  EXPECT_FALSE(has(r, FindingCode::ReviewOverdue));
}

// A document past its register next_review date (assessment date 2025-06-30):
// document_review_overdue and a review_document action; the status stays.
DocumentRegister crisis_plan(DocumentStatus status, std::optional<Date> next_review) {
  DocumentRegister reg = register_with({{"Crisis management plan", status}});
  reg.documents[0].next_review = next_review;
  return reg;
}

TEST(StatusRules, DocumentReviewDueOnTheAssessmentDateIsNotOverdue) {
  auto r = judge(full_soa(), "rm.crisis_management", crisis_plan(DocumentStatus::Approved, kAsOf));
  EXPECT_FALSE(has(r, FindingCode::DocumentReviewOverdue));
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].next_review, kAsOf);
  EXPECT_FALSE(r.documents[0].review_overdue);
  EXPECT_EQ(r.status, RequirementStatus::Met);
}

TEST(StatusRules, DocumentReviewDueTheDayBeforeIsOverdue) {
  auto reg = crisis_plan(DocumentStatus::Approved, day(2025, 6, 29));
  auto r = judge(full_soa(), "rm.crisis_management", reg);
  ASSERT_TRUE(has(r, FindingCode::DocumentReviewOverdue));
  EXPECT_TRUE(r.documents[0].review_overdue);
  EXPECT_EQ(r.status, RequirementStatus::Met);  // a stale review is a finding, not a status
  EXPECT_NE(r.findings[0].detail.find("Crisis management plan"), std::string::npos);
  EXPECT_NE(r.findings[0].detail.find("2025-06-29"), std::string::npos);

  GapReport report = assess(full_soa(), reg, kAsOf);
  int reviews = 0;
  for (const Action& a : report.actions) {
    if (a.kind != ActionKind::ReviewDocument) continue;
    ++reviews;
    EXPECT_EQ(a.target, "Crisis management plan");
  }
  EXPECT_EQ(reviews, 1);
}

TEST(StatusRules, DraftPastItsReviewDateIsOverdueToo) {
  auto r = judge(full_soa(), "rm.crisis_management", crisis_plan(DocumentStatus::Draft, day(2025, 1, 1)));
  EXPECT_TRUE(has(r, FindingCode::DocumentReviewOverdue));
  EXPECT_EQ(r.status, RequirementStatus::Partial);
}

TEST(StatusRules, MissingDocumentOrNoReviewDateRaisesNoDocumentReviewFinding) {
  EXPECT_FALSE(has(judge(full_soa(), "rm.crisis_management", crisis_plan(DocumentStatus::Missing, day(2020, 1, 1))),
                   FindingCode::DocumentReviewOverdue));
  EXPECT_FALSE(has(judge(full_soa(), "rm.crisis_management", crisis_plan(DocumentStatus::Approved, std::nullopt)),
                   FindingCode::DocumentReviewOverdue));
}

TEST(StatusRules, AssessComputesGroupsAndOverall) {
  Soa soa = full_soa();
  auto reg = register_with({{"Crisis management plan", DocumentStatus::Approved},
                            {"Incident reporting procedure", DocumentStatus::Approved},
                            {"Final incident report", DocumentStatus::Draft},
                            {"Customer notification procedure", DocumentStatus::Missing}});
  GapReport report = assess(soa, reg, kAsOf);
  ASSERT_EQ(report.groups.size(), 2u);
  const Tally& rm = report.groups[0].tally;
  const Tally& rep = report.groups[1].tally;
  EXPECT_EQ(report.groups[0].group, catalog::Group::RiskManagement);
  EXPECT_EQ(rm.total, 26);
  EXPECT_EQ(rm.met, 26);
  EXPECT_EQ(rep.total, 5);
  EXPECT_EQ(rep.met, 3);      // early warning, notification, intermediate
  EXPECT_EQ(rep.partial, 1);  // final report (one draft)
  EXPECT_EQ(rep.gap, 1);      // recipients
  EXPECT_EQ(rep.score_tenths(), 700);
  EXPECT_EQ(report.overall.total, 31);
  EXPECT_EQ(report.overall.met, 29);
  // (29 + 0.5) / 31 = 95.161... %
  EXPECT_EQ(report.overall.score_tenths(), 952);
}

TEST(StatusRules, SoaSummaryCountsListedAndMissingControls) {
  Soa soa = full_soa();
  remove(soa, "A.7.4");
  exclude(soa, "A.7.5");
  set(soa, "A.8.1", Implementation::Planned);
  GapReport report = assess(soa, {}, kAsOf);
  EXPECT_EQ(report.soa.annex_a_total, 93);
  EXPECT_EQ(report.soa.annex_a_listed, 92);
  EXPECT_EQ(report.soa.annex_a_missing, (std::vector<std::string_view>{"A.7.4"}));
  EXPECT_EQ(report.soa.excluded, 1);
  EXPECT_EQ(report.soa.planned, 1);
  EXPECT_EQ(report.soa.clauses_listed, report.soa.clauses_total);
}

}  // namespace
}  // namespace vigil::assess
