// Live exercises (docs/EXERCISES.md, "Live exercises"): the scenario as
// played, its simulated clock and one hash-chained log per exercise of what
// the facilitator and observers recorded (clock changes, ad-hoc injects,
// notes, ratings). The team's actions are on the exercise's own incident
// (Incident::exercise), in the incident store; that incident is never listed
// or counted with real ones (ListOptions::exercises).
//
// Entries are sealed exactly like an incident's (incident::seal: SHA-256 over
// {actor, at, incident, kind, org, payload, prev, seq} with "incident" the
// exercise id), so incident::verify_chain and the Python check of
// docs/INCIDENTS.md verify an exported exercise too. `at` is the wall-clock
// time of recording; each payload carries `exercise_time`, the offset on the
// exercise clock.
//
// Written once over sql::Database (SQLite and PostgreSQL); each write is one
// transaction under the organisation's row lock. The clock columns are plain
// numbers: exercise/sim_clock.h gives them meaning.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "core/time.h"
#include "incident/event_log.h"
#include "store/seal.h"
#include "store/sql.h"

namespace vigil::store {

// The clock state (exercise::SimClock's fields).
struct ExerciseClock {
  std::int64_t speed = 1;
  Instant origin{};  // exercise time zero
  std::int64_t duration_s = 0;
  Instant anchor_wall{};
  std::int64_t anchor_elapsed_s = 0;
  std::string state = "running";  // running | paused | ended
  bool operator==(const ExerciseClock&) const = default;
};

struct ExerciseRecord {
  std::string org;
  std::string id;  // "EX-3"
  std::int64_t number = 0;
  std::string scenario_id;
  std::string scenario_source;  // the bundled file ("data/scenarios/x.toml") or the user's file name
  bool bundled = false;
  std::string scenario_sha256;  // of scenario_text
  std::string scenario_text;    // the TOML as played
  ExerciseClock clock;
  std::string started_by;
  Instant started_at{};  // wall clock
  std::int64_t event_count = 0;
  std::string head_hash;
  std::string incident_id;  // the exercise's incident once the team opened it, "" before
};

struct NewExercise {
  std::string scenario_id, scenario_source, scenario_sha256, scenario_text;
  bool bundled = false;
  ExerciseClock clock;
  std::string started_by;
  Instant started_at{};
};

// One write: the entry to append and the clock after it (nullopt: unchanged).
struct ExerciseChange {
  incident::EventDraft entry;
  std::optional<ExerciseClock> clock;
};
// Builds the change from the exercise as it stands inside the write
// transaction; its error aborts the write.
using NextExerciseChange = std::function<Result<ExerciseChange>(const ExerciseRecord&)>;

class ExerciseStore {
 public:
  virtual ~ExerciseStore() = default;
  // Allocates EX-n (per organisation) and records `started` as entry 1.
  // NotFound when the organisation does not exist.
  virtual Result<ExerciseRecord> start(std::string_view org, const NewExercise& exercise,
                                       const incident::EventDraft& started) = 0;
  virtual Result<ExerciseRecord> append(std::string_view org, std::string_view exercise_id,
                                        const NextExerciseChange& next) = 0;
  // NotFound (naming the id) when unknown.
  virtual Result<ExerciseRecord> load(std::string_view org, std::string_view exercise_id) = 0;
  // Newest first.
  virtual Result<std::vector<ExerciseRecord>> list(std::string_view org) = 0;
  virtual Result<std::vector<incident::Event>> entries(std::string_view org, std::string_view exercise_id) = 0;
  // The exercise an incident is played in (nullopt for a real incident or an unknown id).
  virtual Result<std::optional<std::string>> exercise_of_incident(std::string_view org,
                                                                  std::string_view incident_id) = 0;
};

std::unique_ptr<ExerciseStore> exercise_repository(std::unique_ptr<sql::Database> db);
// open_sql + exercise_repository.
Result<std::unique_ptr<ExerciseStore>> open_exercises(const std::string& location, SealerRef sealer = nullptr);

// `vigil audit verify` and GET .../audit/verify over the exercises of one
// organisation: each exercise's log re-walked (incident::verify_chain: numbering,
// links, canonical payloads, recomputed hashes), its row's entry count and
// chain head against the log, and the scenario text as played against the
// SHA-256 its row and its `started` entry recorded.
struct ExerciseAuditFinding {
  std::string exercise_id;
  std::int64_t seq = 0;  // the first entry that does not match; 0 when about the row
  std::string reason;
};
struct ExerciseTrailVerification {
  std::int64_t exercises = 0;
  std::int64_t entries = 0;
  std::vector<ExerciseAuditFinding> findings;
  std::vector<ChainHeadAt> heads;  // where each exercise's log ends
  bool intact() const { return findings.empty(); }
};
Result<ExerciseTrailVerification> verify_exercises(ExerciseStore& store, std::string_view org);
// {"intact", "exercises", "entries", "findings": [{"exercise", "seq", "reason"}]}
nlohmann::json to_json(const ExerciseTrailVerification& report);

// The chain whose seal holds the head of an exercise's log.
ChainId exercise_chain(std::string_view org, std::string_view exercise_id);

// "EX-7" <-> 7; errors name `where` and show the expected form.
std::string exercise_id(std::int64_t number);
Result<std::int64_t> parse_exercise_id(std::string_view text, std::string_view where);

}  // namespace vigil::store
