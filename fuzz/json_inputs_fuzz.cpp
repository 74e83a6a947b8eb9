// libFuzzer harness for every reader of a user's JSON file: the strict parser
// (parse_json: duplicate keys, nesting, numbers out of range, UTF-8), then the
// entity profile (vigil scope), the impact facts (vigil significance), the
// clock input (vigil deadlines), the assessment request and the export that
// `vigil audit verify --export` checks. Each must answer with a value or an
// error; a crash, sanitizer report, escaping exception or hang is a finding.
// Seeds: fuzz/corpus/json_inputs (the examples and golden inputs).
#include <cstdint>
#include <string_view>

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "core/json_input.h"
#include "incident/clock_input.h"
#include "incident/export.h"
#include "incident/impact_input.h"
#include "scope/scope.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vigil;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto json = parse_json(text, "input.json");
  if (!json) return 0;
  (void)scope::parse_entity(*json, "input.json");
  (void)incident::parse_impact(*json, "input.json");
  const incident::ZoneLocator locate = [](std::string_view name) -> const date::time_zone* {
    try {
      return date::locate_zone(name);
    } catch (const std::exception&) {
      return nullptr;
    }
  };
  (void)incident::parse_clock_input(*json, "input.json", locate, incident::Convention::ElapsedTime);
  (void)incident::assessment_request(*json, "input.json", std::nullopt, "fuzz", "",
                                     Instant{std::chrono::seconds{1772442000}});
  (void)incident::verify_export(*json, "input.json", incident::Zones{locate});
  return 0;
}
