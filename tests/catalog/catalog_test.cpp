// The compiled-in knowledge base: its integrity, its counts against the
// reference tables, and the lookups other modules rely on.
#include "catalog/catalog.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "catalog/coverage.h"
#include "catalog/validate.h"

namespace vigil::catalog {
namespace {

std::vector<std::string> ids_of(const std::vector<const Requirement*>& requirements) {
  std::vector<std::string> out;
  for (const Requirement* r : requirements) out.emplace_back(r->id);
  return out;
}

TEST(Catalog, BuiltinIsValid) { EXPECT_EQ(validate(builtin()), std::vector<std::string>{}); }

TEST(Catalog, IsoHoldsClausesThemesAndThe93Controls) {
  int clauses = 0, themes = 0, controls = 0;
  for (const IsoItem& i : builtin().iso27001) {
    clauses += i.kind == IsoKind::Clause;
    themes += i.kind == IsoKind::ControlTheme;
    controls += i.kind == IsoKind::Control;
  }
  EXPECT_EQ(themes, 4);
  EXPECT_EQ(controls, 93);  // 37 organizational + 8 people + 14 physical + 34 technological
  EXPECT_EQ(clauses, 41);
  int technological = 0;
  for (const IsoItem& i : builtin().iso27001) technological += i.kind == IsoKind::Control && i.group == "technological";
  EXPECT_EQ(technological, 34);
}

TEST(Catalog, HeadingsAreNotAssessable) {
  ASSERT_NE(find_iso("6.1"), nullptr);
  EXPECT_FALSE(find_iso("6.1")->assessable);
  EXPECT_FALSE(find_iso("A.8")->assessable);
  EXPECT_TRUE(find_iso("6.1.3")->assessable);
  EXPECT_TRUE(find_iso("A.8.24")->assessable);
  auto assessable = iso_ids(true);
  EXPECT_EQ(std::count(assessable.begin(), assessable.end(), "A.8"), 0);
  EXPECT_EQ(iso_ids(false).size(), builtin().iso27001.size());
}

TEST(Catalog, FindIso) {
  const IsoItem* item = find_iso("A.8.24");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->title, "Use of cryptography");
  EXPECT_EQ(item->kind, IsoKind::Control);
  EXPECT_EQ(item->group, "technological");
  EXPECT_EQ(find_iso("a.8.24"), nullptr);  // case-sensitive
  EXPECT_EQ(find_iso("A.8.35"), nullptr);
}

TEST(Catalog, RequirementsKeepTheReferenceIdsAndGroups) {
  EXPECT_EQ(builtin().requirements.size(), 31u);
  int risk = 0, reporting = 0;
  for (const Requirement& r : builtin().requirements) {
    (r.group == Group::RiskManagement ? risk : reporting)++;
    // Arts 20 and 21 are risk management, Art. 23 reporting.
    EXPECT_EQ(r.group == Group::Reporting, r.article.substr(0, 7) == "Art. 23") << r.id;
  }
  EXPECT_EQ(risk, 26);
  EXPECT_EQ(reporting, 5);
  const Requirement* crypto = find_requirement("rm.cryptography");
  ASSERT_NE(crypto, nullptr);
  EXPECT_EQ(crypto->article, "Art. 21(2)(h)");
  ASSERT_EQ(crypto->iso27001.size(), 1u);
  EXPECT_EQ(crypto->iso27001[0], "A.8.24");
  EXPECT_EQ(crypto->coverage, Coverage::Full);
  ASSERT_EQ(crypto->documents.size(), 1u);
  EXPECT_EQ(crypto->documents[0], "Encryption policy");
  EXPECT_EQ(find_requirement("rm.nothing"), nullptr);
}

// The mapping decisions, one row per requirement: a change to the data must
// be a deliberate change to this table.
TEST(Catalog, CoverageOfEachRequirement) {
  struct Row {
    const char* id;
    Coverage coverage;
  };
  const Row rows[] = {
      {"gov.approve_measures", Coverage::Partial},
      {"gov.oversee_implementation", Coverage::Full},
      {"gov.training", Coverage::Partial},
      {"rm.measures", Coverage::Full},
      {"rm.proportionality", Coverage::Partial},
      {"rm.risk_analysis_policy", Coverage::Full},
      {"rm.information_system_security_policy", Coverage::Full},
      {"rm.incident_handling", Coverage::Full},
      {"rm.business_continuity", Coverage::Partial},
      {"rm.backup_management", Coverage::Full},
      {"rm.disaster_recovery", Coverage::Full},
      {"rm.crisis_management", Coverage::None},
      {"rm.supply_chain", Coverage::Full},
      {"rm.acquisition_development_maintenance", Coverage::Partial},
      {"rm.effectiveness_assessment", Coverage::Full},
      {"rm.cyber_hygiene", Coverage::Partial},
      {"rm.cybersecurity_training", Coverage::Full},
      {"rm.cryptography", Coverage::Full},
      {"rm.hr_security", Coverage::Full},
      {"rm.access_control", Coverage::Full},
      {"rm.asset_management", Coverage::Full},
      {"rm.mfa", Coverage::Full},
      {"rm.secured_communications", Coverage::Full},
      {"rm.emergency_communications", Coverage::Partial},
      {"rm.supplier_vulnerabilities", Coverage::Partial},
      {"rm.corrective_measures", Coverage::Full},
      {"rep.early_warning", Coverage::None},
      {"rep.incident_notification", Coverage::None},
      {"rep.intermediate_report", Coverage::None},
      {"rep.final_report", Coverage::None},
      {"rep.recipients", Coverage::None},
  };
  ASSERT_EQ(std::size(rows), builtin().requirements.size());
  for (const Row& row : rows) {
    const Requirement* r = find_requirement(row.id);
    ASSERT_NE(r, nullptr) << row.id;
    EXPECT_EQ(r->coverage, row.coverage) << row.id;
  }
}

TEST(Catalog, CoverageOfOSCALRelationships) {
  EXPECT_EQ(coverage_of(Relationship::Equal), Coverage::Full);
  EXPECT_EQ(coverage_of(Relationship::Subset), Coverage::Full);
  EXPECT_EQ(coverage_of(Relationship::Superset), Coverage::Partial);
  EXPECT_EQ(coverage_of(Relationship::Intersect), Coverage::Partial);
  EXPECT_EQ(coverage_of(Relationship::NoRelationship), Coverage::None);
}

TEST(Catalog, IsoCoversAllRiskManagementButCrisisManagement) {
  auto groups = coverage_by_group(builtin());
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].group, Group::RiskManagement);
  EXPECT_EQ(groups[0].total, 26);
  EXPECT_EQ(groups[0].full + groups[0].partial, 25);
  EXPECT_EQ(groups[0].none, 1);
  EXPECT_EQ(groups[0].uncovered, std::vector<std::string_view>{"rm.crisis_management"});
  EXPECT_EQ(groups[1].group, Group::Reporting);
  EXPECT_EQ(groups[1].total, 5);
  EXPECT_EQ(groups[1].none, 5);
  EXPECT_EQ(groups[1].uncovered.size(), 5u);
}

TEST(Catalog, RequirementsForIso) {
  EXPECT_EQ(ids_of(requirements_for_iso("A.8.24")), (std::vector<std::string>{"rm.cyber_hygiene", "rm.cryptography"}));
  EXPECT_EQ(ids_of(requirements_for_iso("9.1")),
            (std::vector<std::string>{"gov.oversee_implementation", "rm.effectiveness_assessment"}));
  EXPECT_TRUE(requirements_for_iso("A.5.1").empty());
  EXPECT_TRUE(requirements_for_iso("nonsense").empty());
}

TEST(Catalog, FindArticle) {
  ASSERT_NE(find_article("Art. 21"), nullptr);
  EXPECT_EQ(find_article("Art. 21")->number, 21);
  ASSERT_NE(find_article("Art. 21(2)(h)"), nullptr);
  EXPECT_EQ(find_article("Art. 21(2)(h)")->id, "Art. 21");
  ASSERT_NE(find_article("Art. 2"), nullptr);
  EXPECT_EQ(find_article("Art. 2")->number, 2);  // not Art. 20 or 21
  EXPECT_EQ(find_article("Art. 24"), nullptr);
  ASSERT_NE(find_article("Art. 22"), nullptr);  // the complete ISO 27001 profile
  ASSERT_NE(find_article("Annex I"), nullptr);
  EXPECT_EQ(find_article("annex i")->id, "Annex I");
  EXPECT_EQ(find_article("Annex II, point 6")->id, "Annex II");
  EXPECT_EQ(find_article("Annex III"), nullptr);
  EXPECT_EQ(find_article("Art. 21x"), nullptr);
  EXPECT_EQ(find_article("Art 21"), nullptr);
  EXPECT_EQ(find_article("Art. 21(2"), nullptr);
  EXPECT_EQ(builtin().articles.size(), 15u);  // Arts 2, 3, 6, 20-23, 26-28, 32-34, Annexes I and II
}

TEST(Catalog, FindObligation) {
  const Obligation* o = find_obligation("Art. 23(4)(a)");
  ASSERT_NE(o, nullptr);
  EXPECT_NE(o->text.find("24 hours"), std::string_view::npos);
  EXPECT_EQ(find_obligation("Art. 23(4)(z)"), nullptr);
}

TEST(Catalog, RequirementsForArticle) {
  EXPECT_EQ(ids_of(requirements_for_article("Art. 21(2)(h)")), std::vector<std::string>{"rm.cryptography"});
  EXPECT_EQ(requirements_for_article("Art. 21(2)").size(), 19u);  // points (a) to (j)
  EXPECT_EQ(requirements_for_article("Art. 21").size(), 23u);
  EXPECT_EQ(requirements_for_article("Art. 20").size(), 3u);
  EXPECT_TRUE(requirements_for_article("Art. 2").empty());  // "Art. 2" is not a prefix of "Art. 20(1)"
  EXPECT_TRUE(requirements_for_article("Art. 21(2)(k)").empty());
  // Compound references: "(d)(e)" are two points of paragraph 4, "(1)(2)" two paragraphs.
  EXPECT_EQ(ids_of(requirements_for_article("Art. 23(4)(e)")), std::vector<std::string>{"rep.final_report"});
  EXPECT_EQ(ids_of(requirements_for_article("Art. 23(2)")), std::vector<std::string>{"rep.recipients"});
  EXPECT_EQ(requirements_for_article("Art. 23(4)").size(), 4u);
}

TEST(Catalog, ReferenceCovers) {
  EXPECT_TRUE(reference_covers("Art. 23(4)(d)(e)", "Art. 23(4)(d)"));
  EXPECT_TRUE(reference_covers("Art. 23(4)(d)(e)", "Art. 23"));
  EXPECT_FALSE(reference_covers("Art. 23(4)(d)(e)", "Art. 23(4)(c)"));
  EXPECT_TRUE(reference_covers("Art. 23(1)(2)", "Art. 23(1)"));
  EXPECT_FALSE(reference_covers("Art. 23(1)(2)", "Art. 23(3)"));
  EXPECT_FALSE(reference_covers("Art. 21(1)", "Art. 2"));
  EXPECT_FALSE(reference_covers("Art. 21(2)(a)", "Art. 21(2)(a)(i)"));
}

TEST(Catalog, EntityTypes) {
  EXPECT_EQ(builtin().entity_types.size(), 72u);
  const EntityType* dns = find_entity_type("digital_infrastructure.dns_service_provider");
  ASSERT_NE(dns, nullptr);
  EXPECT_EQ(dns->annex, "I");
  EXPECT_TRUE(dns->ir_2024_2690);
  EXPECT_EQ(dns->jurisdiction, "main_establishment");
  EXPECT_EQ(dns->annex_exclusion, "operator of root name servers");
  EXPECT_EQ(find_entity_type("nope"), nullptr);
  EXPECT_EQ(entity_type_ids().size(), 72u);
}

TEST(Catalog, RoadmapHas15StepsAndOnlyReportingIsOutsideIso) {
  ASSERT_EQ(builtin().roadmap.size(), 15u);
  for (const RoadmapStep& s : builtin().roadmap) {
    EXPECT_EQ(s.achieved_by_iso27001, s.number != 11) << s.id;
    EXPECT_FALSE(s.requirements.empty()) << s.id;
  }
  EXPECT_EQ(builtin().roadmap[10].id, "incident_notification");
  auto steps = steps_for_requirement("rep.early_warning");
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0]->number, 11);
}

TEST(Catalog, EveryRequirementIsServedByARoadmapStep) {
  for (const Requirement& r : builtin().requirements) EXPECT_FALSE(steps_for_requirement(r.id).empty()) << r.id;
}

TEST(Catalog, RoadmapDocumentsMatchRequirementDocuments) {
  // A roadmap document that a requirement also names must be spelt the same,
  // so that the gap assessment finds it; a few documents belong to steps only.
  const std::vector<std::string_view> step_only = {"Management commitment statement", "ISMS scope", "Project plan",
                                                   "Training records"};
  for (const RoadmapStep& s : builtin().roadmap) {
    for (std::string_view doc : s.documents) {
      bool named = std::find(step_only.begin(), step_only.end(), doc) != step_only.end();
      for (const Requirement& r : builtin().requirements)
        named = named || std::find(r.documents.begin(), r.documents.end(), doc) != r.documents.end();
      EXPECT_TRUE(named) << "step " << s.number << ": " << doc;
    }
  }
}

TEST(Catalog, StandardProfile) {
  const StandardProfile* iso = find_standard("iso27001");
  ASSERT_NE(iso, nullptr);
  EXPECT_EQ(iso->name, "ISO/IEC 27001:2022");
  EXPECT_GE(iso->coverage_areas.size(), 11u);
  EXPECT_FALSE(iso->related_articles.empty());
  bool certification = false;
  for (const QuickFact& f : iso->quick_facts)
    certification = certification || (f.label == "Certification" && f.value == "Available");
  EXPECT_TRUE(certification);
  EXPECT_EQ(find_standard("iso9001"), nullptr);
}

TEST(Catalog, AllIdsAreUnique) {
  auto ids = all_ids();
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

// --- validate() catches a broken catalog -------------------------------------

struct Broken {
  std::string_view iso_ok[1] = {"A.8.24"};
  std::string_view iso_bad[1] = {"A.9.99"};
  std::string_view docs[1] = {"Policy"};
  std::string_view reqs_bad[1] = {"rm.missing"};
  IsoItem iso[2] = {{"A.8.24", "Use of cryptography", IsoKind::Control, "technological", true, "s"},
                    {"rm.twice", "Clash with a requirement id", IsoKind::Control, "technological", true, "s"}};
  Requirement requirements[4] = {
      {"rm.ok", "Art. 21(2)(h)", "t", "s", Group::RiskManagement, Ids(iso_ok), Relationship::Equal, Coverage::Full, "r",
       Ids(docs)},
      {"rm.unknown_iso", "Art. 21(2)(h)", "t", "s", Group::RiskManagement, Ids(iso_bad), Relationship::Equal,
       Coverage::Full, "r", Ids(docs)},
      {"rm.silent", "Art. 21(2)(c)", "t", "s", Group::RiskManagement, Ids{}, Relationship::Intersect, Coverage::Partial,
       "r", Ids(docs)},
      {"rm.twice", "Art. 21(2)(h)", "t", "s", Group::RiskManagement, Ids(iso_ok), Relationship::Subset,
       Coverage::Partial, "r", Ids{}},
  };
  Obligation obligations[1] = {{"Art. 21(2)(h)", "text"}};
  Article articles[1] = {{"Art. 21", 21, "t", "s", std::span<const Obligation>(obligations), Ids(reqs_bad), Ids{}}};
  RoadmapStep roadmap[1] = {{2, "step", "t", "d", Ids(reqs_bad), Ids{}, Ids{}, true}};
  std::string_view sources_bad[1] = {"nowhere"};
  IrRequirement ir[3] = {
      {"ir.1.1.1",
       "1.1.1",
       "IR 2024/2690 Annex 1.1.1",
       1,
       "Art. 21(2)(a)",
       "rm.ok",
       "t",
       "",
       Ids(iso_ok),
       Relationship::Intersect,
       Coverage::Partial,
       Ids{},
       {}},
      {"ir.1.1.2",
       "1.1.2",
       "IR 2024/2690 Annex 1.1.2",
       1,
       "Art. 21(2)(a)",
       "rm.missing",
       "t",
       "s",
       Ids(iso_bad),
       Relationship::Intersect,
       Coverage::Full,
       Ids(sources_bad),
       {}},
      {"ir.1.1.3",
       "1.1.3",
       "IR 2024/2690 Annex 1.1.3",
       1,
       "Art. 21(2)(a)",
       "rm.ok",
       "t",
       "s",
       Ids{},
       Relationship::Intersect,
       Coverage::Partial,
       Ids{},
       {}},
  };
  Catalog catalog{iso, requirements, articles, {}, roadmap, {}, {}, {}, ir, {}, {}};
};

bool mentions(const std::vector<std::string>& problems, std::string_view text) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

TEST(Validate, CatchesABrokenCatalog) {
  Broken broken;
  auto problems = validate(broken.catalog);
  EXPECT_TRUE(mentions(problems, "requirement rm.unknown_iso: unknown ISO 27001 id 'A.9.99'"));
  EXPECT_TRUE(mentions(problems, "requirement rm.silent: no_relationship goes with an empty ISO mapping"));
  EXPECT_TRUE(mentions(problems, "duplicate id 'rm.twice'"));
  EXPECT_TRUE(mentions(problems, "IR 2024/2690 Annex point ir.1.1.1: reference and summary are required"));
  EXPECT_TRUE(mentions(problems, "IR 2024/2690 Annex point ir.1.1.1: its mapping names no source"));
  EXPECT_TRUE(mentions(problems, "IR 2024/2690 Annex point ir.1.1.2: unknown requirement 'rm.missing'"));
  EXPECT_TRUE(mentions(problems, "IR 2024/2690 Annex point ir.1.1.2: unknown ISO 27001 id 'A.9.99'"));
  EXPECT_TRUE(mentions(problems, "IR 2024/2690 Annex point ir.1.1.2: relationship intersect implies coverage partial"));
  EXPECT_TRUE(mentions(problems, "IR 2024/2690 Annex point ir.1.1.2: unknown mapping source 'nowhere'"));
  EXPECT_TRUE(mentions(problems, "IR 2024/2690 Annex point ir.1.1.3: no_relationship goes with an empty ISO mapping"));
  EXPECT_TRUE(mentions(problems, "requirement rm.twice: relationship subset implies coverage full, not partial"));
  EXPECT_TRUE(mentions(problems, "requirement rm.twice: no document evidences it"));
  EXPECT_TRUE(mentions(problems, "article Art. 21: unknown requirement 'rm.missing'"));
  EXPECT_TRUE(mentions(problems, "roadmap step 2: expected number 1"));
  EXPECT_TRUE(mentions(problems, "roadmap step 2: unknown requirement 'rm.missing'"));
  EXPECT_TRUE(mentions(problems, "roadmap step 2: no ISO id and no document evidences it"));
  EXPECT_FALSE(mentions(problems, "rm.ok"));
  EXPECT_EQ(problems.size(), 16u) << ::testing::PrintToString(problems);
}

TEST(Validate, RequirementOfAnUnknownArticle) {
  Broken broken;
  broken.requirements[0].article = "Art. 99(1)";
  EXPECT_TRUE(mentions(validate(broken.catalog), "requirement rm.ok: article 'Art. 99(1)' is not in the catalog"));
}

}  // namespace
}  // namespace vigil::catalog
