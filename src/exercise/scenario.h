// An exercise scenario: what happens to the team and when (injects), what a
// good response looks like (expectations grouped under objectives) and which
// NIS2 requirements a good result evidences. The vocabulary is HSEEP's
// (objectives, injects, expectations, P/S/M/U ratings); the clock is NIS2
// Art. 23(4)'s, computed by incident/deadlines from the awareness the team
// declares. Scenarios are TOML (docs/EXERCISES.md,
// docs/exercise-scenario.schema.json); parsing is pure: the caller supplies
// the text and the file name, and the time-zone lookup.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "core/error.h"
#include "core/time.h"
#include "exercise/duration.h"
#include "incident/clock_input.h"
#include "incident/deadlines.h"
#include "incident/incident.h"

namespace vigil::exercise {

// What a team does, as the play records it and an expectation asks for it.
enum class Action { Open, Assess, Decide, Evidence, Submit, Breach, Involve, Custom };
std::string_view to_string(Action action);  // "open", "assess", ...
Result<Action> parse_action(std::string_view text, std::string_view where);

// The functions that receive injects and act in a play. "all" is accepted as
// an inject addressee only.
std::span<const std::string_view> roles();  // "it", "security", "legal", ...
Result<void> check_role(std::string_view role, std::string_view where);

// The regulatory deadline an expectation may be due by (`by`), computed by
// incident::compute_deadlines from the team's declared awareness.
enum class RegulatoryDue {
  EarlyWarning,  // "early_warning_due": Art. 23(4)(a)
  Notification,  // "notification_due": Art. 23(4)(b), 24 h for trust services
  FinalReport,   // "final_report_due": Art. 23(4)(d), one month after the notification
  GdprBreach,    // "gdpr_breach_due": GDPR Art. 33(1), 72 h from breach awareness
};
std::string_view to_string(RegulatoryDue due);
Result<RegulatoryDue> parse_regulatory_due(std::string_view text, std::string_view where);
std::string_view legal_reference(RegulatoryDue due);  // "Art. 23(4)(a)", "GDPR Art. 33(1)"

// Whether `reference` is what an objective may evidence and an improvement
// item serve: a NIS2 requirement id of the catalog ("rep.early_warning") or an
// IR 2024/2690 Annex point written "IR 2024/2690 3.5.5".
bool is_requirement_reference(std::string_view reference);

struct Objective {
  std::string id;
  std::string title;
  // NIS2 requirement ids of the catalog ("rep.early_warning") or IR 2024/2690
  // Annex points written "IR 2024/2690 3.5.5".
  std::vector<std::string> evidences;
  int line = 0;  // of its id
};

struct Inject {
  std::string id;
  Seconds at{0};                // offset from the exercise start
  std::string channel;          // siem, email, phone, supplier, press, authority, ...
  std::vector<std::string> to;  // roles, or "all"
  std::string title;            // optional one-line summary
  std::string text;
  // Significance inputs that become known at this moment: a JSON object text
  // with the field names of `vigil significance` (no entity_type), "" when none.
  std::string facts;
  bool awareness = false;  // the reference moment of awareness
  int line = 0;            // of its id
};

// The significance verdict on the facts known at one moment (every inject's
// facts up to and including that inject, merged in order), from
// incident::assess_significance: it shows how the verdict moves over time.
struct SignificanceStep {
  Seconds at{0};
  std::string inject;
  std::optional<bool> significant;  // nullopt: undetermined, or a judgement (not covered)
  bool covered_by_ir_2024_2690 = false;
  std::vector<std::string> criteria;
  std::vector<std::string> facts_to_establish;
};

struct Expectation {
  std::string id;
  std::string objective;
  Action action = Action::Custom;
  std::string title;                               // what good looks like (optional)
  std::optional<incident::SubmissionType> report;  // submit
  std::string tag;                                 // decide (required), evidence (optional)
  std::string role;                                // involve
  std::optional<bool> judgement;                   // assess (optional): the conclusion expected
  // The window: `after` (an inject id or "awareness") + `within`, or `by`.
  std::string after;
  std::optional<Seconds> within;
  std::optional<RegulatoryDue> by;
  int line = 0;        // of its id
  int after_line = 0;  // of `after`
};
// The expectation in a few words for a report: its title, or else its action
// with the report, tag or role it names ("submit early-warning").
std::string describe(const Expectation& e);

// How many items a scenario may hold: far above any real exercise (the
// bundled ones hold 8 to 20 injects), low enough that reading and checking one
// stays well under a second. More is an error naming the table.
inline constexpr std::size_t kMaxObjectives = 500;
inline constexpr std::size_t kMaxInjects = 5'000;
inline constexpr std::size_t kMaxExpectations = 5'000;

struct Scenario {
  std::string id;
  std::string title;
  std::string description;
  std::string entity_type;
  // The supplier whose incident the scenario plays (a supplier's
  // incident affects the entity without it being breached): an id of the
  // organisation's supplier register, and its name for people; empty when
  // the scenario names none. `vigil exercise validate --register` checks it.
  std::string supplier;
  std::string supplier_name;
  int supplier_line = 0;
  std::string timezone;
  const date::time_zone* zone = nullptr;
  Instant start{};  // when the scenario's clock starts by default
  Seconds duration{0};
  // Whether the incident impacts a trust service (24-hour notification,
  // Art. 23(4) second subparagraph); default: the entity type is a trust
  // service provider.
  bool trust_service_incident = false;
  incident::Convention convention = incident::Convention::ElapsedTime;
  std::vector<Objective> objectives;
  std::vector<Inject> injects;  // in `at` order (stable)
  std::vector<Expectation> expectations;
  std::vector<SignificanceStep> significance;  // one per inject carrying facts
  std::string source;                          // the file name errors name

  const Inject* find_inject(std::string_view inject_id) const;
  const Objective* find_objective(std::string_view objective_id) const;
  const Expectation* find_expectation(std::string_view expectation_id) const;
  const Inject* awareness_inject() const;  // nullptr when none is marked
};

// Reads a TOML scenario. Every error names "file:line: field" and says what
// would be valid; all errors of the file are reported together. Checked:
// unknown keys, duplicate ids, an entity type not in the catalog, a time zone
// that does not exist (`locate` returns nullptr), bad durations, injects
// after the end, an `after` naming no inject, an expectation without a window
// or with two, an unknown objective, action, report, role or deadline, facts
// `vigil significance` would refuse, more than one awareness inject.
Result<Scenario> parse_scenario(std::string_view text, std::string_view file, const incident::ZoneLocator& locate);

}  // namespace vigil::exercise
