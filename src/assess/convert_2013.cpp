#include "assess/convert_2013.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "assess/soa.h"
#include "catalog/catalog.h"
#include "core/text.h"

namespace vigil::assess {
namespace {

enum Col { Control, Applicable, Justification, Status, Owner, Evidence, LastReviewed, kCount };

// Weaker first: a merge keeps the weakest claim.
int strength(std::string_view status) {
  auto s = implementation_from(status);
  if (!s) return -1;  // unknown or blank: weakest of all, and kept verbatim
  switch (*s) {
    case Implementation::NotImplemented: return 0;
    case Implementation::Planned: return 1;
    case Implementation::PartiallyImplemented: return 2;
    case Implementation::Implemented: return 3;
  }
  return -1;
}

bool says_yes(std::string_view text) {
  std::string v = to_lower(text);
  return v == "yes" || v == "true";
}

void add_unique(std::vector<std::string>& into, std::string_view value) {
  std::string v(trim(value));
  if (!v.empty() && std::find(into.begin(), into.end(), v) == into.end()) into.push_back(v);
}

struct Source {
  std::string id;     // the 2013 id as written
  std::string where;  // "soa.csv:3"
  const InputRow* row;
};

// Orders Annex A ids numerically (A.5.2 before A.5.10).
std::vector<int> numbers(std::string_view id) {
  std::vector<int> out;
  int n = -1;
  for (char c : id) {
    if (c >= '0' && c <= '9') {
      n = (n < 0 ? 0 : n) * 10 + (c - '0');
      if (n > 100000) n = 100000;
    } else if (n >= 0) {
      out.push_back(n);
      n = -1;
    }
  }
  if (n >= 0) out.push_back(n);
  return out;
}

std::vector<std::string> merge_rows(const std::string& control, const std::vector<Source>& sources, std::string& note) {
  std::vector<std::string> out(kCount);
  out[Control] = control;
  bool applicable = false;
  for (const auto& s : sources) applicable = applicable || says_yes(s.row->values[Applicable]);
  out[Applicable] = applicable ? "yes" : "no";
  std::vector<std::string> justifications, owners, evidence, statuses;
  std::optional<std::string> weakest;
  int weakest_strength = 4;
  std::string oldest;
  for (const auto& s : sources) {
    const auto& v = s.row->values;
    add_unique(justifications, v[Justification]);
    add_unique(owners, v[Owner]);
    std::string_view rest = v[Evidence];
    while (!rest.empty()) {
      auto semicolon = rest.find(';');
      add_unique(evidence, rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
    }
    // Only what applies decides the status (an excluded control has none).
    if (!applicable || says_yes(v[Applicable])) {
      add_unique(statuses, v[Status]);
      int st = strength(v[Status]);
      if (st < weakest_strength) {
        weakest_strength = st;
        weakest = v[Status];
      }
    }
    if (!v[LastReviewed].empty() && (oldest.empty() || v[LastReviewed] < oldest)) oldest = v[LastReviewed];
  }
  out[Justification] = joined(justifications, " / ");
  out[Status] = weakest.value_or("");
  out[Owner] = joined(owners, "; ");
  out[Evidence] = joined(evidence, "; ");
  out[LastReviewed] = oldest;
  std::vector<std::string> notes;
  if (statuses.size() > 1) {
    notes.push_back(fmt::format("statuses differed ({}): kept the weakest, {}", joined(statuses, ", "),
                                out[Status].empty() ? std::string("none") : out[Status]));
  }
  std::set<std::string> dates;
  for (const auto& s : sources) {
    if (!s.row->values[LastReviewed].empty()) dates.insert(s.row->values[LastReviewed]);
  }
  if (dates.size() > 1) notes.push_back("last reviewed dates differed: kept the oldest, " + oldest);
  note = joined(notes, "; ");
  return out;
}

}  // namespace

Converted2013 convert_2013(const InputTable& table) {
  Converted2013 result;
  std::vector<std::vector<std::string>> kept;           // 2022 rows and clauses, unknown ids: as written
  std::map<std::string, std::string> listed_2022;       // 2022 id -> where it is listed
  std::map<std::string, std::vector<Source>> incoming;  // 2022 id -> the 2013 rows that map there
  std::map<std::string, std::string> split_from;        // 2022 id -> the split 2013 row's id, when split

  for (const InputRow& row : table.rows) {
    const std::string& id = row.values[Control];
    if (id.empty()) continue;
    if (const auto* item = catalog::find_iso(id);
        item || (!id.empty() && id[0] == 'a' && catalog::find_iso("A" + id.substr(1)))) {
      std::string canonical = item ? std::string(item->id) : "A" + id.substr(1);
      listed_2022.emplace(canonical, row.where());
      kept.push_back(row.values);
      kept.back()[Control] = canonical;
      continue;
    }
    const std::string annex = annex_form(id);
    if (const auto* old = catalog::find_iso2013(annex)) {
      if (annex != id) {
        result.read_as.push_back(
            fmt::format("{} ({}): read as the 2013 control {}", excerpt(id), row.where(), old->id));
      }
      const auto& v = row.values;
      if (!v[Applicable].empty() && !says_yes(v[Applicable]) && to_lower(v[Applicable]) != "no" &&
          to_lower(v[Applicable]) != "false") {
        result.errors.add(Error{ErrorCode::InvalidInput,
                                row.where(Applicable, soa_columns()),
                                fmt::format("'{}' is not yes or no", excerpt(v[Applicable])),
                                {}});
      }
      if (!v[Status].empty() && !implementation_from(v[Status])) {
        result.errors.add(Error{ErrorCode::InvalidInput,
                                row.where(Status, soa_columns()),
                                fmt::format("unknown status '{}': use implemented, partially_implemented, "
                                            "planned or not_implemented",
                                            excerpt(v[Status])),
                                {}});
      }
      if (!v[LastReviewed].empty()) {
        if (auto date = parse_date(v[LastReviewed], row.where(LastReviewed, soa_columns())); !date) {
          result.errors.add(date.error());
        }
      }
      for (auto successor : old->successors) {
        incoming[std::string(successor)].push_back(Source{std::string(old->id), row.where(), &row});
        if (old->relationship == catalog::Correspondence::Split)
          split_from[std::string(successor)] = std::string(old->id);
      }
      if (old->relationship == catalog::Correspondence::Split) {
        std::vector<std::string> to(old->successors.begin(), old->successors.end());
        result.split.push_back(fmt::format("{} ({}) -> {}", old->id, row.where(), joined(to, " and ")));
      }
      continue;
    }
    result.unknown.push_back(
        fmt::format("{} ({}): neither an ISO/IEC 27001:2013 nor a 2022 id; kept as it is", excerpt(id), row.where()));
    kept.push_back(row.values);
  }

  std::vector<std::vector<std::string>> converted;
  for (auto& [control, sources] : incoming) {
    if (auto it = listed_2022.find(control); it != listed_2022.end()) {
      for (const auto& s : sources) {
        result.superseded.push_back(
            fmt::format("{} ({}): {} is already listed at {}; that row is kept", s.id, s.where, control, it->second));
      }
      continue;
    }
    std::string note;
    converted.push_back(merge_rows(control, sources, note));
    std::vector<std::string> from;
    for (const auto& s : sources) from.push_back(fmt::format("{} ({})", s.id, s.where));
    // The 2013 controls that all became this one: those missing from the SoA
    // leave it only partly evidenced.
    std::vector<std::string> absent;
    for (const auto& old : catalog::builtin().iso27001_2013) {
      bool leads_here = std::find(old.successors.begin(), old.successors.end(), control) != old.successors.end();
      bool given = std::any_of(sources.begin(), sources.end(),
                               [&](const Source& s) { return equal_ignoring_case(s.id, old.id); });
      if (leads_here && !given) absent.emplace_back(old.id);
    }
    if (!absent.empty()) {
      std::vector<std::string>& row = converted.back();
      std::string capped;
      if (implementation_from(row[Status]) == Implementation::Implemented) {
        row[Status] = "partially_implemented";
        capped = "; implemented capped at partially_implemented";
      }
      result.partly_evidenced.push_back(fmt::format("{} <- {}: {} {} not in the SoA{}", control, joined(from, ", "),
                                                    joined(absent, ", "), absent.size() == 1 ? "is" : "are", capped));
    }
    if (sources.size() > 1) {
      result.merged.push_back({control, from, note});
    } else if (!split_from.count(control)) {
      result.carried_over.push_back({control, from, note});
    }
  }
  auto by_number = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return numbers(a[Control]) < numbers(b[Control]);
  };
  std::sort(converted.begin(), converted.end(), by_number);
  auto by_control = [](const Converted2013::Merge& a, const Converted2013::Merge& b) {
    return numbers(a.control) < numbers(b.control);
  };
  std::sort(result.carried_over.begin(), result.carried_over.end(), by_control);
  std::sort(result.merged.begin(), result.merged.end(), by_control);

  result.rows = std::move(kept);
  for (auto& row : converted) result.rows.push_back(std::move(row));

  std::set<std::string> covered, has_predecessor;
  for (const auto& row : result.rows) covered.insert(row[Control]);
  for (const auto& old : catalog::builtin().iso27001_2013) {
    for (auto successor : old.successors) has_predecessor.emplace(successor);
  }
  for (const auto& item : catalog::builtin().iso27001) {
    std::string id(item.id);
    if (item.kind == catalog::IsoKind::Control && !covered.count(id)) {
      result.uncovered.push_back(has_predecessor.count(id) ? id : id + " (new in 2022)");
    }
  }
  return result;
}

}  // namespace vigil::assess
