// In-process cost of the catalog queries behind `vigil show`, `map`,
// `coverage` and `search` (whole-process timing: bench/cli_startup.sh).
#include <benchmark/benchmark.h>

#include "catalog/catalog.h"
#include "catalog/coverage.h"
#include "catalog/oscal.h"

#include <nlohmann/json.hpp>
#include "catalog/resolve.h"
#include "catalog/search.h"

namespace {

using namespace vigil::catalog;

void BM_FindIso(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(find_iso("A.8.34"));
}
BENCHMARK(BM_FindIso);

void BM_RequirementsForIso(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(requirements_for_iso("A.8.24"));
}
BENCHMARK(BM_RequirementsForIso);

void BM_RequirementsForArticle(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(requirements_for_article("Art. 21(2)"));
}
BENCHMARK(BM_RequirementsForArticle);

void BM_CoverageByGroup(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(coverage_by_group(builtin()));
}
BENCHMARK(BM_CoverageByGroup);

void BM_ResolveUnknownWithSuggestions(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(resolve("A.8.42"));
}
BENCHMARK(BM_ResolveUnknownWithSuggestions);

void BM_Search(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(search(builtin(), "incident notification 72 hours", 10));
}
BENCHMARK(BM_Search);

// Issue 16: a practitioner's query through the synonym table.
void BM_SearchWithSynonyms(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(search(builtin(), "2FA for admin rights", 10));
}
BENCHMARK(BM_SearchWithSynonyms);

void BM_CoverageByIrSection(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(coverage_by_ir_section(builtin()));
}
BENCHMARK(BM_CoverageByIrSection);

void BM_ResolveIrPoint(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(resolve("IR 2024/2690 Annex 13.3.5"));
}
BENCHMARK(BM_ResolveIrPoint);

void BM_OscalMapping(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(oscal_mapping(builtin()).size());
}
BENCHMARK(BM_OscalMapping);

}  // namespace
