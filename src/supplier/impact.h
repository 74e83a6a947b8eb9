// What-if (`vigil supplier impact`): which functions fail when a supplier,
// a whole corporate group or every supplier in one country (a provider
// region outage) fails. NIS2 Art. 21(2)(c) and (d) ask for business
// continuity that takes the supply chain into account; this answers "what
// stops if they stop".
//
// The model, exactly:
//  - the failed set starts with the suppliers named by the question;
//  - a supplier or a function fails when, for some `kind` of dependency it
//    has, every supplier it depends on for that kind has failed (a second
//    provider of the same kind is an alternative that keeps it going); this
//    is repeated until nothing more fails, so failure runs up through
//    subcontractors, and a cycle ends (nothing fails twice);
//  - a function is affected when it depends (through any chain) on a failed
//    supplier; it either fails, or keeps an alternative for every kind it
//    lost a supplier of.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "supplier/register.h"

namespace vigil::supplier {

enum class ImpactScope { Supplier, Group, Country };
std::string_view to_string(ImpactScope scope);  // "supplier" | "group" | "country"

struct ImpactQuery {
  ImpactScope scope = ImpactScope::Supplier;
  std::string value;  // supplier id, group name or ISO 3166-1 alpha-2 code
};

struct FailedSupplier {
  std::string id;
  std::string name;
  bool named = false;  // in the question's set, rather than failed through a subcontractor
  std::string reason;  // "named" or "no alternative of kind hosting: x failed"
};

struct KindLoss {
  std::string kind;
  std::vector<std::string> failed;     // direct suppliers of this kind that failed, sorted
  std::vector<std::string> surviving;  // direct suppliers of this kind still working, sorted
};

struct ImpactedFunction {
  std::string id;
  std::string name;
  bool critical = false;
  std::string entity_type;  // "" when the register does not say
  bool fails = false;
  bool keeps_alternative = false;  // affected but does not fail
  std::vector<KindLoss> kinds;     // the kinds it lost a direct supplier of
  // One shortest path to each of the question's suppliers the function
  // depends on: function id, then supplier ids.
  std::vector<std::vector<std::string>> paths;
};

struct Impact {
  ImpactQuery query;
  std::vector<std::string> named;                // the question's suppliers, sorted
  std::vector<FailedSupplier> failed_suppliers;  // named first, then by id
  // Critical first, then failing before keeping an alternative, then by id.
  std::vector<ImpactedFunction> functions;
  // The regulated activities behind the failing functions (entity types,
  // sorted); functions with none given are counted in unknown_entity_type.
  std::vector<std::string> entity_types;
  std::size_t unknown_entity_type = 0;
};

// NotFound for an unknown supplier or group (with the nearest ids); an
// invalid country code is InvalidInput. A valid country with no supplier in
// it gives an empty impact (nothing fails), not an error.
Result<Impact> impact(const Register& reg, const ImpactQuery& query);

}  // namespace vigil::supplier
