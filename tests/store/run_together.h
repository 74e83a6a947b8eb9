// Concurrency in the store tests: work started on several threads at once.
#pragma once

#include <functional>
#include <thread>
#include <vector>

namespace vigil::store::testing_support {

// Runs each function on its own thread and waits for all of them.
inline void run_together(const std::vector<std::function<void()>>& work) {
  std::vector<std::thread> threads(work.size());
  for (std::size_t i = 0; i < work.size(); ++i) threads[i] = std::thread(work[i]);
  for (auto& t : threads) t.join();
}

}  // namespace vigil::store::testing_support
