#include "assess/soa.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "core/text.h"

namespace vigil::assess {
namespace {

enum Col : std::size_t { Control, Applicable, Justification, Status, Owner, Evidence, LastReviewed };

constexpr std::array<Column, 7> kColumns{{
    {"control", true, true},
    {"applicable", true, true},
    {"justification", false, false},
    {"status", true, true},
    {"owner", false, true},
    {"evidence", false, true},  // document names, separated by ';'
    {"last_reviewed", false, true},
}};

constexpr std::array<std::string_view, 4> kStatusNames{"implemented", "partially_implemented", "planned",
                                                       "not_implemented"};

std::optional<bool> yes_no(std::string_view text) {
  std::string v = to_lower(trim(text));
  if (v == "yes" || v == "true") return true;
  if (v == "no" || v == "false") return false;
  return std::nullopt;
}

// ISO/IEC 27001:2013 numbered Annex A as A.5 to A.18 with three levels
// (A.9.2.1); the 2022 edition has four themes A.5-A.8 with two levels.
bool looks_like_2013_number(std::string_view id) {
  if (id.size() < 3 || (id[0] != 'A' && id[0] != 'a') || id[1] != '.') return false;
  int dots = 0;
  for (char c : id) dots += c == '.';
  int theme = 0;
  std::size_t i = 2;
  // Capped: a theme of 99999999999 is as much "above 8" as 9, and never overflows.
  while (i < id.size() && id[i] >= '0' && id[i] <= '9') theme = std::min(theme * 10 + (id[i++] - '0'), 1000);
  return dots == 3 || theme > 8;
}

std::vector<std::string_view> children_of(std::string_view heading) {
  std::vector<std::string_view> out;
  for (const catalog::IsoItem& item : catalog::builtin().iso27001) {
    if (item.assessable && item.id.size() > heading.size() && item.id.substr(0, heading.size()) == heading &&
        item.id[heading.size()] == '.') {
      out.push_back(item.id);
    }
  }
  return out;
}

std::string heading_message(std::string_view id) {
  auto children = children_of(id);
  std::string list;
  if (children.size() <= 6) {
    list = or_list(std::vector<std::string>(children.begin(), children.end()));
  } else {
    list = fmt::format("{} ... {} ({} items)", children.front(), children.back(), children.size());
  }
  return fmt::format(
      "'{}' is a heading, not a line of an SoA: assess its items ({}) instead, or leave "
      "the other columns of the heading blank",
      excerpt(id), list);
}

std::string unknown_id_message(std::string_view given) {
  std::string text = fmt::format("unknown control '{}'", excerpt(given));
  const std::string id = annex_form(given);
  // A 2013 number we know: name its 2022 successor from the correspondence,
  // never a look-alike id (A.12.6.1 is A.8.8, not A.6.1; nor is A18.1.3 A.8.13).
  if (const catalog::Iso2013Control* old = catalog::find_iso2013(id)) {
    if (id != given) text += fmt::format(" (read as {})", id);
    std::vector<std::string> successors(old->successors.begin(), old->successors.end());
    switch (old->relationship) {
      case catalog::Correspondence::Split:
        text += fmt::format(": an ISO/IEC 27001:2013 control, covered in the 2022 edition by {} together",
                            fmt::join(successors, " and "));
        break;
      case catalog::Correspondence::Merged:
        text += fmt::format(
            ": an ISO/IEC 27001:2013 control; in the 2022 edition it is part of {}, which also "
            "replaces other 2013 controls",
            successors.front());
        break;
      case catalog::Correspondence::OneToOne:
        text += fmt::format(": an ISO/IEC 27001:2013 control; in the 2022 edition it is {}", successors.front());
        break;
    }
    text += " (ISO/IEC 27002:2022 Annex B); a 2013 SoA can be converted to 2022 ids as a whole";
    return text;
  }
  if (looks_like_2013_number(id)) {
    text += fmt::format(" (an ISO/IEC 27001:2013 number{}? the 2022 Annex A has four themes, A.5 to A.8)",
                        id != given ? " " + id : std::string());
    return text;  // not a 2013 control either: a look-alike 2022 id would only mislead
  }
  text += " (not an ISO/IEC 27001:2022 clause or Annex A control)";
  auto close = nearest(id, catalog::iso_ids(true));
  if (!close.empty()) text += fmt::format("; nearest 2022 ids: {}", fmt::join(close, ", "));
  return text;
}

}  // namespace

std::string annex_form(std::string_view id) {
  std::string_view rest = trim(id);
  if (rest.empty()) return std::string(id);
  const bool lettered = rest[0] == 'A' || rest[0] == 'a';
  if (lettered) rest.remove_prefix(1);
  while (lettered && !rest.empty() && (rest[0] == ' ' || rest[0] == '.')) rest.remove_prefix(1);
  if (rest.empty() || rest[0] < '0' || rest[0] > '9') return std::string(id);
  for (char c : rest)
    if ((c < '0' || c > '9') && c != '.') return std::string(id);
  const std::string annex = "A." + std::string(rest);
  // Without the "A.": only a 2013 Annex A control that is no 2022 id (9.2.1
  // is a 2022 clause, not A.9.2.1).
  if (!lettered && (catalog::find_iso(rest) || !catalog::find_iso2013(annex))) return std::string(id);
  return annex;
}

std::string_view to_string(Implementation status) { return kStatusNames[static_cast<std::size_t>(status)]; }

std::optional<Implementation> implementation_from(std::string_view text) {
  // As spreadsheets write it: "Partially implemented", "not-implemented".
  std::string v = to_lower(trim(text));
  for (char& c : v) {
    if (c == ' ' || c == '-') c = '_';
  }
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (v == kStatusNames[i]) return static_cast<Implementation>(i);
  }
  return std::nullopt;
}

const SoaEntry* Soa::find(std::string_view id) const {
  for (const SoaEntry& e : entries) {
    if (e.item->id == id) return &e;
  }
  return nullptr;
}

std::span<const Column> soa_columns() { return kColumns; }

Result<Soa> parse_soa(std::string_view text, InputFormat format, std::string_view source, CsvOptions csv) {
  auto read = read_table(text, format, source, kColumns, csv);
  if (!read) return tl::unexpected(read.error());
  InputTable& table = *read;
  Errors errors = std::move(table.errors);
  auto error = [&](const InputRow& row, Col col, std::string message) {
    errors.add(Error{ErrorCode::InvalidInput, row.where(col, kColumns), std::move(message), {}});
  };

  Soa soa;
  soa.notices = std::move(table.notices);
  soa.entries.reserve(table.rows.size());
  std::unordered_map<std::string_view, std::string> first_seen;  // id -> where
  for (const InputRow& row : table.rows) {
    const auto& v = row.values;
    std::string_view id = v[Control];
    if (id.empty()) {
      error(row, Control,
            "a control id is required (an ISO/IEC 27001:2022 clause such as 6.1.2 or an Annex A "
            "control such as A.8.24)");
      continue;
    }
    // Ids are matched case-insensitively: "a.8.24" is A.8.24.
    const catalog::IsoItem* item = catalog::find_iso(id);
    std::string upper;
    if (!item && (id[0] == 'a')) {
      upper = std::string(id);
      upper[0] = 'A';
      item = catalog::find_iso(upper);
    }
    if (!item) {
      error(row, Control, unknown_id_message(id));
      continue;
    }
    if (!item->assessable) {
      bool blank = true;
      for (std::size_t c = 1; c < v.size(); ++c) blank = blank && v[c].empty();
      if (!blank) error(row, Control, heading_message(id));
      continue;
    }
    if (auto [it, fresh] = first_seen.emplace(item->id, row.where()); !fresh) {
      error(row, Control, fmt::format("{} is listed twice (first at {})", id, it->second));
      continue;
    }

    SoaEntry entry;
    entry.item = item;
    entry.where = row.where();
    if (table.present[Applicable]) {
      auto applicable = yes_no(v[Applicable]);
      if (!applicable) {
        error(row, Applicable,
              v[Applicable].empty() ? std::string("is required: yes or no")
                                    : fmt::format("'{}' is not yes or no", excerpt(v[Applicable])));
      } else {
        entry.applicable = *applicable;
      }
      // ISO/IEC 27001 clauses 4-10 are requirements of the standard itself:
      // only Annex A controls may be excluded (clause 6.1.3 d)).
      if (applicable == false && item->kind == catalog::IsoKind::Clause) {
        error(row, Applicable,
              fmt::format("clause {} is mandatory in ISO/IEC 27001 (clauses 4 to 10 cannot be excluded): "
                          "set applicable to yes",
                          id));
      }
      if (applicable == false && item->kind != catalog::IsoKind::Clause && v[Justification].empty()) {
        error(row, Justification,
              fmt::format("{} is excluded, so a justification is required (ISO/IEC 27001 6.1.3 d))", id));
      }
    }
    entry.justification = v[Justification];
    if (table.present[Status]) {
      if (!v[Status].empty()) {
        entry.status = implementation_from(v[Status]);
        if (!entry.status) {
          error(row, Status,
                fmt::format("unknown status '{}': use implemented, partially_implemented, planned "
                            "or not_implemented",
                            excerpt(v[Status])));
        }
      } else if (entry.applicable) {
        error(row, Status,
              fmt::format("{} is applicable, so a status is required: implemented, partially_implemented, "
                          "planned or not_implemented",
                          id));
      }
    }
    entry.owner = v[Owner];
    entry.evidence = split_items(v[Evidence]);
    if (!v[LastReviewed].empty()) {
      auto date = parse_date(v[LastReviewed], row.where(LastReviewed, kColumns));
      if (!date) {
        errors.add(date.error());
      } else {
        entry.last_reviewed = *date;
      }
    }
    soa.entries.push_back(std::move(entry));
  }
  return value_or_errors(std::move(soa), std::move(errors));
}

}  // namespace vigil::assess
