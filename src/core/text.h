// Small text helpers shared by every input parser: suggesting the nearest
// valid ids when a user mistypes one ("did you mean A.8.24?"), checking that
// text is UTF-8, and quoting a user's value in an error without echoing all
// of it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace vigil {

// Edit distance (insertions, deletions, substitutions, adjacent swaps),
// case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Suggestions are for typing slips: a query longer than this gets none, so a
// hostile 400 KB value costs no more than a short one.
inline constexpr std::size_t kMaxSuggestionQuery = 64;

// Up to `limit` candidates closest to `query`, best first; candidates that share
// a prefix with the query or contain it rank ahead of far-off ones. Returns
// nothing when nothing is reasonably close, or when the query is longer than
// kMaxSuggestionQuery bytes (bounded time and memory whatever the input).
std::vector<std::string> nearest(std::string_view query, std::span<const std::string_view> candidates,
                                 std::size_t limit = 3);

// "A.8.24, A.8.25 or A.8.26" (for error messages); "" when empty.
std::string or_list(const std::vector<std::string>& items);

std::string to_lower(std::string_view text);
// Whether two texts are equal when ASCII case is ignored ("ISO27001" and "iso27001").
bool equal_ignoring_case(std::string_view a, std::string_view b);

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool is_utf8(std::string_view text);
// The byte offset of the first byte that is not well-formed UTF-8, or
// text.size() when all of it is.
std::size_t utf8_prefix_length(std::string_view text);

// Refuses text that is not UTF-8, naming `source`, the line and the byte, and
// the likely encoding (a lone byte from 0x80 up is usually Windows-1252 or
// ISO 8859-1: "save it as UTF-8"). Readers call it before anything else, so
// no such byte reaches a report (where JSON output would have to refuse it).
// The advice offers conversion (every command that reads files takes
// --encoding) unless told not to: JSON is UTF-8 by definition (RFC 8259), and
// an API body cannot be converted.
enum class EncodingAdvice { SaveOrConvert, SaveAsUtf8 };
Result<void> require_utf8(std::string_view text, std::string_view source,
                          EncodingAdvice advice = EncodingAdvice::SaveOrConvert);

// The encodings an input file may be declared in; anything else must be
// saved as UTF-8 first.
enum class Encoding { Utf8, Windows1252, Iso8859_1 };
// "utf-8", "windows-1252" (also cp1252), "iso-8859-1" (also latin1), any case.
Result<Encoding> parse_encoding(std::string_view text, std::string_view where);
// (The conversion itself happens where files are read: cli/output.h.)

// A user's value as an error message may quote it: at most `max_chars`
// characters, control characters, bidi overrides and bytes that are not UTF-8
// written as \xNN / \u{NNNN}, and "… (N bytes)" when cut. Never longer than
// about 4 × max_chars + 24 bytes, whatever the input.
std::string excerpt(std::string_view value, std::size_t max_chars = 80);

// The items of a list written in one cell ("A.5.1; A.5.2"): split at
// `separator`, each trimmed, empty ones dropped.
std::vector<std::string> split_items(std::string_view text, char separator = ';');

// The items with `separator` between each two ("a, b, c"); "" for none.
std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ");

// `text` broken at its spaces into lines of at most `width` characters (code
// points; a longer word has a line of its own), for a terminal. "" has none.
std::vector<std::string> wrapped_lines(std::string_view text, std::size_t width);

// A message or location shown to a user (an error on a terminal, a problem
// document): terminal_text, cut to at most `max_bytes` bytes on a character
// boundary with "… (N bytes)", so no handler can echo a hostile value whole.
std::string message_text(std::string_view text, std::size_t max_bytes = 2000);

// One character and the text it is written as in some escaped form.
struct CharEscape {
  char c;
  std::string_view as;
};
// Appends `text` with each character that `escapes` lists written as its
// text and, when `control` is given (a fmt pattern such as "\\u{:04X}"),
// every other control character (below 0x20, and DEL) written with that
// pattern. The one loop behind HTML, Markdown, JSON, TOML and C++ escaping.
void append_escaped(std::string& out, std::string_view text, std::span<const CharEscape> escapes,
                    std::string_view control = {});
std::string escape_chars(std::string_view text, std::span<const CharEscape> escapes, std::string_view control = {});

// Text for a Markdown table cell or paragraph: HTML's '<', '>' and '&' as
// entities (a title can never become markup where the Markdown is rendered),
// '|', '[', ']' and '\' escaped with a backslash (so "[x](javascript:…)"
// never becomes a link, nor an image), a newline as <br>.
std::string markdown_text(std::string_view text);

// Text for a terminal: control characters other than newline and tab,
// C1 controls and bidi overrides written as \xNN or \u{NNNN}, so printed
// input can never move the cursor, recolour or reorder what follows.
std::string terminal_text(std::string_view text);

// The one rule set for text a user types in (docs/SECURITY.md, "Input
// rules"). Whether a value may be stored: it must be UTF-8 and hold none of
//   - a control character (C0, DEL, C1): it could move the cursor, clear or
//     recolour a terminal;
//   - a bidi override, embedding, isolate or mark (U+202A-202E, U+2066-2069,
//     U+200E, U+200F, U+061C): it could reorder what a reader sees;
//   - a Unicode line or paragraph separator (U+2028, U+2029): it breaks a
//     line on a page but not in a field, a CSV row or a log line;
//   - an invisible character (U+00AD, U+180E, U+200B-200D, U+2060-2064,
//     U+206A-206F, U+FEFF, U+FFF9-FFFB, Hangul fillers, tag characters
//     U+E0000-E007F): it could hide text or make two values look the same.
// One-line text (titles, names, file names, ids) takes no newline or tab
// either; `multiline` text (descriptions, notes, rationales) may hold
// newlines, tabs and CRLF line ends. Returns what is wrong ("holds U+202E
// RIGHT-TO-LEFT OVERRIDE at character 3: a bidi control could reorder what a
// reader sees"), or nothing when the value is acceptable.
std::optional<std::string> unsafe_text(std::string_view value, bool multiline);

// Whether `text` shows nothing: only spaces, line breaks and the invisible
// characters above (a title of only U+200B is as empty as "   ").
bool is_blank(std::string_view text);

// unsafe_text as an InvalidInput error on `field`.
Result<void> require_safe_text(std::string_view value, std::string_view field, bool multiline = false);
std::string_view trim(std::string_view text);

}  // namespace vigil
