// The supplier register of each organisation, stored: one register
// per organisation, replaced whole by an import (CLI `vigil supplier import`,
// API PUT .../suppliers) and read back by the analyses. Written once over
// sql::Database (store/supplier_repository.cpp) for SQLite and PostgreSQL,
// in the tables of workspace migration 6:
//
//   supplier_registers     one row per organisation: revision (the ETag),
//                          SHA-256 of the canonical register, counts, who/when
//   supplier_functions     one row per function: id, position, canonical JSON
//   supplier_suppliers     one row per supplier
//   supplier_dependencies  one row per dependency (position = canonical order)
//
// Every import is one transaction that locks the organisation's row, replaces
// the rows and appends a `suppliers.imported` entry to the organisation's
// record trail (store/record_trail.h) with who, when, and old -> new: the
// SHA-256 of the old and new canonical register (supplier/register_json.h),
// their counts, and how many functions, suppliers and dependencies were
// added, removed and changed. store::verify_records recomputes the SHA-256
// from the stored rows and compares it with the trail.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"
#include "incident/incident.h"
#include "store/seal.h"
#include "supplier/register.h"
#include "supplier/register_json.h"

namespace vigil::store {

// The head row of an organisation's stored register.
struct SupplierRegisterHead {
  std::int64_t revision = 0;  // 1 on the first import, +1 per import: the ETag
  std::string sha256;         // of the canonical register (lower-case hex)
  std::int64_t functions = 0;
  std::int64_t suppliers = 0;
  std::int64_t dependencies = 0;
  Instant updated_at{};
  std::string updated_by;
};

struct StoredSupplierRegister {
  SupplierRegisterHead head;
  supplier::Register reg;
  std::string canonical;  // supplier::canonical_register of the stored rows
};

struct SupplierImport {
  SupplierRegisterHead head;  // after the import
  std::optional<SupplierRegisterHead> previous;
  supplier::RegisterChanges changes;
  bool unchanged = false;  // the same register again: nothing written, no trail entry
};

class SupplierStore {
 public:
  virtual ~SupplierStore() = default;

  // nullopt when the organisation has no stored register. Errors: NotFound
  // for an unknown organisation; Io when a stored row cannot be read back
  // (e.g. edited outside Vigil into something that is not a register).
  virtual Result<std::optional<StoredSupplierRegister>> supplier_register(std::string_view org) = 0;

  // Replaces the organisation's register with `reg` (already validated by
  // parse_register). `if_revision`: the revision the caller read (the API's
  // If-Match; 0 = "there is none yet"); a different stored revision is a
  // Conflict and nothing is written. Importing the register that is stored
  // already changes nothing (unchanged = true).
  virtual Result<SupplierImport> import_register(std::string_view org, const supplier::Register& reg,
                                                 std::string_view updated_by, Instant updated_at,
                                                 std::optional<std::int64_t> if_revision = std::nullopt) = 0;
};

// The trail subject of the register ("suppliers") and the value recorded for
// a head: {"revision", "sha256", "functions", "suppliers", "dependencies"}
// (canonical JSON); an import's new value adds "changes".
inline constexpr std::string_view kSupplierSubject = "suppliers";
std::string trail_value(const SupplierRegisterHead& head);
std::string trail_value(const SupplierRegisterHead& head, const supplier::RegisterChanges& changes);

// An incident opened from supplier `supplier_id`'s incident (`vigil incident
// open --supplier`, the API's `supplier`): the supplier as the organisation's
// stored register names it and the functions that depend on it (those the
// what-if of supplier/impact.h affects: critical first, failing before those
// keeping an alternative). Errors (InvalidInput at `where`): no stored
// register, or an id it does not hold (naming the nearest ids and how to list them).
Result<incident::SupplierCause> supplier_cause(SupplierStore& store, std::string_view org, std::string_view supplier_id,
                                               std::string_view where);

// "postgresql://..." or a SQLite file path, over open_sql().
Result<std::unique_ptr<SupplierStore>> open_suppliers(const std::string& location, SealerRef sealer = nullptr);

}  // namespace vigil::store
