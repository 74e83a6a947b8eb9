// Small scenarios and plays for the exercise tests, written inline so that
// each test shows the input it depends on.
#pragma once

#include <string>

#include <date/tz.h>
#include <gtest/gtest.h>

#include "exercise/play.h"
#include "exercise/scenario.h"

namespace vigil::exercise::testing {

inline const date::time_zone* locate(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return nullptr;
  }
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

inline Scenario parse_ok(const std::string& text) {
  auto s = parse_scenario(text, "t.toml", locate);
  EXPECT_TRUE(s.has_value()) << (s ? "" : describe(s.error()));
  return s ? *s : Scenario{};
}

inline Play play_ok(const std::string& text) {
  auto p = parse_play(text, "play.json");
  EXPECT_TRUE(p.has_value()) << (p ? "" : describe(p.error()));
  return p ? *p : Play{};
}

}  // namespace vigil::exercise::testing
