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
  // The ISO control and the NIS2 requirement both carry the word in their title,
  // as do the IR 2024/2690 Annex section 9 and its first point.
  auto ids = top("cryptography", 4);
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
  // "incident notification" matches the requirement and its roadmap step in
  // full ("72 hours" is a synonym of the notification); items with only
  // "incident" come later.
  auto ids = top("incident notification 72 hours", 2);
  EXPECT_EQ(ids, (std::vector<std::string>{"incident_notification", "rep.incident_notification"}));
}

TEST(Search, PluralsAndPrefixes) {
  auto plural = top("backups", 1);
  EXPECT_EQ(plural, std::vector<std::string>{"rm.backup_management"});
  auto prefix = top("crypto", 4);  // "crypto" finds "cryptography"
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

// What practitioners type, and the item that must rank in
// the top three. The synonym table (data/search_synonyms.toml) carries most of
// these; ids in any case are the rest.
struct PractitionerQuery {
  const char* query;
  const char* expected;  // an id `vigil show` takes
};

class PractitionerSearch : public testing::TestWithParam<PractitionerQuery> {};

TEST_P(PractitionerSearch, ExpectedItemRanksInTheTopThree) {
  const PractitionerQuery& q = GetParam();
  auto hits = search(builtin(), q.query, 3);
  ASSERT_TRUE(hits) << q.query;
  std::string got;
  bool found = false;
  for (const SearchHit& h : *hits) {
    got += std::string(h.id) + " ";
    found = found || h.id == q.expected;
  }
  EXPECT_TRUE(found) << "'" << q.query << "' should rank " << q.expected << " in the top three; got " << got;
}

const PractitionerQuery kPractitionerQueries[] = {
    {"password", "A.5.17"},
    {"password policy", "A.8.5"},
    {"2FA", "rm.mfa"},
    {"MFA", "rm.mfa"},
    {"two factor authentication", "A.8.5"},
    {"patch", "A.8.8"},
    {"patch management", "A.8.8"},
    {"security update", "A.8.8"},
    {"backup", "A.8.13"},
    {"restore test", "A.8.13"},
    {"vendor", "rm.supply_chain"},
    {"third party", "rm.supply_chain"},
    {"supplier contract", "ir.5.1.4"},
    {"BCP", "rm.business_continuity"},
    {"BCM", "rm.business_continuity"},
    {"DR", "rm.disaster_recovery"},
    {"SIEM", "A.8.16"},
    {"logging", "A.8.15"},
    {"encryption", "rm.cryptography"},
    {"antivirus", "A.8.7"},
    {"network segmentation", "A.8.22"},
    {"pentest", "A.8.29"},
    {"background check", "A.6.1"},
    {"asset inventory", "A.5.9"},
    {"admin rights", "A.8.2"},
    {"DLP", "A.8.12"},
    {"GDPR", "A.5.34"},
    {"cloud", "A.5.23"},
    {"72 hours", "rep.incident_notification"},
    {"24h early warning", "rep.early_warning"},
    {"crisis", "rm.crisis_management"},
    {"board training", "gov.training"},
    {"fines", "Art. 34"},
    {"a.8.24", "A.8.24"},
};

INSTANTIATE_TEST_SUITE_P(WhatPractitionersType, PractitionerSearch, testing::ValuesIn(kPractitionerQueries));

TEST(Search, SynonymsFormOneSlotWithTheWordsTyped) {
  auto slots = query_slots(builtin(), "2FA for admin rights");
  ASSERT_EQ(slots.size(), 2u);  // "2fa" and the two-word term "admin rights"
  EXPECT_EQ(slots[0].alternatives.front(), std::vector<std::string>{"2fa"});
  EXPECT_GT(slots[0].alternatives.size(), 1u);
  EXPECT_EQ(slots[1].alternatives.front(), (std::vector<std::string>{"admin", "right"}));
  auto plain = query_slots(builtin(), "cryptography");
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].alternatives.size(), 1u);  // no synonym: just the word
}

}  // namespace
}  // namespace vigil::catalog
