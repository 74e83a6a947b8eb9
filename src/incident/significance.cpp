#include "incident/significance.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "catalog/catalog.h"
#include "core/errors.h"
#include "core/text.h"

namespace vigil::incident {
namespace {

using Wide = __int128;  // products of two 64-bit counts or amounts cannot overflow it

// Which article of IR 2024/2690 (Arts 5-14) holds the entity-specific
// thresholds of each covered entity type (IR Art. 1 lists the types).
struct CoveredType {
  std::string_view entity_type;
  int article;
};
constexpr CoveredType kCoveredTypes[] = {
    {"digital_infrastructure.dns_service_provider", 5},
    {"digital_infrastructure.tld_name_registry", 6},
    {"digital_infrastructure.cloud_computing_service_provider", 7},
    {"digital_infrastructure.data_centre_service_provider", 8},
    {"digital_infrastructure.content_delivery_network_provider", 9},
    {"ict_service_management.managed_service_provider", 10},
    {"ict_service_management.managed_security_service_provider", 10},
    {"digital_providers.online_marketplace", 11},
    {"digital_providers.online_search_engine", 12},
    {"digital_providers.social_networking_platform", 13},
    {"digital_infrastructure.trust_service_provider", 14},
};

int article_for(std::string_view entity_type) {
  for (const auto& covered : kCoveredTypes) {
    if (covered.entity_type == entity_type) return covered.article;
  }
  return 0;
}

// The input fields in the order of the JSON input (impact_input.cpp), so the
// facts to establish are listed the same way every time.
constexpr std::string_view kFactOrder[] = {
    "users_eu_total",
    "annual_turnover_prev_fy_eur",
    "direct_financial_loss_eur",
    "trade_secret_exfiltration",
    "death",
    "considerable_health_damage",
    "malicious_unauthorised_access_capable_of_severe_disruption",
    "complete_unavailability_minutes",
    "users_affected_complete",
    "limited_availability_minutes",
    "users_affected_limited",
    "avg_response_time_s",
    "slow_response_minutes",
    "data_compromise",
    "data_compromise_malicious",
    "data_compromise_users_affected",
    "authoritative_data_compromise",
    "cause_misconfiguration",
    "domains_incorrect",
    "domains_managed",
    "tld_technical_data_compromise",
    "physical_access_compromised",
    "unavailability_minutes_per_calendar_week",
    "scheduled_maintenance",
    "recurring",
};

std::size_t fact_rank(std::string_view field) {
  for (std::size_t i = 0; i < std::size(kFactOrder); ++i) {
    if (kFactOrder[i] == field) return i;
  }
  return std::size(kFactOrder);
}

// What the facts say about one condition of a criterion: yes, no, or not
// known yet, with the input fields that would settle it. Conditions combine
// in three-valued logic: "a and b" is no as soon as one is no, yes only when
// both are yes; "a or b" is yes as soon as one is yes, no only when both are no.
struct Tri {
  enum State : std::uint8_t { No, Yes, Unknown };
  State state = No;
  std::array<std::string_view, 8> missing{};
  std::size_t count = 0;

  static Tri of(bool value) { return Tri{value ? Yes : No, {}, 0}; }
  static Tri unknown(std::string_view field) {
    Tri t{Unknown, {}, 0};
    t.need(field);
    return t;
  }
  void need(std::string_view field) {
    for (std::size_t i = 0; i < count; ++i) {
      if (missing[i] == field) return;
    }
    if (count < missing.size()) missing[count++] = field;
  }
  void need_all(const Tri& other) {
    for (std::size_t i = 0; i < other.count; ++i) need(other.missing[i]);
  }
  bool yes() const { return state == Yes; }
  bool no() const { return state == No; }
};

Tri operator&&(const Tri& a, const Tri& b) {
  if (a.no() || b.no()) return Tri::of(false);
  if (a.yes() && b.yes()) return Tri::of(true);
  Tri out{Tri::Unknown, {}, 0};
  out.need_all(a);
  out.need_all(b);
  return out;
}

Tri operator!(const Tri& a) {
  if (a.state == Tri::Unknown) return a;
  return Tri::of(a.no());
}

// De Morgan's law holds in three-valued logic too (and keeps the fields
// needed, in the same order).
Tri operator||(const Tri& a, const Tri& b) { return !(!a && !b); }

Tri flag(const std::optional<bool>& value, std::string_view field) {
  return value ? Tri::of(*value) : Tri::unknown(field);
}

// "more than `limit`" (IR 2024/2690's thresholds are all strict).
Tri above(const std::optional<std::int64_t>& value, std::int64_t limit, std::string_view field) {
  return value ? Tri::of(*value > limit) : Tri::unknown(field);
}

// "1 000 000": counts grouped by thousands, as people read them.
std::string group(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') out += ' ';
    out += digits[i];
  }
  return out;
}

std::string given(const std::optional<std::int64_t>& n) { return n ? group(*n) : std::string("not given"); }

constexpr Cents kLossCap = euros(500'000);  // IR Art. 3(1)(a)

// The Art. 3(1)(a) threshold in cents, for the explanation: min(500 000, 5 %).
Cents loss_threshold(std::optional<Cents> turnover) {
  if (!turnover) return kLossCap;
  Wide five_percent = Wide(turnover->value) * 5 / 100;  // shown only; compared exactly below
  return five_percent < kLossCap.value ? Cents{static_cast<std::int64_t>(five_percent)} : kLossCap;
}

// Art. 3(1)(a) as a condition: the loss is known; whether it is above the
// threshold may still depend on the turnover.
Tri loss_above_threshold(Cents loss, const Impact& impact) {
  auto above = exceeds_loss_threshold(loss, impact.annual_turnover_prev_fy);
  return above ? Tri::of(*above) : Tri::unknown("annual_turnover_prev_fy_eur");
}

std::string users_rule(std::int64_t percent_thousandths, std::int64_t absolute) {
  // 5000 -> "5", 1000 -> "1", 100 -> "0.1" (the percentages of Arts 7-14).
  std::string percent = percent_thousandths % 1000 == 0
                            ? fmt::format("{}", percent_thousandths / 1000)
                            : fmt::format("{}.{}", percent_thousandths / 1000, (percent_thousandths % 1000) / 100);
  return fmt::format("more than {} % of the users in the Union or more than {}, whichever is smaller", percent,
                     group(absolute));
}

// Is `affected` (the value of `field`) above the smaller of the percentage of
// the users in the Union and the absolute number? The total matters only
// between 1 and the absolute number.
Tri users_above(const Impact& impact, const std::optional<std::int64_t>& affected, std::string_view field,
                std::int64_t percent_thousandths, std::int64_t absolute) {
  if (!affected) return Tri::unknown(field);
  if (*affected > absolute) return Tri::of(true);  // above the absolute number: above the smaller one too
  if (*affected == 0) return Tri::of(false);
  if (!impact.users_eu_total) return Tri::unknown("users_eu_total");
  return Tri::of(exceeds_smaller_of(*affected, *impact.users_eu_total, percent_thousandths, absolute));
}

std::string users_why(std::string_view what, std::int64_t affected, const Impact& impact,
                      std::int64_t percent_thousandths, std::int64_t absolute) {
  return fmt::format("{} {} users, {} (users in the Union: {})", what, group(affected),
                     users_rule(percent_thousandths, absolute), given(impact.users_eu_total));
}

// Data compromised as a result of a suspectedly malicious action (Arts 7(c),
// 8(c), 9(c), 10(c), 11(c)-13(c)). Known not met when no data was compromised.
Tri malicious_compromise(const Impact& i) {
  if (i.data_compromise_malicious) return Tri::of(*i.data_compromise_malicious);
  if (i.data_compromise == false) return Tri::of(false);
  Tri out = Tri::unknown("data_compromise_malicious");
  if (!i.data_compromise) out.need("data_compromise");
  return out;
}

// A data compromise impacting more users than the threshold (Arts 7(d),
// 9(d)-13(d), 14(e)). Known not met when no data was compromised.
Tri compromise_users_above(const Impact& i, std::int64_t percent_thousandths, std::int64_t absolute) {
  if (i.data_compromise == false) return Tri::of(false);
  Tri out =
      users_above(i, i.data_compromise_users_affected, "data_compromise_users_affected", percent_thousandths, absolute);
  if (out.state == Tri::Unknown && !i.data_compromise && !i.data_compromise_users_affected) out.need("data_compromise");
  return out;
}

// Collects, in the regulation's order, the criteria met and those still open,
// and (only when asked) the explanation of each: the text costs far more than
// the rule.
struct Verdict {
  bool explain = true;
  std::array<std::string_view, 16> criteria{};
  std::size_t count = 0;
  std::vector<std::string> explanation;  // one per criterion met
  std::vector<UndeterminedCriterion> undetermined;
  std::size_t undetermined_count = 0;

  template <class Why>
  void met(std::string_view criterion, Why&& why) {
    if (count < criteria.size()) criteria[count++] = criterion;
    if (!explain) return;
    std::string line = "IR 2024/2690 ";
    line += criterion;
    line += ": ";
    line += why();
    explanation.push_back(std::move(line));
  }
  void open(std::string_view criterion, const Tri& t) {
    ++undetermined_count;
    if (!explain) return;
    UndeterminedCriterion u{std::string(criterion), {}};
    for (std::size_t i = 0; i < t.count; ++i) u.missing.emplace_back(t.missing[i]);
    std::sort(u.missing.begin(), u.missing.end(),
              [](const std::string& a, const std::string& b) { return fact_rank(a) < fact_rank(b); });
    undetermined.push_back(std::move(u));
  }
  // The criterion is met, not met or undetermined as `t` says.
  template <class Why>
  void decide(std::string_view criterion, const Tri& t, Why&& why) {
    if (t.yes()) met(criterion, std::forward<Why>(why));
    else if (t.state == Tri::Unknown) open(criterion, t);
  }
};

// "Art. 5(a)" .. "Art. 14(e)" as static text, so a criterion costs no allocation.
constexpr std::string_view kSpecificRefs[10][5] = {
    {"Art. 5(a)", "Art. 5(b)", "Art. 5(c)", "Art. 5(d)", "Art. 5(e)"},
    {"Art. 6(a)", "Art. 6(b)", "Art. 6(c)", "Art. 6(d)", "Art. 6(e)"},
    {"Art. 7(a)", "Art. 7(b)", "Art. 7(c)", "Art. 7(d)", "Art. 7(e)"},
    {"Art. 8(a)", "Art. 8(b)", "Art. 8(c)", "Art. 8(d)", "Art. 8(e)"},
    {"Art. 9(a)", "Art. 9(b)", "Art. 9(c)", "Art. 9(d)", "Art. 9(e)"},
    {"Art. 10(a)", "Art. 10(b)", "Art. 10(c)", "Art. 10(d)", "Art. 10(e)"},
    {"Art. 11(a)", "Art. 11(b)", "Art. 11(c)", "Art. 11(d)", "Art. 11(e)"},
    {"Art. 12(a)", "Art. 12(b)", "Art. 12(c)", "Art. 12(d)", "Art. 12(e)"},
    {"Art. 13(a)", "Art. 13(b)", "Art. 13(c)", "Art. 13(d)", "Art. 13(e)"},
    {"Art. 14(a)", "Art. 14(b)", "Art. 14(c)", "Art. 14(d)", "Art. 14(e)"},
};

void check_general(const Impact& impact, Verdict& v) {
  // Art. 3(1)(a): direct financial loss above the lower of EUR 500 000 and 5 %
  // of the preceding financial year's turnover.
  Tri loss = impact.direct_financial_loss ? loss_above_threshold(*impact.direct_financial_loss, impact)
                                          : Tri::unknown("direct_financial_loss_eur");
  v.decide("Art. 3(1)(a)", loss, [&] {
    return fmt::format(
        "direct financial loss {} is more than {} (the lower of EUR 500 000 and 5 % of the preceding "
        "financial year's turnover{})",
        format_euros(*impact.direct_financial_loss), format_euros(loss_threshold(impact.annual_turnover_prev_fy)),
        impact.annual_turnover_prev_fy ? fmt::format(" {}", format_euros(*impact.annual_turnover_prev_fy))
                                       : std::string(", not given"));
  });
  // Art. 3(1)(b)-(e).
  v.decide("Art. 3(1)(b)", flag(impact.trade_secret_exfiltration, "trade_secret_exfiltration"),
           [] { return std::string("exfiltration of trade secrets (Directive (EU) 2016/943 Art. 2(1))"); });
  v.decide("Art. 3(1)(c)", flag(impact.death, "death"),
           [] { return std::string("caused or capable of causing the death of a natural person"); });
  v.decide("Art. 3(1)(d)", flag(impact.considerable_health_damage, "considerable_health_damage"),
           [] { return std::string("caused or capable of causing considerable damage to a natural person's health"); });
  v.decide("Art. 3(1)(e)",
           flag(impact.malicious_unauthorised_access_capable_of_severe_disruption,
                "malicious_unauthorised_access_capable_of_severe_disruption"),
           [] {
             return std::string(
                 "successful, suspectedly malicious and unauthorised access to network and information "
                 "systems, capable of causing severe operational disruption");
           });
}

// Art. 4: incidents of one series (the current one included) that occurred at
// least twice within six months, share the apparent root cause and together
// meet Art. 3(1)(a). Reading: "within six months" means the last incident is
// no later than the same date six calendar months after the first (the last
// day of the month when that date does not exist).
bool same_cause(std::string_view a, std::string_view b) {
  a = trim(a);
  b = trim(b);
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(a[k])) != std::tolower(static_cast<unsigned char>(b[k]))) return false;
  }
  return true;
}

void check_recurring(const Impact& impact, Verdict& v) {
  // Whether earlier incidents share the root cause is a fact like any other:
  // without the series (an empty list says "none"), Art. 4 stays open.
  if (!impact.recurring) {
    v.open("Art. 4", Tri::unknown("recurring"));
    return;
  }
  if (impact.recurring->size() < 2) return;
  std::vector<const PastIncident*> series;
  series.reserve(impact.recurring->size());
  for (const auto& past : *impact.recurring) series.push_back(&past);
  std::stable_sort(series.begin(), series.end(),
                   [](const PastIncident* a, const PastIncident* b) { return a->date < b->date; });
  // Each incident in date order opens a six-month window; the incidents of
  // the same root cause inside it are summed.
  Tri open = Tri::of(false);
  for (std::size_t first = 0; first < series.size(); ++first) {
    Date limit = series[first]->date + date::months{6};
    if (!limit.ok()) limit = date::year_month_day_last{limit.year(), date::month_day_last{limit.month()}};
    Wide total = series[first]->direct_financial_loss.value;
    std::size_t count = 1, last = first;
    for (std::size_t next = first + 1; next < series.size() && series[next]->date <= limit; ++next) {
      if (!same_cause(series[next]->root_cause, series[first]->root_cause)) continue;
      total += series[next]->direct_financial_loss.value;
      ++count;
      last = next;
    }
    if (count < 2) continue;
    Cents sum{total > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(total)};
    Tri above = loss_above_threshold(sum, impact);
    if (above.yes()) {
      v.met("Art. 4", [&] {
        return fmt::format(
            "{} incidents with the same apparent root cause ('{}') between {} and {} "
            "(within six months) caused a direct financial loss of {} together, more "
            "than {} (Art. 3(1)(a))",
            count, trim(series[first]->root_cause), format_date(series[first]->date), format_date(series[last]->date),
            format_euros(sum), format_euros(loss_threshold(impact.annual_turnover_prev_fy)));
      });
      return;
    }
    open = open || above;
  }
  if (open.state == Tri::Unknown) v.open("Art. 4", open);
}

std::string minutes_why(std::string_view what, std::int64_t minutes, std::string_view limit) {
  return fmt::format("{} for {} minutes, more than {}", what, minutes, limit);
}

// Arts 5(b), 6(b): for more than one hour, an average response time above 10 s.
Tri slow_dns(const Impact& i) {
  return above(i.avg_response_time_ms, 10'000, "avg_response_time_s") &&
         above(i.slow_response_minutes, 60, "slow_response_minutes");
}
std::string slow_dns_why(const Impact& i) {
  return fmt::format("average response time {}.{:03} s (more than 10 s) for {} minutes (more than one hour)",
                     *i.avg_response_time_ms / 1000, *i.avg_response_time_ms % 1000, *i.slow_response_minutes);
}

// Art. 5(c)'s exception: a misconfiguration made the data of fewer than 1 000
// domain names incorrect, and no more than 1 % of those managed.
Tri misconfiguration_exception(const Impact& i) {
  Tri few = i.domains_incorrect ? Tri::of(*i.domains_incorrect < 1000) : Tri::unknown("domains_incorrect");
  Tri small_share = Tri::unknown("domains_managed");
  if (i.domains_incorrect && *i.domains_incorrect == 0) {
    small_share = Tri::of(true);
  } else if (i.domains_incorrect && i.domains_managed) {
    small_share = Tri::of(Wide(*i.domains_incorrect) * 100 <= Wide(*i.domains_managed));
  } else if (!i.domains_incorrect) {
    small_share.need("domains_incorrect");
  }
  return flag(i.cause_misconfiguration, "cause_misconfiguration") && few && small_share;
}

void check_specific(int article, const Impact& i, Verdict& v) {
  auto ref = [&](char point) { return kSpecificRefs[article - 5][point - 'a']; };
  auto complete_more_than = [&](std::int64_t limit) {
    return above(i.complete_unavailability_minutes, limit, "complete_unavailability_minutes");
  };
  auto malicious_why = [] { return std::string("data compromised as a result of a suspectedly malicious action"); };
  switch (article) {
    case 5: {  // DNS service providers
      v.decide(ref('a'), complete_more_than(30), [&] {
        return minutes_why("recursive or authoritative resolution completely unavailable",
                           *i.complete_unavailability_minutes, "30 minutes");
      });
      v.decide(ref('b'), slow_dns(i), [&] { return slow_dns_why(i); });
      Tri compromised = flag(i.authoritative_data_compromise, "authoritative_data_compromise");
      v.decide(ref('c'), compromised && !misconfiguration_exception(i), [&] {
        return i.cause_misconfiguration == true
                   ? fmt::format(
                         "data of the authoritative resolution compromised; the misconfiguration exception "
                         "does not apply ({} of {} domain names incorrect: it needs fewer than 1 000 and no "
                         "more than 1 %)",
                         given(i.domains_incorrect), given(i.domains_managed))
                   : std::string(
                         "integrity, confidentiality or authenticity of data of the authoritative resolution "
                         "compromised");
      });
      break;
    }
    case 6:  // TLD name registries
      v.decide(ref('a'), complete_more_than(0), [&] {
        return fmt::format("authoritative resolution completely unavailable ({} minutes; no minimum duration)",
                           *i.complete_unavailability_minutes);
      });
      v.decide(ref('b'), slow_dns(i), [&] { return slow_dns_why(i); });
      v.decide(ref('c'), flag(i.tld_technical_data_compromise, "tld_technical_data_compromise"),
               [] { return std::string("data related to the technical operation of the TLD compromised"); });
      break;
    case 7:
    case 9:
    case 10:  // cloud, CDN, managed (security) service providers
      v.decide(ref('a'), complete_more_than(30), [&] {
        return minutes_why("service completely unavailable", *i.complete_unavailability_minutes, "30 minutes");
      });
      v.decide(ref('b'),
               above(i.limited_availability_minutes, 60, "limited_availability_minutes") &&
                   users_above(i, i.users_affected_limited, "users_affected_limited", 5000, 1'000'000),
               [&] {
                 return fmt::format("availability limited for {} minutes (more than one hour); {}",
                                    *i.limited_availability_minutes,
                                    users_why("impacting", *i.users_affected_limited, i, 5000, 1'000'000));
               });
      v.decide(ref('c'), malicious_compromise(i), malicious_why);
      v.decide(ref('d'), compromise_users_above(i, 5000, 1'000'000), [&] {
        return users_why("data compromise impacting", *i.data_compromise_users_affected, i, 5000, 1'000'000);
      });
      break;
    case 8:  // data centre service providers
      v.decide(ref('a'), complete_more_than(0), [&] {
        return fmt::format("data centre service completely unavailable ({} minutes; no minimum duration)",
                           *i.complete_unavailability_minutes);
      });
      v.decide(ref('b'), above(i.limited_availability_minutes, 60, "limited_availability_minutes"), [&] {
        return minutes_why("data centre service availability limited", *i.limited_availability_minutes, "one hour");
      });
      v.decide(ref('c'), malicious_compromise(i), malicious_why);
      v.decide(ref('d'), flag(i.physical_access_compromised, "physical_access_compromised"),
               [] { return std::string("physical access to a data centre compromised"); });
      break;
    case 11:
    case 12:
    case 13:  // online marketplaces, search engines, social networks
      v.decide(ref('a'), users_above(i, i.users_affected_complete, "users_affected_complete", 5000, 1'000'000),
               [&] { return users_why("completely unavailable for", *i.users_affected_complete, i, 5000, 1'000'000); });
      v.decide(ref('b'), users_above(i, i.users_affected_limited, "users_affected_limited", 5000, 1'000'000), [&] {
        return users_why("limited availability impacting", *i.users_affected_limited, i, 5000, 1'000'000);
      });
      v.decide(ref('c'), malicious_compromise(i), malicious_why);
      v.decide(ref('d'), compromise_users_above(i, 5000, 1'000'000), [&] {
        return users_why("data compromise impacting", *i.data_compromise_users_affected, i, 5000, 1'000'000);
      });
      break;
    case 14: {  // trust service providers
      v.decide(ref('a'), complete_more_than(20), [&] {
        return minutes_why("trust service completely unavailable", *i.complete_unavailability_minutes, "20 minutes");
      });
      // 14(b): more than one hour within one calendar (ISO) week.
      const WeekUnavailability* long_week = nullptr;
      if (i.unavailability_per_calendar_week) {
        for (const auto& week : *i.unavailability_per_calendar_week) {
          if (week.minutes > 60) {
            long_week = &week;
            break;
          }
        }
      }
      v.decide(ref('b'),
               i.unavailability_per_calendar_week ? Tri::of(long_week != nullptr)
                                                  : Tri::unknown("unavailability_minutes_per_calendar_week"),
               [&] {
                 return fmt::format("unavailable for {} minutes in calendar week {}-W{:02}, more than one hour",
                                    long_week->minutes, long_week->iso_year, long_week->iso_week);
               });
      v.decide(ref('c'), users_above(i, i.users_affected_limited, "users_affected_limited", 1000, 200'000), [&] {
        return users_why("limited availability impacting", *i.users_affected_limited, i, 1000, 200'000);
      });
      v.decide(ref('d'), flag(i.physical_access_compromised, "physical_access_compromised"), [] {
        return std::string(
            "physical access to a restricted area holding network and information systems (trusted "
            "personnel only), or its protection, compromised");
      });
      v.decide(ref('e'), compromise_users_above(i, 100, 100),
               [&] { return users_why("data compromise impacting", *i.data_compromise_users_affected, i, 100, 100); });
      break;
    }
    default: break;
  }
}

// Facts that contradict each other are errors; facts that are merely unknown
// are not (they leave criteria undetermined).
void check_consistency(const Impact& i, Errors& errors) {
  auto error = [&](std::string field, std::string message) {
    errors.add(Error{ErrorCode::InvalidInput, std::move(field), std::move(message), {}});
  };
  if (i.users_eu_total) {
    const std::pair<std::string_view, const std::optional<std::int64_t>*> counts[] = {
        {"users_affected_complete", &i.users_affected_complete},
        {"users_affected_limited", &i.users_affected_limited},
        {"data_compromise_users_affected", &i.data_compromise_users_affected}};
    for (const auto& [field, value] : counts) {
      if (*value && **value > *i.users_eu_total) {
        error(std::string(field), fmt::format("{} is more than users_eu_total ({})", **value, *i.users_eu_total));
      }
    }
  }
  if (i.data_compromise == false && i.data_compromise_malicious == true) {
    error("data_compromise_malicious", "is true but data_compromise is false; set data_compromise to true");
  }
  if (i.data_compromise == false && i.data_compromise_users_affected.value_or(0) > 0) {
    error("data_compromise_users_affected", "is more than 0 but data_compromise is false; set data_compromise to true");
  }
  if (i.domains_incorrect && i.domains_managed && *i.domains_incorrect > *i.domains_managed) {
    error("domains_incorrect",
          fmt::format("{} is more than domains_managed ({})", *i.domains_incorrect, *i.domains_managed));
  }
}

}  // namespace

std::vector<std::string> facts_to_establish(const std::vector<UndeterminedCriterion>& undetermined) {
  std::vector<std::string> out;
  for (const auto& u : undetermined) {
    for (const auto& f : u.missing) {
      if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const std::string& a, const std::string& b) { return fact_rank(a) < fact_rank(b); });
  return out;
}

Impact known_none(std::string entity_type) {
  Impact i;
  i.entity_type = std::move(entity_type);
  i.direct_financial_loss = Cents{};
  i.trade_secret_exfiltration = i.death = i.considerable_health_damage = false;
  i.malicious_unauthorised_access_capable_of_severe_disruption = false;
  i.complete_unavailability_minutes = i.users_affected_complete = 0;
  i.limited_availability_minutes = i.users_affected_limited = 0;
  i.avg_response_time_ms = i.slow_response_minutes = 0;
  i.data_compromise = i.data_compromise_malicious = false;
  i.data_compromise_users_affected = 0;
  i.authoritative_data_compromise = i.cause_misconfiguration = false;
  i.domains_incorrect = 0;
  i.tld_technical_data_compromise = i.physical_access_compromised = false;
  i.unavailability_per_calendar_week = std::vector<WeekUnavailability>{};
  i.scheduled_maintenance = false;
  i.recurring = std::vector<PastIncident>{};
  return i;
}

std::optional<bool> exceeds_loss_threshold(Cents loss, std::optional<Cents> turnover) {
  if (loss > kLossCap) return true;
  if (loss.value <= 0) return false;  // nothing lost is more than no threshold
  // More than 5 % of the turnover: loss * 100 > turnover * 5, i.e. loss * 20 > turnover.
  if (!turnover) return std::nullopt;
  return Wide(loss.value) * 20 > Wide(turnover->value);
}

bool exceeds_smaller_of(std::int64_t affected, std::int64_t total, std::int64_t percent_thousandths,
                        std::int64_t absolute) {
  // affected > total * p / 100 000, multiplied out so nothing is rounded.
  return affected > absolute || Wide(affected) * 100'000 > Wide(total) * percent_thousandths;
}

Result<WeekUnavailability> parse_iso_week(std::string_view text, std::string_view where) {
  auto bad = [&](std::string why) {
    return invalid(std::string(where),
                   fmt::format("'{}' is not an ISO week ({}); expected e.g. 2025-W20", excerpt(text), why));
  };
  if (text.size() != 8 || text[4] != '-' || text[5] != 'W') return bad("format YYYY-Www");
  int year = 0, week = 0;
  for (std::size_t k = 0; k < 8; ++k) {
    if (k == 4 || k == 5) continue;
    if (text[k] < '0' || text[k] > '9') return bad("digits expected");
    (k < 4 ? year : week) = (k < 4 ? year : week) * 10 + (text[k] - '0');
  }
  // An ISO year has 53 weeks when 28 December falls in week 53, i.e. when
  // 1 January is a Thursday, or a Wednesday in a leap year.
  date::weekday jan1{date::sys_days{date::year{year} / 1 / 1}};
  bool long_year = jan1 == date::Thursday || (jan1 == date::Wednesday && date::year{year}.is_leap());
  int weeks = long_year ? 53 : 52;
  if (week < 1 || week > weeks) return bad(fmt::format("{} has weeks 01 to {}", year, weeks));
  return WeekUnavailability{year, week, 0};
}

Result<void> check_entity_type(std::string_view id) {
  if (catalog::find_entity_type(id) != nullptr) return {};
  auto ids = catalog::entity_type_ids();
  auto near = nearest(id, ids, 3);
  return fail(ErrorCode::InvalidInput, "entity_type",
              fmt::format("'{}' is not a known entity type{}", excerpt(id),
                          near.empty() ? std::string("; see the entity types of the catalog")
                                       : fmt::format("; did you mean {}?", or_list(near))));
}

namespace {

// The rules themselves, shared by decide_significance (no text) and
// assess_significance (with the explanation). `article` is 0 for a type
// outside IR 2024/2690.
Result<Verdict> evaluate(const Impact& impact, int article, bool explain) {
  Errors errors;
  check_consistency(impact, errors);
  TRY(errors.result());
  Verdict verdict;
  verdict.explain = explain;
  if (article != 0) {
    check_general(impact, verdict);
    check_recurring(impact, verdict);
    check_specific(article, impact, verdict);
  }
  return verdict;
}

Result<int> covered_article(const Impact& impact) {
  const catalog::EntityType* type = catalog::find_entity_type(impact.entity_type);
  if (type == nullptr) return tl::unexpected(check_entity_type(impact.entity_type).error());
  if (!type->ir_2024_2690) return 0;
  int article = article_for(impact.entity_type);
  if (article == 0) {
    return fail(ErrorCode::Internal, "entity_type",
                fmt::format("'{}' is marked as covered by IR 2024/2690 but Vigil has no thresholds for it",
                            excerpt(impact.entity_type)));
  }
  return article;
}

// Art. 3(1): significant when one or more criteria are met; not significant
// only when none can be; otherwise undetermined. Art. 3(2): scheduled
// maintenance is never significant.
std::optional<bool> conclude(const Impact& impact, const Verdict& v) {
  if (impact.scheduled_maintenance == true) return false;
  if (v.count > 0) return true;
  if (v.undetermined_count > 0) return std::nullopt;
  return false;
}

}  // namespace

Result<SignificanceVerdict> decide_significance(const Impact& impact) {
  int article = TRY(covered_article(impact));
  Verdict verdict = TRY(evaluate(impact, article, false));
  SignificanceVerdict out;
  out.covered_by_ir_2024_2690 = article != 0;
  if (article == 0) return out;  // Art. 23(3): no verdict
  out.significant = conclude(impact, verdict);
  if (out.significant == true) {
    out.criteria = verdict.criteria;
    out.criteria_count = verdict.count;
  } else if (!out.significant) {
    out.undetermined_count = verdict.undetermined_count;
  }
  return out;
}

Result<Significance> assess_significance(const Impact& impact) {
  int article = TRY(covered_article(impact));
  Verdict verdict = TRY(evaluate(impact, article, true));
  Significance out;
  out.covered_by_ir_2024_2690 = article != 0;
  if (article == 0) {
    // Art. 23(3) of the Directive: a judgement for the entity, no thresholds.
    out.explanation.push_back(
        fmt::format("'{}' is not one of the entity types of IR 2024/2690 (Art. 1), so its thresholds do not "
                    "apply; whether the incident is significant is judged under Art. 23(3) of Directive (EU) "
                    "2022/2555: answer the questions",
                    excerpt(impact.entity_type)));
    out.questions = {
        "Art. 23(3)(a): has the incident caused, or is it capable of causing, severe operational "
        "disruption of the services or financial loss for the entity?",
        "Art. 23(3)(b): has the incident affected, or is it capable of affecting, other natural or "
        "legal persons by causing considerable material or non-material damage?"};
    return out;
  }
  out.significant = conclude(impact, verdict);
  if (impact.scheduled_maintenance == true) {
    // Art. 3(2): scheduled interruptions and planned consequences of scheduled
    // maintenance are not significant incidents.
    out.explanation.push_back(
        "IR 2024/2690 Art. 3(2): a scheduled interruption or planned consequence of scheduled "
        "maintenance is not a significant incident");
    for (const auto& line : verdict.explanation) out.explanation.push_back("(excluded by Art. 3(2)) " + line);
    return out;
  }
  out.criteria.assign(verdict.criteria.begin(), verdict.criteria.begin() + verdict.count);
  out.explanation = std::move(verdict.explanation);
  if (out.significant == true) {
    if (!impact.scheduled_maintenance) {
      out.explanation.push_back(
          "IR 2024/2690 Art. 3(2) not applied: scheduled_maintenance is not given (a scheduled interruption or "
          "planned consequence of scheduled maintenance would not be a significant incident)");
    }
    return out;
  }
  if (out.significant == false) {
    out.explanation.push_back(
        fmt::format("IR 2024/2690: no criterion of Art. 3(1) (general, with Art. 4 on recurring incidents) or "
                    "Art. {} (entity-specific) is met: not a significant incident",
                    article));
    return out;
  }
  // Undetermined: no criterion met, some cannot be decided on the facts given.
  out.undetermined = std::move(verdict.undetermined);
  out.facts_to_establish = facts_to_establish(out.undetermined);
  for (const auto& u : out.undetermined) {
    std::string facts;
    for (const auto& f : u.missing) facts += (facts.empty() ? "" : ", ") + f;
    out.explanation.push_back(fmt::format("IR 2024/2690 {}: undetermined, needs {}", u.criterion, facts));
  }
  out.explanation.push_back(fmt::format(
      "IR 2024/2690: no criterion is met on the facts given, and {} {} cannot be decided without further facts: "
      "whether the incident is significant is undetermined until they are established",
      out.undetermined.size(), out.undetermined.size() == 1 ? "criterion" : "criteria"));
  return out;
}

}  // namespace vigil::incident
