// Prometheus counters kept by the server: requests by method, route pattern
// and status, and a latency histogram per route pattern. Labels use the route
// pattern, never the raw path, and methods outside HTTP's own as "other", so
// no request can add a series: the number of series stays bounded.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace vigil::server {

struct Gauge {
  std::string name;  // "vigil_open_incidents"
  std::string help;
  std::vector<std::pair<std::string, double>> samples;  // label text ("org=\"acme\"") -> value
};

class Metrics {
 public:
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};
  // The method's label: itself for GET, HEAD, POST, PUT, PATCH, DELETE,
  // OPTIONS ("-" for a request refused before parsing), else "other".
  static std::string_view method_label(std::string_view method);
  void observe(std::string_view method, std::string_view route, int status, std::chrono::microseconds latency);
  // The text exposition format, version 0.0.4.
  std::string render(const std::vector<Gauge>& gauges) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace vigil::server
