// The canonical form of a supplier register: one JSON document that
// parse_register (DocumentFormat::Json) reads back into the same register.
// It is what the store keeps (store/supplier_store.h), what the API's
// GET/PUT .../suppliers exchange, and what the record trail fingerprints
// (the SHA-256 of canonical_register), so two registers that say the same
// thing have the same hash whatever order or format they were written in.
//
// Canonical means: functions and suppliers sorted by id, dependencies by
// (from, to, kind) (byte order); keys sorted; no whitespace; a field that is
// absent or empty is left out (never null); lists kept as given except
// clauses, which are sorted in the order of supplier::Clause.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "supplier/register.h"

namespace vigil::supplier {

// Each element's canonical JSON object (dependency ids resolved through `reg`).
nlohmann::json function_json(const Function& function);
nlohmann::json supplier_json(const Supplier& supplier);
nlohmann::json dependency_json(const Register& reg, const Dependency& dependency);

// The whole register as canonical JSON elements, each list in canonical order.
struct CanonicalRegister {
  std::vector<std::string> functions;     // one canonical JSON object per function, by id
  std::vector<std::string> suppliers;     // by id
  std::vector<std::string> dependencies;  // by (from, to, kind)
  std::vector<std::string> function_ids;  // the key of each element, in the same order
  std::vector<std::string> supplier_ids;
  std::vector<std::string> dependency_keys;  // "from\x1fto\x1fkind"
};
CanonicalRegister canonical_elements(const Register& reg);

// {"dependencies":[...],"functions":[...],"suppliers":[...]} without whitespace.
std::string canonical_register(const CanonicalRegister& elements);
std::string canonical_register(const Register& reg);

// How one register differs from another, element by element (by id; a
// dependency by from, to and kind: a changed description is a change).
struct ElementChanges {
  std::int64_t added = 0;
  std::int64_t removed = 0;
  std::int64_t changed = 0;
};
struct RegisterChanges {
  ElementChanges functions;
  ElementChanges suppliers;
  ElementChanges dependencies;
};
RegisterChanges compare(const CanonicalRegister& before, const CanonicalRegister& after);

}  // namespace vigil::supplier
