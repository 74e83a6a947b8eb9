#include "store/sql.h"

#include <charconv>

namespace vigil::store::sql {

std::int64_t Row::integer(int column) const {
  const auto& cell = cells_.at(static_cast<std::size_t>(column));
  if (!cell) return 0;
  std::int64_t value = 0;
  std::from_chars(cell->data(), cell->data() + cell->size(), value);
  return value;
}

Result<Instant> Row::instant(int column, std::string_view where) const { return parse_rfc3339(text(column), where); }

}  // namespace vigil::store::sql
