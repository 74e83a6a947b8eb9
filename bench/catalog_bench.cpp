// In-process cost of the catalog queries behind `vigil show`, `map`,
// `coverage` and `search` (whole-process timing: bench/cli_startup.sh).
// Each benchmark times one call, named as docs/PERFORMANCE.md quotes it.
#include <benchmark/benchmark.h>

#include "catalog/catalog.h"
#include "catalog/coverage.h"
#include "catalog/oscal.h"

#include <nlohmann/json.hpp>
#include "catalog/resolve.h"
#include "catalog/search.h"

namespace {

using namespace vigil::catalog;

// Registers `name`: `call` in the timed loop, its result kept from the optimiser.
template <class Call>
void time_call(const char* name, Call call) {
  benchmark::RegisterBenchmark(name, [call](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(call());
  });
}

[[maybe_unused]] const bool kRegistered = [] {
  time_call("BM_FindIso", [] { return find_iso("A.8.34"); });
  time_call("BM_RequirementsForIso", [] { return requirements_for_iso("A.8.24"); });
  time_call("BM_RequirementsForArticle", [] { return requirements_for_article("Art. 21(2)"); });
  time_call("BM_CoverageByGroup", [] { return coverage_by_group(builtin()); });
  time_call("BM_ResolveUnknownWithSuggestions", [] { return resolve("A.8.42"); });
  time_call("BM_Search", [] { return search(builtin(), "incident notification 72 hours", 10); });
  // A practitioner's query through the synonym table.
  time_call("BM_SearchWithSynonyms", [] { return search(builtin(), "2FA for admin rights", 10); });
  time_call("BM_CoverageByIrSection", [] { return coverage_by_ir_section(builtin()); });
  time_call("BM_ResolveIrPoint", [] { return resolve("IR 2024/2690 Annex 13.3.5"); });
  time_call("BM_OscalMapping", [] { return oscal_mapping(builtin()).size(); });
  return true;
}();

}  // namespace
