#include "exercise/play.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/json_input.h"
#include "core/text.h"
#include "exercise/scenario.h"
#include "incident/impact_input.h"

namespace vigil::exercise {

namespace {

constexpr std::array<std::string_view, 10> kKinds{"open",   "assess",  "decide", "evidence", "submit",
                                                  "breach", "involve", "note",   "rate",     "improvement"};
constexpr std::array<std::string_view, 3> kRatings{"met", "late", "missed"};
// Every field any action may carry; each kind then says which it reads.
constexpr std::size_t kMaxActions = 100'000;

}  // namespace

std::string_view to_string(PlayKind kind) { return kKinds[static_cast<std::size_t>(kind)]; }
std::string_view to_string(Rating rating) { return kRatings[static_cast<std::size_t>(rating)]; }

const Player* Play::find_player(std::string_view name) const {
  for (const auto& p : players) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

namespace {

std::optional<Seconds> offset(JsonObjectReader& r, std::string_view key, Presence presence, Errors& errors) {
  auto text = r.text(key, presence, kMaxIdBytes);
  if (!text) return std::nullopt;
  auto parsed = parse_duration(*text, r.field_path(key));
  if (!parsed) {
    errors.add(parsed.error());
    return std::nullopt;
  }
  return *parsed;
}

template <class T>
void take(Result<T> parsed, std::optional<T>& into, Errors& errors) {
  if (parsed) into = *parsed;
  else errors.add(parsed.error());
}

PlayAction read_action(const nlohmann::json& value, std::string where, const Play& play, Errors& errors) {
  JsonObjectReader r(value, where);
  PlayAction a;
  a.at = offset(r, "at", Presence::Required, errors).value_or(Seconds{0});
  a.by = r.text("by", Presence::Required, kMaxIdBytes).value_or("");
  auto kind = r.choice("action", kKinds, Presence::Required);
  if (kind) a.kind = static_cast<PlayKind>(std::find(kKinds.begin(), kKinds.end(), *kind) - kKinds.begin());
  bool team = kind && a.kind != PlayKind::Note && a.kind != PlayKind::Rate && a.kind != PlayKind::Improvement;
  if (team && !a.by.empty() && !play.find_player(a.by)) {
    std::vector<std::string_view> names;
    for (const auto& p : play.players) names.push_back(p.name);
    auto near = nearest(a.by, names);
    r.add_error("by", fmt::format("'{}' is not a player; team actions are by a player of \"players\"{}", excerpt(a.by),
                                  near.empty() ? std::string{} : " (did you mean " + or_list(near) + "?)"));
  }
  if (!kind) {
    if (auto done = r.finish(); !done) errors.add(done.error());
    return a;
  }
  switch (a.kind) {
    case PlayKind::Open:
      a.awareness = offset(r, "awareness", Presence::Required, errors);
      if (a.awareness && *a.awareness > a.at) {
        r.add_error("awareness", fmt::format("{} is later than the open itself ({}): awareness is declared when or "
                                             "after it happened",
                                             format_duration(*a.awareness), format_duration(a.at)));
      }
      break;
    case PlayKind::Breach:
      a.awareness = offset(r, "awareness", Presence::Required, errors);
      if (a.awareness && *a.awareness > a.at) {
        r.add_error("awareness", fmt::format("{} is later than the breach record itself ({})",
                                             format_duration(*a.awareness), format_duration(a.at)));
      }
      break;
    case PlayKind::Assess: {
      static constexpr std::array<std::string_view, 4> kJudgements{"significant", "not-significant", "not_significant",
                                                                   "undetermined"};
      auto judgement = r.choice("judgement", kJudgements, Presence::Required);
      if (judgement && *judgement != "undetermined") {
        a.judgement = incident::parse_judgement(*judgement, r.field_path("judgement")).value_or(std::nullopt);
      }
      if (const auto* facts = r.raw("facts")) {
        if (!facts->is_object()) r.add_error("facts", "expected an object of significance facts");
        else a.facts = facts->dump();
      }
      a.text = r.text("note").value_or("");
      break;
    }
    case PlayKind::Decide: {
      a.tags = r.text_list("tags", Presence::Required);
      a.decision = r.text("decision", Presence::Required).value_or("");
      a.rationale = r.text("rationale").value_or("");
      a.options = r.text_list("options");
      a.known = r.text_list("known");
      a.unknown = r.text_list("unknown");
      if (auto confidence = r.text("confidence", Presence::Optional, kMaxIdBytes)) {
        take(incident::parse_confidence(*confidence, r.field_path("confidence")), a.confidence, errors);
      }
      break;
    }
    case PlayKind::Evidence:
      a.tags = r.text_list("tags");
      a.text = r.text("description", Presence::Required).value_or("");
      break;
    case PlayKind::Submit: {
      if (auto report = r.text("report", Presence::Required, kMaxIdBytes)) {
        take(incident::parse_submission_type(*report, r.field_path("report")), a.report, errors);
      }
      if (auto to = r.text("to", Presence::Required, kMaxIdBytes)) {
        take(incident::parse_recipient(*to, r.field_path("to")), a.to, errors);
      }
      a.text = r.text("note").value_or("");
      break;
    }
    case PlayKind::Involve:
      a.role = r.text("role", Presence::Required, kMaxIdBytes).value_or("");
      if (!a.role.empty()) {
        if (auto ok = check_role(a.role, r.field_path("role")); !ok) errors.add(ok.error());
      }
      a.text = r.text("note").value_or("");
      break;
    case PlayKind::Note: a.text = r.text("text", Presence::Required).value_or(""); break;
    case PlayKind::Rate: {
      a.expectation = r.text("expectation", Presence::Required, kMaxIdBytes).value_or("");
      if (auto result = r.choice("result", kRatings, Presence::Required)) {
        a.result = static_cast<Rating>(std::find(kRatings.begin(), kRatings.end(), *result) - kRatings.begin());
      }
      a.text = r.text("text").value_or("");
      break;
    }
    case PlayKind::Improvement: {
      a.text = r.text("text", Presence::Required).value_or("");
      a.owner = r.text("owner", Presence::Required, kMaxIdBytes).value_or("");
      if (auto due = r.text("due", Presence::Required, kMaxIdBytes)) {
        take(parse_date(*due, r.field_path("due")), a.due, errors);
      }
      a.requirements = r.text_list("requirements", Presence::Required);
      for (const auto& requirement : a.requirements) {
        if (!is_requirement_reference(requirement)) {
          r.add_error("requirements",
                      fmt::format("'{}' is neither a NIS2 requirement id (as the catalog lists them) nor an IR "
                                  "2024/2690 Annex point (\"IR 2024/2690 3.5.5\")",
                                  excerpt(requirement)));
        }
      }
      break;
    }
  }
  if (auto done = r.finish(); !done) errors.add(done.error());
  return a;
}

}  // namespace

Result<Play> parse_play(std::string_view text, std::string_view file) {
  auto root = TRY(parse_json(text, file));
  Errors errors;
  Play play;
  JsonObjectReader top(root, std::string(file));
  if (auto started = top.text("started_at", Presence::Optional, kMaxIdBytes)) {
    auto parsed = parse_rfc3339(*started, top.field_path("started_at"));
    if (parsed) play.started_at = *parsed;
    else errors.add(parsed.error());
  }
  if (const auto* players = top.raw("players")) {
    if (!players->is_object()) {
      top.add_error("players", "expected an object of player name -> role ({\"ana\": \"it\"})");
    } else {
      for (const auto& [name, role] : players->items()) {
        std::string where = top.field_path("players." + name);
        if (name.empty() || name.size() > kMaxIdBytes) {
          errors.add(Error{ErrorCode::InvalidInput, where, "a player's name must be 1 to 256 bytes", {}});
        } else if (!role.is_string()) {
          errors.add(Error{ErrorCode::InvalidInput, where, "expected a role, got " + describe_value(role), {}});
        } else if (auto ok = check_role(role.get<std::string>(), where); !ok) {
          errors.add(ok.error());
        } else {
          play.players.push_back({name, role.get<std::string>()});
        }
      }
    }
  } else {
    top.add_error("players", "is required: an object of player name -> role ({\"ana\": \"it\"})");
  }
  const auto* actions = top.raw("actions");
  if (!actions) {
    top.add_error("actions", "is required (a list, possibly empty)");
  } else if (!actions->is_array()) {
    top.add_error("actions", "expected a list of actions, got " + describe_value(*actions));
  } else if (actions->size() > kMaxActions) {
    errors.add(Error{ErrorCode::LimitExceeded,
                     top.field_path("actions"),
                     fmt::format("{} actions; at most {} are read", actions->size(), kMaxActions),
                     {}});
  } else {
    play.actions.reserve(actions->size());
    for (std::size_t i = 0; i < actions->size(); ++i) {
      auto action = read_action((*actions)[i], top.field_path(fmt::format("actions[{}]", i)), play, errors);
      action.index = i;
      play.actions.push_back(std::move(action));
    }
  }
  if (auto done = top.finish(); !done) errors.add(done.error());
  if (!errors.empty()) {
    if (errors.size() > 50) errors.list().resize(50);
    return tl::unexpected(errors.result().error());
  }
  std::stable_sort(play.actions.begin(), play.actions.end(),
                   [](const PlayAction& a, const PlayAction& b) { return a.at < b.at; });
  return play;
}

}  // namespace vigil::exercise
