// Small scenarios and plays for the exercise tests, written inline so that
// each test shows the input it depends on.
#pragma once

#include <string>
#include <string_view>

#include <date/tz.h>
#include <gtest/gtest.h>

#include "exercise/play.h"
#include "exercise/scenario.h"
#include "test_result.h"

namespace vigil::exercise::testing {

inline const date::time_zone* locate(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return nullptr;
  }
}

// The top-level keys of a scenario, one a line (entity_type on line 4,
// timezone on 5, start on 6): by default Berlin, from Saturday 28 March 2026
// 12:00 CET, 40 days.
inline std::string scenario_head(std::string_view entity_type, std::string_view start = "2026-03-28T12:00:00+01:00",
                                 std::string_view timezone = "Europe/Berlin", std::string_view duration = "P40D") {
  return "id = \"t\"\ntitle = \"T\"\ndescription = \"d\"\nentity_type = \"" + std::string(entity_type) +
         "\"\ntimezone = \"" + std::string(timezone) + "\"\nstart = \"" + std::string(start) + "\"\nduration = \"" +
         std::string(duration) + "\"\n";
}

// A valid scenario: Berlin, starting Saturday 28 March 2026 12:00 CET (the
// change to summer time is the next night), 40 days. `extra` is appended
// (more injects or expectations); `head` replaces the top-level keys.
inline std::string scenario_text(const std::string& extra = "",
                                 const std::string& head =
                                     "id = \"t\"\ntitle = \"Test\"\ndescription = \"A test scenario.\"\n"
                                     "entity_type = \"digital_infrastructure.cloud_computing_service_provider\"\n"
                                     "timezone = \"Europe/Berlin\"\nstart = \"2026-03-28T12:00:00+01:00\"\n"
                                     "duration = \"P40D\"\n") {
  return head +
         "\n[[objectives]]\nid = \"O1\"\ntitle = \"Report\"\nevidences = [\"rep.early_warning\"]\n"
         "\n[[objectives]]\nid = \"O2\"\ntitle = \"Decide\"\nevidences = [\"rm.crisis_management\", \"IR 2024/2690 "
         "4.3.4\"]\n"
         "\n[[injects]]\nid = \"I1\"\nat = \"PT0S\"\nchannel = \"siem\"\nto = [\"security\"]\ntext = \"Alert.\"\n"
         "facts = { complete_unavailability_minutes = 10 }\n"
         "\n[[injects]]\nid = \"I2\"\nat = \"PT1H\"\nchannel = \"siem\"\nto = [\"it\"]\ntext = \"Down for 60 "
         "minutes.\"\n"
         "facts = { complete_unavailability_minutes = 60 }\nawareness = true\n"
         "\n[[expectations]]\nid = \"E1\"\nobjective = \"O1\"\naction = \"submit\"\nreport = \"early-warning\"\n"
         "by = \"early_warning_due\"\n"
         "\n[[expectations]]\nid = \"E2\"\nobjective = \"O2\"\naction = \"decide\"\ntag = \"containment\"\n"
         "after = \"I2\"\nwithin = \"PT2H\"\n" +
         extra;
}

inline Scenario parse_ok(const std::string& text) { return test::expect_ok(parse_scenario(text, "t.toml", locate)); }

inline Play play_ok(const std::string& text) { return test::expect_ok(parse_play(text, "play.json")); }

}  // namespace vigil::exercise::testing
