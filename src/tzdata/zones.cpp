#include "tzdata/zones.h"

#include <exception>
#include <string>
#include <vector>

#include <date/tz.h>

namespace vigil::tzdata {

const date::time_zone* locate(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return nullptr;
  }
}

namespace {

std::vector<std::string> names() {
  std::vector<std::string> out;
  try {
    for (const auto& zone : date::get_tzdb().zones) out.push_back(zone.name());
  } catch (const std::exception&) {
    return {};
  }
  return out;
}

}  // namespace

const incident::Zones& zones() {
  static const incident::Zones system{locate, names};
  return system;
}

}  // namespace vigil::tzdata
