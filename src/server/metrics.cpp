#include "server/metrics.h"

#include <fmt/format.h>

namespace vigil::server {

static std::string escape_label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string_view Metrics::method_label(std::string_view method) {
  static constexpr std::string_view kKnown[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "-"};
  for (auto known : kKnown) {
    if (method == known) return known;
  }
  return "other";
}

void Metrics::observe(std::string_view method, std::string_view route, int status, std::chrono::microseconds latency) {
  double seconds = static_cast<double>(latency.count()) / 1e6;
  if (status < 100 || status > 599) status = 0;
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(method_label(method)), std::string(route), status}];
  auto& h = latency_[std::string(route)];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render(const std::vector<Gauge>& gauges) const {
  std::string out;
  {
    std::lock_guard lock(mutex_);
    out += "# HELP vigil_http_requests_total HTTP requests by method, route pattern and status.\n";
    out += "# TYPE vigil_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
      const auto& [method, route, status] = key;
      out += fmt::format("vigil_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                         escape_label(method), escape_label(route), status, count);
    }
    out += "# HELP vigil_http_request_duration_seconds Time from a complete request to its response.\n";
    out += "# TYPE vigil_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      std::string label = escape_label(route);
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out += fmt::format("vigil_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label,
                           kBuckets[i], h.buckets[i]);
      }
      out += fmt::format("vigil_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label, h.count);
      out += fmt::format("vigil_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label, h.sum);
      out += fmt::format("vigil_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label, h.count);
    }
  }
  for (const auto& gauge : gauges) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", gauge.name, gauge.help, gauge.name);
    for (const auto& [labels, value] : gauge.samples) {
      out += labels.empty() ? fmt::format("{} {}\n", gauge.name, value)
                            : fmt::format("{}{{{}}} {}\n", gauge.name, labels, value);
    }
  }
  return out;
}

}  // namespace vigil::server
