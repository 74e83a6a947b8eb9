// Bad input names its field; CSV rows are read one by one; the interview flow
// can be driven from any stream of answers.
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "scope/activity.h"
#include "scope/entity_rows.h"
#include "scope/interview.h"
#include "scope/scope.h"

namespace vigil::scope {
namespace {

using nlohmann::json;

json base() {
  return json::parse(R"({"entity_types": ["energy.electricity.producer"], "employees": 10,
                         "annual_turnover_eur": 1, "balance_sheet_total_eur": 1, "provides_services_in_eu": true})");
}

// All error locations of a failed parse.
std::vector<std::string> wheres(const json& j) {
  auto r = parse_entity(j, "e.json");
  std::vector<std::string> out;
  if (r) return out;
  out.push_back(r.error().where);
  for (const auto& m : r.error().more) out.push_back(m.where);
  return out;
}

std::string message(const json& j) {
  auto r = parse_entity(j, "e.json");
  return r ? std::string() : describe(r.error());
}

struct BadCase {
  const char* name;
  const char* field;  // set to this value
  json value;
  const char* where;  // expected error location
};

class BadInput : public testing::TestWithParam<BadCase> {};

TEST_P(BadInput, NamesTheField) {
  const BadCase& c = GetParam();
  json j = base();
  if (c.value.is_discarded()) {
    j.erase(c.field);
  } else {
    j[c.field] = c.value;
  }
  auto w = wheres(j);
  EXPECT_NE(std::find(w.begin(), w.end(), std::string(c.where)), w.end()) << c.name << ": " << message(j);
}

INSTANTIATE_TEST_SUITE_P(
    Entity, BadInput,
    testing::Values(
        BadCase{"negative_staff", "employees", -1, "e.json: employees"},
        BadCase{"text_staff", "employees", "many", "e.json: employees"},
        BadCase{"three_decimals_staff", "employees", 1.125, "e.json: employees"},
        BadCase{"negative_turnover", "annual_turnover_eur", -5, "e.json: annual_turnover_eur"},
        BadCase{"text_balance", "balance_sheet_total_eur", "lots", "e.json: balance_sheet_total_eur"},
        BadCase{"missing_turnover", "annual_turnover_eur", json(json::value_t::discarded),
                "e.json: annual_turnover_eur"},
        BadCase{"missing_types", "entity_types", json(json::value_t::discarded), "e.json: entity_types"},
        BadCase{"unknown_field", "employes", 3, "e.json: employes"},
        BadCase{"flag_not_bool", "provides_services_in_eu", "yes", "e.json: provides_services_in_eu"},
        BadCase{"bad_level", "public_administration_level", "federal", "e.json: public_administration_level"},
        BadCase{"bad_designation", "member_state_designation", "critical", "e.json: member_state_designation"},
        BadCase{"qtsp_without_tsp", "qualified_trust_service_provider", true,
                "e.json: qualified_trust_service_provider"},
        BadCase{"root_without_dns", "root_name_server_operator", true, "e.json: root_name_server_operator"},
        BadCase{"ancillary_where_annex_does_not_exclude", "ancillary_activity", true, "e.json: ancillary_activity"},
        BadCase{"regional_assessment_without_regional", "regional_risk_assessment_positive", true,
                "e.json: regional_risk_assessment_positive"},
        BadCase{"national_security_without_pa", "national_security_defence_law_enforcement", true,
                "e.json: national_security_defence_law_enforcement"},
        BadCase{"judiciary_without_pa", "judiciary_parliament_or_central_bank", true,
                "e.json: judiciary_parliament_or_central_bank"},
        BadCase{"designation_without_ground", "member_state_designation", "essential",
                "e.json: member_state_designation"},
        BadCase{"main_establishment_for_energy", "main_establishment", json::object({{"decisions_taken_in", "DE"}}),
                "e.json: main_establishment"},
        BadCase{"partner_holding_above_50", "partner_enterprises",
                json::parse(R"([{"employees": 1, "annual_turnover_eur": 1, "balance_sheet_total_eur": 1,
                                 "holding_percent": 60}])"),
                "e.json: partner_enterprises[0]: holding_percent"},
        BadCase{"partner_without_holding", "partner_enterprises",
                json::parse(R"([{"employees": 1, "annual_turnover_eur": 1, "balance_sheet_total_eur": 1}])"),
                "e.json: partner_enterprises[0]: holding_percent"},
        BadCase{"linked_negative", "linked_enterprises",
                json::parse(R"([{"employees": -2, "annual_turnover_eur": 1, "balance_sheet_total_eur": 1}])"),
                "e.json: linked_enterprises[0]: employees"}),
    [](const testing::TestParamInfo<BadCase>& p) { return std::string(p.param.name); });

// Art. 2(1) is a required fact: absent or null, it is an error naming the
// field and what is valid, never "out of scope" (the tester's example).
TEST(EntityInput, ServicesInEuIsRequired) {
  json j = json::parse(R"({"entity_types":["energy.electricity.distribution_system_operator"],"employees":300,
                           "annual_turnover_eur":60000000,"balance_sheet_total_eur":50000000})");
  auto r = parse_entity(j, "e.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "e.json: provides_services_in_eu");
  EXPECT_EQ(r.error().message,
            "is required: true or false, whether the entity provides services or carries out activities in the "
            "Union (Art. 2(1) NIS2); without it the scope cannot be answered");
  j["provides_services_in_eu"] = nullptr;
  auto null = parse_entity(j, "e.json");
  ASSERT_FALSE(null);
  EXPECT_EQ(null.error().where, "e.json: provides_services_in_eu");
  j["provides_services_in_eu"] = false;  // said: out of scope is the answer
  auto no = parse_entity(j, "e.json");
  ASSERT_TRUE(no) << describe(no.error());
  EXPECT_EQ(classify(*no).classification, Classification::OutOfScope);
}

// A name is one line: no line feed or tab (docs/SECURITY.md), also for an
// enterprise's name.
TEST(EntityInput, NamesAreOneLine) {
  json j = base();
  j["name"] = "Acme\nResult: OUT OF SCOPE";
  EXPECT_EQ(wheres(j), std::vector<std::string>{"e.json: name"});
  j["name"] = "Ac\tme";
  EXPECT_EQ(wheres(j), std::vector<std::string>{"e.json: name"});
  j = base();
  j["linked_enterprises"] =
      json::parse(R"([{"name": "L\nx", "employees": 1, "annual_turnover_eur": 1, "balance_sheet_total_eur": 1}])");
  EXPECT_EQ(wheres(j), std::vector<std::string>{"e.json: linked_enterprises[0]: name"});
}

// Only the facts that, alone true, would change the classification are
// listed; a fact given as false never is; one whose "yes" would contradict
// the input (a qualified trust service provider without the trust service
// type) neither.
TEST(EntityInput, AssumedNo) {
  json j = base();  // a small electricity producer: out of scope by size
  auto e = parse_entity(j, "e.json");
  ASSERT_TRUE(e) << describe(e.error());
  ScopeResult r = classify(*e);
  EXPECT_EQ(r.classification, Classification::OutOfScope);
  EXPECT_EQ(r.assumed_no,
            (std::vector<std::string_view>{"domain_name_registration_services", "cer_critical_entity",
                                           "sole_provider_in_member_state",
                                           "disruption_significant_impact_public_safety_security_health",
                                           "significant_systemic_risk", "critical_national_regional_importance"}));
  for (std::string_view name : r.assumed_no) j[std::string(name)] = false;
  auto given = parse_entity(j, "e.json");
  ASSERT_TRUE(given) << describe(given.error());
  EXPECT_TRUE(classify(*given).assumed_no.empty());
}

TEST(EntityInput, UnknownEntityTypeNamesNearestIds) {
  json j = base();
  j["entity_types"] = {"digital_infrastructure.dns_provider"};
  auto r = parse_entity(j, "e.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "e.json: entity_types[0]");
  EXPECT_NE(r.error().message.find("digital_infrastructure.dns_service_provider"), std::string::npos)
      << r.error().message;
}

TEST(EntityInput, ReportsEveryErrorAtOnce) {
  json j = base();
  j["employees"] = -1;
  j["annual_turnover_eur"] = "x";
  j["unknown"] = 1;
  EXPECT_EQ(wheres(j).size(), 3u);
}

TEST(EntityInput, PublicAdministrationLevelMustMatchType) {
  json j = base();
  j["entity_types"] = {"public_administration.regional"};
  j["public_administration_level"] = "central";
  auto w = wheres(j);
  EXPECT_NE(std::find(w.begin(), w.end(), "e.json: public_administration_level"), w.end());
}

TEST(EntityInput, FractionalWorkUnitsAndHoldings) {
  json j = base();
  j["employees"] = 49.5;
  j["partner_enterprises"] = json::parse(
      R"([{"employees": 1, "annual_turnover_eur": 1, "balance_sheet_total_eur": 1, "holding_percent": 25.5}])");
  auto r = parse_entity(j, "e.json");
  ASSERT_TRUE(r) << describe(r.error());
  EXPECT_EQ(r->own->employees.hundredths, 4950);
  EXPECT_EQ(r->partner_enterprises[0].holding_basis_points, 2550);
}

TEST(Activity, AncillaryExclusionOnlyWhereTheAnnexHasOne) {
  int count = 0;
  for (const catalog::EntityType& t : catalog::builtin().entity_types) {
    if (excludes_ancillary_activity(t)) {
      ++count;
      EXPECT_FALSE(t.annex_exclusion.empty()) << t.id;
    }
    EXPECT_FALSE(annex_point(t).empty()) << t.id << " has no Annex point";
  }
  EXPECT_EQ(count, 4);  // road authorities, drinking water, waste water, waste management
}

// --- CSV rows ----------------------------------------------------------------

// The rows of `csv` as the batch reads them: the table, its header checked
// (check_entity_columns, which parse_entity_rows requires), then each row.
std::vector<EntityRow> entity_rows_of(std::string_view csv, std::string_view source) {
  auto table = parse_csv(csv, source);
  if (!table) {
    ADD_FAILURE() << describe(table.error());
    return {};
  }
  auto columns = check_entity_columns(*table, source);
  if (!columns) {
    ADD_FAILURE() << describe(columns.error());
    return {};
  }
  return parse_entity_rows(*table, source);
}

// The one notice check_entity_columns gives for `table` (read from `source`).
Error only_column_notice(const CsvTable& table, std::string_view source) {
  auto notices = check_entity_columns(table, source);
  if (!notices) {
    ADD_FAILURE() << describe(notices.error());
    return {};
  }
  EXPECT_EQ(notices->size(), 1u);
  return notices->empty() ? Error{} : notices->front();
}

TEST(EntityRows, BadRowKeepsItsLineAndOthersAreRead) {
  auto rows = entity_rows_of(
      "name,entity_types,employees,annual_turnover_eur,balance_sheet_total_eur,provides_services_in_eu\n"
      "A,energy.electricity.producer,300,1,1,true\n"
      "B,energy.electricity.producr,300,1,1,true\n"
      "C,digital_infrastructure.dns_service_provider;domain_name_registration.provider,2,1,1,yes\n",
      "many.csv");
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_TRUE(rows[0].entity);
  EXPECT_EQ(classify(*rows[0].entity).classification, Classification::Essential);
  ASSERT_FALSE(rows[1].entity);
  EXPECT_EQ(rows[1].line, 3u);
  EXPECT_EQ(rows[1].entity.error().where, "many.csv:3: entity_types[0]");
  ASSERT_TRUE(rows[2].entity);
  EXPECT_EQ(rows[2].entity->entity_types.size(), 2u);
}

// A missing required column fails the file; a column Vigil does not read is
// ignored (said after the errors, since a misspelt name may be why).
TEST(EntityRows, HeaderErrors) {
  auto table = parse_csv("entity_types,employes,annual_turnover_eur\nx,1,1\n", "h.csv");
  ASSERT_TRUE(table);
  auto r = check_entity_columns(*table, "h.csv");
  ASSERT_FALSE(r);
  std::string all = describe(r.error());
  EXPECT_NE(all.find("the required column employees is missing"), std::string::npos) << all;
  EXPECT_NE(all.find("balance_sheet_total_eur is missing"), std::string::npos) << all;
  EXPECT_NE(all.find("h.csv:1: column 'employes' is not one Vigil reads; its values are ignored (did you mean "
                     "'employees'?)"),
            std::string::npos)
      << all;
  auto twice = parse_csv("entity_types,employees,Employees,annual_turnover_eur,balance_sheet_total_eur\n", "t.csv");
  ASSERT_TRUE(twice);
  auto t = check_entity_columns(*twice, "t.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message, "column 'Employees' appears twice");
}

// D.10: as lenient as the SoA and register readers: headers in any case (and
// with spaces for underscores), extra columns kept in the file, ignored and said
// to be, never fatal.
TEST(EntityRows, HeadersMatchAnyCaseAndExtraColumnsAreIgnored) {
  auto table = parse_csv(
      "NAME,Entity Types,Employees,ANNUAL_TURNOVER_EUR,balance-sheet-total-eur,Provides_Services_In_EU,Owner\n"
      "A,energy.electricity.producer,300,1,1,true,Alice\n",
      "c.csv");
  ASSERT_TRUE(table);
  const Error notice = only_column_notice(*table, "c.csv");
  EXPECT_EQ(notice.where, "c.csv:1");
  EXPECT_EQ(notice.message, "column 'Owner' is not one Vigil reads; its values are ignored");
  auto rows = parse_entity_rows(*table, "c.csv");
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].entity) << describe(rows[0].entity.error());
  EXPECT_EQ(rows[0].entity->name, "A");
  EXPECT_TRUE(rows[0].entity->provides_services_in_eu);
  EXPECT_EQ(classify(*rows[0].entity).classification, Classification::Essential);
}

// The delimiter, when not ',', is said; a semicolon file read with ',' is named as such.
TEST(EntityRows, DelimiterIsSaid) {
  const std::string semicolons =
      "name;entity_types;employees;annual_turnover_eur;balance_sheet_total_eur;provides_services_in_eu\n"
      "A;x;1;1;1;true\n";
  auto table = parse_csv(semicolons, "s.csv");
  ASSERT_TRUE(table);
  EXPECT_EQ(only_column_notice(*table, "s.csv").message, "read as semicolon-separated (detected from the header)");
  auto commas = parse_csv(semicolons, "s.csv", CsvOptions{','});
  ASSERT_FALSE(commas);
  EXPECT_NE(commas.error().message.find("the file looks semicolon-separated"), std::string::npos)
      << commas.error().message;
}

// D.11: the input rules of the JSON reader (core/text.h unsafe_text) hold for
// every cell: a terminal escape, a NUL or a bidi override is refused, naming
// the line, the column and the character.
TEST(EntityRows, ControlCharactersAreRefused) {
  const std::string header =
      "name,entity_types,employees,annual_turnover_eur,balance_sheet_total_eur,provides_services_in_eu,"
      "main_establishment_decisions_taken_in\n";
  std::string text = header + "\"X\x1b[2J\x1b]0;pwn\x07\",energy.electricity.producer,300,1,1,true,\n" +
                     std::string("N") + '\0' + "ul,energy.electricity.producer,300,1,1,true,\n" +
                     "B,energy.electricity.producer,300,1,1,true,\xe2\x80\xae"
                     "DE\n" +
                     "C,energy.electricity.producer,300,1,1,true,\n";
  auto rows = entity_rows_of(text, "e.csv");
  ASSERT_EQ(rows.size(), 4u);
  ASSERT_FALSE(rows[0].entity);
  EXPECT_EQ(rows[0].entity.error().where, "e.csv:2: name");
  EXPECT_NE(rows[0].entity.error().message.find("U+001B"), std::string::npos) << rows[0].entity.error().message;
  EXPECT_TRUE(rows[0].entity.error().more.empty()) << describe(rows[0].entity.error());
  ASSERT_FALSE(rows[1].entity);
  EXPECT_EQ(rows[1].entity.error().where, "e.csv:3: name");
  EXPECT_NE(rows[1].entity.error().message.find("U+0000"), std::string::npos) << rows[1].entity.error().message;
  ASSERT_FALSE(rows[2].entity);
  EXPECT_EQ(rows[2].entity.error().where, "e.csv:4: main_establishment_decisions_taken_in");
  EXPECT_NE(rows[2].entity.error().message.find("U+202E"), std::string::npos) << rows[2].entity.error().message;
  ASSERT_TRUE(rows[3].entity) << describe(rows[3].entity.error());
}

// Art. 2(1) is a required fact: a file without the column fails once, at its
// header (not once per row, and never "out of scope" for every row); an empty
// cell fails its row. Unknown is not "no".
TEST(EntityRows, ServicesInEuIsRequired) {
  auto table = parse_csv(
      "name,entity_types,employees,annual_turnover_eur,balance_sheet_total_eur\n"
      "A,energy.electricity.distribution_system_operator,300,60000000,50000000\n"
      "B,energy.electricity.distribution_system_operator,300,60000000,50000000\n",
      "n.csv");
  ASSERT_TRUE(table);
  auto header = check_entity_columns(*table, "n.csv");
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().where, "n.csv:1");
  EXPECT_EQ(header.error().message,
            "the required column provides_services_in_eu is missing: each row must say true or false, whether the "
            "entity provides services or carries out activities in the Union (Art. 2(1) NIS2)");
  EXPECT_TRUE(header.error().more.empty()) << describe(header.error());

  auto rows = entity_rows_of(
      "name,entity_types,employees,annual_turnover_eur,balance_sheet_total_eur,provides_services_in_eu\n"
      "A,energy.electricity.distribution_system_operator,300,60000000,50000000,\n"
      "B,energy.electricity.distribution_system_operator,300,60000000,50000000,no\n",
      "e.csv");
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_FALSE(rows[0].entity);
  EXPECT_EQ(rows[0].entity.error().where, "e.csv:2: provides_services_in_eu");
  EXPECT_NE(rows[0].entity.error().message.find("is required: true or false"), std::string::npos)
      << rows[0].entity.error().message;
  ASSERT_TRUE(rows[1].entity) << describe(rows[1].entity.error());  // "no", said: out of scope is the answer
  EXPECT_EQ(classify(*rows[1].entity).classification, Classification::OutOfScope);
}

// A name is one line (docs/SECURITY.md): a line feed or tab could print a
// line of its own ("Result: OUT OF SCOPE") under the real one.
TEST(EntityRows, NamesAreOneLine) {
  auto rows = entity_rows_of(
      "name,entity_types,employees,annual_turnover_eur,balance_sheet_total_eur,provides_services_in_eu\n"
      "\"Acme\nResult: OUT OF SCOPE\",energy.electricity.producer,300,1,1,true\n"
      "\"Ac\tme\",energy.electricity.producer,300,1,1,true\n",
      "n.csv");
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_FALSE(rows[0].entity);
  EXPECT_EQ(rows[0].entity.error().where, "n.csv:2: name");
  ASSERT_FALSE(rows[1].entity);
  EXPECT_EQ(rows[1].entity.error().where, "n.csv:4: name");
}

// Facts left out are read as "no"; those that would change the result if
// true are listed with it, so the answer says what it rests on.
TEST(EntityRows, AssumedNoListsTheMissingFactsThatMatter) {
  auto rows = entity_rows_of(
      "name,entity_types,employees,annual_turnover_eur,balance_sheet_total_eur,provides_services_in_eu,"
      "cer_critical_entity\n"
      "Small,energy.electricity.producer,10,1,1,true,\n"
      "Given,energy.electricity.producer,10,1,1,true,no\n",
      "a.csv");
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_TRUE(rows[0].entity && rows[1].entity);
  ScopeResult small = classify(*rows[0].entity);
  EXPECT_EQ(small.classification, Classification::OutOfScope);
  auto& assumed = small.assumed_no;
  EXPECT_NE(std::find(assumed.begin(), assumed.end(), "cer_critical_entity"), assumed.end());
  // Alone, without member_state_applies_art_3_1_g, it changes nothing.
  EXPECT_EQ(std::find(assumed.begin(), assumed.end(), "identified_as_ose_before_2023_01_16"), assumed.end());
  ScopeResult given = classify(*rows[1].entity);
  EXPECT_EQ(std::find(given.assumed_no.begin(), given.assumed_no.end(), "cer_critical_entity"), given.assumed_no.end());
}

TEST(EntityRows, PartnerListsArePairedAndChecked) {
  auto rows = entity_rows_of(
      "entity_types,employees,annual_turnover_eur,balance_sheet_total_eur,provides_services_in_eu,"
      "partner_employees,partner_annual_turnover_eur,partner_balance_sheet_total_eur,partner_holding_percent\n"
      "energy.electricity.producer,40,1,1,true,20;20,0;0,0;0,25;25\n"
      "energy.electricity.producer,40,1,1,true,20,0,0,70\n"
      "energy.electricity.producer,40,1,1,true,20;20,0,0,25\n",
      "p.csv");
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_TRUE(rows[0].entity);
  EXPECT_EQ(classify(*rows[0].entity).size->category, SizeCategory::Medium);  // 40 + 5 + 5
  ASSERT_FALSE(rows[1].entity);
  EXPECT_EQ(rows[1].entity.error().where, "p.csv:3: partner_holding_percent");
  ASSERT_FALSE(rows[2].entity);
  EXPECT_EQ(rows[2].entity.error().where, "p.csv:4: partner_employees");
}

// --- interview ----------------------------------------------------------------

// Drives the question flow from a stream, as the terminal would; returns the
// question ids asked.
std::vector<std::string> drive(Interview& s, std::istream& answers) {
  std::vector<std::string> asked;
  while (auto q = next_question(s)) {
    asked.push_back(q->id);
    std::string line;
    if (!std::getline(answers, line)) break;
    auto applied = answer(s, *q, line);
    if (!applied) {
      asked.push_back("rejected:" + q->id);
      if (!std::getline(answers, line) || !answer(s, *q, line)) break;
    }
  }
  return asked;
}

std::string option_number(const Question& q, std::string_view label) {
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    if (q.options[i] == label) return std::to_string(i + 1);
  }
  return "0";
}

TEST(Interview, DnsProviderSkipsSizeAndSpecialCases) {
  Interview s;
  // First answers: in the EU; then the sector menu.
  ASSERT_TRUE(answer(s, *next_question(s), "y"));
  auto sector = next_question(s);
  ASSERT_EQ(sector->id, "sector");
  ASSERT_TRUE(answer(s, *sector, option_number(*sector, "Digital infrastructure")));
  auto type = next_question(s);
  ASSERT_EQ(type->id, "entity_type");
  ASSERT_TRUE(answer(s, *type, option_number(*type, "DNS service provider (operators of root name servers excluded)")));
  auto more = next_question(s);
  ASSERT_EQ(more->id, "sector");
  ASSERT_TRUE(answer(s, *more, std::to_string(more->options.size())));  // no further activity
  std::istringstream rest("n\n\n");                                     // not a root name server; no group turnover
  auto asked = drive(s, rest);
  EXPECT_EQ(asked, (std::vector<std::string>{"root_name_server_operator", "group_worldwide_turnover_eur"}));
  auto e = finish(s);
  ASSERT_TRUE(e);
  EXPECT_EQ(classify(*e).classification, Classification::Essential);
}

TEST(Interview, LargeByStaffSkipsFinancesAndRejectsBadAnswers) {
  Interview s;
  ASSERT_TRUE(answer(s, *next_question(s), "yes"));
  auto sector = next_question(s);
  ASSERT_TRUE(answer(s, *sector, option_number(*sector, "Postal and courier services")));
  auto type = next_question(s);
  ASSERT_TRUE(answer(s, *type, "1"));
  auto more = next_question(s);
  ASSERT_TRUE(answer(s, *more, std::to_string(more->options.size())));
  // employees: "lots" is rejected, then 300; then the special cases (all no); turnover skipped.
  std::istringstream rest("lots\n300\nn\nn\nn\nn\nn\nn\n1000000000\n");
  auto asked = drive(s, rest);
  std::vector<std::string> expected{"employees",
                                    "rejected:employees",
                                    "cer_critical_entity",
                                    "sole_provider_in_member_state",
                                    "disruption_significant_impact_public_safety_security_health",
                                    "significant_systemic_risk",
                                    "critical_national_regional_importance",
                                    "identified_as_ose_before_2023_01_16",
                                    "group_worldwide_turnover_eur"};
  EXPECT_EQ(asked, expected);
  auto r = classify(*finish(s));
  EXPECT_EQ(r.classification, Classification::Important);  // Annex II, large
  EXPECT_EQ(r.max_fine_floor, euros(14'000'000));
  EXPECT_EQ(s.not_asked, (std::vector<std::string>{"annual_turnover_eur", "balance_sheet_total_eur"}));
}

TEST(Interview, OutsideTheUnionEndsAtOnce) {
  Interview s;
  ASSERT_TRUE(answer(s, *next_question(s), "n"));
  EXPECT_FALSE(next_question(s));
  EXPECT_EQ(classify(*finish(s)).classification, Classification::OutOfScope);
}

}  // namespace
}  // namespace vigil::scope
