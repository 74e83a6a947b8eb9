// Resolving what a user types to a catalog item, and the links `vigil map` shows.
#include "catalog/resolve.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace vigil::catalog {
namespace {

TEST(Resolve, EachKindOfId) {
  EXPECT_EQ(resolve("A.8.24")->kind, Found::Kind::Iso);
  EXPECT_EQ(resolve("6.1.3")->kind, Found::Kind::Iso);
  EXPECT_EQ(resolve("rm.cryptography")->kind, Found::Kind::Requirement);
  EXPECT_EQ(resolve("Art. 21")->kind, Found::Kind::Article);
  EXPECT_EQ(resolve("digital_infrastructure.dns_service_provider")->kind, Found::Kind::EntityType);
  EXPECT_EQ(resolve("incident_notification")->kind, Found::Kind::RoadmapStep);
  EXPECT_EQ(resolve("iso27001")->kind, Found::Kind::Standard);
}

TEST(Resolve, ArticleReferencesInTheWaysPeopleWriteThem) {
  for (const char* typed :
       {"Art. 21(2)(h)", "art 21(2)(h)", "Article 21(2)(h)", "ART. 21 (2) (H)", "  Art.21(2)(h) "}) {
    auto found = resolve(typed);
    ASSERT_TRUE(found) << typed;
    EXPECT_EQ(found->kind, Found::Kind::Article) << typed;
    EXPECT_EQ(found->reference, "Art. 21(2)(h)") << typed;
    EXPECT_EQ(found->article->id, "Art. 21") << typed;
  }
  EXPECT_EQ(normalise_article_reference("rm.cryptography"), "rm.cryptography");
  EXPECT_EQ(normalise_article_reference("artefact"), "artefact");
}

TEST(Resolve, CaseInsensitiveOnlyWhenNoExactMatch) {
  auto found = resolve("RM.Cryptography");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->requirement->id, "rm.cryptography");
}

TEST(Resolve, UnknownIdSuggestsTheNearest) {
  auto found = resolve("rm.cryptografy");
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::NotFound);
  EXPECT_NE(found.error().message.find("did you mean rm.cryptography"), std::string::npos) << found.error().message;
}

TEST(Resolve, AnnexesAndTheirPoints) {
  auto annex = resolve("annex i");
  ASSERT_TRUE(annex);
  EXPECT_EQ(annex->kind, Found::Kind::Article);
  EXPECT_EQ(annex->reference, "Annex I");
  EXPECT_EQ(obligations_under(*annex->article, annex->reference).size(), 11u);
  auto point = resolve("ANNEX II, POINT 6");
  ASSERT_TRUE(point);
  EXPECT_EQ(point->reference, "Annex II, point 6");
  EXPECT_EQ(obligations_under(*point->article, point->reference).size(), 1u);
  ASSERT_TRUE(resolve("Art. 28"));
  EXPECT_EQ(resolve("Art. 28(5)")->reference, "Art. 28(5)");
}

TEST(Resolve, ParagraphsThatDoNotExistAreUnknown) {
  EXPECT_FALSE(resolve("Art. 21(2)(k)"));
  EXPECT_FALSE(resolve("Art. 24"));  // not an article the catalog holds
  EXPECT_FALSE(resolve("Art. 28(9)"));
  EXPECT_FALSE(resolve("Annex I, point 12"));
  EXPECT_TRUE(resolve("Art. 21(2)"));
}

TEST(Resolve, IsoHeadingHasItsChildren) {
  auto items = iso_item_and_children(*find_iso("A.8"));
  EXPECT_EQ(items.size(), 35u);  // the theme and its 34 controls
  EXPECT_EQ(iso_item_and_children(*find_iso("6.1")).size(), 4u);
  EXPECT_EQ(iso_item_and_children(*find_iso("A.8.24")).size(), 1u);
  // "A.5.1" is a leaf, and "A.5.10" must not count as under it.
  EXPECT_EQ(iso_item_and_children(*find_iso("A.5.1")).size(), 1u);
}

TEST(Resolve, ObligationsUnder) {
  const Article* art21 = find_article("Art. 21");
  EXPECT_EQ(obligations_under(*art21, "Art. 21(2)").size(), 10u);  // points (a) to (j)
  EXPECT_EQ(obligations_under(*art21, "Art. 21").size(), art21->obligations.size());
}

// The links `vigil map` shows for what the user typed, each as
// "requirement -> ISO item" ("-" for a side there is none of).
std::vector<std::string> links_for(std::string_view typed) {
  auto links = links_of(*resolve(typed));
  EXPECT_TRUE(links) << typed;
  std::vector<std::string> out;
  for (const Link& l : links.value_or(std::vector<Link>{}))
    out.push_back(std::string(l.requirement ? l.requirement->id : "-") + " -> " + std::string(l.iso ? l.iso->id : "-"));
  return out;
}

TEST(Links, RequirementMapsForward) {
  EXPECT_EQ(links_for("rm.disaster_recovery"),
            (std::vector<std::string>{"rm.disaster_recovery -> A.5.30", "rm.disaster_recovery -> A.8.14"}));
}

TEST(Links, RequirementWithoutCounterpartHasOneEmptyLink) {
  EXPECT_EQ(links_for("rm.crisis_management"), std::vector<std::string>{"rm.crisis_management -> -"});
}

TEST(Links, IsoMapsBackward) {
  EXPECT_EQ(links_for("A.8.24"), (std::vector<std::string>{"rm.cyber_hygiene -> A.8.24", "rm.cryptography -> A.8.24"}));
}

TEST(Links, EntityTypesDoNotMap) {
  auto links = links_of(*resolve("digital_infrastructure.dns_service_provider"));
  ASSERT_FALSE(links);
  EXPECT_EQ(links.error().code, ErrorCode::InvalidInput);
}

}  // namespace
}  // namespace vigil::catalog
