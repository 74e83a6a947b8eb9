// Search ranking: the item a user most plausibly means comes first.
#include "catalog/search.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace vigil::catalog {
namespace {

std::vector<std::string> top(std::string_view query, std::size_t n) {
  auto hits = search(builtin(), query, n);
  EXPECT_TRUE(hits.has_value()) << query;
  std::vector<std::string> ids;
  if (hits)
    for (const SearchHit& h : *hits) ids.emplace_back(h.id);
  return ids;
}

bool contains(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(Search, TitleMatchesRankFirst) {
  // The ISO control and the NIS2 requirement both carry the word in their title.
  auto ids = top("cryptography", 2);
  EXPECT_TRUE(contains(ids, "A.8.24"));
  EXPECT_TRUE(contains(ids, "rm.cryptography"));
  // A second word decides between them: key management is in the requirement's text.
  EXPECT_EQ(top("cryptography keys", 1), std::vector<std::string>{"rm.cryptography"});
}

TEST(Search, ExactIdRanksFirst) {
  EXPECT_EQ(top("A.8.24", 1), std::vector<std::string>{"A.8.24"});
  EXPECT_EQ(top("rm.mfa", 1), std::vector<std::string>{"rm.mfa"});
  EXPECT_EQ(top("a.8.24", 1), std::vector<std::string>{"A.8.24"});  // case folded
}

TEST(Search, AllWordsBeatSomeWords) {
  // "incident notification" matches the requirement and the obligation in full;
  // items with only "incident" come later.
  auto ids = top("incident notification 72 hours", 2);
  EXPECT_EQ(ids, (std::vector<std::string>{"rep.incident_notification", "Art. 23(4)(b)"}));
}

TEST(Search, PluralsAndPrefixes) {
  auto plural = top("backups", 1);
  EXPECT_EQ(plural, std::vector<std::string>{"rm.backup_management"});
  auto prefix = top("crypto", 2);  // "crypto" finds "cryptography"
  EXPECT_TRUE(contains(prefix, "A.8.24"));
  EXPECT_TRUE(contains(prefix, "rm.cryptography"));
}

TEST(Search, EntityTypesAreSearched) {
  EXPECT_EQ(top("dns", 1), std::vector<std::string>{"digital_infrastructure.dns_service_provider"});
}

TEST(Search, ScoresDescendAndLimitHolds) {
  auto hits = search(builtin(), "supplier security", 5);
  ASSERT_TRUE(hits);
  ASSERT_EQ(hits->size(), 5u);
  for (std::size_t i = 1; i < hits->size(); ++i) EXPECT_GE((*hits)[i - 1].score, (*hits)[i].score);
}

TEST(Search, NoMatchIsEmptyNotAnError) {
  auto hits = search(builtin(), "zzzz", 10);
  ASSERT_TRUE(hits);
  EXPECT_TRUE(hits->empty());
}

TEST(Search, OnlyStopWordsIsAnError) {
  auto hits = search(builtin(), "the of and", 10);
  ASSERT_FALSE(hits);
  EXPECT_EQ(hits.error().code, ErrorCode::InvalidInput);
  EXPECT_FALSE(search(builtin(), "", 10));
}

TEST(Search, Terms) {
  EXPECT_EQ(search_terms("The Policies of Suppliers"), (std::vector<std::string>{"policy", "supplier"}));
  EXPECT_EQ(search_terms("access access"), std::vector<std::string>{"access"});
}

TEST(Search, HitsCarryTheirLegalReference) {
  auto hits = search(builtin(), "rm.cryptography", 1);
  ASSERT_TRUE(hits && !hits->empty());
  EXPECT_EQ((*hits)[0].reference, "Art. 21(2)(h)");
  EXPECT_EQ((*hits)[0].kind, "requirement");
}

}  // namespace
}  // namespace vigil::catalog
