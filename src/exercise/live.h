// A live exercise (docs/EXERCISES.md, "Live exercises"): what its log records
// and how the record becomes a Play for the same score() as a tabletop run.
//
// The exercise's log (store/exercise_store.h) holds the facilitator's and the
// observers' entries; each payload carries `exercise_time` (an offset on the
// simulated clock, exercise/sim_clock.h). Kinds:
//   started   {scenario, scenario_sha256, source, bundled, origin, speed, players: {name: role}}
//   player    {name, role}                        a player joins
//   paused | resumed | ended {}                   the clock
//   jumped    {from}                              exercise_time is where it jumped to
//   inject    {id, channel, to, title, text}      an ad-hoc inject ("X5": X and its entry number)
//   involved  {role}                              the team brought a function in
//   note      {text}
//   rated     {expectation, result, text}         an observer's rating
// The team's own actions are the entries of the exercise's incident, recorded
// in exercise time by the normal incident commands.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "core/time.h"
#include "exercise/play.h"
#include "exercise/scenario.h"
#include "incident/event_log.h"
#include "incident/incident.h"

namespace vigil::exercise {

// An inject as a player's feed shows it: from the scenario, or ad hoc.
struct FeedItem {
  Seconds at{0};
  std::string id;
  std::string channel;
  std::vector<std::string> to;
  std::string title;
  std::string text;
  bool ad_hoc = false;
  std::string by;  // who added an ad-hoc inject
};

struct LiveLog {
  std::vector<Player> players;
  std::vector<FeedItem> ad_hoc;      // in recording order
  std::vector<PlayAction> recorded;  // involve, note, rate: as the play holds them
};

// Reads an exercise's entries (oldest first). Errors name "EX-3 entry 4".
Result<LiveLog> read_live_log(std::span<const incident::Event> entries);

// An entry of the log: `fields` (a JSON object) plus exercise_time.
incident::EventDraft live_entry(std::string_view kind, std::string_view by, Instant wall, Seconds exercise_time,
                                const nlohmann::json& fields);

// Players given as NAME=ROLE (--player ana=it). Errors name `where`.
Result<Player> parse_player(std::string_view text, std::string_view where);

// What `role` sees at `elapsed`: the scenario's injects and the ad-hoc ones
// addressed to it (or to "all") that have arrived, in time order. An empty
// role sees every inject (the facilitator's view).
std::vector<FeedItem> feed(const Scenario& scenario, const LiveLog& log, Seconds elapsed, std::string_view role);

// The play the record describes, with `origin` (exercise time zero) as its
// start: the incident's entries (opened -> open with the declared awareness,
// assessed, decided, evidence_added, submitted, personal_data_breach_attached
// -> breach) at their offsets, then the log's involve, note and rate entries.
// `incident` is null while the team has not opened the incident.
Play live_play(const LiveLog& log, const incident::Incident* incident,
               std::span<const incident::Event> incident_entries, Instant origin);

// Whether the team may record `draft` on the exercise's incident, whose
// record stands at `before`. An exercise measures what its players did, so
// an entry is refused when (a) the exercise has players and `draft.actor` is
// not one of them (a mistyped name would otherwise act without a role and
// silently fail "involve" expectations), or (b) it claims a moment before
// the exercise started (a decision "--time" before `origin` would be scored
// as done before the first inject). Errors name `where_by` / `where_time`;
// an empty `where_by` skips (a): over the API the actor is the signed-in
// account, not a name someone typed.
// `zones` folds the draft into the record (incident::apply).
Result<void> check_live_entry(const LiveLog& log, const incident::Incident& before, const incident::EventDraft& draft,
                              Instant origin, std::string_view where_by, std::string_view where_time,
                              const incident::Zones& zones);

// (a) alone, for the log's own entries and for opening the incident.
Result<void> check_player(const LiveLog& log, std::string_view name, std::string_view where);

}  // namespace vigil::exercise
