// Is an incident "significant" (Art. 23(3) of Directive (EU) 2022/2555)? For
// the 11 entity types of Implementing Regulation (EU) 2024/2690 the regulation's
// Arts 3-14 decide with numbers; for every other type the answer is a judgement,
// so Vigil returns no verdict but the Art. 23(3) questions to answer.
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

// What is known about the incident's impact. Counts are whole numbers; an
// absent count is 0, an absent flag false. Field names follow the JSON input.
struct Impact {
  std::string entity_type;  // an id of the catalog's entity types
  std::optional<std::int64_t> users_eu_total;
  std::optional<Cents> annual_turnover_prev_fy;
  Cents direct_financial_loss;
  bool trade_secret_exfiltration = false;
  bool death = false;
  bool considerable_health_damage = false;
  bool malicious_unauthorised_access_capable_of_severe_disruption = false;
  std::int64_t complete_unavailability_minutes = 0;
  std::int64_t users_affected_complete = 0;
  std::int64_t limited_availability_minutes = 0;
  std::int64_t users_affected_limited = 0;
  // Average DNS response time in milliseconds (input: avg_response_time_s).
  std::int64_t avg_response_time_ms = 0;
  std::int64_t slow_response_minutes = 0;
  bool data_compromise = false;
  bool data_compromise_malicious = false;
  std::int64_t data_compromise_users_affected = 0;
  bool authoritative_data_compromise = false;
  bool cause_misconfiguration = false;
  std::int64_t domains_incorrect = 0;
  std::int64_t domains_managed = 0;
  bool tld_technical_data_compromise = false;
  bool physical_access_compromised = false;
  std::vector<WeekUnavailability> unavailability_per_calendar_week;
  bool scheduled_maintenance = false;
  std::vector<PastIncident> recurring;  // the series, the current incident included
};

struct Significance {
  // true/false under IR 2024/2690; nullopt when the entity type is not covered.
  std::optional<bool> significant;
  bool covered_by_ir_2024_2690 = false;
  // Every criterion met, in the regulation's order: "Art. 3(1)(a)", "Art. 4", "Art. 7(a)".
  std::vector<std::string> criteria;
  // One line per criterion met (and per exclusion), with the numbers compared.
  std::vector<std::string> explanation;
  // Art. 23(3) questions, only when the type is not covered.
  std::vector<std::string> questions;
};

// The verdict alone, without the explanation text (criteria are static
// references): for re-evaluating many incidents at once. Same rules, same
// errors as assess_significance.
struct SignificanceVerdict {
  std::optional<bool> significant;
  bool covered_by_ir_2024_2690 = false;
  std::array<std::string_view, 16> criteria{};
  std::size_t criteria_count = 0;
};
Result<SignificanceVerdict> decide_significance(const Impact& impact);

// Errors: an entity type unknown to the catalog (with suggestions), and
// inconsistent numbers (affected users above the total, a user percentage that
// cannot be checked without users_eu_total, ...), each naming its field.
Result<Significance> assess_significance(const Impact& impact);

// An error naming "entity_type" (with the nearest known ids) unless the id is
// one of the catalog's entity types.
Result<void> check_entity_type(std::string_view id);

// The IR Art. 3(1)(a) threshold: the lower of EUR 500 000 and 5 % of the
// preceding financial year's turnover (EUR 500 000 when the turnover is unknown).
// "More than" the threshold is significant; compare exactly with exceeds_loss_threshold.
bool exceeds_loss_threshold(Cents loss, std::optional<Cents> annual_turnover_prev_fy);

// "more than `percent_thousandths`/1000 % of `total`, or more than `absolute`,
// whichever number is smaller", in exact integer arithmetic. 5 % = 5000.
bool exceeds_smaller_of(std::int64_t affected, std::int64_t total, std::int64_t percent_thousandths,
                        std::int64_t absolute);

// Parses "2025-W20" (validating that the week exists in that ISO year).
Result<WeekUnavailability> parse_iso_week(std::string_view text, std::string_view where);

}  // namespace vigil::incident
