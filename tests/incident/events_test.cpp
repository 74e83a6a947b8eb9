// The typed entries of the incident log (incident/events.h): every kind
// decodes from its payload and encodes back to the very same bytes, which the
// hash chain covers; entries written before a field existed keep their bytes;
// a payload that does not describe its kind is an error naming the entry.
#include "incident/events.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "incident/incident.h"
#include "test_time.h"
#include "tzdata/zones.h"

namespace vigil::incident {
namespace {

using vigil::test::at;

using vigil::test::kCloud;
const Instant kNow = at("2025-03-10T00:00:00Z");

// decode(encode(x)) == x and encode(decode(payload)) == payload.
void expect_round_trip(const EventDraft& draft) {
  auto body = event::decode(draft.kind, draft.payload, "entry");
  ASSERT_TRUE(body) << describe(body.error());
  EXPECT_EQ(event::kind(*body), draft.kind);
  EXPECT_EQ(event::encode(*body), draft.payload) << draft.kind;
  auto again = event::decode(draft.kind, event::encode(*body), "entry");
  ASSERT_TRUE(again);
  EXPECT_TRUE(*again == *body) << draft.kind;
}

TEST(Events, EveryKindMadeByACommandRoundTripsByteForByte) {
  OpenRequest open{"Outage", at("2025-03-01T10:00:00Z"), "Europe/Berlin", kCloud, false, "alice", kNow};
  open.supplier = SupplierCause{"s1", "Hoster", {{"f1", "Billing", true, true}, {"f2", "Mail", false, false}}};
  open.exercise = "EX-1";
  std::vector<Event> log;
  Incident record;
  auto add = [&](Result<EventDraft> draft) {
    ASSERT_TRUE(draft) << describe(draft.error());
    expect_round_trip(*draft);
    log.push_back(seal("default", "INC-1", log.empty() ? nullptr : &log.back(), *draft));
    ASSERT_TRUE(apply(record, log.back(), tzdata::zones()));
  };
  add(open_incident(open, tzdata::zones()));
  Significance none;
  add(assess(record, {R"({"entity_type":"x","users":1.5})", kCloud, none, false, "minor", "bob", kNow}));
  add(decide(record, {at("2025-03-01T11:00:00Z"),
                      {"Isolate", {"wait", "isolate"}, "spread", {"a"}, {"b"}, Confidence::Low, {"containment"}},
                      "carol",
                      kNow}));
  add(add_evidence(record, {std::string(64, 'a'), 12, "log.txt", "firewall log", "dave", kNow, {"forensics"}}));
  add(submit(record, {SubmissionType::EarlyWarning, at("2025-03-03T10:00:00Z"), Recipient::Csirt, "C-1", "erin", kNow},
             tzdata::zones()));
  add(record_facts(record, {{{"severity", "high"}, {"root_cause", "x"}, {"severity", "low"}}, "bob", kNow}));
  add(attach_personal_data_breach(record, {at("2025-03-02T10:00:00Z"), "bob", kNow}));
  add(close(record, {at("2025-03-09T10:00:00Z"), "done", "bob", kNow}));
  EXPECT_EQ(record.supplier->functions.size(), 2u);
  EXPECT_EQ(record.exercise, "EX-1");
  ASSERT_EQ(record.submissions.size(), 1u);
  EXPECT_EQ(record.submissions[0].on_time, false);  // 48 h after awareness: late
  // Facts are kept in id order, a repeated id with its last value.
  auto facts = std::get<event::FactsRecorded>(*event::decode("facts_recorded", log[5].payload, "e")).facts;
  EXPECT_EQ(facts, (Facts{{"root_cause", "x"}, {"severity", "low"}}));
}

TEST(Events, AWithdrawalRoundTrips) {
  auto draft = event::draft(event::ReportWithdrawn{SubmissionType::Notification, "CSIRT agreed"}, "bob", kNow);
  EXPECT_EQ(draft.kind, "report_withdrawn");
  EXPECT_EQ(draft.payload, R"({"reason":"CSIRT agreed","report":"notification"})");
  expect_round_trip(draft);
}

TEST(Events, EntriesWrittenBeforeAFieldExistedKeepTheirBytes) {
  // An assessment without "undetermined", a submission without its deadline.
  EventDraft assessed{"assessed", "bob", kNow,
                      R"({"criteria":[],"explanation":[],"inputs":{},"judgement":null,"note":"","rule_result":false})"};
  expect_round_trip(assessed);
  EXPECT_FALSE(std::get<event::Assessed>(*event::decode("assessed", assessed.payload, "e")).undetermined);
  EventDraft submitted{
      "submitted", "bob", kNow,
      R"({"recipient":"csirt","reference":"","submitted_at":"2025-03-02T10:00:00Z","type":"early-warning"})"};
  expect_round_trip(submitted);
  EXPECT_FALSE(std::get<event::Submitted>(*event::decode("submitted", submitted.payload, "e")).answered);
}

TEST(Events, TheEntriesOfOlderExportsRoundTrip) {
  for (const char* name : {"legacy_export_INC-1.json", "legacy_export_INC-2.json"}) {
    std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/tests/incident/data/" + name);
    std::stringstream text;
    text << in.rdbuf();
    auto exported = nlohmann::json::parse(text.str());
    ASSERT_FALSE(exported.at("entries").empty()) << name;
    for (const auto& entry : exported.at("entries")) {
      auto payload = canonical_json(entry.at("payload").dump(), "payload");
      ASSERT_TRUE(payload);
      expect_round_trip({entry.at("kind").get<std::string>(), "x", kNow, *payload});
    }
  }
}

TEST(Events, APayloadThatDoesNotDescribeItsKindIsAnErrorNamingTheEntry) {
  auto unknown = event::decode("renamed", "{}", "INC-1 entry 2");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::Internal);
  EXPECT_EQ(unknown.error().where, "INC-1 entry 2");
  EXPECT_NE(unknown.error().message.find("unknown kind of entry 'renamed'"), std::string::npos);
  for (const auto& [kind, payload] : std::vector<std::pair<std::string, std::string>>{
           {"decided", R"({"decision":"x"})"},
           {"decided", R"({"confidence":"certain","decided_at":"2025-03-01T10:00:00Z","decision":"x","known":[],)"
                       R"("options":[],"rationale":"r","unknown":[]})"},
           {"submitted",
            R"({"recipient":"press","reference":"","submitted_at":"2025-03-02T10:00:00Z","type":"final"})"},
           {"closed", R"({"handled_at":"yesterday","summary":""})"},
           {"opened", "not json"}}) {
    auto bad = event::decode(kind, payload, "INC-1 entry 2");
    ASSERT_FALSE(bad) << payload;
    EXPECT_EQ(bad.error().where, "INC-1 entry 2");
    EXPECT_NE(bad.error().message.find("does not describe a '" + kind + "' entry"), std::string::npos)
        << bad.error().message;
  }
}

}  // namespace
}  // namespace vigil::incident
