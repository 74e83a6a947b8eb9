// The analysis rules at their boundaries, and the what-if model.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "supplier/analysis.h"
#include "supplier/impact.h"
#include "supplier/register_input.h"

namespace vigil::supplier {
namespace {

// A register written compactly: functions "id:critical", suppliers
// "id:substitutable:exit_plan[:group[:country]]", dependencies "from>to[:kind]".
Register make(std::vector<std::string> functions, std::vector<std::string> suppliers, std::vector<std::string> deps,
              std::string extra_supplier_fields = "") {
  std::string y = "functions:\n";
  for (const std::string& f : functions) {
    auto colon = f.find(':');
    y += fmt::format("  - {{id: {}, name: F, critical: {}}}\n", f.substr(0, colon),
                     colon == std::string::npos ? "true" : f.substr(colon + 1));
  }
  y += "suppliers:\n";
  for (const std::string& s : suppliers) {
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
      auto colon = s.find(':', start);
      parts.push_back(s.substr(start, colon - start));
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    while (parts.size() < 5) parts.emplace_back();
    y += fmt::format(
        "  - {{id: {}, name: S, country: {}, services: [x], substitutable: {}, exit_plan: {}{}, clauses: "
        "[security_requirements, incident_notification, audit_rights, subcontracting, vulnerability_handling, exit, "
        "confidentiality, data_location], last_assessment: 2026-01-01, next_assessment: 2027-01-01{}}}\n",
        parts[0], parts[4].empty() ? "DE" : parts[4], parts[1].empty() ? "true" : parts[1],
        parts[2].empty() ? "true" : parts[2], parts[3].empty() ? "" : ", group: " + parts[3], extra_supplier_fields);
  }
  y += "dependencies:\n";
  for (const std::string& d : deps) {
    auto arrow = d.find('>');
    auto colon = d.find(':');
    std::string to = d.substr(arrow + 1, colon == std::string::npos ? std::string::npos : colon - arrow - 1);
    y += fmt::format("  - {{from: {}, to: {}, kind: {}}}\n", d.substr(0, arrow), to,
                     colon == std::string::npos ? "k" : d.substr(colon + 1));
  }
  auto reg = parse_register(y, DocumentFormat::Yaml, "t.yaml");
  if (!reg) ADD_FAILURE() << describe(reg.error()) << "\n" << y;
  return reg ? *reg : Register{};
}

Date day(const char* text) { return *parse_date(text, "test"); }

AnalysisOptions on(const char* date) {
  AnalysisOptions o;
  o.as_of = day(date);
  return o;
}

const Concentration* find(const Analysis& a, ConcentrationKind kind, std::string_view id) {
  for (const Concentration& c : a.concentration) {
    if (c.kind == kind && c.id == id) return &c;
  }
  return nullptr;
}

// The supplier's own findings (concentration left out: with one critical
// function every supplier it uses holds 100 %).
std::vector<std::string> codes_for(const Analysis& a, std::string_view supplier) {
  std::vector<std::string> codes;
  for (const Finding& f : a.findings) {
    if (f.supplier == supplier && f.code != "concentration") codes.push_back(f.code);
  }
  return codes;
}

TEST(Share, TenthsOfAPercentRoundedHalfUp) {
  EXPECT_EQ(share_permille(1, 3), 333);
  EXPECT_EQ(share_permille(2, 3), 667);
  EXPECT_EQ(share_permille(1, 8), 125);
  EXPECT_EQ(share_permille(1, 16), 63);   // 62.5 -> 63
  EXPECT_EQ(share_permille(1, 2000), 1);  // 0.05 % -> 0.1 %
  EXPECT_EQ(share_permille(1, 2001), 0);  // 0.0499... % -> 0.0 %
  EXPECT_EQ(share_permille(3, 3), 1000);
  EXPECT_EQ(share_permille(0, 0), 0);
}

TEST(Analysis, DependsThroughThreeLevelsOfSubcontracting) {
  auto reg = make({"f"}, {"a", "b", "c", "d", "unrelated"}, {"f>a", "a>b", "b>c", "c>d"});
  auto a = analyse(reg, on("2026-06-01"));
  for (const char* id : {"a", "b", "c", "d"}) {
    const Concentration* c = find(a, ConcentrationKind::Supplier, id);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->critical_functions, std::vector<std::string>{"f"}) << id;
    EXPECT_EQ(c->share_permille, 1000) << id;
  }
  EXPECT_TRUE(find(a, ConcentrationKind::Supplier, "unrelated")->critical_functions.empty());
}

TEST(Analysis, ExactlyTheThresholdIsNotAbove) {
  // s serves 2 of 4 critical functions: 50.0 %.
  auto reg = make({"f1", "f2", "f3", "f4", "n:false"}, {"s", "t"}, {"f1>s", "f2>s", "f3>t", "n>s"});
  auto a = analyse(reg, on("2026-06-01"));
  EXPECT_EQ(find(a, ConcentrationKind::Supplier, "s")->share_permille, 500);
  EXPECT_EQ(a.critical_functions, 4u);
  for (const Finding& f : a.findings) EXPECT_NE(f.code, "concentration") << f.supplier;

  auto lower = on("2026-06-01");
  lower.threshold_permille = 499;
  auto b = analyse(reg, lower);
  ASSERT_FALSE(b.findings.empty());
  EXPECT_EQ(b.findings[0].code, "concentration");
  EXPECT_EQ(b.findings[0].supplier, "s");
  EXPECT_EQ(b.findings[0].detail, "2 of 4 critical functions (50.0 %) depend on it, above the threshold of 49.9 %");
}

TEST(Analysis, GroupCountsEachFunctionOnce) {
  // f1 uses both subsidiaries; f2 one; f3 neither. Group: 2 of 3 = 66.7 %.
  auto reg =
      make({"f1", "f2", "f3"}, {"g1:true:true:grp", "g2:true:true:grp", "x"}, {"f1>g1", "f1>g2", "f2>g2", "f3>x"});
  auto a = analyse(reg, on("2026-06-01"));
  const Concentration* group = find(a, ConcentrationKind::Group, "grp");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->critical_functions, (std::vector<std::string>{"f1", "f2"}));
  EXPECT_EQ(group->share_permille, 667);
  EXPECT_EQ(group->members, (std::vector<std::string>{"g1", "g2"}));
  EXPECT_EQ(find(a, ConcentrationKind::Supplier, "g1")->share_permille, 333);
  bool group_finding = false;
  for (const Finding& f : a.findings) {
    if (f.code == "concentration" && f.group == "grp") group_finding = f.supplier.empty();
  }
  EXPECT_TRUE(group_finding);
}

TEST(Analysis, ConcentrationSortedByShareThenId) {
  auto reg = make({"f1", "f2"}, {"b", "a", "c"}, {"f1>a", "f1>b", "f2>b", "f2>c"});
  auto a = analyse(reg, on("2026-06-01"));
  ASSERT_EQ(a.concentration.size(), 3u);
  EXPECT_EQ(a.concentration[0].id, "b");  // 100 %
  EXPECT_EQ(a.concentration[1].id, "a");  // 50 %, a before c
  EXPECT_EQ(a.concentration[2].id, "c");
}

TEST(Analysis, SinglePointsOfFailureWithOnePath) {
  auto reg = make({"f", "g", "n:false"}, {"direct", "spof:false:false", "subst:true:false", "exit:false:true"},
                  {"f>direct", "direct>spof", "g>subst", "g>exit", "n>spof"});
  auto a = analyse(reg, on("2026-06-01"));
  ASSERT_EQ(a.single_points_of_failure.size(), 1u);  // non-critical n does not count
  const auto& p = a.single_points_of_failure[0];
  EXPECT_EQ(p.function, "f");
  EXPECT_EQ(p.supplier, "spof");
  EXPECT_EQ(p.path, (std::vector<std::string>{"f", "direct", "spof"}));
}

TEST(Analysis, AssessmentDueOnTheAsOfDateIsNotOverdue) {
  auto reg = make({"f"}, {"s"}, {"f>s"}, "");
  reg.suppliers[0].next_assessment = day("2026-06-01");
  EXPECT_TRUE(codes_for(analyse(reg, on("2026-06-01")), "s").empty());
  EXPECT_EQ(codes_for(analyse(reg, on("2026-06-02")), "s"), std::vector<std::string>{"assessment_overdue"});
}

TEST(Analysis, NeverAssessedIsOverdueAndUnscheduledIsSaid) {
  auto reg = make({"f"}, {"s", "t"}, {"f>s", "f>t"});
  reg.suppliers[0].last_assessment.reset();
  reg.suppliers[1].next_assessment.reset();
  auto a = analyse(reg, on("2026-06-01"));
  EXPECT_EQ(codes_for(a, "s"), std::vector<std::string>{"assessment_overdue"});
  EXPECT_EQ(codes_for(a, "t"), std::vector<std::string>{"assessment_unscheduled"});
}

TEST(Analysis, CertificateAndContractExpireTheDayAfter) {
  auto reg = make({"f"}, {"s"}, {"f>s"});
  reg.suppliers[0].certificate_expiry = day("2026-06-01");
  reg.suppliers[0].contract_end = day("2026-06-01");
  EXPECT_TRUE(codes_for(analyse(reg, on("2026-06-01")), "s").empty());
  EXPECT_EQ(codes_for(analyse(reg, on("2026-06-02")), "s"),
            (std::vector<std::string>{"certificate_expired", "contract_expired"}));
}

TEST(Analysis, FindingsOnlyForSuppliersServingACriticalFunction) {
  auto reg = make({"n:false", "f"}, {"quiet", "sub", "loud"}, {"n>quiet", "f>loud", "loud>sub"});
  for (Supplier& s : reg.suppliers) s.clauses.clear();
  auto a = analyse(reg, on("2026-06-01"));
  EXPECT_TRUE(codes_for(a, "quiet").empty());
  EXPECT_EQ(codes_for(a, "sub").size(), kClauseCount);  // a subcontractor serves f too
  EXPECT_EQ(codes_for(a, "loud").size(), kClauseCount);
}

TEST(Analysis, RequiredClausesAreConfigurable) {
  auto reg = make({"f"}, {"s"}, {"f>s"});
  reg.suppliers[0].clauses = {Clause::Exit};
  auto o = on("2026-06-01");
  o.required_clauses = {Clause::Exit, Clause::DataLocation};
  auto a = analyse(reg, o);
  ASSERT_EQ(codes_for(a, "s"), std::vector<std::string>{"missing_clause"});
  EXPECT_EQ(a.findings.back().detail, "the contract has no data_location clause");
  o.required_clauses.clear();
  EXPECT_TRUE(codes_for(analyse(reg, o), "s").empty());
}

TEST(Analysis, CyclesAreFindingsAndEndTheWalk) {
  auto reg = make({"f"}, {"c", "a", "b", "self", "out"}, {"f>b", "a>b", "b>c", "c>a", "c>out", "self>self"});
  auto a = analyse(reg, on("2026-06-01"));
  ASSERT_EQ(a.cycles.size(), 2u);
  EXPECT_EQ(a.cycles[0].path, (std::vector<std::string>{"a", "b", "c", "a"}));
  EXPECT_EQ(a.cycles[0].suppliers, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(a.cycles[1].path, (std::vector<std::string>{"self", "self"}));
  EXPECT_EQ(find(a, ConcentrationKind::Supplier, "out")->share_permille, 1000);
  std::vector<std::string> cycle_details;
  for (const Finding& f : a.findings) {
    if (f.code == "subcontracting_cycle") cycle_details.push_back(f.detail);
  }
  EXPECT_EQ(cycle_details, (std::vector<std::string>{"subcontracting runs in a circle: a -> b -> c -> a",
                                                     "subcontracting runs in a circle: self -> self"}));
}

TEST(Analysis, LongChainDoesNotRecurse) {
  // 200 000 suppliers in one chain closed into a circle: a recursive walk
  // would exhaust the stack.
  constexpr std::size_t kLength = 200'000;
  Register reg;
  reg.functions.push_back(Function{"f", "F", true, "", "", std::nullopt, ""});
  for (std::size_t i = 0; i < kLength; ++i) {
    Supplier s;
    s.id = fmt::format("s{:06}", i);
    s.substitutable = true;
    s.clauses = all_clauses();
    s.last_assessment = day("2026-01-01");
    s.next_assessment = day("2027-01-01");
    reg.suppliers.push_back(std::move(s));
    reg.dependencies.push_back(Dependency{Node{false, i}, (i + 1) % kLength, "k", "", ""});
  }
  reg.dependencies.push_back(Dependency{Node{true, 0}, 0, "k", "", ""});
  auto a = analyse(reg, on("2026-06-01"));
  ASSERT_EQ(a.cycles.size(), 1u);
  EXPECT_EQ(a.cycles[0].suppliers.size(), kLength);
  EXPECT_EQ(a.cycles[0].path.size(), kLength + 1);
  EXPECT_EQ(a.concentration.back().share_permille, 1000);
  auto what_if = impact(reg, {ImpactScope::Supplier, "s100000"});
  ASSERT_TRUE(what_if);
  EXPECT_EQ(what_if->failed_suppliers.size(), kLength);
}

TEST(Analysis, NoCriticalFunctionGivesZeroShares) {
  auto reg = make({"n:false"}, {"s"}, {"n>s"});
  auto a = analyse(reg, on("2026-06-01"));
  EXPECT_EQ(a.critical_functions, 0u);
  EXPECT_EQ(a.concentration[0].share_permille, 0);
  EXPECT_TRUE(a.findings.empty());
}

// --- what-if ------------------------------------------------------------------

const ImpactedFunction* function_in(const Impact& impact, std::string_view id) {
  for (const auto& f : impact.functions) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

TEST(Impact, AlternativeOfTheSameKindKeepsAFunctionGoing) {
  auto reg = make({"f", "g"}, {"a", "b", "c"}, {"f>a:hosting", "f>b:hosting", "g>a:hosting", "g>c:dns"});
  auto result = impact(reg, {ImpactScope::Supplier, "a"});
  ASSERT_TRUE(result);
  const auto* f = function_in(*result, "f");
  const auto* g = function_in(*result, "g");
  ASSERT_TRUE(f && g);
  EXPECT_FALSE(f->fails);
  EXPECT_TRUE(f->keeps_alternative);
  ASSERT_EQ(f->kinds.size(), 1u);
  EXPECT_EQ(f->kinds[0].surviving, std::vector<std::string>{"b"});
  EXPECT_TRUE(g->fails);                    // c is dns, not hosting
  EXPECT_EQ(result->functions[0].id, "g");  // failing before keeping an alternative
}

TEST(Impact, FailureRunsUpThroughSubcontractorsWithoutAlternative) {
  auto reg = make({"f", "n:false"}, {"top", "mid", "low", "spare"},
                  {"n>top:app", "f>top:app", "top>mid:hosting", "mid>low:power", "mid>spare:network"});
  auto result = impact(reg, {ImpactScope::Supplier, "low"});
  ASSERT_TRUE(result);
  ASSERT_EQ(result->failed_suppliers.size(), 3u);
  EXPECT_EQ(result->failed_suppliers[0].id, "low");
  EXPECT_TRUE(result->failed_suppliers[0].named);
  EXPECT_EQ(result->failed_suppliers[1].id, "mid");
  EXPECT_EQ(result->failed_suppliers[1].reason, "no alternative of kind power: low failed");
  ASSERT_EQ(result->functions.size(), 2u);
  EXPECT_EQ(result->functions[0].id, "f");  // critical first
  EXPECT_TRUE(result->functions[0].fails);
  EXPECT_EQ(result->functions[0].paths, (std::vector<std::vector<std::string>>{{"f", "top", "mid", "low"}}));
}

TEST(Impact, GroupAndCountryFailTogether) {
  auto reg = make({"f", "g"}, {"a:true:true:grp:US", "b:true:true:grp:IE", "c:true:true::US", "d"},
                  {"f>a:hosting", "f>b:hosting", "g>c:hosting", "g>d:hosting"});
  auto group = impact(reg, {ImpactScope::Group, "grp"});
  ASSERT_TRUE(group);
  EXPECT_EQ(group->named, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(function_in(*group, "f")->fails);
  EXPECT_EQ(function_in(*group, "g"), nullptr);
  auto country = impact(reg, {ImpactScope::Country, "US"});
  ASSERT_TRUE(country);
  EXPECT_EQ(country->named, (std::vector<std::string>{"a", "c"}));
  EXPECT_TRUE(function_in(*country, "f")->keeps_alternative);  // b in IE survives
  EXPECT_TRUE(function_in(*country, "g")->keeps_alternative);  // d in DE survives
  auto nowhere = impact(reg, {ImpactScope::Country, "JP"});
  ASSERT_TRUE(nowhere);
  EXPECT_TRUE(nowhere->functions.empty());
}

TEST(Impact, UnknownNamesAreErrors) {
  auto reg = make({"f"}, {"alpha"}, {"f>alpha"});
  auto missing = impact(reg, {ImpactScope::Supplier, "alpah"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_NE(missing.error().message.find("did you mean alpha?"), std::string::npos);
  auto bad_country = impact(reg, {ImpactScope::Country, "XX"});
  ASSERT_FALSE(bad_country);
  EXPECT_EQ(bad_country.error().code, ErrorCode::InvalidInput);
  EXPECT_FALSE(impact(reg, {ImpactScope::Group, "none"}));
}

TEST(Impact, CycleEnds) {
  auto reg = make({"f"}, {"a", "b"}, {"f>a:x", "a>b:y", "b>a:z"});
  auto result = impact(reg, {ImpactScope::Supplier, "b"});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->failed_suppliers.size(), 2u);
  EXPECT_TRUE(result->functions[0].fails);
}

TEST(Impact, EntityTypesOfFailingFunctions) {
  auto reg = make({"f", "g"}, {"a"}, {"f>a", "g>a"});
  reg.functions[0].entity_type = "digital_infrastructure.dns_service_provider";
  auto result = impact(reg, {ImpactScope::Supplier, "a"});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->entity_types, std::vector<std::string>{"digital_infrastructure.dns_service_provider"});
  EXPECT_EQ(result->unknown_entity_type, 1u);
}

}  // namespace
}  // namespace vigil::supplier
