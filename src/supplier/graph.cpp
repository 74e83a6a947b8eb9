#include "supplier/graph.h"

#include <algorithm>

namespace vigil::supplier {
namespace {

void build(std::size_t nodes, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges,
           std::vector<std::uint32_t>& offsets, std::vector<std::uint32_t>& targets) {
  offsets.assign(nodes + 1, 0);
  for (const auto& [from, to] : edges) ++offsets[from + 1];
  for (std::size_t i = 0; i < nodes; ++i) offsets[i + 1] += offsets[i];
  targets.assign(edges.size(), 0);
  std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (const auto& [from, to] : edges) targets[fill[from]++] = to;
  // Two dependencies of different kinds on one supplier are one edge here.
  std::vector<std::uint32_t> compact;
  compact.reserve(targets.size());
  std::vector<std::uint32_t> new_offsets(nodes + 1, 0);
  std::uint32_t largest = 0;
  for (std::uint32_t t : targets) largest = std::max(largest, t);
  std::vector<std::uint32_t> seen_by(targets.empty() ? 0 : largest + 1, UINT32_MAX);
  for (std::size_t i = 0; i < nodes; ++i) {
    for (std::uint32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
      std::uint32_t t = targets[k];
      if (seen_by[t] == i) continue;
      seen_by[t] = static_cast<std::uint32_t>(i);
      compact.push_back(t);
    }
    new_offsets[i + 1] = static_cast<std::uint32_t>(compact.size());
  }
  offsets = std::move(new_offsets);
  targets = std::move(compact);
}

}  // namespace

Graph::Graph(const Register& reg) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> from_functions, from_suppliers;
  self_loops_.assign(reg.suppliers.size(), false);
  for (const Dependency& d : reg.dependencies) {
    auto edge = std::pair{static_cast<std::uint32_t>(d.from.index), static_cast<std::uint32_t>(d.to)};
    if (d.from.function) {
      from_functions.push_back(edge);
    } else {
      from_suppliers.push_back(edge);
      if (d.from.index == d.to) self_loops_[d.to] = true;
    }
  }
  build(reg.functions.size(), from_functions, function_offsets_, function_targets_);
  build(reg.suppliers.size(), from_suppliers, supplier_offsets_, supplier_targets_);
}

std::vector<std::vector<std::uint32_t>> subcontracting_cycles(const Graph& graph, std::size_t suppliers) {
  constexpr std::uint32_t kUnvisited = UINT32_MAX;
  std::vector<std::uint32_t> index(suppliers, kUnvisited), low(suppliers, 0);
  std::vector<bool> on_stack(suppliers, false);
  std::vector<std::uint32_t> stack;
  struct Frame {
    std::uint32_t node;
    std::uint32_t next;  // position in the node's adjacency
  };
  std::vector<Frame> calls;
  std::vector<std::vector<std::uint32_t>> cycles;
  std::uint32_t counter = 0;
  for (std::uint32_t root = 0; root < suppliers; ++root) {
    if (index[root] != kUnvisited) continue;
    calls.push_back({root, 0});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!calls.empty()) {
      Frame& frame = calls.back();
      auto out = graph.of_supplier(frame.node);
      if (frame.next < out.size()) {
        std::uint32_t to = out[frame.next++];
        if (index[to] == kUnvisited) {
          index[to] = low[to] = counter++;
          stack.push_back(to);
          on_stack[to] = true;
          calls.push_back({to, 0});
        } else if (on_stack[to]) {
          low[frame.node] = std::min(low[frame.node], index[to]);
        }
        continue;
      }
      std::uint32_t node = frame.node;
      calls.pop_back();
      if (!calls.empty()) low[calls.back().node] = std::min(low[calls.back().node], low[node]);
      if (low[node] != index[node]) continue;
      std::vector<std::uint32_t> component;
      std::uint32_t member = 0;
      do {
        member = stack.back();
        stack.pop_back();
        on_stack[member] = false;
        component.push_back(member);
      } while (member != node);
      if (component.size() > 1 || graph.self_loop(node)) {
        std::sort(component.begin(), component.end());
        cycles.push_back(std::move(component));
      }
    }
  }
  return cycles;
}

SupplyChainWalk::SupplyChainWalk(const Graph& graph, std::size_t suppliers)
    : graph_(graph), visit_(suppliers, kNone), parent_(suppliers, kNone) {
  queue_.reserve(suppliers);
}

std::span<const std::uint32_t> SupplyChainWalk::from_function(std::uint32_t f) {
  ++walk_;
  function_ = f;
  queue_.clear();
  auto reach = [&](std::uint32_t s, std::uint32_t from) {
    if (visit_[s] == walk_) return;
    visit_[s] = walk_;
    parent_[s] = from;
    queue_.push_back(s);
  };
  for (std::uint32_t s : graph_.of_function(f)) reach(s, kNone);
  for (std::size_t head = 0; head < queue_.size(); ++head) {
    for (std::uint32_t t : graph_.of_supplier(queue_[head])) reach(t, queue_[head]);
  }
  return queue_;
}

std::vector<std::string> SupplyChainWalk::path_to(std::uint32_t s, const Register& reg) const {
  std::vector<std::string> path;
  for (std::uint32_t at = s; at != kNone; at = parent_[at]) path.push_back(reg.suppliers[at].id);
  path.push_back(reg.functions[function_].id);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace vigil::supplier
