// Reading the supplier register from what a user writes: one YAML or JSON
// document, or three CSV files (functions, suppliers, dependencies). The three
// shapes go through one set of rules, so an error reads the same whichever
// was used, and always names the file, the line and the field (JSON and YAML
// also the element path):
//
//   register.yaml:41: suppliers[3].country: 'XX' is not an ISO 3166-1 alpha-2 code ...
//   dependencies.csv:7: to: unknown supplier 'aws-euu' (did you mean aws-eu?)
//
// Every error of the input is reported at once (up to kMaxReportedErrors).
// Nothing is half-read: a register with any error is refused whole.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "supplier/register.h"

namespace vigil::supplier {

enum class DocumentFormat { Json, Yaml };

// The document: a map with the lists `functions`, `suppliers` and
// `dependencies` (each may be empty, none may be left out); every other key
// is an error. See docs/SUPPLIERS.md for every field.
Result<Register> parse_register(std::string_view text, DocumentFormat format, std::string_view source);

struct CsvSource {
  std::string_view text;
  std::string_view name;  // the file name used in errors ("functions.csv")
};

// The three CSV files: lists (services, clauses) are separated by ';', the
// contact is three columns contact_name, contact_email, contact_phone.
Result<Register> parse_register_csv(CsvSource functions, CsvSource suppliers, CsvSource dependencies);

// An ISO 8601 duration in days, hours, minutes and seconds ("PT4H", "P1DT12H",
// "P2W") in seconds. Years and months are refused (their length varies), as
// are fractions and anything above 3 650 days.
std::optional<std::int64_t> parse_duration_seconds(std::string_view text);

inline constexpr std::size_t kMaxReportedErrors = 200;

}  // namespace vigil::supplier
