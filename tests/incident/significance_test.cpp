// Significance under IR 2024/2690 Arts 3-14: every threshold at its boundary
// ("more than" is strict; "whichever is smaller" takes the minimum; percentages
// exact), each entity-specific article, recurring incidents (Art. 4), the
// scheduled-maintenance exclusion, Art. 23(3) questions, and bad input; then
// unknown facts: a fact that is absent is not 0 or false, so its criteria are
// undetermined and so is the verdict, unless another criterion is met.
#include "incident/significance.h"

#include <fstream>
#include <map>
#include <type_traits>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "incident/impact_input.h"
#include "test_result.h"
#include "test_time.h"

namespace vigil::incident {
namespace {

constexpr const char* kDns = "digital_infrastructure.dns_service_provider";
using vigil::test::kCloud;

// Every fact known (none happened), users in the Union given.
Impact impact_of(std::string type, std::int64_t users = 10'000'000) {
  Impact impact = known_none(std::move(type));
  impact.users_eu_total = users;
  return impact;
}

Significance assess(const Impact& impact) { return test::expect_ok(assess_significance(impact)); }

std::vector<std::string> criteria(const Impact& impact) { return assess(impact).criteria; }
using List = std::vector<std::string>;

Cents cents(std::int64_t value) { return Cents{value}; }

// --- Art. 3(1)(a): the lower of EUR 500 000 and 5 % of turnover --------------

struct LossCase {
  std::int64_t loss_cents;
  std::optional<std::int64_t> turnover_cents;
  std::optional<bool> significant;  // nullopt: depends on the unknown turnover
  const char* why;
};
class FinancialLoss : public testing::TestWithParam<LossCase> {};

TEST_P(FinancialLoss, IsComparedExactly) {
  const auto& c = GetParam();
  std::optional<Cents> turnover;
  if (c.turnover_cents) turnover = cents(*c.turnover_cents);
  EXPECT_EQ(exceeds_loss_threshold(cents(c.loss_cents), turnover), c.significant) << c.why;
  auto impact = impact_of(kCloud);
  impact.direct_financial_loss = cents(c.loss_cents);
  impact.annual_turnover_prev_fy = turnover;
  auto s = assess(impact);
  EXPECT_EQ(s.criteria, c.significant == true ? List{"Art. 3(1)(a)"} : List{}) << c.why;
  EXPECT_EQ(s.significant, c.significant) << c.why;
  if (!c.significant) {
    EXPECT_EQ(s.undetermined, (std::vector<UndeterminedCriterion>{{"Art. 3(1)(a)", {"annual_turnover_prev_fy_eur"}}}))
        << c.why;
  }
}

INSTANTIATE_TEST_SUITE_P(Art3_1_a, FinancialLoss,
                         testing::Values(
                             // Up to EUR 500 000 the 5 % of an unknown turnover may be lower: undetermined.
                             LossCase{50'000'000, std::nullopt, std::nullopt, "exactly EUR 500 000, turnover unknown"},
                             LossCase{1, std::nullopt, std::nullopt, "one cent, turnover unknown"},
                             LossCase{0, std::nullopt, false, "no loss, turnover unknown"},
                             LossCase{50'000'001, std::nullopt, true, "EUR 500 000.01, turnover unknown"},
                             LossCase{50'000'000, 2'000'000'000, false, "exactly EUR 500 000; 5 % of 20 M is 1 M"},
                             LossCase{50'000'001, 2'000'000'000, true, "EUR 500 000.01; the absolute cap is lower"},
                             LossCase{40'000'000, 800'000'000, false, "exactly 5 % of EUR 8 M"},
                             LossCase{40'000'001, 800'000'000, true, "just above 5 % of EUR 8 M"},
                             // 5 % of EUR 9 999 999.99 is EUR 499 999.9995: EUR 500 000 is more.
                             LossCase{50'000'000, 999'999'999, true, "5 % in fractions of a cent"},
                             LossCase{49'999'999, 999'999'999, false, "EUR 499 999.99 is below 499 999.9995"},
                             LossCase{0, 0, false, "no loss"}, LossCase{INT64_MAX, INT64_MAX, true, "no overflow"}));

// --- Art. 3(1)(b)-(e) --------------------------------------------------------

TEST(Significance, GeneralCriteriaBToE) {
  auto impact = impact_of(kCloud);
  impact.trade_secret_exfiltration = true;
  EXPECT_EQ(criteria(impact), List{"Art. 3(1)(b)"});
  impact = impact_of(kCloud);
  impact.death = true;
  EXPECT_EQ(criteria(impact), List{"Art. 3(1)(c)"});
  impact = impact_of(kCloud);
  impact.considerable_health_damage = true;
  EXPECT_EQ(criteria(impact), List{"Art. 3(1)(d)"});
  impact = impact_of(kCloud);
  impact.malicious_unauthorised_access_capable_of_severe_disruption = true;
  EXPECT_EQ(criteria(impact), List{"Art. 3(1)(e)"});
}

TEST(Significance, NothingMetIsNotSignificant) {
  auto s = assess(impact_of(kCloud));
  ASSERT_TRUE(s.significant.has_value());
  EXPECT_FALSE(*s.significant);
  EXPECT_TRUE(s.criteria.empty());
  EXPECT_TRUE(s.covered_by_ir_2024_2690);
  EXPECT_TRUE(s.questions.empty());
  ASSERT_EQ(s.explanation.size(), 1u);
  EXPECT_NE(s.explanation[0].find("Art. 7"), std::string::npos);
}

// --- Art. 4: recurring incidents ----------------------------------------------

PastIncident past(const char* day, const char* cause, std::int64_t euros_) {
  return PastIncident{parse_date(day, "test").value(), cause, euros(euros_)};
}
using Series = std::vector<PastIncident>;

TEST(Significance, RecurringWithinSixMonthsTogetherAboveTheLossThreshold) {
  auto impact = impact_of(kCloud);
  impact.recurring =
      Series{past("2025-01-15", "expired certificate", 300'000), past("2025-07-15", "Expired certificate ", 200'001)};
  EXPECT_EQ(criteria(impact), List{"Art. 4"});
  (*impact.recurring)[1].direct_financial_loss = euros(200'000);  // together exactly EUR 500 000
  EXPECT_EQ(criteria(impact), List{});
}

TEST(Significance, RecurringBeyondSixMonthsIsNotOneIncident) {
  auto impact = impact_of(kCloud);
  impact.recurring =
      Series{past("2025-01-15", "expired certificate", 300'000), past("2025-07-16", "expired certificate", 300'000)};
  EXPECT_EQ(criteria(impact), List{});
}

TEST(Significance, RecurringSixMonthsFromAMonthEnd) {
  auto impact = impact_of(kCloud);
  impact.recurring = Series{past("2024-08-31", "dns", 300'000), past("2025-02-28", "dns", 300'000)};
  EXPECT_EQ(criteria(impact), List{"Art. 4"});
  (*impact.recurring)[1] = past("2025-03-01", "dns", 300'000);
  EXPECT_EQ(criteria(impact), List{});
}

TEST(Significance, RecurringNeedsTheSameRootCauseAndTwoIncidents) {
  auto impact = impact_of(kCloud);
  impact.recurring = Series{past("2025-01-15", "dns", 300'000), past("2025-02-15", "ddos", 300'000)};
  EXPECT_EQ(criteria(impact), List{});
  impact.recurring = Series{past("2025-01-15", "dns", 600'000)};
  EXPECT_EQ(criteria(impact), List{});
}

TEST(Significance, RecurringFindsTheWindowThatQualifies) {
  auto impact = impact_of(kCloud);
  impact.recurring = Series{past("2025-01-01", "dns", 400'000), past("2025-09-01", "dns", 200'000),
                            past("2025-10-01", "dns", 300'001), past("2025-05-01", "ddos", 900'000)};
  auto s = assess(impact);
  EXPECT_EQ(s.criteria, List{"Art. 4"});
  EXPECT_NE(s.explanation[0].find("between 2025-09-01 and 2025-10-01"), std::string::npos);
}

TEST(Significance, RecurringUsesTheTurnoverThreshold) {
  auto impact = impact_of(kCloud);
  impact.annual_turnover_prev_fy = euros(2'000'000);  // 5 % = EUR 100 000
  impact.recurring = Series{past("2025-01-15", "dns", 50'000), past("2025-02-15", "dns", 50'001)};
  EXPECT_EQ(criteria(impact), List{"Art. 4"});
}

// --- Arts 5-14: one table per article, in tests/incident/data/significance_cases.json --------

// Sets a fact of an impact from the cases' JSON; null makes it unknown.
template <auto Member>
void set_fact(Impact& impact, const nlohmann::json& value) {
  auto& fact = impact.*Member;
  using T = typename std::remove_reference_t<decltype(fact)>::value_type;
  if (value.is_null()) {
    fact.reset();
  } else if constexpr (std::is_same_v<T, Cents>) {
    fact = Cents{value.get<std::int64_t>()};
  } else if constexpr (std::is_same_v<T, std::vector<WeekUnavailability>>) {
    fact.emplace();  // [[iso year, iso week, minutes], ...]
    for (const auto& w : value) fact->push_back({w[0].get<int>(), w[1].get<int>(), w[2].get<std::int64_t>()});
  } else if constexpr (std::is_arithmetic_v<T>) {
    fact = value.get<T>();
  } else {
    ADD_FAILURE() << "the cases can only make this fact unknown (null)";
  }
}

using FactSetter = void (*)(Impact&, const nlohmann::json&);
const std::map<std::string, FactSetter, std::less<>> kFacts{
    {"users_eu_total", set_fact<&Impact::users_eu_total>},
    {"annual_turnover_prev_fy", set_fact<&Impact::annual_turnover_prev_fy>},
    {"direct_financial_loss", set_fact<&Impact::direct_financial_loss>},
    {"trade_secret_exfiltration", set_fact<&Impact::trade_secret_exfiltration>},
    {"death", set_fact<&Impact::death>},
    {"considerable_health_damage", set_fact<&Impact::considerable_health_damage>},
    {"malicious_unauthorised_access_capable_of_severe_disruption",
     set_fact<&Impact::malicious_unauthorised_access_capable_of_severe_disruption>},
    {"complete_unavailability_minutes", set_fact<&Impact::complete_unavailability_minutes>},
    {"users_affected_complete", set_fact<&Impact::users_affected_complete>},
    {"limited_availability_minutes", set_fact<&Impact::limited_availability_minutes>},
    {"users_affected_limited", set_fact<&Impact::users_affected_limited>},
    {"avg_response_time_ms", set_fact<&Impact::avg_response_time_ms>},
    {"slow_response_minutes", set_fact<&Impact::slow_response_minutes>},
    {"data_compromise", set_fact<&Impact::data_compromise>},
    {"data_compromise_malicious", set_fact<&Impact::data_compromise_malicious>},
    {"data_compromise_users_affected", set_fact<&Impact::data_compromise_users_affected>},
    {"authoritative_data_compromise", set_fact<&Impact::authoritative_data_compromise>},
    {"cause_misconfiguration", set_fact<&Impact::cause_misconfiguration>},
    {"domains_incorrect", set_fact<&Impact::domains_incorrect>},
    {"domains_managed", set_fact<&Impact::domains_managed>},
    {"tld_technical_data_compromise", set_fact<&Impact::tld_technical_data_compromise>},
    {"physical_access_compromised", set_fact<&Impact::physical_access_compromised>},
    {"unavailability_per_calendar_week", set_fact<&Impact::unavailability_per_calendar_week>},
    {"scheduled_maintenance", set_fact<&Impact::scheduled_maintenance>},
    {"recurring", set_fact<&Impact::recurring>},
};

const nlohmann::json& cases_json() {
  static const nlohmann::json cases = [] {
    std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/tests/incident/data/significance_cases.json");
    return nlohmann::json::parse(in);
  }();
  return cases;
}

// An impact of `type` with every fact known to be none, then `facts` set.
Impact impact_with(const std::string& type, const nlohmann::json& facts) {
  Impact impact = impact_of(type);
  for (const auto& [name, value] : facts.items()) {
    auto setter = kFacts.find(name);
    if (setter == kFacts.end()) ADD_FAILURE() << "no fact " << name;
    else setter->second(impact, value);
  }
  return impact;
}

struct Case {
  std::string name;  // "<suite>_<case>"
  std::string type;
  nlohmann::json facts;
  List expected;
};

std::vector<Case> entity_specific_cases() {
  std::vector<Case> out;
  const nlohmann::json& all = cases_json();
  for (const auto& suite : all["suites"]) {
    const std::string article = suite.value("article", "");
    const nlohmann::json& cases =
        suite["cases"].is_string() ? all["sets"][suite["cases"].get<std::string>()] : suite["cases"];
    for (const auto& c : cases) {
      List expected;
      for (const auto& criterion : c["criteria"]) {
        std::string text = criterion.get<std::string>();
        if (text.starts_with("{article}")) text = article + text.substr(9);
        expected.push_back(text);
      }
      out.push_back({suite["suite"].get<std::string>() + "_" + c["name"].get<std::string>(),
                     suite["entity_type"].get<std::string>(), c["facts"], expected});
    }
  }
  return out;
}

class EntitySpecific : public testing::TestWithParam<Case> {};

TEST_P(EntitySpecific, MeetsExactlyTheExpectedCriteria) {
  const auto& c = GetParam();
  auto impact = impact_with(c.type, c.facts);
  EXPECT_EQ(criteria(impact), c.expected) << c.name;
  // The text-free verdict applies the same rules.
  auto verdict = decide_significance(impact);
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->significant, !c.expected.empty());
  EXPECT_EQ(List(verdict->criteria.begin(), verdict->criteria.begin() + verdict->criteria_count), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Arts5To14, EntitySpecific, testing::ValuesIn(entity_specific_cases()),
                         [](const testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

// --- order, exclusion, coverage --------------------------------------------------

TEST(Significance, CriteriaComeInTheRegulationsOrder) {
  auto impact = impact_of(kCloud);
  impact.data_compromise = true;
  impact.data_compromise_users_affected = 600'000;
  impact.complete_unavailability_minutes = 45;
  impact.death = true;
  impact.direct_financial_loss = euros(600'000);
  impact.recurring = Series{past("2025-01-15", "dns", 300'000), past("2025-02-15", "dns", 300'000)};
  auto s = assess(impact);
  EXPECT_EQ(s.significant, true);
  EXPECT_EQ(s.criteria, (List{"Art. 3(1)(a)", "Art. 3(1)(c)", "Art. 4", "Art. 7(a)", "Art. 7(d)"}));
  ASSERT_EQ(s.explanation.size(), 5u);
  EXPECT_EQ(s.explanation[3].rfind("IR 2024/2690 Art. 7(a): ", 0), 0u) << s.explanation[3];
}

TEST(Significance, ScheduledMaintenanceIsNotSignificant) {
  auto impact = impact_of(kCloud);
  impact.complete_unavailability_minutes = 240;
  impact.scheduled_maintenance = true;
  auto s = assess(impact);
  EXPECT_EQ(s.significant, false);
  EXPECT_TRUE(s.criteria.empty());
  EXPECT_EQ(decide_significance(impact)->significant, false);
  ASSERT_EQ(s.explanation.size(), 2u);
  EXPECT_NE(s.explanation[0].find("Art. 3(2)"), std::string::npos);
  EXPECT_NE(s.explanation[1].find("Art. 7(a)"), std::string::npos);
}

TEST(Significance, TypesNotCoveredGetTheArt23_3Questions) {
  auto impact = impact_of("energy.electricity.distribution_system_operator");
  impact.death = true;
  impact.direct_financial_loss = euros(9'000'000);
  auto s = assess(impact);
  EXPECT_FALSE(s.significant.has_value());
  EXPECT_FALSE(decide_significance(impact)->significant.has_value());
  EXPECT_FALSE(s.covered_by_ir_2024_2690);
  EXPECT_TRUE(s.criteria.empty());
  ASSERT_EQ(s.questions.size(), 2u);
  EXPECT_EQ(s.questions[0].rfind("Art. 23(3)(a)", 0), 0u);
  EXPECT_EQ(s.questions[1].rfind("Art. 23(3)(b)", 0), 0u);
}

TEST(Significance, EveryCatalogTypeIsAssessableAndCoverageFollowsTheCatalog) {
  int covered = 0;
  for (const auto& type : catalog::builtin().entity_types) {
    auto out = assess_significance(impact_of(std::string(type.id)));
    ASSERT_TRUE(out) << type.id << ": " << describe(out.error());
    EXPECT_EQ(out->covered_by_ir_2024_2690, type.ir_2024_2690) << type.id;
    EXPECT_EQ(out->significant.has_value(), type.ir_2024_2690) << type.id;
    covered += type.ir_2024_2690;
  }
  EXPECT_EQ(covered, 11);  // IR 2024/2690 Art. 1
}

// --- bad input ---------------------------------------------------------------------

TEST(Significance, UnknownEntityTypeSuggestsTheNearest) {
  auto out = assess_significance(impact_of("digital_infrastructure.cloud_computing_provider"));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().where, "entity_type");
  EXPECT_NE(out.error().message.find("cloud_computing_service_provider"), std::string::npos) << out.error().message;
}

TEST(Significance, UserPercentageWithoutTheTotalIsUndetermined) {
  auto impact = impact_of(kCloud);
  impact.users_eu_total.reset();
  impact.data_compromise = true;
  impact.data_compromise_users_affected = 10;
  auto s = assess(impact);
  EXPECT_FALSE(s.significant.has_value());
  EXPECT_EQ(s.undetermined, (std::vector<UndeterminedCriterion>{{"Art. 7(d)", {"users_eu_total"}}}));
  EXPECT_EQ(s.facts_to_establish, List{"users_eu_total"});
  // None affected is below any threshold: no total needed.
  impact.data_compromise_users_affected = 0;
  EXPECT_EQ(assess(impact).significant, false);
  // Above the absolute number the total does not matter.
  impact.data_compromise_users_affected = 1'000'001;
  EXPECT_EQ(criteria(impact), List{"Art. 7(d)"});
  EXPECT_EQ(assess(impact).significant, true);
}

TEST(Significance, InconsistentNumbersAreErrors) {
  auto impact = impact_of(kCloud, 1000);
  impact.users_affected_limited = 1001;
  impact.data_compromise_malicious = true;
  auto out = assess_significance(impact);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().where, "users_affected_limited");
  ASSERT_EQ(out.error().more.size(), 1u);
  EXPECT_EQ(out.error().more[0].where, "data_compromise_malicious");
}

TEST(Significance, MisconfigurationExceptionWithoutTheDomainsManagedIsUndetermined) {
  auto impact = impact_of(kDns);
  impact.authoritative_data_compromise = impact.cause_misconfiguration = true;
  impact.domains_incorrect = 5;
  impact.domains_managed.reset();
  auto s = assess(impact);
  EXPECT_FALSE(s.significant.has_value());
  EXPECT_EQ(s.undetermined, (std::vector<UndeterminedCriterion>{{"Art. 5(c)", {"domains_managed"}}}));
  // 1 000 incorrect is too many for the exception whatever the total: met.
  impact.domains_incorrect = 1000;
  EXPECT_EQ(criteria(impact), List{"Art. 5(c)"});
  // Not known whether a misconfiguration caused it: undetermined.
  impact.cause_misconfiguration.reset();
  impact.domains_incorrect = 5;
  impact.domains_managed = 100'000;
  EXPECT_EQ(assess(impact).undetermined,
            (std::vector<UndeterminedCriterion>{{"Art. 5(c)", {"cause_misconfiguration"}}}));
}

TEST(Significance, SmallerOfIsExactAndDoesNotOverflow) {
  EXPECT_FALSE(exceeds_smaller_of(500'000, 10'000'000, 5000, 1'000'000));
  EXPECT_TRUE(exceeds_smaller_of(500'001, 10'000'000, 5000, 1'000'000));
  EXPECT_FALSE(exceeds_smaller_of(1'000'000, 50'000'000, 5000, 1'000'000));
  EXPECT_TRUE(exceeds_smaller_of(1'000'001, 50'000'000, 5000, 1'000'000));
  EXPECT_TRUE(exceeds_smaller_of(1, 19, 5000, 1'000'000));   // 1/19 = 5.26 %
  EXPECT_FALSE(exceeds_smaller_of(1, 20, 5000, 1'000'000));  // exactly 5 %
  EXPECT_FALSE(exceeds_smaller_of(INT64_MAX / 20, INT64_MAX, 5000, INT64_MAX));
}

TEST(IsoWeek, ParsesAndValidatesTheWeekNumber) {
  auto w = parse_iso_week("2025-W20", "w");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->iso_year, 2025);
  EXPECT_EQ(w->iso_week, 20);
  EXPECT_TRUE(parse_iso_week("2020-W53", "w"));   // 1 January 2020: Wednesday, leap year
  EXPECT_TRUE(parse_iso_week("2026-W53", "w"));   // 1 January 2026: Thursday
  EXPECT_FALSE(parse_iso_week("2025-W53", "w"));  // 2025 has 52 weeks
  EXPECT_FALSE(parse_iso_week("2025-W00", "w"));
  EXPECT_FALSE(parse_iso_week("2025-w20", "w"));
  EXPECT_FALSE(parse_iso_week("2025W20", "w"));
  EXPECT_FALSE(parse_iso_week("2025-W2", "w"));
  auto bad = parse_iso_week("2025-W53", "impact.json: weeks");
  EXPECT_EQ(bad.error().where, "impact.json: weeks");
}

// --- unknown is not no ------------------------------------------------------------------

using Open = std::vector<UndeterminedCriterion>;

// The issue's example: a cloud provider and nothing else. Nothing is known,
// so nothing can be "no": every criterion is open, each naming its facts.
TEST(Unknown, AnEntityTypeAloneIsUndeterminedNotNo) {
  auto impact = parse_impact(
      nlohmann::json::parse(R"({"entity_type":"digital_infrastructure.cloud_computing_service_provider"})"),
      "impact.json");
  ASSERT_TRUE(impact);
  auto s = assess(*impact);
  EXPECT_FALSE(s.significant.has_value());
  EXPECT_TRUE(s.is_undetermined());
  EXPECT_TRUE(s.criteria.empty());
  EXPECT_EQ(s.undetermined, (Open{{"Art. 3(1)(a)", {"direct_financial_loss_eur"}},
                                  {"Art. 3(1)(b)", {"trade_secret_exfiltration"}},
                                  {"Art. 3(1)(c)", {"death"}},
                                  {"Art. 3(1)(d)", {"considerable_health_damage"}},
                                  {"Art. 3(1)(e)", {"malicious_unauthorised_access_capable_of_severe_disruption"}},
                                  {"Art. 4", {"recurring"}},
                                  {"Art. 7(a)", {"complete_unavailability_minutes"}},
                                  {"Art. 7(b)", {"limited_availability_minutes", "users_affected_limited"}},
                                  {"Art. 7(c)", {"data_compromise", "data_compromise_malicious"}},
                                  {"Art. 7(d)", {"data_compromise", "data_compromise_users_affected"}}}));
  EXPECT_EQ(s.facts_to_establish,
            (List{"direct_financial_loss_eur", "trade_secret_exfiltration", "death", "considerable_health_damage",
                  "malicious_unauthorised_access_capable_of_severe_disruption", "complete_unavailability_minutes",
                  "limited_availability_minutes", "users_affected_limited", "data_compromise",
                  "data_compromise_malicious", "data_compromise_users_affected", "recurring"}));
  auto verdict = decide_significance(*impact);
  ASSERT_TRUE(verdict);
  EXPECT_FALSE(verdict->significant.has_value());
  EXPECT_EQ(verdict->undetermined_count, 10u);
  auto out = significance_json(*impact, s);
  EXPECT_EQ(out["significant"], "undetermined");
  EXPECT_EQ(out["undetermined"][7]["criterion"], "Art. 7(b)");
  EXPECT_EQ(out["undetermined"][7]["missing"],
            nlohmann::json({"limited_availability_minutes", "users_affected_limited"}));
  EXPECT_EQ(out["facts_to_establish"].size(), 12u);
}

// One fact at a time, absent versus 0/false, every other fact known to be none
// (tests/incident/data/significance_cases.json, "one_unknown_fact").
struct FactCase {
  std::string name;
  std::string type;
  nlohmann::json forget;  // makes one fact unknown
  Open open;              // the criteria that become undetermined
};

std::vector<FactCase> one_unknown_fact_cases() {
  std::vector<FactCase> out;
  for (const auto& c : cases_json()["one_unknown_fact"]) {
    Open open;
    for (const auto& o : c["open"]) open.push_back({o[0].get<std::string>(), o[1].get<std::vector<std::string>>()});
    out.push_back({c["name"].get<std::string>(), c["entity_type"].get<std::string>(), c["facts"], open});
  }
  return out;
}

class OneUnknownFact : public testing::TestWithParam<FactCase> {};

TEST_P(OneUnknownFact, LeavesItsCriteriaOpenAndTheVerdictUndetermined) {
  const auto& c = GetParam();
  auto known = impact_of(c.type);
  EXPECT_EQ(assess(known).significant, false) << c.name << ": every fact known to be none";
  auto impact = impact_with(c.type, c.forget);
  auto s = assess(impact);
  EXPECT_FALSE(s.significant.has_value()) << c.name;
  EXPECT_EQ(s.undetermined, c.open) << c.name;
  EXPECT_FALSE(decide_significance(impact)->significant.has_value()) << c.name;
}

INSTANTIATE_TEST_SUITE_P(AbsentIsNotZero, OneUnknownFact, testing::ValuesIn(one_unknown_fact_cases()),
                         [](const testing::TestParamInfo<FactCase>& param_info) { return param_info.param.name; });

TEST(Unknown, ZeroAndFalseAreFactsThatDecide) {
  // Facts that settle a criterion as not met without the others it could need.
  auto impact = impact_of(kCloud);
  impact.users_eu_total.reset();
  impact.annual_turnover_prev_fy.reset();
  impact.limited_availability_minutes = 60;  // not more than one hour: users do not matter
  impact.users_affected_limited.reset();
  impact.data_compromise = false;  // no compromise: (c) and (d) are not met
  impact.data_compromise_malicious.reset();
  impact.data_compromise_users_affected.reset();
  EXPECT_EQ(assess(impact).significant, false);
}

TEST(Unknown, AnyCriterionMetIsSignificantWhateverElseIsUnknown) {
  auto impact = parse_impact(nlohmann::json::parse(
                                 R"({"entity_type":"digital_infrastructure.cloud_computing_service_provider",
                                     "complete_unavailability_minutes": 31})"),
                             "impact.json");
  ASSERT_TRUE(impact);
  auto s = assess(*impact);
  EXPECT_EQ(s.significant, true);
  EXPECT_EQ(s.criteria, List{"Art. 7(a)"});
  EXPECT_TRUE(s.undetermined.empty());  // the verdict does not wait for them
  // Art. 3(2) was not claimed: said, not assumed away.
  ASSERT_EQ(s.explanation.size(), 2u);
  EXPECT_NE(s.explanation[1].find("Art. 3(2) not applied: scheduled_maintenance is not given"), std::string::npos);
  impact->complete_unavailability_minutes = 30;  // the boundary: not more than 30 minutes
  EXPECT_FALSE(assess(*impact).significant.has_value());
}

TEST(Unknown, ScheduledMaintenanceSettlesEvenWithFactsMissing) {
  Impact impact;
  impact.entity_type = kCloud;
  impact.scheduled_maintenance = true;
  auto s = assess(impact);
  EXPECT_EQ(s.significant, false);
  EXPECT_TRUE(s.undetermined.empty());
}

TEST(Unknown, RecurringSeriesBelowTheCapNeedsTheTurnover) {
  auto impact = impact_of(kCloud);
  impact.annual_turnover_prev_fy.reset();
  impact.recurring = Series{past("2025-01-15", "dns", 100'000), past("2025-02-15", "dns", 100'000)};
  EXPECT_EQ(assess(impact).undetermined, (Open{{"Art. 4", {"annual_turnover_prev_fy_eur"}}}));
  impact.annual_turnover_prev_fy = euros(3'000'000);  // 5 % = 150 000 < 200 000
  EXPECT_EQ(criteria(impact), List{"Art. 4"});
  impact.recurring = Series{};  // no other incident: Art. 4 not met
  EXPECT_EQ(assess(impact).significant, false);
}

TEST(Unknown, MaliciousCompromiseIsAFactEvenWithoutTheCompromiseFlag) {
  auto impact = impact_of(kCloud);
  impact.data_compromise.reset();
  impact.data_compromise_malicious = true;
  impact.data_compromise_users_affected = 0;
  EXPECT_EQ(criteria(impact), List{"Art. 7(c)"});
}

// --- the JSON input -------------------------------------------------------------------

Result<Impact> parse(std::string_view text) { return parse_impact(nlohmann::json::parse(text), "impact.json"); }

std::string all_wheres(const Error& error) {
  std::string out = error.where;
  for (const auto& more : error.more) out += " | " + more.where;
  return out;
}

TEST(ImpactInput, ReadsEveryField) {
  auto impact = parse(R"({"entity_type": "digital_infrastructure.dns_service_provider",
    "users_eu_total": 1000, "annual_turnover_prev_fy_eur": 1234567.89, "direct_financial_loss_eur": "10.5",
    "trade_secret_exfiltration": true, "death": false, "considerable_health_damage": true,
    "malicious_unauthorised_access_capable_of_severe_disruption": true,
    "complete_unavailability_minutes": 1, "users_affected_complete": 2, "limited_availability_minutes": 3,
    "users_affected_limited": 4, "avg_response_time_s": 10.001, "slow_response_minutes": 5,
    "data_compromise": true, "data_compromise_malicious": true, "data_compromise_users_affected": 6,
    "authoritative_data_compromise": true, "cause_misconfiguration": true, "domains_incorrect": 7,
    "domains_managed": 800, "tld_technical_data_compromise": true, "physical_access_compromised": true,
    "unavailability_minutes_per_calendar_week": {"2025-W20": 61, "2026-W53": 0},
    "scheduled_maintenance": true,
    "recurring": {"incidents": [{"date": "2025-01-15", "root_cause": "dns", "direct_financial_loss_eur": 300000}]}})");
  ASSERT_TRUE(impact) << describe(impact.error());
  EXPECT_EQ(impact->annual_turnover_prev_fy->value, 123456789);
  EXPECT_EQ(impact->direct_financial_loss->value, 1050);
  EXPECT_EQ(impact->avg_response_time_ms, 10001);
  EXPECT_EQ(impact->domains_managed, 800);
  ASSERT_EQ(impact->unavailability_per_calendar_week->size(), 2u);
  ASSERT_EQ(impact->recurring->size(), 1u);
  EXPECT_EQ((*impact->recurring)[0].direct_financial_loss, euros(300'000));
  EXPECT_EQ(impact->scheduled_maintenance, true);
  EXPECT_EQ(impact->death, false);
}

TEST(ImpactInput, AbsentOrNullFieldsAreUnknownAndZeroIsAFact) {
  auto impact = parse(R"({"entity_type": "banking.credit_institution", "users_eu_total": null,
    "complete_unavailability_minutes": 0, "death": false, "recurring": {"incidents": []},
    "unavailability_minutes_per_calendar_week": {}})");
  ASSERT_TRUE(impact) << describe(impact.error());
  EXPECT_FALSE(impact->users_eu_total.has_value());
  EXPECT_FALSE(impact->direct_financial_loss.has_value());
  EXPECT_FALSE(impact->considerable_health_damage.has_value());
  EXPECT_FALSE(impact->avg_response_time_ms.has_value());
  EXPECT_FALSE(impact->scheduled_maintenance.has_value());
  EXPECT_EQ(impact->complete_unavailability_minutes, 0);
  EXPECT_EQ(impact->death, false);
  ASSERT_TRUE(impact->recurring.has_value());
  EXPECT_TRUE(impact->recurring->empty());
  ASSERT_TRUE(impact->unavailability_per_calendar_week.has_value());
  EXPECT_TRUE(impact->unavailability_per_calendar_week->empty());
  auto bare = parse(R"({"entity_type": "banking.credit_institution"})");
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->recurring.has_value());
  EXPECT_FALSE(bare->unavailability_per_calendar_week.has_value());
}

TEST(ImpactInput, RecurringNeedsItsIncidents) {
  auto impact = parse(R"({"entity_type": "banking.credit_institution", "recurring": {}})");
  ASSERT_FALSE(impact);
  EXPECT_EQ(impact.error().where, "impact.json: recurring: incidents");
}

// "recurring": false is one mistake: one error on recurring, not a second,
// spurious "incidents: is required" inside a value that is no object.
TEST(ImpactInput, RecurringThatIsNoObjectIsOneError) {
  for (std::string_view value : {"false", "true", "[]", "3"}) {
    auto impact = parse(fmt::format(R"({{"entity_type": "banking.credit_institution", "recurring": {}}})", value));
    ASSERT_FALSE(impact) << value;
    EXPECT_EQ(all_wheres(impact.error()), "impact.json: recurring") << value;
    EXPECT_NE(impact.error().message.find("{\"incidents\": []}"), std::string::npos) << impact.error().message;
  }
  auto unknown = parse(R"({"entity_type": "banking.credit_institution", "recurring": null})");
  ASSERT_TRUE(unknown) << describe(unknown.error());
  EXPECT_FALSE(unknown->recurring.has_value());
}

TEST(ImpactInput, MissingEntityTypeIsNamed) {
  auto impact = parse(R"({})");
  ASSERT_FALSE(impact);
  EXPECT_EQ(impact.error().where, "impact.json: entity_type");
}

TEST(ImpactInput, EveryErrorNamesItsField) {
  auto impact = parse(
      R"({"entity_type": "banking.credit_instituton", "users_eu_total": -1, "avg_response_time_s": 10.0001, "deaths": true,
    "unavailability_minutes_per_calendar_week": {"2025-W53": 10, "2025-W01": 20000},
    "recurring": {"incidents": [{"date": "2025-02-30", "root_cause": "dns"}], "extra": 1}})");
  ASSERT_FALSE(impact);
  EXPECT_EQ(all_wheres(impact.error()),
            "impact.json: entity_type | impact.json: users_eu_total | impact.json: avg_response_time_s | "
            "impact.json: unavailability_minutes_per_calendar_week.2025-W01 | "
            "impact.json: unavailability_minutes_per_calendar_week.2025-W53 | impact.json: deaths | "
            "impact.json: recurring: incidents[0]: date | "
            "impact.json: recurring: incidents[0]: direct_financial_loss_eur | impact.json: recurring: extra");
}

}  // namespace
}  // namespace vigil::incident
