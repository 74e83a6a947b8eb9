// parse_entity(): an entity from a JSON object (scope.h documents the fields).
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/json_input.h"
#include "core/text.h"
#include "scope/entity_checks.h"
#include "scope/scope.h"

namespace vigil::scope {

namespace {

using nlohmann::json;

// A name: one-line text (core/text.h unsafe_text with multiline false), so a
// line feed or tab can never start a line of its own in a result.
std::optional<std::string> one_line_text(JsonObjectReader& r, std::string_view key) {
  auto value = r.text(key);
  if (!value) return value;
  if (auto problem = unsafe_text(*value, false)) {
    r.add_error(std::string(key), *problem);
    return std::nullopt;
  }
  return value;
}

// A non-negative decimal with at most two decimals, as hundredths.
std::optional<std::int64_t> read_hundredths(JsonObjectReader& r, std::string_view key, Presence presence,
                                            std::string_view what) {
  const json* v = r.raw(key);
  if (!v) {
    if (presence == Presence::Required) r.add_error(std::string(key), fmt::format("is required ({})", what));
    return std::nullopt;
  }
  std::optional<std::int64_t> parsed;
  if (v->is_number_unsigned() || v->is_number_integer() || v->is_number_float() || v->is_string()) {
    std::string text = v->is_string() ? v->get<std::string>() : v->dump();
    if (v->is_number_float()) {  // 49.50 dumps as 49.5; 1e2 is not accepted
      if (auto dot = text.find('.'); dot != std::string::npos && text.size() - dot > 3) text = "x";
    }
    parsed = parse_hundredths(text);
  }
  if (!parsed) {
    r.add_error(std::string(key), fmt::format("expected {}, got {}", what, v->dump()));
  }
  return parsed;
}

std::optional<Figures> read_figures(JsonObjectReader& r) {
  auto staff = read_hundredths(r, "employees", Presence::Required, kWorkUnits);
  auto turnover = r.euros("annual_turnover_eur", Presence::Required);
  auto balance = r.euros("balance_sheet_total_eur", Presence::Required);
  if (!staff || !turnover || !balance) return std::nullopt;
  return Figures{WorkUnits{*staff}, *turnover, *balance};
}

// linked_enterprises / partner_enterprises: lists of objects with the three
// figures (and, for partners, holding_percent).
template <class Item>
std::vector<Item> read_enterprises(JsonObjectReader& parent, std::string_view key, Errors& errors) {
  std::vector<Item> out;
  const json* list = parent.raw(key);
  if (!list) return out;
  if (!list->is_array()) {
    parent.add_error(std::string(key), fmt::format("expected a list of enterprises, got {}", list->dump()));
    return out;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    JsonObjectReader r((*list)[i], parent.field_path(fmt::format("{}[{}]", key, i)));
    one_line_text(r, "name");
    auto figures = read_figures(r);
    if constexpr (std::is_same_v<Item, Partner>) {
      auto holding =
          read_hundredths(r, "holding_percent", Presence::Required, "a percentage from 25 to 50, at most two decimals");
      // Rec. 2003/361/EC Annex Art. 3(2)-(3): a partner holds 25 % or more; a
      // majority makes the enterprise linked; below 25 % it is autonomous.
      if (holding && (*holding < 2500 || *holding > 5000)) {
        r.add_error("holding_percent",
                    fmt::format("{}.{:02} % is not a partner holding: partners hold 25 % to 50 % (Rec. 2003/361/EC "
                                "Annex Art. 3(2)); above 50 % list the enterprise under linked_enterprises, below "
                                "25 % leave it out",
                                *holding / 100, *holding % 100));
        holding.reset();
      }
      if (figures && holding) out.push_back(Partner{*figures, *holding});
    } else {
      if (figures) out.push_back(*figures);
    }
    if (auto done = r.finish(); !done) errors.add_flat(done.error());
  }
  return out;
}

std::optional<MainEstablishment> read_main_establishment(JsonObjectReader& parent, Errors& errors) {
  const json* v = parent.raw("main_establishment");
  if (!v) return std::nullopt;
  JsonObjectReader r(*v, parent.field_path("main_establishment"));
  MainEstablishment m;
  auto member_state = [&](std::string_view key, std::string& into) {
    if (auto code = r.text(key)) {
      if (is_member_state(*code)) {
        into = *code;
      } else {
        r.add_error(std::string(key), fmt::format("'{}' is not an EU Member State code (AT, BE, ... SK; EL for "
                                                  "Greece); leave it out when outside the Union or unknown",
                                                  excerpt(*code)));
      }
    }
  };
  member_state("decisions_taken_in", m.decisions_taken_in);
  member_state("operations_carried_out_in", m.operations_carried_out_in);
  member_state("most_employees_in", m.most_employees_in);
  member_state("representative_in", m.representative_in);
  if (auto done = r.finish(); !done) errors.add_flat(done.error());
  return m;
}

}  // namespace

Result<Entity> parse_entity(const json& value, std::string_view source) {
  JsonObjectReader r(value, std::string(source));
  Errors nested;
  Entity e;
  e.name = one_line_text(r, "name").value_or("");
  Problems type_problems;
  resolve_entity_types(r.text_list("entity_types", Presence::Required), e, type_problems);
  for (auto& [field, message] : type_problems) r.add_error(field, message);

  e.own = read_figures(r);
  e.linked_enterprises = read_enterprises<Figures>(r, "linked_enterprises", nested);
  e.partner_enterprises = read_enterprises<Partner>(r, "partner_enterprises", nested);
  e.group_worldwide_turnover = r.euros("group_worldwide_turnover_eur");

  // Art. 2(1) is a required fact: read as "no" when absent, it would answer
  // out of scope on nothing the input says. The other facts, absent, are no.
  if (!r.raw(kServicesInEuFlag.name))
    r.add_error(std::string(kServicesInEuFlag.name), std::string(kServicesInEuRequired));
  for (const EntityFlag& flag : kEntityFlags) {
    if (!r.raw(flag.name)) e.not_given.push_back(flag.name);
    e.*flag.member = r.flag(flag.name);
  }
  static constexpr std::array<std::string_view, 3> kLevels{"central", "regional", "local"};
  if (auto level = r.choice("public_administration_level", kLevels)) {
    e.public_administration_level = *parse_public_administration_level(*level);
  }
  static constexpr std::array<std::string_view, 2> kDesignations{"essential", "important"};
  if (auto designation = r.choice("member_state_designation", kDesignations)) {
    e.member_state_designation = *parse_designation(*designation);
  }
  e.main_establishment = read_main_establishment(r, nested);

  // Contradictions are judged only on entity types that all resolved, so a
  // mistyped id does not also raise "requires entity type ...".
  if (type_problems.empty()) {
    Problems problems;
    check_entity(e, problems);
    for (auto& [field, message] : problems) r.add_error(field, message);
  }
  Errors errors;
  if (auto done = r.finish(); !done) errors.add_flat(done.error());
  errors.append(std::move(nested));
  TRY(errors.result());
  return e;
}

}  // namespace vigil::scope
