// Arts 2 and 3 case by case: each size-independent case, each exclusion, the
// matrix of NIS2-facts §1.5, and what follows (Arts 26, 27, 32-34; DORA note).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scope/scope.h"

namespace vigil::scope {
namespace {

using nlohmann::json;

// A base entity (in the Union) with the given size and extra fields.
json entity(std::vector<std::string> types, int staff, std::int64_t turnover_eur, std::int64_t balance_eur,
            json extra = json::object()) {
  json j = {{"entity_types", types},
            {"employees", staff},
            {"annual_turnover_eur", turnover_eur},
            {"balance_sheet_total_eur", balance_eur},
            {"provides_services_in_eu", true}};
  for (auto& [k, v] : extra.items()) j[k] = v;
  return j;
}

// A public administration entity (Art. 2(2)(f), 2(5), 2(7)) of the given level
// ("central", "regional", "local"), of no listed type, with further facts.
json public_administration(const char* level, int staff, json facts = json::object()) {
  facts["public_administration_level"] = level;
  return entity({}, staff, 1, 1, facts);
}

ScopeResult run(const json& j) {
  auto e = parse_entity(j, "test.json");
  EXPECT_TRUE(e) << (e ? "" : describe(e.error()));
  return e ? classify(*e) : ScopeResult{};
}

constexpr int kMicro = 5, kMedium = 100, kLarge = 300;

struct Case {
  const char* name;
  json input;
  Classification expected;
  const char* citation;  // must appear in the overall legal basis
};

class ScopeCase : public testing::TestWithParam<Case> {};

TEST_P(ScopeCase, Classifies) {
  const Case& c = GetParam();
  ScopeResult r = run(c.input);
  EXPECT_EQ(r.classification, c.expected) << c.name << "\n" << to_json(r).dump(2);
  EXPECT_NE(std::find(r.legal_basis.begin(), r.legal_basis.end(), std::string_view(c.citation)), r.legal_basis.end())
      << c.name << ": missing " << c.citation << " in " << to_json(r)["legal_basis"].dump();
}

const std::string kEnergy = "energy.electricity.producer";
const std::string kPostal = "postal_courier.postal_service_provider";
const std::string kTsp = "digital_infrastructure.trust_service_provider";
const std::string kDns = "digital_infrastructure.dns_service_provider";
const std::string kTld = "digital_infrastructure.tld_name_registry";
const std::string kEcomms = "digital_infrastructure.public_electronic_communications_network_provider";
const std::string kRegistrar = "domain_name_registration.provider";
const std::string kWasteWater = "waste_water.undertaking";
const std::string kSpace = "space.ground_infrastructure_operator";

INSTANTIATE_TEST_SUITE_P(
    Nis2, ScopeCase,
    testing::Values(
        // The size rule (Art. 2(1), 3(1)(a), 3(2)).
        Case{"annex_I_micro", entity({kEnergy}, kMicro, 1, 1), Classification::OutOfScope, "Art. 2(1)"},
        Case{"annex_I_medium", entity({kEnergy}, kMedium, 1, 1), Classification::Important, "Art. 3(2)"},
        Case{"annex_I_large", entity({kEnergy}, kLarge, 1, 1), Classification::Essential, "Art. 3(1)(a)"},
        Case{"annex_II_medium", entity({kPostal}, kMedium, 1, 1), Classification::Important, "Art. 3(2)"},
        Case{"annex_II_large", entity({kPostal}, kLarge, 1, 1), Classification::Important, "Art. 3(2)"},
        Case{"annex_II_small", entity({kPostal}, 49, 1, 1), Classification::OutOfScope, "Art. 2(1)"},
        Case{"not_in_union", entity({kEnergy}, kLarge, 1, 1, {{"provides_services_in_eu", false}}),
             Classification::OutOfScope, "Art. 2(1)"},
        Case{"no_activity", entity({}, kLarge, 1, 1), Classification::OutOfScope, "Art. 2(1)"},
        // Size-independent cases.
        Case{"qualified_tsp_micro", entity({kTsp}, kMicro, 1, 1, {{"qualified_trust_service_provider", true}}),
             Classification::Essential, "Art. 3(1)(b)"},
        Case{"tsp_micro", entity({kTsp}, kMicro, 1, 1), Classification::Important, "Art. 2(2)(a)(ii)"},
        Case{"tsp_medium", entity({kTsp}, kMedium, 1, 1), Classification::Important, "Art. 2(2)(a)(ii)"},
        Case{"tsp_large", entity({kTsp}, kLarge, 1, 1), Classification::Essential, "Art. 3(1)(a)"},
        Case{"dns_micro", entity({kDns}, kMicro, 1, 1), Classification::Essential, "Art. 3(1)(b)"},
        Case{"tld_micro", entity({kTld}, kMicro, 1, 1), Classification::Essential, "Art. 2(2)(a)(iii)"},
        Case{"ecomms_micro", entity({kEcomms}, kMicro, 1, 1), Classification::Important, "Art. 2(2)(a)(i)"},
        Case{"ecomms_medium", entity({kEcomms}, kMedium, 1, 1), Classification::Essential, "Art. 3(1)(c)"},
        Case{"ecomms_large", entity({kEcomms}, kLarge, 1, 1), Classification::Essential, "Art. 3(1)(a)"},
        Case{"registrar", entity({kRegistrar}, kLarge, 1, 1), Classification::RegistrationOnly, "Art. 2(4)"},
        Case{"registrar_flag", entity({}, kMicro, 1, 1, {{"domain_name_registration_services", true}}),
             Classification::RegistrationOnly, "Art. 2(4)"},
        Case{"registrar_and_dns", entity({kRegistrar, kDns}, kMicro, 1, 1), Classification::Essential, "Art. 3(1)(b)"},
        Case{"central_government", public_administration("central", kMicro), Classification::Essential, "Art. 3(1)(d)"},
        Case{"regional_assessed",
             public_administration("regional", kMicro, {{"regional_risk_assessment_positive", true}}),
             Classification::Important, "Art. 2(2)(f)(ii)"},
        Case{"regional_not_assessed", public_administration("regional", kLarge), Classification::OutOfScope,
             "Art. 2(2)(f)(ii)"},
        Case{"local_extended", public_administration("local", kMicro, {{"member_state_extends_to_local_pa", true}}),
             Classification::Important, "Art. 2(5)(a)"},
        Case{"local_not_extended", public_administration("local", kMicro), Classification::OutOfScope, "Art. 2(5)(a)"},
        Case{"cer_without_type", entity({}, kMicro, 1, 1, {{"cer_critical_entity", true}}), Classification::Essential,
             "Art. 3(1)(f)"},
        Case{"sole_provider_small", entity({kEnergy}, kMicro, 1, 1, {{"sole_provider_in_member_state", true}}),
             Classification::Important, "Art. 2(2)(b)"},
        Case{"public_safety_small",
             entity({kPostal}, kMicro, 1, 1, {{"disruption_significant_impact_public_safety_security_health", true}}),
             Classification::Important, "Art. 2(2)(c)"},
        Case{"systemic_designated_essential",
             entity({kPostal}, kMicro, 1, 1,
                    {{"significant_systemic_risk", true}, {"member_state_designation", "essential"}}),
             Classification::Essential, "Art. 3(1)(e)"},
        Case{"national_importance_designated_important",
             entity({kEnergy}, kMicro, 1, 1,
                    {{"critical_national_regional_importance", true}, {"member_state_designation", "important"}}),
             Classification::Important, "Art. 2(2)(e)"},
        Case{"oes_kept_by_member_state",
             entity({kPostal}, kMicro, 1, 1,
                    {{"identified_as_ose_before_2023_01_16", true}, {"member_state_applies_art_3_1_g", true}}),
             Classification::Essential, "Art. 3(1)(g)"},
        Case{"oes_without_option", entity({kPostal}, kMicro, 1, 1, {{"identified_as_ose_before_2023_01_16", true}}),
             Classification::OutOfScope, "Art. 2(1)"},
        // Exclusions.
        Case{"root_name_servers", entity({kDns}, kLarge, 1, 1, {{"root_name_server_operator", true}}),
             Classification::OutOfScope, "Annex I point 8"},
        Case{"ancillary_waste_water", entity({kWasteWater}, kLarge, 1, 1, {{"ancillary_activity", true}}),
             Classification::OutOfScope, "Annex I point 7"},
        Case{"space_ecomms_network", entity({kSpace, kEcomms}, kMicro, 1, 1), Classification::Important,
             "Art. 2(2)(a)(i)"},
        Case{"central_national_security",
             public_administration("central", kLarge, {{"national_security_defence_law_enforcement", true}}),
             Classification::OutOfScope, "Art. 2(7)"},
        Case{"central_bank", public_administration("central", kLarge, {{"judiciary_parliament_or_central_bank", true}}),
             Classification::OutOfScope, "Art. 6(35)"}),
    [](const testing::TestParamInfo<Case>& p) { return std::string(p.param.name); });

TEST(Classify, EveryActivityShowsItsOwnResultAndTheMostStringentWins) {
  ScopeResult r = run(entity({kPostal, kEnergy, "research.research_organisation"}, kLarge, 1, 1));
  ASSERT_EQ(r.activities.size(), 3u);
  EXPECT_EQ(r.activities[0].classification, Classification::Important);
  EXPECT_EQ(r.activities[1].classification, Classification::Essential);
  EXPECT_EQ(r.classification, Classification::Essential);
  for (const auto& a : r.activities) EXPECT_FALSE(a.legal_basis.empty());
  for (const auto& a : r.activities) EXPECT_FALSE(a.reasons.empty());
}

TEST(Classify, SupervisionFollowsClassification) {
  EXPECT_EQ(run(entity({kEnergy}, kLarge, 1, 1)).supervision, Supervision::ExAnteAndExPost);
  EXPECT_EQ(run(entity({kEnergy}, kMedium, 1, 1)).supervision, Supervision::ExPost);
  EXPECT_EQ(run(entity({kEnergy}, kMicro, 1, 1)).supervision, Supervision::None);
  EXPECT_EQ(run(entity({kRegistrar}, kMicro, 1, 1)).supervision, Supervision::None);
}

TEST(Classify, FineFloorOnlyWithGroupTurnover) {
  EXPECT_FALSE(run(entity({kEnergy}, kLarge, 1, 1)).max_fine_floor);
  // Essential: max(10 M, 2 %): EUR 1 bn -> 20 M; EUR 500 M -> 10 M.
  auto e = run(entity({kEnergy}, kLarge, 1, 1, {{"group_worldwide_turnover_eur", 1'000'000'000}}));
  EXPECT_EQ(e.max_fine_floor, euros(20'000'000));
  EXPECT_EQ(e.max_fine_basis, "Art. 34(4)");
  e = run(entity({kEnergy}, kLarge, 1, 1, {{"group_worldwide_turnover_eur", 500'000'000}}));
  EXPECT_EQ(e.max_fine_floor, euros(10'000'000));
  // Important: max(7 M, 1.4 %): EUR 300 M -> 7 M; EUR 1 bn -> 14 M.
  auto i = run(entity({kEnergy}, kMedium, 1, 1, {{"group_worldwide_turnover_eur", 300'000'000}}));
  EXPECT_EQ(i.max_fine_floor, euros(7'000'000));
  EXPECT_EQ(i.max_fine_basis, "Art. 34(5)");
  i = run(entity({kEnergy}, kMedium, 1, 1, {{"group_worldwide_turnover_eur", 1'000'000'000}}));
  EXPECT_EQ(i.max_fine_floor, euros(14'000'000));
  // The percentage share is rounded up to the cent: 2 % of EUR 600 000 000.01.
  auto odd = run(entity({kEnergy}, kLarge, 1, 1, {{"group_worldwide_turnover_eur", "600000000.01"}}));
  EXPECT_EQ(odd.max_fine_floor, Cents{1'200'000'001});
  // Out of scope: no fine floor even with a turnover.
  EXPECT_FALSE(run(entity({kEnergy}, kMicro, 1, 1, {{"group_worldwide_turnover_eur", 1}})).max_fine_floor);
}

TEST(Classify, DoraNoteForBankingAndFinancialMarketInfrastructures) {
  for (const char* type : {"banking.credit_institution", "financial_market_infrastructure.central_counterparty"}) {
    auto r = run(entity({type}, kLarge, 1, 1));
    json j = to_json(r);
    bool dora = false;
    for (const auto& n : j["notes"]) dora |= n["reference"] == "Art. 4";
    EXPECT_TRUE(dora) << type;
    bool art21 = false;
    for (const auto& d : j["duties"]) art21 |= d["reference"] == "Art. 21";
    EXPECT_FALSE(art21) << type << ": DORA replaces Art. 21";
  }
  json j = to_json(run(entity({kEnergy}, kLarge, 1, 1)));
  for (const auto& n : j["notes"]) EXPECT_NE(n["reference"], "Art. 4");
}

TEST(Classify, RegistrationDutiesAndJurisdiction) {
  auto r = run(entity({kRegistrar}, kMicro, 1, 1,
                      {{"main_establishment", {{"operations_carried_out_in", "FR"}, {"most_employees_in", "DE"}}}}));
  json j = to_json(r);
  std::vector<std::string> refs;
  for (const auto& d : j["duties"]) refs.push_back(d["reference"]);
  EXPECT_EQ(refs, (std::vector<std::string>{"Art. 3(4)", "Art. 27(2)", "Art. 28"}));
  EXPECT_EQ(j["duties"][1]["due"], "2025-01-17");
  EXPECT_EQ(j["duties"][1]["changes"], "within three months");
  ASSERT_EQ(j["jurisdiction"].size(), 1u);
  EXPECT_EQ(j["jurisdiction"][0]["rule"], "main_establishment");
  EXPECT_EQ(j["jurisdiction"][0]["member_state"], "FR");  // decisions unknown -> operations (Art. 26(2))
}

TEST(Classify, ImplementingRegulationOnlyForItsEntityTypes) {
  EXPECT_TRUE(run(entity({"digital_infrastructure.cloud_computing_service_provider"}, kMedium, 1, 1))
                  .implementing_regulation_2024_2690);
  EXPECT_FALSE(run(entity({kEnergy}, kLarge, 1, 1)).implementing_regulation_2024_2690);
  // Out of scope: the IR does not apply either.
  EXPECT_FALSE(run(entity({"digital_infrastructure.cloud_computing_service_provider"}, kMicro, 1, 1))
                   .implementing_regulation_2024_2690);
}

TEST(Classify, JsonShapeIsStable) {
  json j = to_json(run(entity({kEnergy}, kLarge, 1, 1)));
  for (const char* key :
       {"classification", "size_category", "size", "legal_basis", "activities", "supervision", "max_fine_floor_eur",
        "max_fine_floor_cents", "duties", "jurisdiction", "implementing_regulation_2024_2690", "notes"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["classification"], "essential");
  EXPECT_EQ(j["size_category"], "large");
  EXPECT_EQ(j["supervision"], "ex_ante_and_ex_post");
}

}  // namespace
}  // namespace vigil::scope
