// What the team did during an exercise, as offsets from its start: the input
// of `vigil exercise score` for a tabletop run on paper, and what a live
// exercise's record folds into before it is scored (the same score()).
//
// JSON (docs/exercise-play.schema.json):
//   {"started_at"?: RFC 3339, "players": {"ana": "it", ...},
//    "actions": [{"at": "PT1H", "by": "ana", "action": "open", "awareness": "PT40M"}, ...]}
// Team actions (by a player): open, assess, decide, evidence, submit, breach,
// involve. Observer entries (by anyone): note, rate, improvement.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "exercise/duration.h"
#include "incident/incident.h"

namespace vigil::exercise {

enum class PlayKind { Open, Assess, Decide, Evidence, Submit, Breach, Involve, Note, Rate, Improvement };
std::string_view to_string(PlayKind kind);

// How an observer rated an expectation (HSEEP: the evaluator's call).
enum class Rating { Met, Late, Missed };
std::string_view to_string(Rating rating);  // "met" | "late" | "missed"

struct Player {
  std::string name;
  std::string role;  // one of roles()
};

struct PlayAction {
  Seconds at{0};   // offset from the start
  std::string by;  // a player for team actions; anyone for note/rate/improvement
  PlayKind kind = PlayKind::Note;
  // open: the declared awareness (offset, at or before `at`); breach: the
  // awareness of the personal-data breach.
  std::optional<Seconds> awareness;
  std::optional<bool> judgement;                     // assess: significant / not significant (absent: undetermined)
  std::string facts;                                 // assess: the facts the team used (JSON object text), optional
  std::vector<std::string> tags;                     // decide, evidence
  std::string decision, rationale;                   // decide
  std::vector<std::string> options, known, unknown;  // decide
  std::optional<incident::Confidence> confidence;    // decide
  std::optional<incident::SubmissionType> report;    // submit
  std::optional<incident::Recipient> to;             // submit
  std::string role;                                  // involve: the function brought in
  std::string text;                                  // note, improvement, evidence description
  std::string expectation;                           // rate
  std::optional<Rating> result;                      // rate
  bool after_end = false;                            // rate: made after a live exercise ended (evaluation)
  std::string owner;                                 // improvement: a person or role
  std::optional<Date> due;                           // improvement
  std::vector<std::string> requirements;             // improvement: NIS2 requirement ids / IR Annex points
  std::size_t index = 0;                             // position in the input (errors, stable order)
};

struct Play {
  std::optional<Instant> started_at;  // overrides the scenario's start
  // A live exercise's end (exercise time); nullopt: played to the scenario's
  // duration (a tabletop play, whose JSON has no end).
  std::optional<Seconds> ended_at;
  std::vector<Player> players;
  std::vector<PlayAction> actions;  // sorted by `at` (stable)

  const Player* find_player(std::string_view name) const;
};

// Reads a play strictly (core/json_input: unknown fields, duplicate keys,
// limits). Errors name "file: actions[3].field". Checked here: players' roles,
// team actions by someone who is not a player, the fields each action needs,
// an open whose awareness is later than the open itself.
Result<Play> parse_play(std::string_view text, std::string_view file);

}  // namespace vigil::exercise
