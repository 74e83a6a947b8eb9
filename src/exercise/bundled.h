// The scenarios Vigil ships (data/scenarios/*.toml), compiled into the binary
// as text by cmake/embed_scenarios.cmake and parsed on use with
// parse_scenario(), so they go through exactly the checks a user's file does.
#pragma once

#include <span>
#include <string_view>

namespace vigil::exercise {

struct BundledScenario {
  std::string_view file;  // "data/scenarios/ransomware-cloud.toml" (the name errors use)
  std::string_view text;  // the TOML
};

// In file-name order.
std::span<const BundledScenario> bundled_scenarios();

}  // namespace vigil::exercise
