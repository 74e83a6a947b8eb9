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
              {std::nullopt, {"Isolate", {"wait"}, "stop spread", {}, {"cause"}, Confidence::Medium}, "carol", kNow}));
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

// An export edited after it was written is a conflict (tampering), not bad
// input; where the check finds the edit, when the case says (nullptr: not
// asserted).
struct Tampering {
  const char* name;
  void (*edit)(nlohmann::json& file);
  const char* where;
};

class ExportTampering : public testing::TestWithParam<Tampering> {};

TEST_P(ExportTampering, IsAConflict) {
  auto file = exported();
  GetParam().edit(file);
  auto check = verify_export(file, "f.json", tzdata::zones());
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().code, ErrorCode::Conflict);
  if (GetParam().where) {
    EXPECT_EQ(check.error().where, GetParam().where);
  }
}

const Tampering kTamperings[] = {
    {"AnEditedPayload", [](nlohmann::json& f) { f["entries"][1]["payload"]["decision"] = "Wait"; }, nullptr},
    {"AKeyAddedInsideAnEntry", [](nlohmann::json& f) { f["entries"][2]["extra"] = "added later"; },
     "f.json: entries[2].extra"},
    {"AKeyAddedAtTheTop", [](nlohmann::json& f) { f["approved_by"] = "the board"; }, "f.json: approved_by"},
    {"AnEditedVerificationText", [](nlohmann::json& f) { f["verification"] = "Trust us."; }, "f.json: verification"},
    {"AKeyAddedInsideTheRecord", [](nlohmann::json& f) { f["incident"]["note"] = "added"; }, nullptr},
};

INSTANTIATE_TEST_SUITE_P(Export, ExportTampering, testing::ValuesIn(kTamperings),
                         [](const testing::TestParamInfo<Tampering>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace vigil::incident
