// The supplier register: the organisation's functions, the ICT suppliers and
// service providers they rely on, and the dependencies between them (a
// supplier -> supplier edge is subcontracting, a "fourth party"). It is the
// input of the supply-chain duties of NIS2 Art. 21(2)(d) and 21(3) and of
// IR 2024/2690 Annex section 5 (supplier policy, contract clauses,
// monitoring, the directory of suppliers of point 5.2).
//
// Everything here is plain data: parsing (register_input.h) resolves every
// id to an index, so the analysis never looks a string up.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace vigil::supplier {

// A business function (a service, a process) the organisation delivers.
struct Function {
  std::string id;
  std::string name;
  bool critical = false;
  // The regulated activity it serves: an entity type id of the catalog
  // ("digital_infrastructure.cloud_computing_service_provider"); "" when not given.
  std::string entity_type;
  // Recovery time objective as written (ISO 8601 duration, "PT4H"), and in
  // seconds; both empty when not given.
  std::string rto;
  std::optional<std::int64_t> rto_seconds;
  std::string where;  // where it was defined ("register.yaml:12"), for messages
};

// Contract clauses of IR 2024/2690 Annex 5.1.4 (what a supplier contract
// should cover), in this order everywhere (reports, the default required set).
enum class Clause : std::uint8_t {
  SecurityRequirements,
  IncidentNotification,
  AuditRights,
  Subcontracting,
  VulnerabilityHandling,
  Exit,
  Confidentiality,
  DataLocation,
};
inline constexpr std::size_t kClauseCount = 8;
std::string_view to_string(Clause clause);  // "security_requirements", ...
std::optional<Clause> parse_clause(std::string_view text);
std::array<std::string_view, kClauseCount> clause_names();
std::vector<Clause> all_clauses();

// The supplier's contact for the Annex 5.2 directory; every part optional.
struct Contact {
  std::string name;
  std::string email;
  std::string phone;
};

struct Supplier {
  std::string id;
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2, upper case ("DE")
  // The corporate group, so that two subsidiaries of one provider count
  // together in the concentration analysis; "" when not part of one.
  std::string group;
  std::vector<std::string> services;  // the ICT products and services it provides
  bool substitutable = false;
  bool exit_plan = false;
  std::optional<Date> certificate_expiry;  // ISO/IEC 27001 certificate
  std::optional<Date> contract_end;
  std::vector<Clause> clauses;  // agreed in the contract, sorted, no repeats
  std::optional<Date> last_assessment;
  std::optional<Date> next_assessment;
  Contact contact;
  std::string where;

  bool has_clause(Clause clause) const;
};

// A node a dependency starts from: a function or a supplier (by index).
struct Node {
  bool function = false;
  std::size_t index = 0;
};

struct Dependency {
  Node from;
  std::size_t to = 0;  // index into Register::suppliers
  // What the dependency is for ("hosting", "payment"); suppliers of the same
  // kind are alternatives of one another in the what-if analysis.
  std::string kind;
  std::string description;
  std::string where;
};

struct Register {
  std::vector<Function> functions;
  std::vector<Supplier> suppliers;
  std::vector<Dependency> dependencies;

  // Indices by id; nullopt when there is none.
  std::optional<std::size_t> find_function(std::string_view id) const;
  std::optional<std::size_t> find_supplier(std::string_view id) const;
};

}  // namespace vigil::supplier
