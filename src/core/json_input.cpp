#include "core/json_input.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/text.h"

namespace vigil {

using nlohmann::json;

std::string describe_value(const json& value) {
  switch (value.type()) {
    case json::value_t::object: return fmt::format("an object with {} fields", value.size());
    case json::value_t::array: return fmt::format("a list of {} items", value.size());
    case json::value_t::string: return fmt::format("\"{}\"", excerpt(value.get_ref<const std::string&>()));
    case json::value_t::null: return "null";
    default: return excerpt(value.dump(), 40);  // a number or a boolean: short by nature
  }
}

JsonObjectReader::JsonObjectReader(const json& value, std::string where) : value_(value), where_(std::move(where)) {
  if (!value_.is_object()) {
    errors_.add(
        Error{ErrorCode::InvalidInput, where_, fmt::format("expected a JSON object, got {}", value_.type_name()), {}});
  }
}

std::string JsonObjectReader::field_path(std::string_view key) const {
  return where_.empty() ? std::string(key) : fmt::format("{}: {}", where_, key);
}

void JsonObjectReader::add_error(std::string field, std::string message) {
  errors_.add(Error{ErrorCode::InvalidInput, field_path(field), std::move(message), {}});
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
    add_error(std::string(key), fmt::format("expected true or false, got {}", describe_value(*v)));
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
  add_error(std::string(key), fmt::format("expected a whole number, 0 or more, got {}", describe_value(*v)));
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
      // Quoted as written (1e+308), not as its 309 digits.
      if (!(std::fabs(d) < 1e17)) {
        add_error(std::string(key), fmt::format("'{}' is not an amount in euros (too large); expected e.g. 43000000 "
                                                "or 1250.50",
                                                excerpt(v->dump())));
        return std::nullopt;
      }
      text = fmt::format("{:.2f}", d);
      if (std::fabs(d * 100 - std::round(d * 100)) > 1e-6) {
        add_error(std::string(key), fmt::format("{} has more than two decimals", describe_value(*v)));
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
    add_error(std::string(key), fmt::format("expected an amount in euros, got {}", describe_value(*v)));
    return std::nullopt;
  }
  auto parsed = parse_euros(text, field_path(key));
  if (!parsed) {
    errors_.add(parsed.error());
    return std::nullopt;
  }
  return *parsed;
}

std::optional<std::string> JsonObjectReader::secret_or_text(std::string_view key, Presence presence,
                                                            std::size_t max_bytes) {
  const json* v = find(key);
  if (!v) {
    if (presence == Presence::Required) add_error(std::string(key), "is required (a string)");
    return std::nullopt;
  }
  if (!v->is_string()) {
    add_error(std::string(key), fmt::format("expected a string, got {}", describe_value(*v)));
    return std::nullopt;
  }
  const auto& value = v->get_ref<const std::string&>();
  if (value.size() > max_bytes) {
    add_error(std::string(key), fmt::format("is {} bytes long; at most {} are accepted", value.size(), max_bytes));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> JsonObjectReader::text(std::string_view key, Presence presence, std::size_t max_bytes) {
  auto value = secret_or_text(key, presence, max_bytes);
  if (!value) return value;
  if (auto problem = unsafe_text(*value, true)) {
    add_error(std::string(key), *problem);
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> JsonObjectReader::secret(std::string_view key, std::size_t max_bytes) {
  return secret_or_text(key, Presence::Required, max_bytes);
}

std::optional<std::string> JsonObjectReader::choice(std::string_view key, std::span<const std::string_view> allowed,
                                                    Presence presence) {
  auto value = text(key, presence, kMaxIdBytes);
  if (!value) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
    std::vector<std::string> all(allowed.begin(), allowed.end());
    add_error(std::string(key), fmt::format("'{}' is not valid; expected {}", excerpt(*value), or_list(all)));
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
    add_error(std::string(key), fmt::format("expected a list of strings, got {}", describe_value(*v)));
    return out;
  }
  if (v->size() > kMaxListItems) {
    add_error(std::string(key), fmt::format("has {} items; at most {} are accepted", v->size(), kMaxListItems));
    return out;
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    const json& item = (*v)[i];
    if (item.is_string() && item.get_ref<const std::string&>().size() > kMaxTextBytes) {
      add_error(fmt::format("{}[{}]", key, i), fmt::format("is longer than {} bytes", kMaxTextBytes));
      continue;
    }
    if (!item.is_string()) {
      add_error(fmt::format("{}[{}]", key, i), fmt::format("expected a string, got {}", describe_value(item)));
      continue;
    }
    if (auto problem = unsafe_text(item.get_ref<const std::string&>(), true)) {
      add_error(fmt::format("{}[{}]", key, i), *problem);
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
      add_error(excerpt(it.key()), fmt::format("unknown field{}", hint));
    }
  }
  if (errors_.empty()) return {};
  return tl::unexpected(errors_.result().error());
}

namespace {

// Builds the document like nlohmann's own DOM parser, and refuses what the
// plain parser lets through: a key given twice in one object (the second
// would silently win), nesting deeper than kMaxJsonDepth (each level costs
// stack in every recursive consumer), and numbers out of range.
class StrictSax {
 public:
  StrictSax(json& result, std::string_view text) : dom_(result, false), text_(text) {}

  bool null() { return element(), dom_.null(); }
  bool boolean(bool v) { return element(), dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return element(), dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return element(), dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) { return element(), dom_.number_float(v, s); }
  bool string(json::string_t& v) { return element(), dom_.string(v); }
  bool binary(json::binary_t& v) { return element(), dom_.binary(v); }
  bool start_object(std::size_t n) {
    element();
    if (!deeper()) return false;
    open_.push_back(Level{true, {}, {}});
    return dom_.start_object(n);
  }
  bool key(json::string_t& k) {
    Level& level = open_.back();
    if (!level.keys.insert(k).second) {
      error_ = Error{ErrorCode::InvalidInput,
                     "",
                     fmt::format("the key '{}' appears twice in one object{}; keep one", excerpt(k), path_suffix(k)),
                     {}};
      duplicate_ = k;
      return false;
    }
    level.current = k;
    return dom_.key(k);
  }
  bool end_object() {
    open_.pop_back();
    return dom_.end_object();
  }
  bool start_array(std::size_t n) {
    element();
    if (!deeper()) return false;
    open_.push_back(Level{false, {}, {}});
    return dom_.start_array(n);
  }
  bool end_array() {
    open_.pop_back();
    return dom_.end_array();
  }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string&, const Exception& e) {
    std::string what = e.what();
    auto pos = what.find("parse error");
    if (pos == std::string::npos) pos = what.find("number overflow");
    error_ = Error{ErrorCode::InvalidInput,
                   "",
                   fmt::format("invalid JSON ({})", excerpt(pos == std::string::npos ? what : what.substr(pos), 200)),
                   {}};
    error_offset_ = position;
    return false;
  }

  // The error and the byte offset it was found at (for the line number).
  const Error& error() const { return error_; }
  std::size_t error_offset() const {
    if (error_offset_) return *error_offset_;
    if (duplicate_) {
      // The second occurrence of the key as written, if it is written plainly.
      std::string quoted = "\"" + *duplicate_ + "\"";
      auto first = text_.find(quoted);
      auto second = first == std::string_view::npos ? first : text_.find(quoted, first + 1);
      if (second != std::string_view::npos) return second;
    }
    return 0;
  }

 private:
  struct Level {
    bool object;
    std::unordered_set<std::string> keys;  // hashed: an object with 100 000 keys stays linear
    std::string current;
    std::size_t elements = 0;  // in an array: how many have begun (the current one is elements - 1)
  };
  // A value begins: inside an array, it is the next element.
  void element() {
    if (!open_.empty() && !open_.back().object) ++open_.back().elements;
  }
  bool deeper() {
    if (open_.size() < kMaxJsonDepth) return true;
    error_ = Error{ErrorCode::InvalidInput, "", fmt::format("nested deeper than {} levels", kMaxJsonDepth), {}};
    return false;
  }
  // " (in rows[2].meta)": where the object is, for a key found twice
  // (array positions from 0).
  std::string path_suffix(const std::string&) const {
    std::string path;
    for (std::size_t i = 0; i + 1 < open_.size(); ++i) {
      if (open_[i].object) {
        path += (path.empty() ? "" : ".") + excerpt(open_[i].current);
      } else {
        path += fmt::format("[{}]", open_[i].elements - 1);
      }
    }
    return path.empty() ? "" : " (in " + path + ")";
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::string_view text_;
  std::vector<Level> open_;
  Error error_;
  std::optional<std::size_t> error_offset_;
  std::optional<std::string> duplicate_;
};

}  // namespace

Result<json> parse_json(std::string_view text, std::string_view source) {
  // RFC 8259 §8.1: JSON exchanged between systems is UTF-8. Said with the
  // line and byte (or UTF-16) before the parser would name an offset.
  TRY(require_utf8(text, source, EncodingAdvice::SaveAsUtf8));
  json result;
  StrictSax sax(result, text);
  bool ok = false;
  try {
    ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true);
  } catch (const json::exception& e) {
    return invalid(std::string(source), fmt::format("invalid JSON ({})", excerpt(e.what(), 200)));
  }
  if (ok) return result;
  // Turn the byte offset into a line number for the user.
  std::size_t line = 1;
  std::size_t offset = sax.error_offset();
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  Error error = sax.error();
  error.where = fmt::format("{}:{}", source, line);
  return tl::unexpected(std::move(error));
}

}  // namespace vigil
