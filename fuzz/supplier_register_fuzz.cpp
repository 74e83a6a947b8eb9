// libFuzzer harness for the supplier register readers and the analyses that
// run on what they accept (vigil supplier analyse|impact). The first byte
// picks the reader: YAML, JSON, or three CSV files separated by form feeds
// ('\f': functions, suppliers, dependencies). A register that parses is
// analysed and its first supplier, group and country are failed in the
// what-if, so the graph walks meet every shape a parser lets through (cycles,
// self-loops, repeated edges). Each must answer with a value or an error; a
// crash, sanitizer report, escaping exception or hang is a finding. Seeds:
// fuzz/corpus/supplier_register (the example register and the golden inputs,
// each prefixed with its reader's byte).
#include <cstdint>
#include <string_view>

#include "supplier/analysis.h"
#include "supplier/impact.h"
#include "supplier/register_input.h"
#include "supplier/report.h"

namespace {

using namespace vigil;
using namespace vigil::supplier;

Result<Register> parse(unsigned reader, std::string_view text) {
  if (reader == 0) return parse_register(text, DocumentFormat::Yaml, "register.yaml");
  if (reader == 1) return parse_register(text, DocumentFormat::Json, "register.json");
  std::string_view parts[3];
  for (int i = 0; i < 3; ++i) {
    auto cut = i < 2 ? text.find('\f') : std::string_view::npos;
    parts[i] = text.substr(0, cut);
    text = cut == std::string_view::npos ? std::string_view{} : text.substr(cut + 1);
  }
  return parse_register_csv({parts[0], "functions.csv"}, {parts[1], "suppliers.csv"}, {parts[2], "dependencies.csv"});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned reader = data[0] % 3;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto reg = parse(reader, text);
  if (!reg) return 0;
  AnalysisOptions options;
  options.as_of = date::year{2026} / 6 / 1;
  Analysis analysis = analyse(*reg, options);
  (void)render_json(analysis);
  (void)render_html(*reg, analysis);
  if (!reg->suppliers.empty()) {
    const Supplier& first = reg->suppliers.front();
    (void)impact(*reg, {ImpactScope::Supplier, first.id});
    (void)impact(*reg, {ImpactScope::Country, first.country});
    if (!first.group.empty()) (void)impact(*reg, {ImpactScope::Group, first.group});
  }
  return 0;
}
