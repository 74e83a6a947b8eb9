// Is an incident "significant" (Art. 23(3) of Directive (EU) 2022/2555)? For
// the 11 entity types of Implementing Regulation (EU) 2024/2690 the regulation's
// Arts 3-14 decide with numbers; for every other type the answer is a judgement,
// so Vigil returns no verdict but the Art. 23(3) questions to answer.
//
// Unknown is not no: a fact absent from the input is unknown, and 0 or false
// means "known: none". Each criterion is met, not met or undetermined (with the
// facts that would decide it); the verdict is "significant" when any criterion
// is met, "not significant" only when every one is known not to be met, and
// otherwise undetermined, with the facts still to establish.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/money.h"
#include "core/time.h"

namespace vigil::incident {

// One earlier (or the current) incident of a series, for IR Art. 4.
struct PastIncident {
  Date date;
  std::string root_cause;
  Cents direct_financial_loss;
};

// ISO week "2025-W20" -> minutes of unavailability in it (IR Art. 14(b)).
struct WeekUnavailability {
  int iso_year = 0;
  int iso_week = 0;  // 1..52 or 53
  std::int64_t minutes = 0;
};

// What is known about the incident's impact. nullopt: not known (absent from
// the input, or null); 0, false or an empty list: known to be none. Field
// names follow the JSON input.
struct Impact {
  std::string entity_type;  // an id of the catalog's entity types
  std::optional<std::int64_t> users_eu_total;
  std::optional<Cents> annual_turnover_prev_fy;
  std::optional<Cents> direct_financial_loss;
  std::optional<bool> trade_secret_exfiltration;
  std::optional<bool> death;
  std::optional<bool> considerable_health_damage;
  std::optional<bool> malicious_unauthorised_access_capable_of_severe_disruption;
  std::optional<std::int64_t> complete_unavailability_minutes;
  std::optional<std::int64_t> users_affected_complete;
  std::optional<std::int64_t> limited_availability_minutes;
  std::optional<std::int64_t> users_affected_limited;
  // Average DNS response time in milliseconds (input: avg_response_time_s).
  std::optional<std::int64_t> avg_response_time_ms;
  std::optional<std::int64_t> slow_response_minutes;
  std::optional<bool> data_compromise;
  std::optional<bool> data_compromise_malicious;
  std::optional<std::int64_t> data_compromise_users_affected;
  std::optional<bool> authoritative_data_compromise;
  std::optional<bool> cause_misconfiguration;
  std::optional<std::int64_t> domains_incorrect;
  std::optional<std::int64_t> domains_managed;
  std::optional<bool> tld_technical_data_compromise;
  std::optional<bool> physical_access_compromised;
  std::optional<std::vector<WeekUnavailability>> unavailability_per_calendar_week;
  std::optional<bool> scheduled_maintenance;
  std::optional<std::vector<PastIncident>> recurring;  // the series, the current incident included
};

// An impact of `entity_type` with every fact known to be none (no loss, no
// users affected, no earlier incident, ...): the starting point of a test or
// of a caller that fills in what happened.
Impact known_none(std::string entity_type);

// A criterion the rules cannot decide on the facts given, and the input
// fields that would decide it (in input order).
struct UndeterminedCriterion {
  std::string criterion;             // "Art. 7(b)"
  std::vector<std::string> missing;  // "users_affected_limited", "users_eu_total"
  bool operator==(const UndeterminedCriterion&) const = default;
};

struct Significance {
  // true: a criterion is met; false: every criterion is known not to be met
  // (or Art. 3(2) excludes the incident); nullopt: undetermined (see
  // `undetermined`) or, when not covered, a judgement under Art. 23(3).
  std::optional<bool> significant;
  bool covered_by_ir_2024_2690 = false;
  // Every criterion met, in the regulation's order: "Art. 3(1)(a)", "Art. 4", "Art. 7(a)".
  std::vector<std::string> criteria;
  // When the verdict is undetermined: the criteria that keep it open, in the
  // regulation's order, each with the facts it still needs.
  std::vector<UndeterminedCriterion> undetermined;
  // Every fact of `undetermined`, once each, in input order.
  std::vector<std::string> facts_to_establish;
  // One line per criterion met (and per exclusion), with the numbers compared;
  // then, when undetermined, one per criterion still open.
  std::vector<std::string> explanation;
  // Art. 23(3) questions, only when the type is not covered.
  std::vector<std::string> questions;

  bool is_undetermined() const { return covered_by_ir_2024_2690 && !significant; }
};

// Every fact the criteria need, once each, in the order of the JSON input.
std::vector<std::string> facts_to_establish(const std::vector<UndeterminedCriterion>& undetermined);

// The verdict alone, without the explanation text (criteria are static
// references): for re-evaluating many incidents at once. Same rules, same
// errors as assess_significance.
struct SignificanceVerdict {
  std::optional<bool> significant;  // nullopt: undetermined, or not covered
  bool covered_by_ir_2024_2690 = false;
  std::array<std::string_view, 16> criteria{};
  std::size_t criteria_count = 0;
  std::size_t undetermined_count = 0;  // criteria still open (only when no criterion is met)
};
Result<SignificanceVerdict> decide_significance(const Impact& impact);

// Errors: an entity type unknown to the catalog (with suggestions), and
// inconsistent facts (affected users above the total, a malicious data
// compromise while data_compromise is false, ...), each naming its field.
// A fact that is merely unknown is never an error: it leaves its criteria
// undetermined.
Result<Significance> assess_significance(const Impact& impact);

// An error naming "entity_type" (with the nearest known ids) unless the id is
// one of the catalog's entity types.
Result<void> check_entity_type(std::string_view id);

// IR Art. 3(1)(a): is the loss more than the lower of EUR 500 000 and 5 % of
// the preceding financial year's turnover? Compared exactly. nullopt when the
// answer depends on a turnover that is not known (a loss above 0 and at most
// EUR 500 000).
std::optional<bool> exceeds_loss_threshold(Cents loss, std::optional<Cents> annual_turnover_prev_fy);

// "more than `percent_thousandths`/1000 % of `total`, or more than `absolute`,
// whichever number is smaller", in exact integer arithmetic. 5 % = 5000.
bool exceeds_smaller_of(std::int64_t affected, std::int64_t total, std::int64_t percent_thousandths,
                        std::int64_t absolute);

// Parses "2025-W20" (validating that the week exists in that ISO year).
Result<WeekUnavailability> parse_iso_week(std::string_view text, std::string_view where);

}  // namespace vigil::incident
