// The IANA time-zone database on disk (tzdata, through date::get_tzdb): the
// one place Vigil reads it. The adapters (cli, server, application, store)
// pass it to the domain as incident::Zones / incident::ZoneLocator; domain
// modules never call tzdata themselves (tests/layering.cmake checks).
#pragma once

#include <string_view>

#include "incident/zones.h"

namespace vigil::tzdata {

// The zone of that IANA name; nullptr when tzdata does not know it (or cannot
// be read). An incident::ZoneLocator.
const date::time_zone* locate(std::string_view name);

// Locate, and every zone name tzdata knows (for suggestions).
const incident::Zones& zones();

}  // namespace vigil::tzdata
