// The Statement of Applicability (ISO/IEC 27001:2022 clause 6.1.3 d)): for each
// Annex A control (and, optionally, each clause 4-10 requirement) whether it
// applies, why, how far it is implemented, who owns it and when it was last
// reviewed. The gap assessment reads NIS2 readiness from it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assess/tabular_input.h"
#include "catalog/catalog.h"
#include "core/error.h"
#include "core/time.h"

namespace vigil::assess {

enum class Implementation { Implemented, PartiallyImplemented, Planned, NotImplemented };

std::string_view to_string(Implementation status);  // "implemented", "partially_implemented", ...
std::optional<Implementation> implementation_from(std::string_view text);

struct SoaEntry {
  const catalog::IsoItem* item = nullptr;  // the clause or control, never a heading
  bool applicable = true;
  std::string justification;
  // Empty only on an excluded line that states no status.
  std::optional<Implementation> status;
  std::string owner;
  std::vector<std::string> evidence;
  std::optional<Date> last_reviewed;
  std::string where;  // "soa.csv:12", for messages that point back at the line
};

struct Soa {
  std::vector<SoaEntry> entries;  // in input order, one per clause or control
  std::vector<Error> notices;     // what was read but not used (tabular_input.h), no error

  const SoaEntry* find(std::string_view id) const;  // nullptr when the SoA does not list it
};

// The SoA columns, in the order the CSV example uses.
std::span<const Column> soa_columns();

// An Annex A number as spreadsheets also write it ("A18.1.3", "A 18.1.3",
// "a.18.1.3") in the form the correspondence uses ("A.18.1.3"); a number
// without the "A." ("12.6.1") only when it is an ISO/IEC 27001:2013 Annex A
// control and not an ISO/IEC 27001:2022 id (9.2.1 is the 2022 clause). Any
// other text comes back as it is.
std::string annex_form(std::string_view id);

// Parses an SoA from text in any input format. `source` names the file in
// errors. Every problem of the file is reported at once (Error::more):
//  - an unknown id (with the nearest ISO/IEC 27001:2022 ids; 2013 numbers are
//    recognised as such), a duplicate line;
//  - applicable other than yes/no, `no` on a clause 4-10 requirement (they are
//    mandatory), an excluded control without a justification;
//  - an unknown status, a missing status on an applicable line;
//  - a last_reviewed that is not a YYYY-MM-DD calendar date.
// Headings (non-assessable ids such as "6.1", "9.2" or "A.8") are section
// titles in many SoA spreadsheets: a heading line with nothing but its id (and
// blank other columns) is skipped; a heading that carries any value is an
// error naming the items to list instead.
Result<Soa> parse_soa(std::string_view text, InputFormat format, std::string_view source, CsvOptions csv = {});

}  // namespace vigil::assess
