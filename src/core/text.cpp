#include "core/text.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include <fmt/format.h>

namespace vigil {

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

namespace {

// Edit distance (Damerau's optimal string alignment) where inserting,
// deleting or replacing a character costs `step` and swapping two adjacent
// ones costs `swap`.
std::size_t alignment_distance(std::string_view a, std::string_view b, std::size_t step, std::size_t swap) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i * step;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j * step;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : step;
      d[i][j] = std::min({d[i - 1][j] + step, d[i][j - 1] + step, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + swap);
      }
    }
  }
  return d[n][m];
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  return alignment_distance(to_lower(a), to_lower(b), 1, 1);
}

namespace {

// Edit distance in quarter steps: an adjacent swap (a typing slip such as
// A.8.42 for A.8.24) costs less than replacing a character.
std::size_t weighted_distance(const std::string& a, const std::string& b) { return alignment_distance(a, b, 4, 3); }

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out(1);
  for (char c : text) {
    if (c == '.' || c == '_' || c == '-' || c == ' ') {
      if (!out.back().empty()) out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

// Every word of the query starts a word of the candidate, in order:
// "cloud_provider" names digital_infrastructure.cloud_computing_service_provider.
bool words_match(const std::vector<std::string>& query, const std::vector<std::string>& candidate) {
  std::size_t at = 0;
  for (const std::string& w : query) {
    while (at < candidate.size() && candidate[at].rfind(w, 0) != 0) ++at;
    if (at == candidate.size()) return false;
    ++at;
  }
  return true;
}

// Lower is closer. Edits dominate; among equally distant candidates one of the
// query's own length and a longer shared prefix win.
std::size_t closeness(const std::string& q, const std::string& candidate) {
  std::size_t length_gap = q.size() > candidate.size() ? q.size() - candidate.size() : candidate.size() - q.size();
  std::size_t common = 0;
  while (common < q.size() && common < candidate.size() && q[common] == candidate[common]) ++common;
  std::size_t score = weighted_distance(q, candidate) * 3 + length_gap * 3;
  score = score > common ? score - common : 0;
  if (!q.empty() && candidate.find(q) != std::string::npos) score /= 2;
  return score;
}

}  // namespace

std::vector<std::string> nearest(std::string_view query, std::span<const std::string_view> candidates,
                                 std::size_t limit) {
  if (query.size() > kMaxSuggestionQuery) return {};
  std::string q = to_lower(query);
  struct Scored {
    std::size_t score;
    std::string_view id;
  };
  std::vector<Scored> scored;
  scored.reserve(candidates.size());
  const std::vector<std::string> query_words = words(q);
  for (std::string_view c : candidates) {
    std::string lc = to_lower(c);
    std::size_t score = closeness(q, lc);
    if (query_words.size() > 1 && words_match(query_words, words(lc))) score = std::min<std::size_t>(score, 10);
    scored.push_back({score, c});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& x, const Scored& y) { return x.score < y.score; });
  // Reasonably close: roughly within half the query's length in edits.
  const std::size_t cutoff = std::max<std::size_t>(q.size() * 6, 24);
  std::vector<std::string> out;
  for (const Scored& s : scored) {
    if (out.size() >= limit || s.score > cutoff) break;
    out.emplace_back(s.id);
  }
  return out;
}

namespace {

// The length of the UTF-8 sequence starting at text[i] and its code point, or
// 0 when it is not well formed.
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& code) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    code = b0;
    return 1;
  }
  std::size_t n;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2, code = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3, code = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4, code = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return n;
}

// The classes of character a typed value may not hold (docs/SECURITY.md,
// "Input rules"), each refused for its own reason.
enum class Hazard { None, Control, LineBreak, Bidi, UnicodeLineBreak, Invisible };

Hazard hazard_of(char32_t c) {
  if (c == '\n' || c == '\r' || c == '\t') return Hazard::LineBreak;
  // C0, DEL and C1: move the cursor, clear or recolour a terminal.
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) return Hazard::Control;
  // Embeddings, overrides, isolates and marks: reorder what a reader sees.
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C) {
    return Hazard::Bidi;
  }
  // Line and paragraph separators: break a line on a page but not in a
  // one-line field, a CSV row or a log line.
  if (c == 0x2028 || c == 0x2029) return Hazard::UnicodeLineBreak;
  // Zero-width and other invisible characters: make two different values look
  // the same, or a value look empty, or hide text (tag characters).
  if (c == 0x00AD || c == 0x180E || (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) ||
      (c >= 0x206A && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0x115F || c == 0x1160 ||
      c == 0x3164 || c == 0xFFA0 || (c >= 0xE0000 && c <= 0xE007F)) {
    return Hazard::Invisible;
  }
  return Hazard::None;
}

// Characters that would move, hide or reorder text on a terminal or a page.
bool unsafe_to_show(char32_t c) { return hazard_of(c) != Hazard::None; }

// The Unicode name of a refused character, for an error a user can act on.
std::string_view character_name(char32_t c) {
  switch (c) {
    case 0x00: return "NULL";
    case 0x07: return "BELL";
    case 0x08: return "BACKSPACE";
    case 0x09: return "CHARACTER TABULATION";
    case 0x0A: return "LINE FEED";
    case 0x0B: return "LINE TABULATION";
    case 0x0C: return "FORM FEED";
    case 0x0D: return "CARRIAGE RETURN";
    case 0x1B: return "ESCAPE";
    case 0x7F: return "DELETE";
    case 0x85: return "NEXT LINE";
    case 0x9B: return "CONTROL SEQUENCE INTRODUCER";
    case 0xAD: return "SOFT HYPHEN";
    case 0x061C: return "ARABIC LETTER MARK";
    case 0x115F: return "HANGUL CHOSEONG FILLER";
    case 0x1160: return "HANGUL JUNGSEONG FILLER";
    case 0x180E: return "MONGOLIAN VOWEL SEPARATOR";
    case 0x200B: return "ZERO WIDTH SPACE";
    case 0x200C: return "ZERO WIDTH NON-JOINER";
    case 0x200D: return "ZERO WIDTH JOINER";
    case 0x200E: return "LEFT-TO-RIGHT MARK";
    case 0x200F: return "RIGHT-TO-LEFT MARK";
    case 0x2028: return "LINE SEPARATOR";
    case 0x2029: return "PARAGRAPH SEPARATOR";
    case 0x202A: return "LEFT-TO-RIGHT EMBEDDING";
    case 0x202B: return "RIGHT-TO-LEFT EMBEDDING";
    case 0x202C: return "POP DIRECTIONAL FORMATTING";
    case 0x202D: return "LEFT-TO-RIGHT OVERRIDE";
    case 0x202E: return "RIGHT-TO-LEFT OVERRIDE";
    case 0x2060: return "WORD JOINER";
    case 0x2061: return "FUNCTION APPLICATION";
    case 0x2062: return "INVISIBLE TIMES";
    case 0x2063: return "INVISIBLE SEPARATOR";
    case 0x2064: return "INVISIBLE PLUS";
    case 0x2066: return "LEFT-TO-RIGHT ISOLATE";
    case 0x2067: return "RIGHT-TO-LEFT ISOLATE";
    case 0x2068: return "FIRST STRONG ISOLATE";
    case 0x2069: return "POP DIRECTIONAL ISOLATE";
    case 0x3164: return "HANGUL FILLER";
    case 0xFEFF: return "ZERO WIDTH NO-BREAK SPACE";
    case 0xFFA0: return "HALFWIDTH HANGUL FILLER";
    default: break;
  }
  if (c >= 0xE0000 && c <= 0xE007F) return "TAG CHARACTER";
  if (c < 0x20 || (c >= 0x80 && c < 0xA0)) return "CONTROL CHARACTER";
  return "FORMAT CHARACTER";
}

}  // namespace

std::size_t utf8_prefix_length(std::string_view text) {
  std::size_t i = 0;
  char32_t code;
  while (i < text.size()) {
    std::size_t n = utf8_sequence(text, i, code);
    if (n == 0) return i;
    i += n;
  }
  return i;
}

bool is_utf8(std::string_view text) { return utf8_prefix_length(text) == text.size(); }

// UTF-16 (what Excel's "Unicode Text" writes): a byte-order mark, or text
// whose every other byte of the first line is NUL.
std::optional<std::string_view> utf16_kind(std::string_view text) {
  if (text.size() >= 2 && static_cast<unsigned char>(text[0]) == 0xFF && static_cast<unsigned char>(text[1]) == 0xFE) {
    return "UTF-16 little-endian (it starts with the byte-order mark FF FE)";
  }
  if (text.size() >= 2 && static_cast<unsigned char>(text[0]) == 0xFE && static_cast<unsigned char>(text[1]) == 0xFF) {
    return "UTF-16 big-endian (it starts with the byte-order mark FE FF)";
  }
  const std::size_t n = std::min<std::size_t>(text.size(), 64) & ~std::size_t{1};
  if (n < 4) return std::nullopt;
  std::size_t even = 0, odd = 0;
  for (std::size_t i = 0; i < n; ++i) (i % 2 ? odd : even) += text[i] == '\0';
  if (odd * 2 >= n / 2 && even == 0) return "UTF-16 little-endian (every other byte is NUL)";
  if (even * 2 >= n / 2 && odd == 0) return "UTF-16 big-endian (every other byte is NUL)";
  return std::nullopt;
}

Result<void> require_utf8(std::string_view text, std::string_view source, EncodingAdvice advice) {
  const bool convertible = advice == EncodingAdvice::SaveOrConvert;
  if (auto kind = utf16_kind(text)) {
    return invalid(fmt::format("{}:1", source),
                   fmt::format("not UTF-8: the file is in {}; save it as UTF-8 ({}); Vigil does not convert UTF-16",
                               *kind, convertible ? "in Excel: \"CSV UTF-8\"" : "PowerShell: Out-File -Encoding utf8"));
  }
  const std::size_t bad = utf8_prefix_length(text);
  if (bad == text.size()) return {};
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < bad; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  const auto byte = static_cast<unsigned char>(text[bad]);
  return invalid(fmt::format("{}:{}", source, line),
                 fmt::format("not UTF-8: byte 0x{:02X} at column {}; the file is likely in Windows-1252 or "
                             "ISO 8859-1: save it as UTF-8{}",
                             byte, bad - line_start + 1,
                             convertible ? ", or give its encoding (windows-1252) to convert it" : ""));
}

Result<Encoding> parse_encoding(std::string_view text, std::string_view where) {
  std::string v = to_lower(trim(text));
  if (v == "utf-8" || v == "utf8") return Encoding::Utf8;
  if (v == "windows-1252" || v == "cp1252" || v == "cp-1252") return Encoding::Windows1252;
  if (v == "iso-8859-1" || v == "iso8859-1" || v == "latin1" || v == "latin-1") return Encoding::Iso8859_1;
  return invalid(
      std::string(where),
      fmt::format("'{}' is not an encoding Vigil reads: use utf-8, windows-1252 or iso-8859-1", excerpt(text)));
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

namespace {
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

std::vector<std::string> wrapped_lines(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    if (!line.empty() && code_points(line) + 1 + code_points(word) > width) lines.push_back(std::move(line));
    if (!line.empty()) line += ' ';
    line += word;
    pos = end + 1;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string excerpt(std::string_view value, std::size_t max_chars) {
  std::string out;
  std::size_t i = 0, shown = 0;
  while (i < value.size() && shown < max_chars) {
    char32_t code;
    std::size_t n = utf8_sequence(value, i, code);
    if (n == 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(value[i]));
      n = 1;
    } else if (unsafe_to_show(code)) {
      out += code < 0x100 ? fmt::format("\\x{:02X}", static_cast<unsigned>(code))
                          : fmt::format("\\u{{{:04X}}}", static_cast<unsigned>(code));
    } else {
      out.append(value.substr(i, n));
    }
    i += n;
    ++shown;
  }
  if (i < value.size()) out += fmt::format("… ({} bytes)", value.size());
  return out;
}

void append_escaped(std::string& out, std::string_view text, std::span<const CharEscape> escapes,
                    std::string_view control) {
  for (char c : text) {
    auto it = std::find_if(escapes.begin(), escapes.end(), [c](const CharEscape& e) { return e.c == c; });
    const auto u = static_cast<unsigned char>(c);
    if (it != escapes.end()) out += it->as;
    else if (!control.empty() && (u < 0x20 || u == 0x7f)) out += fmt::format(fmt::runtime(control), u);
    else out += c;
  }
}

std::string escape_chars(std::string_view text, std::span<const CharEscape> escapes, std::string_view control) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text, escapes, control);
  return out;
}

std::vector<std::string> split_items(std::string_view text, char separator) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto pos = text.find(separator);
    std::string_view part = trim(text.substr(0, pos));
    if (!part.empty()) out.emplace_back(part);
    if (pos == std::string_view::npos) break;
    text.remove_prefix(pos + 1);
  }
  return out;
}

std::string markdown_text(std::string_view text) {
  static constexpr CharEscape kMarkdown[] = {{'<', "&lt;"}, {'>', "&gt;"}, {'&', "&amp;"}, {'|', "\\|"}, {'\\', "\\\\"},
                                             {'[', "\\["},  {']', "\\]"},  {'\n', "<br>"}, {'\r', ""}};
  return escape_chars(text, kMarkdown);
}

namespace {

// Where the run of printable ASCII (0x20 to 0x7E), or of the bytes in `also`,
// that starts at `from` ends.
std::size_t printable_ascii_end(std::string_view text, std::size_t from, std::string_view also) {
  while (from < text.size() &&
         ((text[from] >= 0x20 && text[from] < 0x7F) || also.find(text[from]) != std::string_view::npos)) {
    ++from;
  }
  return from;
}

}  // namespace

std::string terminal_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    // Printable ASCII, a line feed and a tab are shown as they are: a run of
    // them is copied at once (a table's cells are mostly such runs).
    const std::size_t run = printable_ascii_end(text, i, "\n\t");
    if (run > i) {
      out.append(text.substr(i, run - i));
      i = run;
      continue;
    }
    char32_t code;
    std::size_t n = utf8_sequence(text, i, code);
    if (n == 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(text[i]));
      n = 1;
    } else if (code != '\n' && code != '\t' && unsafe_to_show(code)) {
      out += code < 0x100 ? fmt::format("\\x{:02X}", static_cast<unsigned>(code))
                          : fmt::format("\\u{{{:04X}}}", static_cast<unsigned>(code));
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::optional<std::string> unsafe_text(std::string_view value, bool multiline) {
  std::size_t i = 0;
  std::size_t position = 1;
  while (i < value.size()) {
    // Printable ASCII is safe and one character a byte: a run of it is passed
    // over without decoding (most fields are nothing else).
    const std::size_t run = printable_ascii_end(value, i, "");
    position += run - i;
    i = run;
    if (i == value.size()) break;
    char32_t code;
    std::size_t n = utf8_sequence(value, i, code);
    if (n == 0) return fmt::format("is not UTF-8 (byte {} is 0x{:02X})", i + 1, static_cast<unsigned char>(value[i]));
    const Hazard hazard = hazard_of(code);
    // Multi-line text keeps newlines, tabs and a carriage return that ends a
    // line (CRLF); nothing else invisible.
    const bool allowed =
        hazard == Hazard::None ||
        (multiline && (code == '\n' || code == '\t' || (code == '\r' && i + 1 < value.size() && value[i + 1] == '\n')));
    if (!allowed) {
      std::string_view why;
      switch (hazard) {
        case Hazard::LineBreak: why = "a one-line value takes no line breaks or tabs"; break;
        case Hazard::Control: why = "a control character could move the cursor or recolour what a reader sees"; break;
        case Hazard::Bidi: why = "a bidi control could reorder what a reader sees"; break;
        case Hazard::UnicodeLineBreak:
          why = multiline ? "a Unicode line break is not a newline everywhere: use a newline"
                          : "a one-line value takes no line breaks";
          break;
        case Hazard::Invisible: why = "an invisible character could hide text or make two values look the same"; break;
        case Hazard::None: break;
      }
      if (code == '\r') why = "a carriage return may only end a line (CRLF)";
      return fmt::format("holds U+{:04X} {} at character {}: {}", static_cast<unsigned>(code), character_name(code),
                         position, why);
    }
    i += n;
    ++position;
  }
  return std::nullopt;
}

bool is_blank(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t code;
    std::size_t n = utf8_sequence(text, i, code);
    if (n == 0) return false;
    const bool space = code == ' ' || code == 0xA0 || code == 0x1680 || (code >= 0x2000 && code <= 0x200A) ||
                       code == 0x202F || code == 0x205F || code == 0x3000;
    if (!space && hazard_of(code) == Hazard::None) return false;
    i += n;
  }
  return true;
}

Result<void> require_safe_text(std::string_view value, std::string_view field, bool multiline) {
  if (auto problem = unsafe_text(value, multiline)) return invalid(std::string(field), *problem);
  return {};
}

std::string message_text(std::string_view text, std::size_t max_bytes) {
  std::string out = terminal_text(text);
  if (out.size() <= max_bytes) return out;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  std::string whole = std::to_string(out.size());
  out.resize(cut);
  return out + "… (" + whole + " bytes)";
}

std::string or_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " or " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace vigil
