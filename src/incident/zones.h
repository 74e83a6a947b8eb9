// The time-zone database as the domain sees it. Incident records name their
// zone (IANA, e.g. "Europe/Berlin"); which zones exist, and their rules, come
// from outside: the program passes tzdata on disk (tzdata/zones.h), a test a
// fake. The domain never opens tzdata itself.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace vigil::incident {

// Returns nullptr for a zone name that does not exist.
using ZoneLocator = std::function<const date::time_zone*(std::string_view name)>;

struct Zones {
  ZoneLocator locate;
  // Every zone name known, for "did you mean" when a name is unknown; may be
  // left empty (then no suggestion is made).
  std::function<std::vector<std::string>()> names = {};

  // The zone of that name, nullptr when unknown (or no locator is given).
  const date::time_zone* find(std::string_view name) const { return locate ? locate(name) : nullptr; }
  std::vector<std::string> all_names() const { return names ? names() : std::vector<std::string>{}; }
};

}  // namespace vigil::incident
