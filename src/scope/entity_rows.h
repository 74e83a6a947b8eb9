// Many entities at once: one CSV row each, the JSON field names as columns,
// list fields separated by ';' (entity_types, and the linked_* / partner_*
// columns, one value per enterprise). A bad row is reported with its line
// number; the other rows are still read.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "scope/scope.h"

namespace vigil::scope {

struct EntityRow {
  std::size_t line = 0;
  Result<Entity> entity;
};

// Every column a file may use.
std::span<const std::string_view> entity_columns();

// The header, matched as every CSV reader matches its columns (core/csv.h
// match_csv_header: any case, spaces or hyphens for underscores). Fails on a
// missing required column or a column named twice; otherwise returns the
// notices to show: the delimiter when it is not ',', and each column Vigil
// does not read (its values are ignored, with the nearest name).
Result<std::vector<Error>> check_entity_columns(const CsvTable& table, std::string_view source);

// Precondition: check_entity_columns() passed. Errors name "source:line: field";
// a cell holding a control, bidi or invisible character (core/text.h
// unsafe_text) is refused with the character and where it is.
std::vector<EntityRow> parse_entity_rows(const CsvTable& table, std::string_view source);

// Reads the rows of one table one at a time, so a caller can classify and write
// each before reading the next instead of holding every entity at once.
// Precondition: check_entity_columns() passed; `table` outlives the reader.
class EntityRowReader {
 public:
  EntityRowReader(const CsvTable& table, std::string_view source);
  // Errors name "source:line: field", as parse_entity_rows() does.
  Result<Entity> read(const CsvRow& row) const;

 private:
  std::vector<int> index_;  // per entity column, its position in the row or -1
  std::string source_;
};

}  // namespace vigil::scope
