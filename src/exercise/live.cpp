#include "exercise/live.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace vigil::exercise {

using nlohmann::json;

namespace {}  // namespace

incident::EventDraft live_entry(std::string_view kind, std::string_view by, Instant wall, Seconds exercise_time,
                                const json& fields) {
  json payload = fields.is_object() ? fields : json::object();
  payload["exercise_time"] = format_duration(exercise_time);
  // nlohmann's object keeps keys sorted and dump() writes no whitespace: canonical.
  return incident::EventDraft{std::string(kind), std::string(by), wall, payload.dump()};
}

Result<Player> parse_player(std::string_view text, std::string_view where) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || is_blank(text.substr(0, eq))) {
    return invalid(std::string(where), fmt::format("'{}' is not NAME=ROLE; expected e.g. ana=it", excerpt(text)));
  }
  Player p{std::string(trim(text.substr(0, eq))), std::string(trim(text.substr(eq + 1)))};
  // The name is shown in every report of the exercise: one-line safe text.
  TRY(require_safe_text(p.name, where));
  TRY(check_role(p.role, where));
  return p;
}

Result<LiveLog> read_live_log(std::span<const incident::Event> entries) {
  LiveLog log;
  bool ended = false;
  for (const auto& e : entries) {
    const std::string where = fmt::format("{} entry {}", e.incident_id, e.seq);
    try {
      json p = json::parse(e.payload);
      Seconds at = TRY(parse_duration(p.at("exercise_time").get<std::string>(), where + ": exercise_time"));
      auto add_player = [&](const std::string& name, const std::string& role) {
        auto same =
            std::find_if(log.players.begin(), log.players.end(), [&](const Player& x) { return x.name == name; });
        if (same != log.players.end()) same->role = role;
        else log.players.push_back({name, role});
      };
      // A team action this entry records, by its author at its exercise time.
      auto record = [&](PlayKind kind) -> PlayAction& {
        PlayAction& a = log.recorded.emplace_back();
        a.at = at;
        a.by = e.actor;
        a.kind = kind;
        return a;
      };
      if (e.kind == "started") {
        for (const auto& [name, role] : p.at("players").items()) add_player(name, role.get<std::string>());
      } else if (e.kind == "player") {
        add_player(p.at("name").get<std::string>(), p.at("role").get<std::string>());
      } else if (e.kind == "inject") {
        log.ad_hoc.push_back({at, p.at("id").get<std::string>(), p.at("channel").get<std::string>(),
                              p.at("to").get<std::vector<std::string>>(), p.at("title").get<std::string>(),
                              p.at("text").get<std::string>(), true, e.actor});
      } else if (e.kind == "involved") {
        PlayAction& a = record(PlayKind::Involve);
        a.role = p.at("role").get<std::string>();
      } else if (e.kind == "note") {
        record(PlayKind::Note).text = p.at("text").get<std::string>();
      } else if (e.kind == "rated") {
        PlayAction& a = record(PlayKind::Rate);
        a.expectation = p.at("expectation").get<std::string>();
        std::string result = p.at("result").get<std::string>();
        a.result = result == "met" ? Rating::Met : result == "late" ? Rating::Late : Rating::Missed;
        a.text = p.at("text").get<std::string>();
        a.after_end = ended;
      } else if (e.kind == "ended") {
        ended = true;
      } else if (e.kind != "paused" && e.kind != "resumed" && e.kind != "jumped" && e.kind != "ended") {
        return fail(ErrorCode::Internal, where, fmt::format("unknown entry kind '{}'", excerpt(e.kind)));
      }
    } catch (const json::exception& ex) {
      return fail(ErrorCode::Internal, where, fmt::format("entry does not read back: {}", ex.what()));
    }
  }
  return log;
}

std::vector<FeedItem> feed(const Scenario& scenario, const LiveLog& log, Seconds elapsed, std::string_view role) {
  auto addressed = [&](const std::vector<std::string>& to) {
    return role.empty() || std::find(to.begin(), to.end(), "all") != to.end() ||
           std::find(to.begin(), to.end(), role) != to.end();
  };
  std::vector<FeedItem> out;
  for (const auto& i : scenario.injects) {
    if (i.at <= elapsed && addressed(i.to)) out.push_back({i.at, i.id, i.channel, i.to, i.title, i.text, false, ""});
  }
  for (const auto& i : log.ad_hoc) {
    if (i.at <= elapsed && addressed(i.to)) out.push_back(i);
  }
  std::stable_sort(out.begin(), out.end(), [](const FeedItem& a, const FeedItem& b) { return a.at < b.at; });
  return out;
}

Result<void> check_player(const LiveLog& log, std::string_view name, std::string_view where) {
  if (log.players.empty()) return {};
  for (const Player& p : log.players)
    if (p.name == name) return {};
  std::vector<std::string_view> names;
  for (const Player& p : log.players) names.push_back(p.name);
  std::string known;
  for (std::string_view n : names) known += (known.empty() ? "" : ", ") + std::string(n);
  return invalid(std::string(where), fmt::format("'{}' is not a player of this exercise (players: {}); add them with "
                                                 "their function first",
                                                 excerpt(name), known));
}

Result<void> check_live_entry(const LiveLog& log, const incident::Incident& before, const incident::EventDraft& draft,
                              Instant origin, std::string_view where_by, std::string_view where_time,
                              const incident::Zones& zones) {
  if (!where_by.empty()) TRY(check_player(log, draft.actor, where_by));
  incident::Incident after = before;
  incident::Event entry;
  entry.org = before.org;
  entry.incident_id = before.id;
  entry.seq = before.event_count + 1;
  entry.kind = draft.kind;
  entry.actor = draft.actor;
  entry.at = draft.at;
  entry.payload = draft.payload;
  // An entry the record itself refuses is left to the store to report.
  if (!incident::apply(after, entry, zones)) return {};
  auto earliest = [&](const incident::Incident& r) {
    std::optional<Seconds> first;
    for (const PlayAction& a : live_play(LiveLog{}, &r, {}, origin).actions) {
      if (a.kind == PlayKind::Open) continue;  // the opening is the clock's own moment
      if (!first || a.at < *first) first = a.at;
    }
    return first;
  };
  std::optional<Seconds> was = earliest(before), now = earliest(after);
  if (now && *now < Seconds{0} && (!was || *now < *was)) {
    return invalid(std::string(where_time),
                   fmt::format("is {} before the exercise started ({}); an exercise action cannot predate the "
                               "exercise",
                               format_duration(-*now), format_utc(origin)));
  }
  return {};
}

Play live_play(const LiveLog& log, const incident::Incident* r, std::span<const incident::Event> entries,
               Instant origin) {
  Play play;
  play.started_at = origin;
  play.players = log.players;
  // A new action appended to the play, for the caller to fill in.
  auto add = [&](Instant at, std::string by, PlayKind kind) -> PlayAction& {
    PlayAction& a = play.actions.emplace_back();
    a.at = offset_of(at, origin);
    a.by = std::move(by);
    a.kind = kind;
    a.index = play.actions.size() - 1;
    return a;
  };
  if (r) {
    add(r->opened_at, r->opened_by, PlayKind::Open).awareness = offset_of(r->awareness, origin);
    for (const auto& a : r->assessments) {
      PlayAction& x = add(a.recorded_at, a.judged_by, PlayKind::Assess);
      x.judgement = a.significant();
      x.facts = a.inputs;
    }
    for (const auto& d : r->decisions) {
      PlayAction& x = add(d.decided_at, d.decided_by, PlayKind::Decide);
      x.tags = d.tags;
      x.decision = d.decision;
      x.rationale = d.rationale;
      x.options = d.options;
      x.known = d.known;
      x.unknown = d.unknown;
      x.confidence = d.confidence;
    }
    for (const auto& ev : r->evidence) {
      PlayAction& x = add(ev.added_at, ev.added_by, PlayKind::Evidence);
      x.tags = ev.tags;
      x.text = ev.description;
    }
    for (const auto& s : r->submissions) {
      PlayAction& x = add(s.submitted_at, s.by, PlayKind::Submit);
      x.report = s.type;
      x.to = s.recipient;
    }
    for (const auto& e : entries) {
      if (e.kind != "personal_data_breach_attached" || !r->personal_data_breach_awareness) continue;
      PlayAction& x = add(e.at, e.actor, PlayKind::Breach);
      x.awareness = offset_of(*r->personal_data_breach_awareness, origin);
    }
  }
  for (PlayAction a : log.recorded) {
    a.index = play.actions.size();
    play.actions.push_back(std::move(a));
  }
  std::stable_sort(play.actions.begin(), play.actions.end(),
                   [](const PlayAction& a, const PlayAction& b) { return a.at < b.at; });
  return play;
}

}  // namespace vigil::exercise
