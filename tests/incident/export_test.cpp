#include "incident/export.h"
#include "tzdata/zones.h"

#include <nlohmann/json.hpp>
#include <vector>

#include <gtest/gtest.h>
#include "test_time.h"

namespace vigil::incident {
namespace {

using vigil::test::at;
const Instant kNow = at("2025-03-10T00:00:00Z");

nlohmann::json exported() {
  std::vector<Event> events;
  Incident record;
  auto add = [&](EventDraft d) {
    events.push_back(seal("default", "INC-1", events.empty() ? nullptr : &events.back(), std::move(d)));
    EXPECT_TRUE(apply(record, events.back(), tzdata::zones()));
  };
  add(*open_incident({"Outage", at("2025-03-01T10:00:00Z"), "Europe/Berlin",
                      "digital_infrastructure.cloud_computing_service_provider", false, "alice", kNow},
                     tzdata::zones()));
  add(*decide(record,
              {std::nullopt, "Isolate", {"wait"}, "stop spread", {}, {"cause"}, Confidence::Medium, "carol", kNow}));
  add(*add_evidence(record, {std::string(64, 'c'), 10, "fw.log", "blocked traffic", "dave", kNow}));
  return export_incident(record, events, kNow, nullptr);
}

TEST(Export, VerifiesAsWritten) {
  auto check = verify_export(exported(), "f.json", tzdata::zones());
  ASSERT_TRUE(check) << describe(check.error());
  EXPECT_EQ(check->incident_id, "INC-1");
  EXPECT_EQ(check->entries, 3);
}

TEST(Export, AnEditedEntryIsNamed) {
  auto file = exported();
  file["entries"][1]["payload"]["decision"] = "Wait";
  auto check = verify_export(file, "f.json", tzdata::zones());
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().where, "f.json: INC-1 entry 2");
}

TEST(Export, AnEditedRecordThatTheEntriesDoNotSupportIsNamed) {
  auto file = exported();
  file["incident"]["decisions"][0]["rationale"] = "a better story";
  auto check = verify_export(file, "f.json", tzdata::zones());
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().where, "f.json: incident.decisions");
}

TEST(Export, ATruncatedChainDoesNotMatchItsHead) {
  auto file = exported();
  file["entries"].erase(2);
  auto check = verify_export(file, "f.json", tzdata::zones());
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().where, "f.json: chain_head");
}

TEST(Export, NotAnExportIsSaidSo) {
  auto empty = verify_export(nlohmann::json::object(), "f.json", tzdata::zones());
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().where, "f.json: format");
  EXPECT_EQ(empty.error().code, ErrorCode::InvalidInput);
  auto file = exported();
  file.erase("entries");
  auto missing = verify_export(file, "f.json", tzdata::zones());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::InvalidInput);
}

TEST(Export, TamperingIsAConflictNotBadInput) {
  auto file = exported();
  file["entries"][1]["payload"]["decision"] = "Wait";
  EXPECT_EQ(verify_export(file, "f.json", tzdata::zones()).error().code, ErrorCode::Conflict);
}

TEST(Export, AKeyAddedInsideAnEntryIsTampering) {
  auto file = exported();
  file["entries"][2]["extra"] = "added later";
  auto check = verify_export(file, "f.json", tzdata::zones());
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().code, ErrorCode::Conflict);
  EXPECT_EQ(check.error().where, "f.json: entries[2].extra");
}

TEST(Export, AKeyAddedAtTheTopIsTampering) {
  auto file = exported();
  file["approved_by"] = "the board";
  auto check = verify_export(file, "f.json", tzdata::zones());
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().code, ErrorCode::Conflict);
  EXPECT_EQ(check.error().where, "f.json: approved_by");
}

TEST(Export, AnEditedVerificationTextIsTampering) {
  auto file = exported();
  file["verification"] = "Trust us.";
  auto check = verify_export(file, "f.json", tzdata::zones());
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().code, ErrorCode::Conflict);
  EXPECT_EQ(check.error().where, "f.json: verification");
}

TEST(Export, AKeyAddedInsideTheRecordIsTampering) {
  auto file = exported();
  file["incident"]["note"] = "added";
  auto check = verify_export(file, "f.json", tzdata::zones());
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().code, ErrorCode::Conflict);
}

}  // namespace
}  // namespace vigil::incident
