// libFuzzer harness for exercises: the scenario TOML reader, the play JSON
// reader, score() and every rendering of the after-action report, and the
// OpenAEV import, also from a ZIP archive. Input: a first byte choosing the
// path ('i': OpenAEV import of the rest; 'z': the rest as the export ZIP,
// read with archive/zip_reader.h, then imported; anything else: a scenario
// and a play separated by the first NUL byte). A finding is a crash, a sanitizer report, an exception that
// escapes, an imported scenario that does not parse, or a JSON report that
// does not parse as JSON.
// Seeds: fuzz/corpus/exercise (the bundled scenarios with their perfect plays).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "archive/zip_reader.h"
#include "exercise/after_action.h"
#include "exercise/openaev_import.h"
#include "exercise/play.h"
#include "exercise/scenario.h"
#include "exercise/score.h"

namespace {

const date::time_zone* locate(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vigil::exercise;
  if (size == 0) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] == 'i' || data[0] == 'z') {
    ImportOptions options{"", "digital_infrastructure.cloud_computing_service_provider", "Europe/Berlin",
                          "2026-05-04T09:00:00+02:00"};
    std::string text(bytes);
    if (data[0] == 'z') {
      // Small limits, so that a declared or real size cannot exhaust the fuzzer's memory.
      vigil::archive::ZipLimits limits{1 << 20, 64, 1 << 20};
      auto zip = vigil::archive::ZipArchive::open_memory(std::string(bytes), "fuzz.zip", limits);
      if (!zip) return 0;
      auto entry = vigil::archive::read_openaev_scenario_json(*zip);
      if (!entry) return 0;
      if (entry->text.size() > limits.max_entry_bytes) std::abort();
      text = std::move(entry->text);
    }
    auto imported = import_openaev(text, "fuzz.json", options, locate);
    if (imported && !parse_scenario(imported->toml, "imported.toml", locate)) std::abort();
    return 0;
  }
  auto nul = bytes.find('\0');
  auto scenario = parse_scenario(bytes.substr(0, nul), "fuzz.toml", locate);
  if (!scenario || nul == std::string_view::npos) return 0;
  auto play = parse_play(bytes.substr(nul + 1), "fuzz.json");
  if (!play) return 0;
  auto result = score(*scenario, *play);
  if (!result) return 0;
  std::string json = score_json(*scenario, *play, *result).dump();
  if (!nlohmann::json::accept(json)) std::abort();
  (void)after_action_text(*scenario, *play, *result);
  (void)after_action_markdown(*scenario, *play, *result);
  (void)after_action_html(*scenario, *play, *result);
  return 0;
}
