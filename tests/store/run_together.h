// Concurrency in the store tests: work started on several threads at once.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "incident/incident.h"

namespace vigil::store::testing_support {

// Runs each function on its own thread and waits for all of them.
inline void run_together(const std::vector<std::function<void()>>& work) {
  std::vector<std::thread> threads(work.size());
  for (std::size_t i = 0; i < work.size(); ++i) threads[i] = std::thread(work[i]);
  for (auto& t : threads) t.join();
}

// Runs `open(thread)` `each` times on each of `threads` threads at once; every
// incident id it returned ("" for none), all threads' together.
inline std::vector<std::string> opened_together(int threads, int each, const std::function<std::string(int)>& open) {
  std::vector<std::vector<std::string>> ids(static_cast<std::size_t>(threads));
  std::vector<std::function<void()>> work;
  for (int t = 0; t < threads; ++t) {
    work.push_back([&, t] {
      for (int i = 0; i < each; ++i) ids[static_cast<std::size_t>(t)].push_back(open(t));
    });
  }
  run_together(work);
  std::vector<std::string> all;
  for (const auto& mine : ids) all.insert(all.end(), mine.begin(), mine.end());
  return all;
}

// INC-1 to INC-n: what n incidents opened in a fresh organisation are numbered,
// once each and without a gap.
inline std::set<std::string> first_incident_ids(int n) {
  std::set<std::string> out;
  for (int i = 1; i <= n; ++i) out.insert(incident::incident_id(i));
  return out;
}

}  // namespace vigil::store::testing_support
