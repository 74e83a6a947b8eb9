#include "core/json_input.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace vigil {

using nlohmann::json;

JsonObjectReader::JsonObjectReader(const json& value, std::string where)
    : value_(value), where_(std::move(where)) {
  if (!value_.is_object()) {
    errors_.push_back(Error{ErrorCode::InvalidInput, where_,
                            fmt::format("expected a JSON object, got {}", value_.type_name()), {}});
  }
}

std::string JsonObjectReader::field_path(std::string_view key) const {
  return where_.empty() ? std::string(key) : fmt::format("{}: {}", where_, key);
}

void JsonObjectReader::add_error(std::string field, std::string message) {
  errors_.push_back(Error{ErrorCode::InvalidInput, field_path(field), std::move(message), {}});
}

const json* JsonObjectReader::find(std::string_view key) {
  known_.emplace_back(key);
  if (!value_.is_object()) return nullptr;
  auto it = value_.find(std::string(key));
  if (it == value_.end() || it->is_null()) return nullptr;
  return &*it;
}

const json* JsonObjectReader::raw(std::string_view key) { return find(key); }

std::optional<bool> JsonObjectReader::optional_flag(std::string_view key) {
  const json* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    add_error(std::string(key), fmt::format("expected true or false, got {}", v->dump()));
    return std::nullopt;
  }
  return v->get<bool>();
}

bool JsonObjectReader::flag(std::string_view key) { return optional_flag(key).value_or(false); }

std::optional<std::int64_t> JsonObjectReader::count(std::string_view key, Presence presence) {
  const json* v = find(key);
  if (!v) {
    if (presence == Presence::Required) add_error(std::string(key), "is required (a whole number, 0 or more)");
    return std::nullopt;
  }
  if (v->is_number_unsigned()) {
    auto u = v->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) {
      add_error(std::string(key), "is too large");
      return std::nullopt;
    }
    return static_cast<std::int64_t>(u);
  }
  if (v->is_number_integer()) {
    auto i = v->get<std::int64_t>();
    if (i < 0) {
      add_error(std::string(key), fmt::format("must not be negative, got {}", i));
      return std::nullopt;
    }
    return i;
  }
  if (v->is_number_float()) {
    double d = v->get<double>();
    if (d >= 0 && std::floor(d) == d && d < 9.0e18) return static_cast<std::int64_t>(d);
  }
  add_error(std::string(key), fmt::format("expected a whole number, 0 or more, got {}", v->dump()));
  return std::nullopt;
}

std::optional<Cents> JsonObjectReader::euros(std::string_view key, Presence presence) {
  const json* v = find(key);
  if (!v) {
    if (presence == Presence::Required) add_error(std::string(key), "is required (an amount in euros)");
    return std::nullopt;
  }
  std::string text;
  if (v->is_number_integer() || v->is_number_unsigned()) {
    text = v->dump();
  } else if (v->is_number_float()) {
    // JSON numbers with decimals: re-read their shortest text form, exact to the cent.
    text = v->dump();
    if (text.find_first_of("eE") != std::string::npos) {
      double d = v->get<double>();
      text = fmt::format("{:.2f}", d);
      if (std::fabs(d * 100 - std::round(d * 100)) > 1e-6) {
        add_error(std::string(key), fmt::format("{} has more than two decimals", v->dump()));
        return std::nullopt;
      }
    }
    if (auto dot = text.find('.'); dot != std::string::npos) {
      while (text.size() > dot + 1 && text.back() == '0') text.pop_back();
      if (text.back() == '.') text.pop_back();
    }
  } else if (v->is_string()) {
    text = v->get<std::string>();
  } else {
    add_error(std::string(key), fmt::format("expected an amount in euros, got {}", v->dump()));
    return std::nullopt;
  }
  auto parsed = parse_euros(text, field_path(key));
  if (!parsed) {
    errors_.push_back(parsed.error());
    return std::nullopt;
  }
  return *parsed;
}

std::optional<std::string> JsonObjectReader::text(std::string_view key, Presence presence) {
  const json* v = find(key);
  if (!v) {
    if (presence == Presence::Required) add_error(std::string(key), "is required (a string)");
    return std::nullopt;
  }
  if (!v->is_string()) {
    add_error(std::string(key), fmt::format("expected a string, got {}", v->dump()));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::string> JsonObjectReader::choice(std::string_view key,
                                                    std::span<const std::string_view> allowed,
                                                    Presence presence) {
  auto value = text(key, presence);
  if (!value) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
    std::vector<std::string> all(allowed.begin(), allowed.end());
    add_error(std::string(key), fmt::format("'{}' is not valid; expected {}", *value, or_list(all)));
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> JsonObjectReader::text_list(std::string_view key, Presence presence) {
  std::vector<std::string> out;
  const json* v = find(key);
  if (!v) {
    if (presence == Presence::Required) add_error(std::string(key), "is required (a list of strings)");
    return out;
  }
  if (!v->is_array()) {
    add_error(std::string(key), fmt::format("expected a list of strings, got {}", v->dump()));
    return out;
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    const json& item = (*v)[i];
    if (!item.is_string()) {
      add_error(fmt::format("{}[{}]", key, i), fmt::format("expected a string, got {}", item.dump()));
      continue;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<void> JsonObjectReader::finish() {
  if (value_.is_object()) {
    std::vector<std::string_view> known(known_.begin(), known_.end());
    for (auto it = value_.begin(); it != value_.end(); ++it) {
      if (std::find(known_.begin(), known_.end(), it.key()) != known_.end()) continue;
      auto near = nearest(it.key(), known, 3);
      std::string hint = near.empty() ? "" : fmt::format("; did you mean {}?", or_list(near));
      add_error(it.key(), fmt::format("unknown field{}", hint));
    }
  }
  if (errors_.empty()) return {};
  return tl::unexpected(combine(std::move(errors_)));
}

Result<json> parse_json(std::string_view text, std::string_view source) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // Turn the byte offset into a line number for the user.
    std::size_t line = 1;
    for (std::size_t i = 0; i < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') ++line;
    }
    std::string what = e.what();
    auto pos = what.find("parse error");
    return invalid(fmt::format("{}:{}", source, line),
                   fmt::format("invalid JSON ({})", pos == std::string::npos ? what : what.substr(pos)));
  }
}

}  // namespace vigil
