#include "server/test_logger.h"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

namespace vigil::test {

std::shared_ptr<spdlog::logger> stream_logger(std::ostream& out, const std::string& pattern) {
  auto logger = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  if (!pattern.empty()) logger->set_pattern(pattern);
  return logger;
}

std::shared_ptr<spdlog::logger> quiet_logger() { return std::make_shared<spdlog::logger>("quiet"); }

}  // namespace vigil::test
