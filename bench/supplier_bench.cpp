// How fast the supplier analysis runs on a large register: 10 000 suppliers
// in three tiers, 2 000 functions (every third critical) and 100 000
// dependencies (target: under 100 ms in the core). The same register as
// files, for the end-to-end timing: bench/supplier_register.py and
// bench/supplier_e2e.sh.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "supplier/analysis.h"
#include "supplier/impact.h"
#include "supplier/register.h"

namespace {

using namespace vigil;
using namespace vigil::supplier;

Register generate() {
  Register reg;
  for (int f = 0; f < 2000; ++f) {
    Function fn;
    fn.id = fmt::format("f{}", f);
    fn.name = fmt::format("Function {}", f);
    fn.critical = f % 3 == 0;
    reg.functions.push_back(std::move(fn));
  }
  const char* countries[] = {"DE", "FR", "IE", "NL", "US"};
  auto all = all_clauses();
  for (int s = 0; s < 10000; ++s) {
    Supplier sup;
    sup.id = fmt::format("s{}", s);
    sup.name = fmt::format("Supplier {}", s);
    sup.country = countries[s % 5];
    if (s % 10 == 0) sup.group = fmt::format("g{}", s / 20);
    sup.services = {"service"};
    sup.substitutable = s % 50 != 0;
    sup.exit_plan = s % 100 != 0;
    sup.certificate_expiry = date::year{s % 7 == 0 ? 2026 : 2027} / 6 / 30;
    sup.contract_end = date::year{2028} / 12 / 31;
    sup.clauses = s % 3 ? all : std::vector<Clause>(all.begin(), all.begin() + 5);
    sup.last_assessment = date::year{2026} / 1 / 1;
    sup.next_assessment = s % 11 == 0 ? date::year{2026} / 5 / 1 : date::year{2027} / 1 / 1;
    reg.suppliers.push_back(std::move(sup));
  }
  auto add = [&](bool function, int from, int to, int kind) {
    Dependency d;
    d.from = Node{function, static_cast<std::size_t>(from)};
    d.to = static_cast<std::size_t>(to);
    d.kind = fmt::format("k{}", kind);
    reg.dependencies.push_back(std::move(d));
  };
  for (int f = 0; f < 2000; ++f) {
    for (int k = 0; k < 10; ++k) add(true, f, (f * 7 + k * 211) % 2000, k);
  }
  for (int s = 0; s < 2000; ++s) {
    for (int k = 0; k < 20; ++k) add(false, s, 2000 + (s * 17 + k * 199) % 4000, k);
  }
  for (int s = 2000; s < 6000; ++s) {
    for (int k = 0; k < 10; ++k) add(false, s, 6000 + (s * 13 + k * 397) % 4000, k);
  }
  return reg;
}

const Register& big() {
  static const Register reg = generate();
  return reg;
}

void BM_Analyse(benchmark::State& state) {
  const Register& reg = big();
  AnalysisOptions options;
  options.as_of = date::year{2026} / 11 / 30;
  std::size_t pairs = 0;
  for (auto _ : state) {
    Analysis a = analyse(reg, options);
    pairs = a.single_points_of_failure.size();
    benchmark::DoNotOptimize(a);
  }
  state.counters["dependencies"] = static_cast<double>(reg.dependencies.size());
  state.counters["spof_pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_Analyse)->Unit(benchmark::kMillisecond);

void BM_ImpactCountry(benchmark::State& state) {
  const Register& reg = big();
  for (auto _ : state) {
    auto result = impact(reg, {ImpactScope::Country, "US"});
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_ImpactCountry)->Unit(benchmark::kMillisecond);

}  // namespace
