// A hand-written pretty printer for exactly one shape, ScopeResult: keys are
// written in the sorted order nlohmann::json (std::map) would print them.
#include "scope/result_json_writer.h"

#include <array>
#include <charconv>

#include "core/money.h"
#include "core/text.h"

namespace vigil::scope {

namespace {

// The length of the valid UTF-8 sequence starting at text[i], or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b >= 0xC2 && b <= 0xDF) n = 2;
  else if (b >= 0xE0 && b <= 0xEF) n = 3, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
  else if (b >= 0xF0 && b <= 0xF4) n = 4, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
  else return 0;
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

// Writes the nested structure: the Writer knows the current depth and whether
// a comma is due before the next member.
class Writer {
 public:
  Writer(std::string& out, int depth) : out_(out), depth_(depth) {}

  void open(char bracket) {
    out_ += bracket;
    ++depth_;
    first_ = true;
  }
  void close(char bracket) {
    --depth_;
    if (!first_) {  // not empty: "{}" and "[]" stay on one line
      out_ += '\n';
      indent();
    }
    out_ += bracket;
    first_ = false;
  }
  // Starts the next element of an array or the next member (with its key) of
  // an object.
  void next() {
    out_ += first_ ? "\n" : ",\n";
    indent();
    first_ = false;
  }
  // Starts a member; its value follows: w.key("id").string(id).
  Writer& key(std::string_view k) {
    next();
    out_ += '"';
    out_ += k;  // keys are fixed ASCII names, nothing to escape
    out_ += "\": ";
    return *this;
  }

  void string(std::string_view s) { append_json_string(out_, s); }
  void string_or_null(std::string_view s) { s.empty() ? null() : string(s); }
  void null() { out_ += "null"; }
  void boolean(bool b) { out_ += b ? "true" : "false"; }
  void number(std::int64_t n) {
    char buffer[24];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
    out_.append(buffer, end);
  }

  template <typename Range, typename Each>
  void array(const Range& items, Each each) {
    open('[');
    for (const auto& item : items) {
      next();
      each(item);
    }
    close(']');
  }
  void strings(const std::vector<std::string_view>& items) {
    array(items, [&](std::string_view s) { string(s); });
  }

 private:
  void indent() { out_.append(static_cast<std::size_t>(depth_) * 2, ' '); }

  std::string& out_;
  int depth_;
  bool first_ = true;
};

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  // Most text needs no escaping: copy each run of plain ASCII in one append.
  static constexpr auto kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return plain;
  }();
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = i;
    while (run < text.size() && kPlain[static_cast<unsigned char>(text[run])]) ++run;
    out.append(text, i, run - i);
    if (run == text.size()) break;
    i = run;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if (std::size_t n = utf8_length(text, i)) {
        out.append(text, i, n);
        i += n;
      } else {
        out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        ++i;
      }
      continue;
    }
    static constexpr CharEscape kJson[] = {{'"', "\\\""}, {'\\', "\\\\"}, {'\b', "\\b"}, {'\f', "\\f"},
                                           {'\n', "\\n"}, {'\r', "\\r"},  {'\t', "\\t"}};
    append_escaped(out, text.substr(i, 1), kJson, "\\u{:04x}");
    ++i;
  }
  out += '"';
}

// The keys of each object below are in the byte order of their names, as
// nlohmann::json prints them; tests/scope/result_json_test.cpp compares the
// two on every example.
void append_json(std::string& out, const ScopeResult& r, int depth, std::optional<std::size_t> line) {
  Writer w(out, depth);
  w.open('{');
  w.key("activities").array(r.activities, [&](const ActivityResult& a) {
    w.open('{');
    w.key("annex");
    a.type ? w.string(a.type->annex) : w.null();
    w.key("classification").string(to_string(a.classification));
    w.key("description");
    a.type ? w.string(a.type->entity_type) : w.null();
    w.key("entity_type");
    a.type ? w.string(a.type->id) : w.null();
    w.key("ground").string_or_null(a.ground);
    w.key("legal_basis").strings(a.legal_basis);
    w.key("reasons").strings(a.reasons);
    w.close('}');
  });
  w.key("assumed_no").strings(r.assumed_no);
  w.key("classification").string(to_string(r.classification));
  w.key("duties").array(r.duties, [&](const Duty* d) {
    w.open('{');
    w.key("changes").string_or_null(d->changes);
    w.key("due").string_or_null(d->due);
    w.key("id").string(d->id);
    w.key("reference").string(d->reference);
    w.key("text").string(d->text);
    w.close('}');
  });
  w.key("implementing_regulation_2024_2690").boolean(r.implementing_regulation_2024_2690);
  w.key("jurisdiction").array(r.jurisdiction, [&](const JurisdictionRule& j) {
    w.open('{');
    w.key("entity_types").array(j.entity_types, [&](const catalog::EntityType* t) { w.string(t->id); });
    w.key("member_state").string_or_null(j.member_state);
    w.key("member_state_basis").string_or_null(j.member_state_basis);
    w.key("reference").string(j.reference);
    w.key("rule").string(j.rule);
    w.key("text").string(j.text);
    w.close('}');
  });
  w.key("legal_basis").strings(r.legal_basis);
  if (line) {
    w.key("line").number(static_cast<std::int64_t>(*line));
  }
  w.key("max_fine_basis").string_or_null(r.max_fine_basis);
  w.key("max_fine_floor_cents");
  r.max_fine_floor ? w.number(r.max_fine_floor->value) : w.null();
  w.key("max_fine_floor_eur");
  r.max_fine_floor ? w.string(format_euros_plain(*r.max_fine_floor)) : w.null();
  if (!r.name.empty()) {
    w.key("name").string(r.name);
  }
  w.key("notes").array(r.notes, [&](const Note* n) {
    w.open('{');
    w.key("reference").string(n->reference);
    w.key("text").string(n->text);
    w.close('}');
  });
  w.key("size");
  if (r.size) {
    w.open('{');
    w.key("annual_turnover_cents").number(r.size->annual_turnover.value);
    w.key("balance_sheet_total_cents").number(r.size->balance_sheet_total.value);
    w.key("employees").string(to_string(r.size->employees));
    w.key("includes_linked_or_partner_enterprises").boolean(r.size->partners_or_linked);
    w.key("legal_basis").string("Rec. 2003/361/EC Annex Art. 2");
    w.close('}');
  } else {
    w.null();
  }
  w.key("size_category");
  r.size ? w.string(to_string(r.size->category)) : w.null();
  w.key("supervision").string_or_null(to_string(r.supervision));
  w.key("supervision_basis");
  r.supervision == Supervision::ExAnteAndExPost ? w.string("Art. 32")
  : r.supervision == Supervision::ExPost        ? w.string("Art. 33")
                                                : w.null();
  w.close('}');
}

}  // namespace vigil::scope
