// Instants and identifiers the tests of every module write the same way.
#pragma once

#include <string_view>

#include "core/time.h"

namespace vigil::test {

// An instant written as RFC 3339 text; the text is the test's own, so it is valid.
inline Instant at(std::string_view text) { return *parse_rfc3339(text, "test"); }

// The entity type most incident tests use: a cloud computing service provider (NIS2 Annex I, 8).
inline constexpr const char* kCloud = "digital_infrastructure.cloud_computing_service_provider";

}  // namespace vigil::test
