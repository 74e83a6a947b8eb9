// to_json(): the stable machine form of a ScopeResult (`vigil scope --format json`).
#include <nlohmann/json.hpp>

#include "core/money.h"
#include "core/names.h"
#include "scope/scope.h"

namespace vigil::scope {

namespace {

using nlohmann::json;

json string_list(const std::vector<std::string_view>& items) {
  json out = json::array();
  for (std::string_view s : items) out.push_back(s);
  return out;
}

json or_null(std::string_view s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

std::string to_string(WorkUnits w) {
  std::string out = std::to_string(w.hundredths / 100);
  if (std::int64_t f = w.hundredths % 100; f != 0) {
    out += '.';
    out += static_cast<char>('0' + f / 10);
    if (f % 10) out += static_cast<char>('0' + f % 10);
  }
  return out;
}

namespace {

constexpr EnumNames<Classification, 4> kClassifications{
    {"out_of_scope", "registration_only", "important", "essential"}};
constexpr EnumNames<SizeCategory, 4> kSizeCategories{{"micro", "small", "medium", "large"}};
// Supervision::None is written as "" (no supervision regime applies).
constexpr EnumNames<Supervision, 3> kSupervisions{{"", "ex_ante_and_ex_post", "ex_post"}};

}  // namespace

std::string_view to_string(Classification c) { return name_of(c, kClassifications); }
std::string_view to_string(SizeCategory s) { return name_of(s, kSizeCategories); }
std::string_view to_string(Supervision s) { return name_of(s, kSupervisions); }

json to_json(const ScopeResult& r) {
  json out = json::object();
  if (!r.name.empty()) out["name"] = r.name;
  out["classification"] = to_string(r.classification);
  out["size_category"] = r.size ? json(to_string(r.size->category)) : json(nullptr);
  if (r.size) {
    out["size"] = {
        {"employees", to_string(r.size->employees)},
        {"annual_turnover_cents", r.size->annual_turnover.value},
        {"balance_sheet_total_cents", r.size->balance_sheet_total.value},
        {"includes_linked_or_partner_enterprises", r.size->partners_or_linked},
        {"legal_basis", "Rec. 2003/361/EC Annex Art. 2"},
    };
  } else {
    out["size"] = nullptr;
  }
  out["legal_basis"] = string_list(r.legal_basis);
  json activities = json::array();
  for (const ActivityResult& a : r.activities) {
    json line = {
        {"entity_type", a.type ? json(a.type->id) : json(nullptr)},
        {"ground", or_null(a.ground)},
        {"description", a.type ? json(a.type->entity_type) : json(nullptr)},
        {"annex", a.type ? json(a.type->annex) : json(nullptr)},
        {"classification", to_string(a.classification)},
        {"legal_basis", string_list(a.legal_basis)},
        {"reasons", string_list(a.reasons)},
    };
    activities.push_back(std::move(line));
  }
  out["activities"] = std::move(activities);
  out["assumed_no"] = string_list(r.assumed_no);
  out["supervision"] = or_null(to_string(r.supervision));
  out["supervision_basis"] = r.supervision == Supervision::ExAnteAndExPost ? json("Art. 32")
                             : r.supervision == Supervision::ExPost        ? json("Art. 33")
                                                                           : json(nullptr);
  out["max_fine_floor_eur"] = r.max_fine_floor ? json(format_euros_plain(*r.max_fine_floor)) : json(nullptr);
  out["max_fine_floor_cents"] = r.max_fine_floor ? json(r.max_fine_floor->value) : json(nullptr);
  out["max_fine_basis"] = or_null(r.max_fine_basis);
  json duties = json::array();
  for (const Duty* d : r.duties) {
    duties.push_back({{"id", d->id},
                      {"reference", d->reference},
                      {"due", or_null(d->due)},
                      {"changes", or_null(d->changes)},
                      {"text", d->text}});
  }
  out["duties"] = std::move(duties);
  json jurisdiction = json::array();
  for (const JurisdictionRule& j : r.jurisdiction) {
    json types = json::array();
    for (const catalog::EntityType* t : j.entity_types) types.push_back(t->id);
    jurisdiction.push_back({{"rule", j.rule},
                            {"reference", j.reference},
                            {"text", j.text},
                            {"entity_types", std::move(types)},
                            {"member_state", or_null(j.member_state)},
                            {"member_state_basis", or_null(j.member_state_basis)}});
  }
  out["jurisdiction"] = std::move(jurisdiction);
  out["implementing_regulation_2024_2690"] = r.implementing_regulation_2024_2690;
  json notes = json::array();
  for (const Note* n : r.notes) notes.push_back({{"reference", n->reference}, {"text", n->text}});
  out["notes"] = std::move(notes);
  return out;
}

}  // namespace vigil::scope
