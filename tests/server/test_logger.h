// Loggers for the server tests, made in one translation unit
// (logger_support.cpp): Vigil uses spdlog header-only, and each file that
// includes it costs about nine seconds of compile time.
#pragma once

#include <memory>
#include <ostream>
#include <string>

namespace spdlog {
class logger;
}

namespace vigil::test {

// A logger that writes each message to `out` with the spdlog `pattern`
// (spdlog's default pattern when empty).
std::shared_ptr<spdlog::logger> stream_logger(std::ostream& out, const std::string& pattern = "");
// A logger without sinks: it writes nothing.
std::shared_ptr<spdlog::logger> quiet_logger();

}  // namespace vigil::test
