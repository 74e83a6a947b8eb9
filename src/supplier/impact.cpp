#include "supplier/impact.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/names.h"
#include "core/text.h"
#include "supplier/countries.h"
#include "supplier/graph.h"

namespace vigil::supplier {
namespace {

Result<std::vector<std::uint32_t>> named_suppliers(const Register& reg, const ImpactQuery& q) {
  std::vector<std::uint32_t> named;
  for (std::uint32_t s = 0; s < reg.suppliers.size(); ++s) {
    const Supplier& supplier = reg.suppliers[s];
    bool match = (q.scope == ImpactScope::Supplier && supplier.id == q.value) ||
                 (q.scope == ImpactScope::Group && supplier.group == q.value) ||
                 (q.scope == ImpactScope::Country && supplier.country == q.value);
    if (match) named.push_back(s);
  }
  if (!named.empty()) return named;
  if (q.scope == ImpactScope::Country) {
    if (find_country(q.value) == nullptr) {
      return invalid("country", fmt::format("'{}' is not an ISO 3166-1 alpha-2 code (two capital letters, such as DE)",
                                            excerpt(q.value)));
    }
    return named;  // a real country where no supplier is: nothing fails
  }
  std::set<std::string_view> candidates;
  for (const Supplier& s : reg.suppliers) {
    if (q.scope == ImpactScope::Supplier) candidates.insert(s.id);
    else if (!s.group.empty()) candidates.insert(s.group);
  }
  std::vector<std::string_view> known(candidates.begin(), candidates.end());
  auto close = nearest(q.value, known);
  return fail(ErrorCode::NotFound, std::string(to_string(q.scope)),
              fmt::format("no {} '{}' in the register{}", to_string(q.scope), excerpt(q.value),
                          close.empty() ? "" : fmt::format(" (did you mean {}?)", or_list(close))));
}

}  // namespace

constexpr EnumNames<ImpactScope, 3> kImpactScopes{{"supplier", "group", "country"}};

std::string_view to_string(ImpactScope scope) { return name_of(scope, kImpactScopes); }

Result<Impact> impact(const Register& reg, const ImpactQuery& query) {
  Impact out;
  out.query = query;
  auto named = TRY(named_suppliers(reg, query));
  const std::size_t supplier_count = reg.suppliers.size();

  // Each (node, kind) a dependency starts from is a slot; a slot is lost when
  // all its suppliers have failed.
  std::map<std::tuple<bool, std::size_t, std::string_view>, std::uint32_t> slot_index;
  std::vector<std::uint32_t> slot_of(reg.dependencies.size());
  std::vector<std::uint32_t> alive;
  std::vector<std::vector<std::uint32_t>> in_edges(supplier_count), function_edges(reg.functions.size());
  for (std::uint32_t e = 0; e < reg.dependencies.size(); ++e) {
    const Dependency& d = reg.dependencies[e];
    auto [it, inserted] = slot_index.emplace(std::tuple{d.from.function, d.from.index, std::string_view(d.kind)},
                                             static_cast<std::uint32_t>(alive.size()));
    if (inserted) alive.push_back(0);
    slot_of[e] = it->second;
    ++alive[it->second];
    in_edges[d.to].push_back(e);
    if (d.from.function) function_edges[d.from.index].push_back(e);
  }

  std::vector<bool> failed(supplier_count, false);
  std::vector<std::string> reason(supplier_count);
  std::vector<bool> function_fails(reg.functions.size(), false);
  std::vector<std::uint32_t> queue;
  for (std::uint32_t s : named) {
    failed[s] = true;
    reason[s] = "named";
    queue.push_back(s);
  }
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t s = queue[head];
    for (std::uint32_t e : in_edges[s]) {
      if (--alive[slot_of[e]] != 0) continue;
      const Dependency& d = reg.dependencies[e];
      if (d.from.function) {
        function_fails[d.from.index] = true;
      } else if (!failed[d.from.index]) {
        failed[d.from.index] = true;
        reason[d.from.index] = fmt::format("no alternative of kind {}: {} failed", d.kind, reg.suppliers[s].id);
        queue.push_back(static_cast<std::uint32_t>(d.from.index));
      }
    }
  }

  for (std::uint32_t s : named) out.named.push_back(reg.suppliers[s].id);
  std::sort(out.named.begin(), out.named.end());
  for (std::uint32_t s = 0; s < supplier_count; ++s) {
    if (failed[s])
      out.failed_suppliers.push_back(
          FailedSupplier{reg.suppliers[s].id, reg.suppliers[s].name, reason[s] == "named", reason[s]});
  }
  std::sort(out.failed_suppliers.begin(), out.failed_suppliers.end(),
            [](const FailedSupplier& a, const FailedSupplier& b) {
              if (a.named != b.named) return a.named;
              return a.id < b.id;
            });

  // Affected: everything that reaches a failed supplier (walking edges backwards).
  std::vector<bool> reached(supplier_count, false), affected(reg.functions.size(), false);
  std::vector<std::uint32_t> back;
  for (std::uint32_t s = 0; s < supplier_count; ++s) {
    if (failed[s]) {
      reached[s] = true;
      back.push_back(s);
    }
  }
  for (std::size_t head = 0; head < back.size(); ++head) {
    for (std::uint32_t e : in_edges[back[head]]) {
      const Dependency& d = reg.dependencies[e];
      if (d.from.function) {
        affected[d.from.index] = true;
      } else if (!reached[d.from.index]) {
        reached[d.from.index] = true;
        back.push_back(static_cast<std::uint32_t>(d.from.index));
      }
    }
  }

  Graph graph(reg);
  std::vector<bool> is_named(supplier_count, false);
  for (std::uint32_t s : named) is_named[s] = true;
  SupplyChainWalk chain(graph, supplier_count);
  std::set<std::string> entity_types;
  for (std::uint32_t f = 0; f < reg.functions.size(); ++f) {
    if (!affected[f]) continue;
    const Function& fn = reg.functions[f];
    ImpactedFunction item{fn.id, fn.name, fn.critical, fn.entity_type, function_fails[f], !function_fails[f], {}, {}};
    std::map<std::string_view, KindLoss> kinds;
    for (std::uint32_t e : function_edges[f]) {
      const Dependency& d = reg.dependencies[e];
      KindLoss& loss = kinds[d.kind];
      loss.kind = d.kind;
      (failed[d.to] ? loss.failed : loss.surviving).push_back(reg.suppliers[d.to].id);
    }
    for (auto& [kind, loss] : kinds) {
      if (loss.failed.empty()) continue;
      std::sort(loss.failed.begin(), loss.failed.end());
      std::sort(loss.surviving.begin(), loss.surviving.end());
      item.kinds.push_back(std::move(loss));
    }
    // Paths to the question's suppliers: breadth-first from the function.
    for (std::uint32_t s : chain.from_function(f)) {
      if (is_named[s]) item.paths.push_back(chain.path_to(s, reg));
    }
    std::sort(item.paths.begin(), item.paths.end(), [](const auto& a, const auto& b) { return a.back() < b.back(); });
    if (item.fails) {
      if (fn.entity_type.empty()) ++out.unknown_entity_type;
      else entity_types.insert(fn.entity_type);
    }
    out.functions.push_back(std::move(item));
  }
  std::sort(out.functions.begin(), out.functions.end(), [](const ImpactedFunction& a, const ImpactedFunction& b) {
    if (a.critical != b.critical) return a.critical;
    if (a.fails != b.fails) return a.fails;
    return a.id < b.id;
  });
  out.entity_types.assign(entity_types.begin(), entity_types.end());
  return out;
}

}  // namespace vigil::supplier
