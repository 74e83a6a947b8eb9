// libFuzzer harness for the tabular readers: the Statement of Applicability
// and the documents register as CSV, JSON and YAML (vigil gap), and the
// entities CSV of `vigil scope --input entities.csv`. The first byte picks
// the reader, the rest is the file. Each must answer with a value or an
// error naming the line; a crash, sanitizer report, escaping exception or
// hang is a finding. Seeds: fuzz/corpus/tabular (the examples, each prefixed
// with its reader's byte).
#include <cstdint>
#include <string_view>

#include "assess/document_register.h"
#include "assess/soa.h"
#include "core/csv.h"
#include "scope/entity_rows.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vigil;
  if (size == 0) return 0;
  const unsigned reader = data[0] % 7;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  constexpr assess::InputFormat kFormats[] = {assess::InputFormat::Csv, assess::InputFormat::Json,
                                              assess::InputFormat::Yaml};
  if (reader < 3) {
    (void)assess::parse_soa(text, kFormats[reader], "soa");
  } else if (reader < 6) {
    (void)assess::parse_document_register(text, kFormats[reader - 3], "documents");
  } else {
    auto table = parse_csv(text, "entities.csv");
    if (table && scope::check_entity_columns(*table, "entities.csv")) {
      (void)scope::parse_entity_rows(*table, "entities.csv");
    }
  }
  return 0;
}
