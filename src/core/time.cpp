#include "core/time.h"

#include <charconv>

#include <fmt/format.h>

#include "core/text.h"

namespace vigil {
namespace {

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

bool expect(std::string_view text, std::size_t pos, char c) { return pos < text.size() && text[pos] == c; }

}  // namespace

Result<Date> parse_date(std::string_view text, std::string_view where) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || !read_digits(text, 0, 4, y) || !expect(text, 4, '-') || !read_digits(text, 5, 2, m) ||
      !expect(text, 7, '-') || !read_digits(text, 8, 2, d)) {
    return invalid(std::string(where), fmt::format("'{}' is not a date: expected YYYY-MM-DD, e.g. 2025-01-17", text));
  }
  Date date{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
  if (!date.ok()) {
    return invalid(std::string(where), fmt::format("'{}' is not a calendar date", text));
  }
  return date;
}

Result<Instant> parse_rfc3339(std::string_view text, std::string_view where) {
  auto bad = [&](std::string_view why) {
    return invalid(std::string(where), fmt::format("'{}' is not an RFC 3339 timestamp ({}); expected e.g. "
                                                   "2025-03-30T01:30:00+01:00 or 2025-03-30T00:30:00Z",
                                                   excerpt(text), why));
  };
  if (text.size() < 19) return bad("too short");
  auto day = parse_date(text.substr(0, 10), where);
  if (!day) return bad("the date part is invalid");
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return bad("missing 'T'");
  int hh = 0, mm = 0, ss = 0;
  if (!read_digits(text, 11, 2, hh) || !expect(text, 13, ':') || !read_digits(text, 14, 2, mm) ||
      !expect(text, 16, ':') || !read_digits(text, 17, 2, ss)) {
    return bad("the time part must be HH:MM:SS");
  }
  if (hh > 23 || mm > 59 || ss > 59) return bad("time out of range");
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (text[pos] != '0') return bad("fractions of a second are not kept; round to the second");
      ++pos;
    }
    if (pos == start) return bad("empty fraction");
  }
  if (pos >= text.size()) return bad("missing offset: add Z or +HH:MM");
  int offset_minutes = 0;
  char sign = text[pos];
  if (sign == 'Z' || sign == 'z') {
    ++pos;
  } else if (sign == '+' || sign == '-') {
    int oh = 0, om = 0;
    if (!read_digits(text, pos + 1, 2, oh) || !expect(text, pos + 3, ':') || !read_digits(text, pos + 4, 2, om) ||
        oh > 23 || om > 59) {
      return bad("the offset must be +HH:MM or -HH:MM");
    }
    offset_minutes = (oh * 60 + om) * (sign == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad("missing offset: add Z or +HH:MM");
  }
  if (pos != text.size()) return bad("unexpected characters after the offset");
  auto local = date::sys_days(*day) + std::chrono::hours(hh) + std::chrono::minutes(mm) + std::chrono::seconds(ss);
  Instant instant(local - std::chrono::minutes(offset_minutes));
  // Every instant Vigil keeps can be written back in RFC 3339 (years 0000 to
  // 9999 in UTC): an offset must not carry it outside.
  static const Instant first{date::sys_days(date::year{0} / 1 / 1)};
  static const Instant last{date::sys_days(date::year{9999} / 12 / 31) + std::chrono::seconds(86399)};
  if (instant < first || instant > last) return bad("in UTC it falls outside the years 0000 to 9999");
  return instant;
}

std::string format_utc(Instant instant) {
  // Calendar arithmetic and fmt rather than date::format, which builds an
  // iostream and its locale per call (14 % of a dashboard request's CPU).
  auto day = date::floor<date::days>(instant);
  date::year_month_day ymd{day};
  int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return date::format("%Y-%m-%dT%H:%M:%SZ", instant);
  date::hh_mm_ss<std::chrono::seconds> time{instant - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year, static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), time.hours().count(), time.minutes().count(),
                     time.seconds().count());
}

std::string format_date(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

Date utc_date(Instant instant) { return Date{date::floor<date::days>(instant)}; }

}  // namespace vigil
