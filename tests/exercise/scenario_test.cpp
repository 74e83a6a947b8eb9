#include "exercise/scenario.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "exercise_fixtures.h"

namespace vigil::exercise {
namespace {

using testing::parse_ok;
using testing::scenario_head;
using testing::scenario_text;

// The first error (and all the others) of parsing `text`, as "where: message" lines.
std::string scenario_errors(const std::string& text) {
  auto s = parse_scenario(text, "t.toml", testing::locate);
  EXPECT_FALSE(s.has_value()) << "expected an error";
  return s ? "" : describe(s.error());
}

void expect_scenario_error(const std::string& text, const std::string& where, const std::string& message) {
  std::string all = scenario_errors(text);
  EXPECT_NE(all.find(where), std::string::npos) << "no error at '" << where << "' in:\n" << all;
  EXPECT_NE(all.find(message), std::string::npos) << "no '" << message << "' in:\n" << all;
}

TEST(Scenario, ParsesAValidScenario) {
  Scenario s = parse_ok(scenario_text());
  EXPECT_EQ(s.id, "t");
  EXPECT_EQ(s.duration, Seconds{40 * 86400});
  ASSERT_EQ(s.injects.size(), 2u);
  EXPECT_EQ(s.awareness_inject()->id, "I2");
  EXPECT_FALSE(s.trust_service_incident);
  ASSERT_EQ(s.expectations.size(), 2u);
  EXPECT_EQ(s.expectations[0].by, RegulatoryDue::EarlyWarning);
  EXPECT_EQ(s.expectations[1].after, "I2");
  EXPECT_EQ(s.expectations[1].within, Seconds{7200});
}

TEST(Scenario, TheSignificanceVerdictFollowsTheFactsInjectByInject) {
  Scenario s = parse_ok(scenario_text());
  ASSERT_EQ(s.significance.size(), 2u);
  EXPECT_FALSE(s.significance[0].significant.has_value());  // 10 minutes: undetermined
  ASSERT_TRUE(s.significance[1].significant.has_value());
  EXPECT_TRUE(*s.significance[1].significant);  // 60 minutes > 30: Art. 7(a)
  EXPECT_EQ(s.significance[1].criteria, std::vector<std::string>{"Art. 7(a)"});
}

TEST(Scenario, InjectsAreOrderedByTime) {
  Scenario s = parse_ok(
      scenario_text("\n[[injects]]\nid = \"I0\"\nat = \"PT30M\"\nchannel = \"email\"\nto = [\"all\"]\ntext = \"x\"\n"));
  ASSERT_EQ(s.injects.size(), 3u);
  EXPECT_EQ(s.injects[1].id, "I0");
}

TEST(Scenario, AtMostFiveThousandInjectsAreRead) {
  // scenario_text() holds two injects: 4 998 more reach the limit, 4 999 pass it.
  auto with = [](std::size_t extra) {
    std::string more;
    for (std::size_t i = 0; i < extra; ++i) {
      more += fmt::format(
          "\n[[injects]]\nid = \"X{}\"\nat = \"PT1H\"\nchannel = \"email\"\nto = [\"all\"]\ntext = \"x\"\n", i);
    }
    return scenario_text(more);
  };
  EXPECT_EQ(parse_ok(with(kMaxInjects - 2)).injects.size(), kMaxInjects);
  expect_scenario_error(with(kMaxInjects - 1), "t.toml", "5001 [[injects]] tables; a scenario holds at most 5000");
}

TEST(Scenario, TrustServiceProvidersGetTheTwentyFourHourNotificationByDefault) {
  std::string head = scenario_head("digital_infrastructure.trust_service_provider");
  std::string facts_free = scenario_text("", head);
  // The cloud facts of the fixture are valid for a trust service provider too.
  EXPECT_TRUE(parse_ok(facts_free).trust_service_incident);
  EXPECT_FALSE(parse_ok(scenario_text("", head + "trust_service_incident = false\n")).trust_service_incident);
}

TEST(Scenario, AnUnknownInjectInAfterIsAnErrorWithFileLineAndField) {
  expect_scenario_error(
      scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"open\"\nafter = \"I9\"\n"
                    "within = \"PT1H\"\n"),
      "t.toml:55: expectations[E3].after", "'I9' is not an inject of this scenario");
}

TEST(Scenario, DuplicateIdsAreErrors) {
  expect_scenario_error(
      scenario_text("\n[[injects]]\nid = \"I1\"\nat = \"PT2H\"\nchannel = \"x\"\nto = [\"it\"]\ntext = \"x\"\n"),
      "t.toml:52: injects.id", "'I1' is used twice (first on line 20)");
  expect_scenario_error(
      scenario_text("\n[[expectations]]\nid = \"E1\"\nobjective = \"O1\"\naction = \"open\"\nafter = \"I1\"\n"
                    "within = \"PT1H\"\n"),
      "expectations.id", "'E1' is used twice");
  expect_scenario_error(scenario_text("\n[[objectives]]\nid = \"O1\"\ntitle = \"again\"\n"), "objectives.id",
                        "'O1' is used twice");
}

TEST(Scenario, AnEntityTypeOutsideTheCatalogIsAnError) {
  expect_scenario_error(scenario_text("", scenario_head("digital_infrastructure.cloud_provider")),
                        "t.toml:4: entity_type", "digital_infrastructure.cloud_computing_service_provider");
}

TEST(Scenario, AnExpectationWithoutAWindowIsAnError) {
  expect_scenario_error(scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"open\"\n"),
                        "t.toml:51: expectations.within", "an expectation needs a window");
  expect_scenario_error(
      scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"open\"\nafter = \"I1\"\n"),
      "expectations.within", "after needs within");
  expect_scenario_error(
      scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"open\"\nwithin = \"PT1H\"\n"),
      "expectations.after", "within needs after");
  expect_scenario_error(
      scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"open\"\nafter = \"I1\"\n"
                    "within = \"PT1H\"\nby = \"notification_due\"\n"),
      "expectations.by", "either after + within or by, not both");
}

TEST(Scenario, BadDurationsAreErrors) {
  expect_scenario_error(
      scenario_text("\n[[injects]]\nid = \"I3\"\nat = \"2h\"\nchannel = \"x\"\nto = [\"it\"]\ntext = \"x\"\n"),
      "t.toml:53: injects.at", "'2h' is not an ISO 8601 duration");
  expect_scenario_error(
      scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"open\"\nafter = \"I1\"\n"
                    "within = \"P1M\"\n"),
      "t.toml:56: expectations.within", "months have no fixed length");
  expect_scenario_error(
      scenario_text("\n[[injects]]\nid = \"I3\"\nat = \"P41D\"\nchannel = \"x\"\nto = [\"it\"]\ntext = \"x\"\n"),
      "injects[I3].at", "is after the end of the exercise (PT960H)");
}

TEST(Scenario, UnknownActionsReportsRolesAndDeadlinesAreErrors) {
  auto expectation = [](const std::string& body) {
    return scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\n" + body);
  };
  expect_scenario_error(expectation("action = \"notify\"\nafter = \"I1\"\nwithin = \"PT1H\"\n"), "expectations.action",
                        "'notify' is not an action");
  expect_scenario_error(expectation("action = \"submit\"\nreport = \"warning\"\nby = \"early_warning_due\"\n"),
                        "expectations.report", "warning");
  expect_scenario_error(expectation("action = \"submit\"\nby = \"early_warning_due\"\n"), "expectations.report",
                        "a submit expectation needs the report");
  expect_scenario_error(expectation("action = \"involve\"\nrole = \"lawyer\"\nafter = \"I1\"\nwithin = \"PT1H\"\n"),
                        "expectations.role", "'lawyer' is not a role");
  expect_scenario_error(expectation("action = \"involve\"\nafter = \"I1\"\nwithin = \"PT1H\"\n"), "expectations.role",
                        "an involve expectation needs the role");
  expect_scenario_error(expectation("action = \"decide\"\nafter = \"I1\"\nwithin = \"PT1H\"\n"), "expectations.tag",
                        "a decide expectation needs the tag");
  expect_scenario_error(expectation("action = \"open\"\nby = \"early_warning\"\n"), "expectations.by",
                        "'early_warning' is not a regulatory deadline (did you mean early_warning_due?)");
  expect_scenario_error(
      scenario_text("\n[[injects]]\nid = \"I3\"\nat = \"PT2H\"\nchannel = \"x\"\nto = [\"lawyers\"]\ntext = \"x\"\n"),
      "injects.to", "'lawyers' is not a role");
}

TEST(Scenario, UnknownKeysAreErrorsWithTheNearestKnownKey) {
  expect_scenario_error(
      scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"open\"\nafter = \"I1\"\n"
                    "withn = \"PT1H\"\n"),
      "t.toml:56: expectations.withn", "unknown key (did you mean within?)");
  expect_scenario_error(scenario_text("", scenario_head("digital_infrastructure.cloud_computing_service_provider") +
                                              "location = \"Berlin\"\n"),
                        "t.toml:8: location", "unknown key");
}

TEST(Scenario, CrossReferencesAndTheRestAreChecked) {
  expect_scenario_error(
      scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O9\"\naction = \"open\"\nafter = \"I1\"\n"
                    "within = \"PT1H\"\n"),
      "expectations[E3].objective", "'O9' is not an objective");
  expect_scenario_error(
      scenario_text("\n[[injects]]\nid = \"I3\"\nat = \"PT2H\"\nchannel = \"x\"\nto = [\"it\"]\ntext = \"x\"\n"
                    "awareness = true\n"),
      "injects[I3].awareness", "only one inject can be the reference moment");
  expect_scenario_error(scenario_text("\n[[objectives]]\nid = \"O3\"\ntitle = \"Unused\"\n"), "objectives[O3].id",
                        "no expectation serves this objective");
  expect_scenario_error(
      scenario_text("\n[[objectives]]\nid = \"O3\"\ntitle = \"x\"\nevidences = [\"rm.incident_handlin\"]\n"),
      "objectives.evidences", "neither a NIS2 requirement id nor an IR 2024/2690 Annex point");
  expect_scenario_error(
      scenario_text("\n[[injects]]\nid = \"I3\"\nat = \"PT2H\"\nchannel = \"x\"\nto = [\"it\"]\ntext = \"x\"\n"
                    "facts = { users_eu_total = -5 }\n"),
      "injects[I3].facts", "users_eu_total");
  std::string head =
      scenario_head("digital_infrastructure.cloud_computing_service_provider", "2026-03-28T12:00:00", "Europe/Berlinn");
  expect_scenario_error(scenario_text("", head), "t.toml:5: timezone", "not an IANA time zone");
  expect_scenario_error(scenario_text("", head), "t.toml:6: start", "");
}

TEST(Scenario, FactsWithoutAJsonFormAreErrorsNotUnknowns) {
  expect_scenario_error(
      scenario_text("\n[[injects]]\nid = \"I3\"\nat = \"PT2H\"\nchannel = \"x\"\nto = [\"it\"]\ntext = \"x\"\n"
                    "facts = { avg_response_time_s = nan }\n"),
      "t.toml:57: injects.facts", "facts.avg_response_time_s is not a finite number");
  expect_scenario_error(
      scenario_text("\n[[injects]]\nid = \"I3\"\nat = \"PT2H\"\nchannel = \"x\"\nto = [\"it\"]\ntext = \"x\"\n"
                    "facts = { users_eu_total = 2026-03-28 }\n"),
      "injects[I3].facts", "users_eu_total");
}

TEST(Scenario, TomlSyntaxErrorsNameTheLine) { expect_scenario_error("id = \"t\"\ntitle = \n", "t.toml:2", ""); }

TEST(Scenario, AllErrorsOfAFileAreReportedTogether) {
  auto s = parse_scenario(scenario_text("\n[[expectations]]\nid = \"E1\"\nobjective = \"O9\"\naction = \"nope\"\n"),
                          "t.toml", testing::locate);
  ASSERT_FALSE(s);
  EXPECT_GE(s.error().more.size(), 3u) << describe(s.error());
}

}  // namespace
}  // namespace vigil::exercise
