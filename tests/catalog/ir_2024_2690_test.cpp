// The IR 2024/2690 Annex in the knowledge base: counts checked against the
// Annex (13 sections, 161 numbered points, 217 sub-points), both spellings of
// an id, the links to NIS2 requirements and ISO 27001, and the per-section
// coverage.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "catalog/catalog.h"
#include "catalog/coverage.h"
#include "catalog/resolve.h"

namespace vigil::catalog {
namespace {

TEST(IrAnnex, ThirteenSectionsAnd161NumberedPoints) {
  const Catalog& c = builtin();
  ASSERT_EQ(c.ir_sections.size(), 13u);
  EXPECT_EQ(c.ir_requirements.size(), 161u);
  std::size_t parts = 0;
  std::map<int, int> per_section;
  for (const IrRequirement& r : c.ir_requirements) {
    parts += r.parts.size();
    ++per_section[r.section];
  }
  EXPECT_EQ(parts, 217u);  // 205 lettered + 12 roman (9.2(c)(i)-(xii))
  const int expected[13] = {8, 11, 22, 14, 8, 31, 3, 8, 3, 10, 21, 13, 9};
  for (int s = 1; s <= 13; ++s) EXPECT_EQ(per_section[s], expected[s - 1]) << "section " << s;
  EXPECT_EQ(c.ir_sections[4].title, "Supply chain security");
  EXPECT_EQ(c.ir_sections[12].articles.size(), 3u);  // 13: (c), (e), (i)
}

TEST(IrAnnex, BothSpellingsOfAnId) {
  const IrRequirement* r = find_ir_requirement("ir.5.1.4");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->reference, "IR 2024/2690 Annex 5.1.4");
  EXPECT_EQ(find_ir_requirement("IR 2024/2690 Annex 5.1.4"), r);
  EXPECT_EQ(find_ir_requirement("ir 2024/2690 annex 5.1.4"), r);
  EXPECT_EQ(find_ir_requirement("Annex 5.1.4"), r);
  EXPECT_EQ(find_ir_requirement("IR.5.1.4"), r);
  EXPECT_EQ(find_ir_requirement("5.1.4"), nullptr);  // bare numbers are ISO clauses' ("5.1")
  EXPECT_EQ(find_ir_requirement("ir.5.1.99"), nullptr);
  EXPECT_NE(find_ir_requirement("ir.12.5"), nullptr);  // a point without third level
  ASSERT_NE(find_ir_section("ir.5"), nullptr);
  EXPECT_EQ(find_ir_section("IR 2024/2690 Annex 13")->number, 13);
  EXPECT_EQ(find_ir_section("ir.14"), nullptr);
}

TEST(IrAnnex, ResolveFindsPointsSectionsAndKeepsIsoClauses) {
  auto point = resolve("IR 2024/2690 Annex 6.10.2");
  ASSERT_TRUE(point);
  EXPECT_EQ(point->kind, Found::Kind::IrRequirement);
  EXPECT_EQ(point->ir_requirement->id, "ir.6.10.2");
  auto section = resolve("ir.11");
  ASSERT_TRUE(section);
  EXPECT_EQ(section->kind, Found::Kind::IrSection);
  auto clause = resolve("5.2");
  ASSERT_TRUE(clause);
  EXPECT_EQ(clause->kind, Found::Kind::Iso);
  EXPECT_FALSE(resolve("ir.99.1"));
}

TEST(IrAnnex, EachPointImplementsTheArt21PointOfItsSection) {
  for (const IrRequirement& r : builtin().ir_requirements) {
    const Requirement* nis2 = find_requirement(r.requirement);
    ASSERT_NE(nis2, nullptr) << r.id;
    EXPECT_EQ(nis2->article, r.article) << r.id;
    const IrSection& s = builtin().ir_sections[static_cast<std::size_t>(r.section - 1)];
    EXPECT_NE(std::find(s.articles.begin(), s.articles.end(), r.article), s.articles.end()) << r.id;
    EXPECT_FALSE(r.summary.empty()) << r.id;
  }
  EXPECT_EQ(find_ir_requirement("ir.11.7.1")->requirement, "rm.mfa");             // Art. 21(2)(j)
  EXPECT_EQ(find_ir_requirement("ir.11.1.1")->requirement, "rm.access_control");  // Art. 21(2)(i)
  EXPECT_EQ(find_ir_requirement("ir.4.2.1")->requirement, "rm.backup_management");
  EXPECT_EQ(find_ir_requirement("ir.13.1.1")->article, "Art. 21(2)(c)");
  EXPECT_EQ(find_ir_requirement("ir.13.3.1")->article, "Art. 21(2)(i)");
}

TEST(IrAnnex, EnisaPairsAreCorrespondencesWithSources) {
  const IrRequirement* r = find_ir_requirement("ir.6.1.3");
  ASSERT_NE(r, nullptr);
  EXPECT_NE(std::find(r->iso27001.begin(), r->iso27001.end(), "A.8.8"), r->iso27001.end());
  EXPECT_NE(std::find(r->mapping_sources.begin(), r->mapping_sources.end(), "ciso_assistant_addition"),
            r->mapping_sources.end());
  for (const IrRequirement& p : builtin().ir_requirements) {
    EXPECT_EQ(p.relationship, Relationship::Intersect) << p.id;
    EXPECT_FALSE(p.iso27001.empty()) << p.id;
    EXPECT_FALSE(p.mapping_sources.empty()) << p.id;
  }
  const IrRequirement* twelve_five = find_ir_requirement("ir.12.5");
  EXPECT_EQ(std::vector<std::string_view>(twelve_five->iso27001.begin(), twelve_five->iso27001.end()),
            (std::vector<std::string_view>{"A.5.11", "A.5.18", "A.8.24"}));  // as ENISA gives it
  auto links = ir_requirements_for_iso("A.5.19");
  EXPECT_NE(std::find(links.begin(), links.end(), find_ir_requirement("ir.5.1.4")), links.end());
  auto implementing = ir_requirements_for("rm.cryptography");
  EXPECT_EQ(implementing.size(), 3u);  // 9.1, 9.2, 9.3
}

TEST(IrAnnex, CoverageBySection) {
  auto sections = coverage_by_ir_section(builtin());
  ASSERT_EQ(sections.size(), 13u);
  for (const IrSectionCoverage& s : sections) {
    EXPECT_EQ(s.total, s.full + s.partial + s.none);
    // ENISA's pairs are correspondences (intersect): partial, never full.
    EXPECT_EQ(s.verdict, Coverage::Partial) << s.section->number;
  }
  EXPECT_EQ(sections[5].total, 31);
}

TEST(IrAnnex, SectionVerdictRules) {
  std::string_view iso[1] = {"A.5.1"};
  IrSection section[1] = {{1, "ir.1", "IR 2024/2690 Annex 1", "t", Ids{}}};
  IrRequirement full[2] = {
      {"ir.1.1", "1.1", "r", 1, "a", "q", "t", "s", Ids(iso), Relationship::Subset, Coverage::Full, Ids{}, {}},
      {"ir.1.2", "1.2", "r", 1, "a", "q", "t", "s", Ids(iso), Relationship::Equal, Coverage::Full, Ids{}, {}}};
  Catalog c{};
  c.ir_sections = section;
  c.ir_requirements = full;
  EXPECT_EQ(coverage_by_ir_section(c)[0].verdict, Coverage::Full);
  full[1].coverage = Coverage::None;
  EXPECT_EQ(coverage_by_ir_section(c)[0].verdict, Coverage::Partial);
  EXPECT_EQ(coverage_by_ir_section(c)[0].uncovered, std::vector<std::string_view>{"ir.1.2"});
  full[0].coverage = Coverage::None;
  EXPECT_EQ(coverage_by_ir_section(c)[0].verdict, Coverage::None);
}

}  // namespace
}  // namespace vigil::catalog
