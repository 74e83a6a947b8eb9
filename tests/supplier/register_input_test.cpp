// The register parsers: the three shapes read the same, and every bad input
// is refused with its file, line and field.
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "supplier/countries.h"
#include "supplier/register_input.h"

namespace vigil::supplier {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// A register of three CSV files, read as functions.csv, suppliers.csv and dependencies.csv.
Result<Register> csv_register(std::string_view functions, std::string_view suppliers, std::string_view dependencies) {
  return parse_register_csv({functions, "functions.csv"}, {suppliers, "suppliers.csv"},
                            {dependencies, "dependencies.csv"});
}

constexpr std::string_view kGood = R"(functions:
  - id: f1
    name: Hosting
    critical: true
    entity_type: digital_infrastructure.cloud_computing_service_provider
    rto: PT4H
suppliers:
  - id: s1
    name: Colo GmbH
    country: DE
    group: g
    services: [colocation, remote hands]
    substitutable: false
    exit_plan: yes
    iso27001_certificate_expiry: 2027-01-31
    contract_end: 2028-12-31
    clauses: [exit, audit_rights]
    last_assessment: 2026-01-01
    next_assessment: 2027-01-01
    contact: {name: Ann, email: ann@colo.example, phone: "+49 1"}
  - id: s2
    name: Power AG
    country: FR
    services: [power]
    substitutable: true
    exit_plan: false
dependencies:
  - {from: f1, to: s1, kind: colocation, description: main site}
  - {from: s1, to: s2, kind: power}
)";

std::string all_errors(const Error& e) { return describe(e); }

Result<Register> yaml(std::string_view text) { return parse_register(text, DocumentFormat::Yaml, "r.yaml"); }

TEST(RegisterInput, ReadsEveryFieldFromYaml) {
  auto reg = yaml(kGood);
  ASSERT_TRUE(reg) << all_errors(reg.error());
  ASSERT_EQ(reg->functions.size(), 1u);
  EXPECT_TRUE(reg->functions[0].critical);
  EXPECT_EQ(reg->functions[0].rto_seconds, 4 * 3600);
  ASSERT_EQ(reg->suppliers.size(), 2u);
  const Supplier& s = reg->suppliers[0];
  EXPECT_EQ(s.group, "g");
  EXPECT_EQ(s.services, (std::vector<std::string>{"colocation", "remote hands"}));
  EXPECT_FALSE(s.substitutable);
  EXPECT_TRUE(s.exit_plan);
  EXPECT_EQ(s.clauses, (std::vector<Clause>{Clause::AuditRights, Clause::Exit}));
  EXPECT_EQ(format_date(*s.certificate_expiry), "2027-01-31");
  EXPECT_EQ(s.contact.email, "ann@colo.example");
  EXPECT_EQ(s.contact.phone, "+49 1");
  ASSERT_EQ(reg->dependencies.size(), 2u);
  EXPECT_TRUE(reg->dependencies[0].from.function);
  EXPECT_FALSE(reg->dependencies[1].from.function);
  EXPECT_EQ(reg->dependencies[1].to, 1u);
  EXPECT_EQ(reg->dependencies[0].description, "main site");
}

TEST(RegisterInput, JsonAndCsvReadTheSameRegister) {
  constexpr std::string_view json = R"({
 "functions": [{"id": "f1", "name": "Hosting", "critical": true}],
 "suppliers": [{"id": "s1", "name": "Colo", "country": "DE", "services": ["colocation"],
                "substitutable": false, "exit_plan": false, "clauses": ["exit"],
                "contact": {"email": "a@b.example"}}],
 "dependencies": [{"from": "f1", "to": "s1", "kind": "colocation"}]})";
  auto from_json = parse_register(json, DocumentFormat::Json, "r.json");
  ASSERT_TRUE(from_json) << all_errors(from_json.error());
  auto from_csv = csv_register("id,name,critical\nf1,Hosting,true\n",
                               "id,name,country,services,substitutable,exit_plan,clauses,contact_email\n"
                               "s1,Colo,DE,colocation,no,no,exit,a@b.example\n",
                               "from,to,kind\nf1,s1,colocation\n");
  ASSERT_TRUE(from_csv) << all_errors(from_csv.error());
  for (const Register* reg : {&*from_json, &*from_csv}) {
    ASSERT_EQ(reg->suppliers.size(), 1u);
    EXPECT_EQ(reg->suppliers[0].clauses, std::vector<Clause>{Clause::Exit});
    EXPECT_EQ(reg->suppliers[0].contact.email, "a@b.example");
    EXPECT_FALSE(reg->suppliers[0].substitutable);
    EXPECT_EQ(reg->dependencies.size(), 1u);
  }
}

TEST(RegisterInput, CsvListsAreSemicolonSeparated) {
  auto reg = csv_register("id,name,critical\n",
                          "id,name,country,services,substitutable,exit_plan,clauses\n"
                          "s1,Colo,DE,a; b ;c,true,true,exit;confidentiality\n",
                          "from,to,kind\n");
  ASSERT_TRUE(reg) << all_errors(reg.error());
  EXPECT_EQ(reg->suppliers[0].services, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(reg->suppliers[0].clauses.size(), 2u);
}

struct BadCase {
  std::string name;
  std::string from;  // replaced in kGood
  std::string to;
  std::string expected;  // a part of the error text, location included
};

class BadYaml : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadYaml, NamesFileLineAndField) {
  std::string text(kGood);
  auto at = text.find(GetParam().from);
  ASSERT_NE(at, std::string::npos) << GetParam().from;
  text.replace(at, GetParam().from.size(), GetParam().to);
  auto reg = yaml(text);
  ASSERT_FALSE(reg);
  EXPECT_NE(all_errors(reg.error()).find(GetParam().expected), std::string::npos) << all_errors(reg.error());
}

// The cases: tests/supplier/data/bad_yaml_cases.json.
std::vector<BadCase> bad_yaml_cases() {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/tests/supplier/data/bad_yaml_cases.json");
  const nlohmann::json cases = nlohmann::json::parse(in);
  std::vector<BadCase> out;
  for (const auto& c : cases["cases"]) {
    out.push_back({c["name"].get<std::string>(), c["from"].get<std::string>(), c["to"].get<std::string>(),
                   c["expected"].get<std::string>()});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Cases, BadYaml, ::testing::ValuesIn(bad_yaml_cases()),
                         [](const auto& test_info) { return test_info.param.name; });

TEST(RegisterInput, JsonErrorsNameThePath) {
  auto reg =
      parse_register(R"({"functions": [{"id": "f", "name": "F", "critical": 1}], "suppliers": [], "dependencies": [],
                                "extra": 1})",
                     DocumentFormat::Json, "r.json");
  ASSERT_FALSE(reg);
  EXPECT_THAT(all_errors(reg.error()),
              AllOf(HasSubstr("r.json:1: functions[0].critical: expected text, true/false or a list"),
                    HasSubstr("r.json:2: extra: unknown section 'extra'")));
}

TEST(RegisterInput, JsonErrorsNameTheLineOfTheElementAndField) {
  constexpr std::string_view json = R"({
  "functions": [
    {"id": "f", "name": "F \"quoted\" [x]", "critical": true}
  ],
  "suppliers": [
    {"id": "s", "name": "S", "services": ["x"], "substitutable": true, "exit_plan": true,
     "country": "XX"},
    {
      "id": "t", "name": "T", "country": "DE", "services": ["x"], "substitutable": true, "exit_plan": true,
      "contact": {
        "fax": "1"
      }
    },
    "not an object"
  ],
  "dependencies": [
    {"from": "f", "to": "nobody", "kind": "k"}
  ]
})";
  auto reg = parse_register(json, DocumentFormat::Json, "r.json");
  ASSERT_FALSE(reg);
  EXPECT_EQ(describe(reg.error()),
            "r.json:7: suppliers[0].country: 'XX' is not an ISO 3166-1 alpha-2 code (two capital letters, such as DE, "
            "FR, IE, US)\n"
            "r.json:11: suppliers[1].contact.fax: unknown field 'fax': the fields are name, email, phone\n"
            "r.json:14: suppliers[2]: expected an object, found \"not an object\"\n"
            "r.json:17: dependencies[0].to: unknown supplier 'nobody'\n");
}

TEST(RegisterInput, JsonDuplicateKeyIsRefused) {
  auto reg = parse_register(R"({"functions": [], "functions": [], "suppliers": [], "dependencies": []})",
                            DocumentFormat::Json, "r.json");
  ASSERT_FALSE(reg);
}

TEST(RegisterInput, MissingSectionIsAnError) {
  auto reg = yaml("functions: []\nsuppliers: []\n");
  ASSERT_FALSE(reg);
  EXPECT_NE(all_errors(reg.error()).find("r.yaml: dependencies: missing"), std::string::npos);
}

TEST(RegisterInput, CsvErrorsNameFileLineAndColumn) {
  auto reg = csv_register("id,name,critical\nf1,F,true\nf1,G,false\n",
                          "id,name,country,services,substitutable,exit_plan,colour\n"
                          "s1,S,ZZ,x,true,true,red\n",
                          "from,to,kind\nf1,s9,hosting\n");
  ASSERT_FALSE(reg);
  EXPECT_THAT(all_errors(reg.error()), AllOf(HasSubstr("functions.csv:3: id: duplicate id 'f1'"),
                                             HasSubstr("suppliers.csv:1: unknown column 'colour'"),
                                             HasSubstr("dependencies.csv:2: to: unknown supplier 's9'")));
}

TEST(RegisterInput, CsvMissingColumnIsReportedOnce) {
  auto reg =
      csv_register("id,name\nf1,F\nf2,G\n", "id,name,country,services,substitutable,exit_plan\n", "from,to,kind\n");
  ASSERT_FALSE(reg);
  EXPECT_EQ(describe(reg.error()), "functions.csv:1: missing required column 'critical'\n");
}

TEST(RegisterInput, ErrorsAreCappedWithACount) {
  std::string deps = "from,to,kind\n";
  for (int i = 0; i < 300; ++i) deps += "nobody,nothing,x\n";
  auto reg = csv_register("id,name,critical\n", "id,name,country,services,substitutable,exit_plan\n", deps);
  ASSERT_FALSE(reg);
  EXPECT_EQ(reg.error().more.size(), kMaxReportedErrors);
  EXPECT_EQ(reg.error().more.back().message, "... and 400 more errors");
}

TEST(RegisterInput, DeepFlowNestingIsRefusedBeforeYamlCpp) {
  std::string text = "functions: " + std::string(100000, '[');
  EXPECT_FALSE(yaml(text));
}

TEST(Duration, IsoDurations) {
  EXPECT_EQ(parse_duration_seconds("PT4H"), 4 * 3600);
  EXPECT_EQ(parse_duration_seconds("P1DT12H"), 36 * 3600);
  EXPECT_EQ(parse_duration_seconds("P2W"), 14 * 86400);
  EXPECT_EQ(parse_duration_seconds("PT90S"), 90);
  EXPECT_EQ(parse_duration_seconds("PT30M"), 1800);
  EXPECT_EQ(parse_duration_seconds("P3650D"), 3650LL * 86400);
  for (std::string_view bad : {"", "P", "PT", "P1DT", "P1M", "P1Y", "PT1.5H", "PT4", "4H", "PT1H1H", "PT1M1H", "P3651D",
                               "P-1D", "P99999999999999999999D"}) {
    EXPECT_FALSE(parse_duration_seconds(bad)) << bad;
  }
}

TEST(Countries, ListIsSortedAndComplete) {
  auto all = countries();
  EXPECT_EQ(all.size(), 249u);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].code, all[i].code);
  EXPECT_NE(find_country("DE"), nullptr);
  EXPECT_NE(find_country("GB"), nullptr);
  EXPECT_EQ(find_country("UK"), nullptr);
  EXPECT_EQ(find_country("de"), nullptr);
  EXPECT_EQ(find_country("EU"), nullptr);
}

}  // namespace
}  // namespace vigil::supplier
