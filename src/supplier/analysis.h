// The supply-chain analysis of a register (`vigil supplier analyse`): which
// critical functions depend on which supplier and corporate group
// (concentration), which pairs have no fallback (single points of failure),
// what is wrong with the suppliers that matter (certificates, assessments,
// contracts, clauses) and where subcontracting runs in a circle.
//
// Legal basis: NIS2 Art. 21(2)(d) (supply-chain security) and 21(3) (weigh
// each direct supplier's vulnerabilities, product quality and secure
// development, and the Art. 22 coordinated risk assessments); IR 2024/2690
// Annex 5.1 (supplier policy: criteria, contract clauses, monitoring of
// suppliers) and 5.2 (directory of suppliers).
//
// Rules, exactly:
//  - function F depends on supplier P when P is reachable from F through
//    dependency edges, directly or through subcontractors (any depth; a cycle
//    is walked once);
//  - concentration: for each supplier and each group, the critical functions
//    depending on it and their share of all critical functions, in tenths of a
//    percent rounded half up; sorted by share (largest first), then id, then
//    kind (supplier before group); a finding `concentration` when the share
//    is strictly above the threshold (exactly 50.0 % is not above 50 %);
//  - single point of failure: each (critical F, P) where F depends on P and P
//    is neither substitutable nor has an exit plan, with one shortest path;
//  - per supplier serving at least one critical function (directly or as a
//    subcontractor): certificate_expired (expiry before as-of),
//    assessment_overdue (next_assessment before as-of, or never assessed:
//    no last_assessment), assessment_unscheduled (assessed, but no
//    next_assessment), contract_expired (contract_end before as-of),
//    missing_clause (one per required clause absent). A date equal to as-of
//    is not yet past;
//  - each cycle of subcontracting: a finding `subcontracting_cycle`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/time.h"
#include "supplier/register.h"

namespace vigil::supplier {

struct AnalysisOptions {
  Date as_of;
  // In tenths of a percent: 500 = 50.0 %. A share strictly above it is a finding.
  int threshold_permille = 500;
  std::vector<Clause> required_clauses = all_clauses();
};

enum class ConcentrationKind { Supplier, Group };
std::string_view to_string(ConcentrationKind kind);  // "supplier" | "group"

struct Concentration {
  ConcentrationKind kind = ConcentrationKind::Supplier;
  std::string id;                               // supplier id or group name
  std::vector<std::string> critical_functions;  // ids, sorted
  // critical_functions.size() / all critical functions, in tenths of a
  // percent rounded half up (1 of 3 = 333, 2 of 3 = 667, 1 of 8 = 125); 0 when
  // the register has no critical function.
  int share_permille = 0;
  std::vector<std::string> members;  // a group's suppliers (sorted); empty for a supplier
};

struct SinglePointOfFailure {
  std::string function;
  std::string supplier;
  std::vector<std::string> path;  // function id, then supplier ids down to `supplier`
};

struct Finding {
  std::string code;      // concentration | subcontracting_cycle | certificate_expired | ...
  std::string supplier;  // the supplier concerned; "" for a group's concentration
  std::string group;     // the group, for a group's concentration; otherwise ""
  std::string detail;    // one sentence for a person
};

struct Cycle {
  std::vector<std::string> suppliers;  // every supplier of the cycle (strongly connected), sorted
  std::vector<std::string> path;       // one closed walk: a, b, ..., a
};

struct Analysis {
  Date as_of;
  int threshold_permille = 500;
  std::vector<Clause> required_clauses;
  std::size_t functions = 0;
  std::size_t suppliers = 0;
  std::size_t dependencies = 0;
  std::size_t critical_functions = 0;
  std::vector<Concentration> concentration;
  std::vector<SinglePointOfFailure> single_points_of_failure;
  // Sorted: concentration (in concentration order), subcontracting cycles,
  // then per supplier by id in the order of the codes above.
  std::vector<Finding> findings;
  std::vector<Cycle> cycles;
  // Suppliers that serve at least one critical function, by index; used by
  // the renderers (the graph highlights them).
  std::vector<bool> serves_critical;
};

// Runs in O(critical functions x the part of the graph each reaches) with no
// allocation per function; cycles are found once, iteratively (no recursion,
// whatever the depth of subcontracting).
Analysis analyse(const Register& reg, const AnalysisOptions& options);

// share in tenths of a percent, rounded half up: part * 1000 / whole.
int share_permille(std::size_t part, std::size_t whole);

// (Percentages are read and written with assess/score.h: parse_percent_tenths, format_tenths.)

}  // namespace vigil::supplier
