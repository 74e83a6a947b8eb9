#include "supplier/analysis.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "assess/score.h"
#include "supplier/graph.h"

namespace vigil::supplier {
namespace {

std::vector<std::uint32_t> by_id(std::vector<std::uint32_t> indices, auto id_of) {
  std::sort(indices.begin(), indices.end(), [&](std::uint32_t a, std::uint32_t b) { return id_of(a) < id_of(b); });
  return indices;
}

std::string percent(int permille) { return assess::format_tenths(permille) + " %"; }

void supplier_findings(const Supplier& s, const AnalysisOptions& o, std::vector<Finding>& out) {
  auto add = [&](std::string_view code, std::string detail) {
    out.push_back(Finding{std::string(code), s.id, "", std::move(detail)});
  };
  if (s.certificate_expiry && *s.certificate_expiry < o.as_of) {
    add("certificate_expired",
        fmt::format("ISO/IEC 27001 certificate expired on {}", format_date(*s.certificate_expiry)));
  }
  if (!s.last_assessment) {
    add("assessment_overdue", s.next_assessment ? fmt::format("never assessed (first assessment planned for {})",
                                                              format_date(*s.next_assessment))
                                                : std::string("never assessed"));
  } else if (s.next_assessment && *s.next_assessment < o.as_of) {
    add("assessment_overdue", fmt::format("next assessment was due on {} (last assessed on {})",
                                          format_date(*s.next_assessment), format_date(*s.last_assessment)));
  } else if (!s.next_assessment) {
    add("assessment_unscheduled",
        fmt::format("last assessed on {}; no next assessment is planned", format_date(*s.last_assessment)));
  }
  if (s.contract_end && *s.contract_end < o.as_of) {
    add("contract_expired", fmt::format("contract ended on {}", format_date(*s.contract_end)));
  }
  for (Clause clause : o.required_clauses) {
    if (!s.has_clause(clause)) add("missing_clause", fmt::format("the contract has no {} clause", to_string(clause)));
  }
}

// One closed walk through a strongly connected set of suppliers, starting and
// ending at the member with the smallest id (breadth-first: a shortest one).
std::vector<std::string> cycle_path(const Register& reg, const Graph& graph,
                                    const std::vector<std::uint32_t>& members) {
  std::uint32_t start = members.front();
  for (std::uint32_t m : members) {
    if (reg.suppliers[m].id < reg.suppliers[start].id) start = m;
  }
  if (graph.self_loop(start)) return {reg.suppliers[start].id, reg.suppliers[start].id};
  std::map<std::uint32_t, std::uint32_t> parent;  // member -> previous member on the walk
  for (std::uint32_t m : members) parent[m] = kNone;
  std::vector<std::uint32_t> queue{start};
  parent[start] = start;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    std::uint32_t node = queue[head];
    for (std::uint32_t next : graph.of_supplier(node)) {
      auto it = parent.find(next);
      if (it == parent.end()) continue;  // leaves the cycle
      if (next == start) {
        std::vector<std::string> path;
        for (std::uint32_t at = node; at != start; at = parent[at]) path.push_back(reg.suppliers[at].id);
        path.push_back(reg.suppliers[start].id);
        std::reverse(path.begin(), path.end());
        path.push_back(reg.suppliers[start].id);
        return path;
      }
      if (it->second == kNone) {
        it->second = node;
        queue.push_back(next);
      }
    }
  }
  return {reg.suppliers[start].id};  // unreachable for a strongly connected set
}

}  // namespace

std::string_view to_string(ConcentrationKind kind) { return kind == ConcentrationKind::Group ? "group" : "supplier"; }

int share_permille(std::size_t part, std::size_t whole) {
  if (whole == 0) return 0;
  // round half up: floor((2 * part * 1000 + whole) / (2 * whole))
  return static_cast<int>((2 * part * 1000 + whole) / (2 * whole));
}

Analysis analyse(const Register& reg, const AnalysisOptions& o) {
  Analysis a;
  a.as_of = o.as_of;
  a.threshold_permille = o.threshold_permille;
  a.required_clauses = o.required_clauses;
  a.functions = reg.functions.size();
  a.suppliers = reg.suppliers.size();
  a.dependencies = reg.dependencies.size();
  const std::size_t supplier_count = reg.suppliers.size();
  Graph graph(reg);

  std::vector<std::uint32_t> critical;
  for (std::uint32_t f = 0; f < reg.functions.size(); ++f) {
    if (reg.functions[f].critical) critical.push_back(f);
  }
  critical = by_id(std::move(critical), [&](std::uint32_t f) -> const std::string& { return reg.functions[f].id; });
  a.critical_functions = critical.size();

  // Groups by name, and each supplier's group.
  std::map<std::string, std::uint32_t> group_index;
  for (const Supplier& s : reg.suppliers) {
    if (!s.group.empty()) group_index.emplace(s.group, 0);
  }
  std::vector<std::string> group_names;
  for (auto& [name, index] : group_index) {
    index = static_cast<std::uint32_t>(group_names.size());
    group_names.push_back(name);
  }
  std::vector<std::uint32_t> group_of(supplier_count, kNone);
  std::vector<std::vector<std::uint32_t>> group_members(group_names.size());
  for (std::uint32_t s = 0; s < supplier_count; ++s) {
    if (reg.suppliers[s].group.empty()) continue;
    group_of[s] = group_index[reg.suppliers[s].group];
    group_members[group_of[s]].push_back(s);
  }

  // One breadth-first walk per critical function; a group is "seen" by walk
  // w when group_visit[g] == w.
  std::vector<std::vector<std::uint32_t>> supplier_functions(supplier_count), group_functions(group_names.size());
  SupplyChainWalk chain(graph, supplier_count);
  std::vector<std::uint32_t> group_visit(group_names.size(), kNone);
  struct Pair {
    std::uint32_t function, supplier;
    std::vector<std::string> path;
  };
  std::vector<Pair> pairs;
  for (std::uint32_t walk = 0; walk < critical.size(); ++walk) {
    const std::uint32_t f = critical[walk];
    for (std::uint32_t s : chain.from_function(f)) {
      supplier_functions[s].push_back(f);
      if (std::uint32_t g = group_of[s]; g != kNone && group_visit[g] != walk) {
        group_visit[g] = walk;
        group_functions[g].push_back(f);
      }
      const Supplier& supplier = reg.suppliers[s];
      if (supplier.substitutable || supplier.exit_plan) continue;
      pairs.push_back(Pair{f, s, chain.path_to(s, reg)});
    }
  }

  // Concentration.
  auto function_ids = [&](const std::vector<std::uint32_t>& functions) {
    std::vector<std::string> ids;
    ids.reserve(functions.size());
    for (std::uint32_t f : functions) ids.push_back(reg.functions[f].id);
    return ids;  // already in id order: the walks ran in id order
  };
  a.concentration.reserve(supplier_count + group_names.size());
  for (std::uint32_t s = 0; s < supplier_count; ++s) {
    a.concentration.push_back(Concentration{ConcentrationKind::Supplier,
                                            reg.suppliers[s].id,
                                            function_ids(supplier_functions[s]),
                                            share_permille(supplier_functions[s].size(), critical.size()),
                                            {}});
  }
  for (std::uint32_t g = 0; g < group_names.size(); ++g) {
    std::vector<std::string> members;
    for (std::uint32_t s : group_members[g]) members.push_back(reg.suppliers[s].id);
    std::sort(members.begin(), members.end());
    a.concentration.push_back(Concentration{ConcentrationKind::Group, group_names[g], function_ids(group_functions[g]),
                                            share_permille(group_functions[g].size(), critical.size()),
                                            std::move(members)});
  }
  std::sort(a.concentration.begin(), a.concentration.end(), [](const Concentration& x, const Concentration& y) {
    if (x.share_permille != y.share_permille) return x.share_permille > y.share_permille;
    if (x.id != y.id) return x.id < y.id;
    return x.kind < y.kind;
  });

  // Single points of failure, by function id then supplier id.
  std::sort(pairs.begin(), pairs.end(), [&](const Pair& x, const Pair& y) {
    if (x.function != y.function) return reg.functions[x.function].id < reg.functions[y.function].id;
    return reg.suppliers[x.supplier].id < reg.suppliers[y.supplier].id;
  });
  a.single_points_of_failure.reserve(pairs.size());
  for (Pair& p : pairs) {
    a.single_points_of_failure.push_back(
        SinglePointOfFailure{reg.functions[p.function].id, reg.suppliers[p.supplier].id, std::move(p.path)});
  }

  // Cycles of subcontracting.
  for (const auto& members : subcontracting_cycles(graph, supplier_count)) {
    Cycle cycle;
    for (std::uint32_t m : members) cycle.suppliers.push_back(reg.suppliers[m].id);
    std::sort(cycle.suppliers.begin(), cycle.suppliers.end());
    cycle.path = cycle_path(reg, graph, members);
    a.cycles.push_back(std::move(cycle));
  }
  std::sort(a.cycles.begin(), a.cycles.end(), [](const Cycle& x, const Cycle& y) { return x.path < y.path; });

  // Findings.
  for (const Concentration& c : a.concentration) {
    if (c.share_permille <= o.threshold_permille) continue;  // strictly above
    std::string share = fmt::format("{} of {} critical functions ({}) depend on", c.critical_functions.size(),
                                    critical.size(), percent(c.share_permille));
    if (c.kind == ConcentrationKind::Supplier) {
      a.findings.push_back(
          Finding{"concentration", c.id, "",
                  fmt::format("{} it, above the threshold of {}", share, percent(o.threshold_permille))});
    } else {
      a.findings.push_back(Finding{"concentration", "", c.id,
                                   fmt::format("{} group {} ({}), above the threshold of {}", share, c.id,
                                               fmt::join(c.members, ", "), percent(o.threshold_permille))});
    }
  }
  for (const Cycle& cycle : a.cycles) {
    a.findings.push_back(Finding{"subcontracting_cycle", cycle.path.front(), "",
                                 fmt::format("subcontracting runs in a circle: {}", fmt::join(cycle.path, " -> "))});
  }
  a.serves_critical.assign(supplier_count, false);
  std::vector<std::uint32_t> serving;
  for (std::uint32_t s = 0; s < supplier_count; ++s) {
    if (supplier_functions[s].empty()) continue;
    a.serves_critical[s] = true;
    serving.push_back(s);
  }
  serving = by_id(std::move(serving), [&](std::uint32_t s) -> const std::string& { return reg.suppliers[s].id; });
  for (std::uint32_t s : serving) supplier_findings(reg.suppliers[s], o, a.findings);
  return a;
}

}  // namespace vigil::supplier
