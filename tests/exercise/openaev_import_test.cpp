#include "exercise/openaev_import.h"

#include <gtest/gtest.h>

#include "exercise_fixtures.h"

namespace vigil::exercise {
namespace {

ImportOptions options() {
  return {"", "digital_infrastructure.cloud_computing_service_provider", "Europe/Berlin", "2026-05-04T09:00:00+02:00"};
}

std::string export_with(const std::string& teams, const std::string& injects) {
  return R"({"export_version": 1, "scenario_information": {"scenario_name": "Drill"}, "scenario_teams": [)" + teams +
         R"(], "scenario_injects": [)" + injects + "]}";
}

TEST(OpenAevImport, InjectsKeepTheirTimesAndTeamsBecomeRoles) {
  auto result = import_openaev(
      export_with(R"({"team_id": "a", "team_name": "Audit team"}, {"team_id": "b", "team_name": "IT operations"},
                    {"team_id": "c", "team_name": "Press office"})",
                  R"({"inject_id": "x", "inject_title": "Later", "inject_depends_duration": 5400, "inject_teams": ["c"],
                      "inject_content": {"expectations": [{"expectation_type": "MANUAL",
                        "expectation_name": "Submit the incident notification", "expectation_expiration_time": 600}]}},
                     {"inject_id": "y", "inject_title": "First", "inject_depends_duration": 0, "inject_teams": ["a"]})"),
      "export.json", options(), testing::locate);
  ASSERT_TRUE(result) << describe(result.error());
  auto s = parse_scenario(result->toml, "imported.toml", testing::locate);
  ASSERT_TRUE(s) << describe(s.error());
  ASSERT_EQ(s->injects.size(), 2u);
  EXPECT_EQ(s->injects[0].title, "First");
  EXPECT_EQ(s->injects[0].to, std::vector<std::string>{"all"});  // "Audit team" is not IT
  EXPECT_EQ(s->injects[1].at, Seconds{5400});
  EXPECT_EQ(s->injects[1].to, std::vector<std::string>{"communications"});
  ASSERT_EQ(s->expectations.size(), 1u);
  EXPECT_EQ(s->expectations[0].action, Action::Submit);
  EXPECT_EQ(s->expectations[0].by, RegulatoryDue::Notification);
  EXPECT_EQ(result->mapped_expectations, 1);
  EXPECT_EQ(s->duration, Seconds{35 * 86400});
  ASSERT_FALSE(result->not_mapped.empty());
  EXPECT_NE(result->not_mapped[0].find("team 'Audit team' names no role"), std::string::npos);
}

TEST(OpenAevImport, AnUnreadableRelativeTimeIsSaidNotSilentlyZero) {
  auto result = import_openaev(export_with("", R"({"inject_title": "Negative", "inject_depends_duration": -60},
                         {"inject_title": "Text", "inject_depends_duration": "PT1H"},
                         {"inject_title": "Too far", "inject_depends_duration": 316224001},
                         {"inject_title": "At ten years", "inject_depends_duration": 316224000},
                         {"inject_title": "Absent"})"),
                               "export.json", options(), testing::locate);
  ASSERT_TRUE(result) << describe(result.error());
  std::vector<std::string> said;
  for (const auto& line : result->not_mapped) {
    if (line.find("inject_depends_duration") != std::string::npos) said.push_back(line);
  }
  ASSERT_EQ(said.size(), 3u);
  EXPECT_EQ(said[0],
            "inject 'Negative': inject_depends_duration -60 is not a number of seconds from 0 to 10 years; placed at "
            "PT0S");
  EXPECT_NE(said[1].find("'Text': inject_depends_duration \"PT1H\""), std::string::npos) << said[1];
  EXPECT_NE(said[2].find("'Too far'"), std::string::npos);
}

TEST(OpenAevImport, TextIsEscapedForToml) {
  auto result = import_openaev(
      export_with("", R"({"inject_title": "Quote \" and \\ back", "inject_description": "line 1\nline \"2\"",
                          "inject_depends_duration": 0})"),
      "export.json", options(), testing::locate);
  ASSERT_TRUE(result) << describe(result.error());
  auto s = parse_scenario(result->toml, "imported.toml", testing::locate);
  ASSERT_TRUE(s) << describe(s.error());
  EXPECT_EQ(s->injects[0].title, "Quote \" and \\ back");
  EXPECT_EQ(s->injects[0].text, "line 1 line \"2\"");
  EXPECT_EQ(s->expectations[0].action, Action::Custom);  // no expectations: one custom to rate the whole
}

TEST(OpenAevImport, RefusesWhatIsNotAnExport) {
  EXPECT_NE(import_openaev("PK\x03\x04", "x.zip", options(), testing::locate).error().message.find("ZIP archive"),
            std::string::npos);
  EXPECT_NE(import_openaev("{}", "x.json", options(), testing::locate).error().message.find("no scenario_information"),
            std::string::npos);
  EXPECT_NE(
      import_openaev(export_with("", ""), "x.json", options(), testing::locate).error().message.find("no injects"),
      std::string::npos);
  EXPECT_FALSE(import_openaev("{", "x.json", options(), testing::locate));
}

}  // namespace
}  // namespace vigil::exercise
