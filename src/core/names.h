// The words an enum is written as (in JSON, CSV and on the command line) kept
// in one list per enum, read both ways: `name_of` writes a value's word and
// `value_named` looks a word up. One list instead of a switch per direction
// keeps the writer and the reader from drifting apart.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace vigil {

// The words for the values of `Enum`, in the order the enum declares them;
// "" for a value written as nothing (a "none" left out of the output).
template <class Enum, std::size_t N>
struct EnumNames {
  std::array<std::string_view, N> words;
};

template <class Enum, std::size_t N>
constexpr std::string_view name_of(Enum value, const EnumNames<Enum, N>& names) {
  const auto i = static_cast<std::size_t>(value);
  return i < N ? names.words[i] : std::string_view{};
}

// The value written exactly as `text` (never one written as nothing).
template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_named(std::string_view text, const EnumNames<Enum, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (!names.words[i].empty() && names.words[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace vigil
