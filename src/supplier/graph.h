// The register's dependencies as compact adjacency lists (CSR: one offsets
// array, one targets array), built once per analysis so the walks over
// 100 000 edges touch contiguous memory and never a string.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "supplier/register.h"

namespace vigil::supplier {

// No node: an unvisited mark or the parent of a root in the graph walks.
inline constexpr std::uint32_t kNone = UINT32_MAX;

class Graph {
 public:
  explicit Graph(const Register& reg);

  // Suppliers a function depends on directly / a supplier's subcontractors,
  // as supplier indices (edge order of the register, repeats removed).
  std::span<const std::uint32_t> of_function(std::size_t f) const {
    return span(function_offsets_, function_targets_, f);
  }
  std::span<const std::uint32_t> of_supplier(std::size_t s) const {
    return span(supplier_offsets_, supplier_targets_, s);
  }
  // Whether a supplier lists itself as its own subcontractor.
  bool self_loop(std::size_t s) const { return self_loops_[s]; }

 private:
  static std::span<const std::uint32_t> span(const std::vector<std::uint32_t>& offsets,
                                             const std::vector<std::uint32_t>& targets, std::size_t i) {
    return {targets.data() + offsets[i], targets.data() + offsets[i + 1]};
  }
  std::vector<std::uint32_t> function_offsets_, function_targets_;
  std::vector<std::uint32_t> supplier_offsets_, supplier_targets_;
  std::vector<bool> self_loops_;
};

// Breadth-first walks from a function down its supply chain, one after
// another over the same graph, reusing their buffers (an analysis walks from
// every function over up to 100 000 edges).
class SupplyChainWalk {
 public:
  SupplyChainWalk(const Graph& graph, std::size_t suppliers);

  // Every supplier function `f` depends on, directly or through
  // subcontractors, nearest first; valid until the next walk.
  std::span<const std::uint32_t> from_function(std::uint32_t f);
  // The ids on the shortest path of the last walk: the function's, then each
  // supplier's down to `s` (one the walk reached).
  std::vector<std::string> path_to(std::uint32_t s, const Register& reg) const;

 private:
  const Graph& graph_;
  std::uint32_t function_ = kNone;
  std::uint32_t walk_ = 0;  // a supplier is seen by this walk when visit_[s] == walk_
  std::vector<std::uint32_t> visit_, parent_, queue_;
};

// Strongly connected groups of suppliers that form a cycle of
// subcontracting (more than one supplier, or one that names itself), each
// sorted by index; found iteratively (Tarjan's algorithm with an explicit
// stack), so a 100 000-deep chain cannot overflow the call stack.
std::vector<std::vector<std::uint32_t>> subcontracting_cycles(const Graph& graph, std::size_t suppliers);

}  // namespace vigil::supplier
