// How fast the scope core classifies (target: at least 1 million entities per
// second) and reads CSV rows. Whole-process timing: bench/scope_csv.sh.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "scope/entity_rows.h"
#include "scope/scope.h"

namespace {

using namespace vigil;

scope::Entity make(std::vector<std::string> types, int staff, std::int64_t turnover) {
  nlohmann::json j = {{"entity_types", types},           {"employees", staff},
                      {"annual_turnover_eur", turnover}, {"balance_sheet_total_eur", turnover},
                      {"provides_services_in_eu", true}, {"group_worldwide_turnover_eur", turnover}};
  return *scope::parse_entity(j, "bench");
}

void BM_Classify(benchmark::State& state) {
  std::vector<scope::Entity> entities{
      make({"energy.electricity.producer"}, 300, 80'000'000),
      make({"postal_courier.postal_service_provider"}, 60, 20'000'000),
      make({"digital_infrastructure.cloud_computing_service_provider"}, 5, 1'000'000),
      make({"digital_infrastructure.trust_service_provider", "banking.credit_institution"}, 120, 60'000'000),
  };
  std::size_t i = 0;
  for (auto _ : state) {
    scope::ScopeResult r = scope::classify(entities[i++ % entities.size()]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Classify);

void BM_ParseAndClassifyCsvRows(benchmark::State& state) {
  std::string text =
      "name,entity_types,employees,annual_turnover_eur,balance_sheet_total_eur,provides_services_in_eu\n";
  for (int i = 0; i < 1000; ++i) {
    text += fmt::format("E{},energy.electricity.producer;postal_courier.postal_service_provider,{},{},40000000,true\n",
                        i, i % 400, i * 100'000);
  }
  for (auto _ : state) {
    auto table = parse_csv(text, "bench.csv");
    auto rows = scope::parse_entity_rows(*table, "bench.csv");
    for (auto& row : rows) benchmark::DoNotOptimize(scope::classify(*row.entity));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 1000);
}
BENCHMARK(BM_ParseAndClassifyCsvRows);

}  // namespace
