// What each Art. 23(4) report must contain, and the draft that says what is
// filled and what is still missing.
#include "incident/report_content.h"

#include <gtest/gtest.h>

#include "test_result.h"

namespace vigil::incident {
namespace {

std::vector<std::string_view> facts_of(DraftKind kind) {
  std::vector<std::string_view> out;
  for (const auto& item : required_content(kind)) out.push_back(item.fact);
  return out;
}
using Ids = std::vector<std::string_view>;

TEST(ReportContent, EachReportAsksWhatArticle23_4Lists) {
  EXPECT_EQ(facts_of(DraftKind::EarlyWarning), (Ids{"suspected_malicious", "cross_border_impact"}));
  EXPECT_EQ(facts_of(DraftKind::Notification),
            (Ids{"suspected_malicious", "cross_border_impact", "severity", "impact", "indicators_of_compromise"}));
  EXPECT_EQ(facts_of(DraftKind::Intermediate), (Ids{"status"}));
  EXPECT_EQ(facts_of(DraftKind::Final), (Ids{"description", "severity", "impact", "root_cause", "mitigation_applied",
                                             "mitigation_ongoing", "cross_border_impact"}));
  EXPECT_EQ(required_content(DraftKind::Final)[3].reference, "Art. 23(4)(d)(ii)");
  EXPECT_EQ(report_basis(DraftKind::Progress), "Art. 23(4)(e)");
}

TEST(ReportContent, EveryItemNamesAKnownFactAndCitesArticle23_4) {
  for (auto kind : {DraftKind::EarlyWarning, DraftKind::Notification, DraftKind::Intermediate, DraftKind::Final,
                    DraftKind::Progress}) {
    for (const auto& item : required_content(kind)) {
      EXPECT_NE(find_fact(item.fact), nullptr) << item.fact;
      EXPECT_EQ(item.reference.rfind("Art. 23(4)", 0), 0u) << item.reference;
    }
  }
  EXPECT_EQ(find_fact("nonsense"), nullptr);
}

TEST(ReportContent, DraftListsWhatIsFilledAndWhatIsMissing) {
  Facts facts{{"suspected_malicious", "yes: ransomware note found"},
              {"severity", "high"},
              {"impact", ""},             // blank counts as missing
              {"severity", "critical"}};  // the latest value wins
  auto draft = draft_report(DraftKind::Notification, facts);
  EXPECT_EQ(draft.title, "Incident notification");
  EXPECT_EQ(draft.basis, "Art. 23(4)(b)");
  ASSERT_EQ(draft.items.size(), 5u);
  EXPECT_EQ(draft.items[0].value, "yes: ransomware note found");
  EXPECT_EQ(draft.items[2].value, "critical");
  EXPECT_FALSE(draft.items[3].value);
  EXPECT_EQ(draft.missing, (Ids{"impact"}));
  EXPECT_EQ(draft.missing_optional, (Ids{"cross_border_impact", "indicators_of_compromise"}));
  EXPECT_FALSE(draft.complete());
}

TEST(ReportContent, ABlankLaterValueClearsAnEarlierOne) {
  auto draft = draft_report(DraftKind::Intermediate, Facts{{"status", "contained"}, {"status", "  "}});
  EXPECT_EQ(draft.missing, (Ids{"status"}));
  draft = draft_report(DraftKind::Intermediate, Facts{{"status", "contained"}});
  EXPECT_TRUE(draft.complete());
}

TEST(ReportContent, EarlyWarningItemsAreWhereApplicable) {
  auto draft = draft_report(DraftKind::EarlyWarning, {});
  EXPECT_TRUE(draft.complete());
  EXPECT_EQ(draft.missing_optional.size(), 2u);
}

TEST(ReportContent, ReportKindsParseAndRejectOthers) {
  for (auto kind : {DraftKind::EarlyWarning, DraftKind::Notification, DraftKind::Intermediate, DraftKind::Final,
                    DraftKind::Progress}) {
    EXPECT_EQ(parse_draft_kind(to_string(kind), "report").value(), kind);
  }
  // The spellings a listing gives back (next_report names the deadline) are read too.
  EXPECT_EQ(parse_draft_kind("early_warning", "report").value(), DraftKind::EarlyWarning);
  EXPECT_EQ(parse_draft_kind("incident_notification", "report").value(), DraftKind::Notification);
  EXPECT_EQ(parse_draft_kind("Final_Report", "report").value(), DraftKind::Final);
  EXPECT_EQ(parse_draft_kind("RECIPIENTS", "report").value(), DraftKind::Recipients);
  vigil::test::expect_error(
      parse_draft_kind("final-notice", "report"), "report",
      "'final-notice' is not a report; expected early-warning, notification, intermediate, final, "
      "progress, gdpr-breach or recipients");
}

}  // namespace
}  // namespace vigil::incident
