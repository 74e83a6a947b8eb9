// ISO 3166-1 alpha-2 country codes, the vocabulary of a supplier's `country`
// and of `vigil supplier impact --country` (a provider region outage). The
// list itself is data (countries.cpp, generated from Debian's iso-codes).
#pragma once

#include <span>
#include <string_view>

namespace vigil::supplier {

struct Country {
  std::string_view code;  // "DE": two upper-case letters
  std::string_view name;  // "Germany"
};

// Every officially assigned code, sorted by code.
std::span<const Country> countries();
// The country with exactly this code (upper case), or nullptr.
const Country* find_country(std::string_view code);

}  // namespace vigil::supplier
