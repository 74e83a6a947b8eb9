// Gap assessment throughput: the target is for the core to assess 10 000 SoAs (a
// consultant's or a group's portfolio) in under a second. BM_Assess10000 does
// exactly that on the example organisation's SoA; the others show where the
// time goes (parsing, rendering).
#include <fstream>
#include <sstream>

#include <benchmark/benchmark.h>

#include "assess/assess.h"
#include "assess/report.h"

namespace {

using vigil::Date;
using vigil::assess::assess;
using namespace vigil::assess;

std::string slurp(const std::string& relative) {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string& soa_text() {
  static const std::string text = slurp("examples/soa.csv");
  return text;
}
const std::string& register_text() {
  static const std::string text = slurp("examples/documents.csv");
  return text;
}

Soa example_soa() { return *parse_soa(soa_text(), InputFormat::Csv, "soa.csv"); }
DocumentRegister example_register() {
  return *parse_document_register(register_text(), InputFormat::Csv, "documents.csv");
}

const Date kAsOf{date::year{2025}, date::month{9}, date::day{30}};

// 10 000 different SoAs (each with one line changed), assessed one after another.
void BM_Assess10000(benchmark::State& state) {
  std::vector<Soa> portfolio(10000, example_soa());
  for (std::size_t i = 0; i < portfolio.size(); ++i) {
    SoaEntry& e = portfolio[i].entries[i % portfolio[i].entries.size()];
    e.status = static_cast<Implementation>(i % 4);
  }
  const DocumentRegister reg = example_register();
  for (auto _ : state) {
    int met = 0;
    for (const Soa& soa : portfolio) met += assess(soa, reg, kAsOf).overall.met;
    benchmark::DoNotOptimize(met);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(portfolio.size()));
}
BENCHMARK(BM_Assess10000)->Unit(benchmark::kMillisecond);

void BM_AssessOne(benchmark::State& state) {
  const Soa soa = example_soa();
  const DocumentRegister reg = example_register();
  for (auto _ : state) benchmark::DoNotOptimize(assess(soa, reg, kAsOf));
}
BENCHMARK(BM_AssessOne)->Unit(benchmark::kMicrosecond);

void BM_ParseSoaCsv(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(parse_soa(soa_text(), InputFormat::Csv, "soa.csv"));
}
BENCHMARK(BM_ParseSoaCsv)->Unit(benchmark::kMicrosecond);

void BM_RenderHtml(benchmark::State& state) {
  const GapReport report = assess(example_soa(), example_register(), kAsOf);
  for (auto _ : state) benchmark::DoNotOptimize(render_html(report));
}
BENCHMARK(BM_RenderHtml)->Unit(benchmark::kMicrosecond);

void BM_RenderJson(benchmark::State& state) {
  const GapReport report = assess(example_soa(), example_register(), kAsOf);
  for (auto _ : state) benchmark::DoNotOptimize(render_json(report));
}
BENCHMARK(BM_RenderJson)->Unit(benchmark::kMicrosecond);

}  // namespace
