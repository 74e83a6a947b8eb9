// Report drafts take what the record already holds: the latest assessment's
// malicious cause and impact figures (never a fact it left unknown), the
// deadline in UTC and local time, the recipient, decisions and timeline; and
// the GDPR Art. 33 and Art. 23(1) notice drafts ask what those provisions ask.
#include <algorithm>

#include <date/tz.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "incident/event_log.h"
#include "incident/impact_input.h"
#include "incident/report_draft.h"
#include "incident/report_facts.h"
#include "test_time.h"
#include "tzdata/zones.h"

namespace vigil::incident {
namespace {

using vigil::test::at;
using vigil::test::kCloud;

struct Record {
  Incident incident;
  std::vector<Event> events;
  void add(Result<EventDraft> draft) {
    ASSERT_TRUE(draft) << describe(draft.error());
    events.push_back(seal("acme", "INC-1", events.empty() ? nullptr : &events.back(), std::move(*draft)));
    ASSERT_TRUE(apply(incident, events.back(), tzdata::zones()));
  }
};

Record opened() {
  Record r;
  r.add(open_incident({"Storage cluster ransomware", at("2025-03-30T07:15:00Z"), "Europe/Berlin", kCloud, false,
                       "alice", at("2025-03-30T08:00:00Z")},
                      tzdata::zones()));
  return r;
}

void assess_with(Record& r, nlohmann::json input) {
  input["entity_type"] = kCloud;
  r.add(assess(r.incident,
               *assessment_request(input, "impact.json", std::nullopt, "", "bob", at("2025-03-30T09:00:00Z"))));
}

std::optional<std::string> value_of(const Facts& facts, std::string_view id) {
  std::optional<std::string> out;
  for (const auto& [k, v] : facts) {
    if (k == id) out = v;
  }
  return out;
}

TEST(ReportFacts, TheAssessmentFillsTheMaliciousCauseAndTheImpact) {
  Record r = opened();
  assess_with(r, {{"malicious_unauthorised_access_capable_of_severe_disruption", true},
                  {"complete_unavailability_minutes", 45},
                  {"users_affected_complete", 1200},
                  {"direct_financial_loss_eur", 250000}});
  Facts facts = facts_for_reports(r.incident);
  auto malicious = value_of(facts, "suspected_malicious");
  ASSERT_TRUE(malicious);
  EXPECT_EQ(malicious->rfind("Yes: suspected malicious unauthorised access", 0), 0u) << *malicious;
  EXPECT_NE(malicious->find("(significance assessment of 2025-03-30T09:00:00Z by bob)"), std::string::npos);
  auto impact = value_of(facts, "impact");
  ASSERT_TRUE(impact);
  EXPECT_NE(impact->find("Service completely unavailable for 45 min, 1200 users affected"), std::string::npos)
      << *impact;
  EXPECT_NE(impact->find("direct financial loss EUR 250000"), std::string::npos) << *impact;
  ReportDraft early = draft_report(DraftKind::EarlyWarning, facts);
  EXPECT_TRUE(early.items[0].value);  // not listed as missing
  EXPECT_EQ(std::count(early.missing_optional.begin(), early.missing_optional.end(), "suspected_malicious"), 0);
}

// Every impact figure the assessment holds reaches the Impact text, also one
// given without its companion (users affected by limited availability
// without the minutes).
TEST(ReportFacts, EveryImpactFigureOfTheAssessmentIsInTheImpact) {
  Record r = opened();
  assess_with(r, {{"complete_unavailability_minutes", 45},
                  {"users_affected_limited", 12000},
                  {"direct_financial_loss_eur", 250000},
                  {"users_eu_total", 2000000},
                  {"slow_response_minutes", 90},
                  {"data_compromise_users_affected", 300},
                  {"domains_incorrect", 7},
                  {"domains_managed", 800},
                  {"unavailability_minutes_per_calendar_week", {{"2025-W13", 61}}}});
  auto impact = value_of(facts_for_reports(r.incident), "impact");
  ASSERT_TRUE(impact);
  for (std::string_view figure :
       {"Service completely unavailable for 45 min",
        "12000 users affected (limited "
        "availability)",
        "direct financial loss EUR 250000", "2000000 users in the Union", "slow responses for 90 min",
        "data of 300 users", "7 of 800 domains", "61 min in calendar week 2025-W13"}) {
    EXPECT_NE(impact->find(figure), std::string::npos) << figure << " is not in: " << *impact;
  }
  auto markdown = draft_markdown(r.incident, draft_report(DraftKind::Notification, facts_for_reports(r.incident)));
  EXPECT_NE(markdown.find("12000 users affected"), std::string::npos) << markdown;
}

TEST(ReportFacts, UnknownOrNoIsNotTurnedIntoAnAnswer) {
  Record r = opened();
  assess_with(r, {{"malicious_unauthorised_access_capable_of_severe_disruption", false}});
  EXPECT_FALSE(value_of(facts_for_reports(r.incident), "suspected_malicious"));  // "no signs" is not "not malicious"
  Record unknown = opened();
  assess_with(unknown, nlohmann::json::object());
  Facts facts = facts_for_reports(unknown.incident);
  EXPECT_FALSE(value_of(facts, "suspected_malicious"));
  EXPECT_FALSE(value_of(facts, "impact"));
}

TEST(ReportFacts, WhatTheHandlerRecordedWins) {
  Record r = opened();
  assess_with(r, {{"complete_unavailability_minutes", 45}, {"users_affected_complete", 1200}});
  r.add(record_facts(
      r.incident,
      FactsRequest{{{"impact", "Storage for 1 200 tenants down 45 min"}}, "erin", at("2025-03-30T10:00:00Z")}));
  EXPECT_EQ(draft_report(DraftKind::Notification, facts_for_reports(r.incident)).items[3].value,
            std::optional<std::string>("Storage for 1 200 tenants down 45 min"));
}

TEST(ReportDraft, CarriesEntityRecipientDeadlineInBothZonesDecisionsAndTimeline) {
  Record r = opened();
  r.add(decide(r.incident, {at("2025-03-30T08:30:00Z"),
                            {"Isolate the cluster",
                             {"wait", "isolate"},
                             "Stop the spread",
                             {"ransom note"},
                             {"entry point"},
                             Confidence::Medium},
                            "carol",
                            at("2025-03-30T08:31:00Z")}));
  auto context = draft_context(r.incident, DraftKind::EarlyWarning, "Acme Cloud GmbH", tzdata::zones());
  ASSERT_TRUE(context) << describe(context.error());
  ASSERT_TRUE(context->due);
  EXPECT_EQ(format_utc(*context->due), "2025-03-31T07:15:00Z");
  EXPECT_EQ(context->due_local, "2025-03-31T09:15:00+02:00");  // after the DST change of 30 March
  EXPECT_EQ(context->owed, Owed::IfSignificant);
  auto markdown =
      draft_markdown(r.incident, draft_report(DraftKind::EarlyWarning, facts_for_reports(r.incident)), *context);
  EXPECT_NE(markdown.find("- **Entity**: Acme Cloud GmbH"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("- **To**: the CSIRT or, where applicable, the competent authority (Art. 23(1))"),
            std::string::npos);
  EXPECT_NE(
      markdown.find("- **Deadline**: 2025-03-31T07:15:00Z UTC (2025-03-31T09:15:00+02:00 local), due if significant"),
      std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("**Isolate the cluster**"), std::string::npos);
  EXPECT_NE(markdown.find("Not known yet: entry point."), std::string::npos);
  EXPECT_NE(markdown.find("- 2025-03-30T08:30:00Z decided by carol: Isolate the cluster"), std::string::npos);
  auto drafted = draft_json(r.incident, draft_report(DraftKind::EarlyWarning, {}), *context);
  EXPECT_EQ(drafted["entity"], "Acme Cloud GmbH");
  EXPECT_EQ(drafted["due"]["local"], "2025-03-31T09:15:00+02:00");
  EXPECT_EQ(drafted["due"]["owed"], "due_if_significant");
  EXPECT_EQ(drafted["decisions"][0]["unknown"][0], "entry point");
  EXPECT_EQ(drafted["timeline"][0]["what"], "became aware");
  // An intermediate report answers a request, not a clock.
  auto intermediate = draft_context(r.incident, DraftKind::Intermediate, "", tzdata::zones());
  ASSERT_TRUE(intermediate);
  EXPECT_FALSE(intermediate->due);
}

// Once the early warning is submitted, its draft still carries the full
// deadline line (UTC and local) with when it went and whether it was late.
TEST(ReportDraft, ASubmittedReportKeepsItsDeadlineAndLateness) {
  Record r = opened();
  assess_with(r, {{"complete_unavailability_minutes", 45}});
  r.add(submit(r.incident,
               SubmitRequest{SubmissionType::EarlyWarning, at("2025-03-31T09:30:00Z"), Recipient::Csirt, "", "erin",
                             at("2025-03-31T10:00:00Z")},
               tzdata::zones()));
  auto context = draft_context(r.incident, DraftKind::EarlyWarning, "Acme Cloud GmbH", tzdata::zones());
  ASSERT_TRUE(context) << describe(context.error());
  ASSERT_TRUE(context->due);
  EXPECT_EQ(format_utc(*context->due), "2025-03-31T07:15:00Z");
  EXPECT_EQ(context->due_local, "2025-03-31T09:15:00+02:00");
  EXPECT_FALSE(context->owed);
  auto markdown =
      draft_markdown(r.incident, draft_report(DraftKind::EarlyWarning, facts_for_reports(r.incident)), *context);
  EXPECT_NE(markdown.find("- **Deadline**: 2025-03-31T07:15:00Z UTC (2025-03-31T09:15:00+02:00 local), submitted "
                          "2025-03-31T09:30:00Z, late by 2 h 15 min"),
            std::string::npos)
      << markdown;
  auto drafted = draft_json(r.incident, draft_report(DraftKind::EarlyWarning, {}), *context);
  EXPECT_EQ(drafted["due"]["utc"], "2025-03-31T07:15:00Z");
  EXPECT_EQ(drafted["due"]["local"], "2025-03-31T09:15:00+02:00");
  EXPECT_EQ(drafted["due"]["submitted_at"], "2025-03-31T09:30:00Z");
  EXPECT_EQ(drafted["due"]["on_time"], false);
  EXPECT_EQ(drafted["due"]["late_by"], "2 h 15 min");
  // The notification is still pending: its own deadline, as before.
  auto notification = draft_context(r.incident, DraftKind::Notification, "", tzdata::zones());
  ASSERT_TRUE(notification);
  ASSERT_TRUE(notification->due);
  EXPECT_FALSE(notification->submitted_at);
  EXPECT_EQ(format_utc(*notification->due), "2025-04-02T07:15:00Z");
}

// Every draft says what happened: the early warning and the notification do
// not ask for a description, yet carry the recorded one; the final report,
// whose content asks for it, has it there and not twice.
TEST(ReportDraft, EveryDraftCarriesTheRecordedDescriptionOnce) {
  Record r = opened();
  auto context = draft_context(r.incident, DraftKind::EarlyWarning, "Acme Cloud GmbH", tzdata::zones());
  ASSERT_TRUE(context) << describe(context.error());
  auto before = draft_report(DraftKind::EarlyWarning, facts_for_reports(r.incident));
  EXPECT_EQ(draft_markdown(r.incident, before, *context).find("What happened"), std::string::npos);
  EXPECT_TRUE(draft_json(r.incident, before, *context)["description"].is_null());

  r.add(record_facts(
      r.incident,
      FactsRequest{{{"description", "Storage nodes encrypted <overnight>"}}, "erin", at("2025-03-30T10:00:00Z")}));
  for (auto kind : {DraftKind::EarlyWarning, DraftKind::Notification}) {
    auto d = draft_report(kind, facts_for_reports(r.incident));
    auto markdown = draft_markdown(r.incident, d, *context);
    EXPECT_NE(markdown.find("- **What happened**: Storage nodes encrypted &lt;overnight&gt;"), std::string::npos)
        << markdown;
    EXPECT_EQ(draft_json(r.incident, d, *context)["description"], "Storage nodes encrypted <overnight>");
  }
  auto final_report = draft_report(DraftKind::Final, facts_for_reports(r.incident));
  auto markdown = draft_markdown(r.incident, final_report, *context);
  EXPECT_EQ(markdown.find("What happened"), std::string::npos);
  EXPECT_NE(markdown.find("Storage nodes encrypted"), std::string::npos);
  EXPECT_TRUE(draft_json(r.incident, final_report, *context)["description"].is_null());
}

TEST(ReportDraft, TheGdprNotificationAsksWhatArticle33_3ListsAndRunsItsOwnClock) {
  std::vector<std::string_view> asked;
  for (const auto& item : required_content(DraftKind::GdprBreach)) asked.push_back(item.fact);
  EXPECT_EQ(asked, (std::vector<std::string_view>{"breach_nature", "dpo_contact", "likely_consequences",
                                                  "breach_measures", "delay_reasons"}));
  EXPECT_EQ(required_content(DraftKind::GdprBreach)[3].reference, "GDPR Art. 33(3)(d)");
  EXPECT_EQ(*parse_draft_kind("gdpr-breach", "TYPE"), DraftKind::GdprBreach);
  Record r = opened();
  r.add(attach_personal_data_breach(r.incident,
                                    BreachRequest{at("2025-03-30T10:00:00Z"), "dpo", at("2025-03-30T10:05:00Z")}));
  auto context = draft_context(r.incident, DraftKind::GdprBreach, "", tzdata::zones());
  ASSERT_TRUE(context) << describe(context.error());
  ASSERT_TRUE(context->due);
  EXPECT_EQ(format_utc(*context->due), "2025-04-02T10:00:00Z");  // 72 hours
  EXPECT_EQ(context->recipient, "the competent supervisory authority (GDPR Art. 33(1))");
}

TEST(ReportDraft, TheNoticeToRecipientsNamesWhatTheyCanDo) {
  std::vector<std::string_view> asked;
  for (const auto& item : required_content(DraftKind::Recipients)) asked.push_back(item.fact);
  EXPECT_EQ(asked, (std::vector<std::string_view>{"impact", "recipient_measures", "contact_point"}));
  EXPECT_EQ(report_recipient(DraftKind::Recipients),
            "the recipients of the services likely to be affected (Art. 23(1))");
  auto bad = parse_draft_kind("press", "TYPE");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("gdpr-breach or recipients"), std::string::npos);
}

}  // namespace
}  // namespace vigil::incident
