// Rewriting a 2013 SoA into 2022 ids: each rule of assess/convert_2013.h.
#include "assess/convert_2013.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "assess/soa.h"
#include "catalog/catalog.h"

namespace vigil::assess {
namespace {

Converted2013 convert(const std::string& rows) {
  auto table = read_table("control,applicable,justification,status,owner,evidence,last_reviewed\n" + rows,
                          InputFormat::Csv, "soa.csv", soa_columns());
  EXPECT_TRUE(table && table->errors.empty());
  return convert_2013(*table);
}

const std::vector<std::string>* row_of(const Converted2013& c, std::string_view control) {
  for (const auto& row : c.rows) {
    if (row[0] == control) return &row;
  }
  return nullptr;
}

// The row the conversion wrote for `control`, whole (empty when there is none).
std::vector<std::string> converted_row(const Converted2013& c, std::string_view control) {
  const auto* row = row_of(c, control);
  return row ? *row : std::vector<std::string>{};
}

bool contains(const std::vector<std::string>& items, std::string_view text) {
  return std::any_of(items.begin(), items.end(),
                     [&](const std::string& i) { return i.find(text) != std::string::npos; });
}

TEST(Convert2013, RenumbersOneToOne) {
  auto c = convert("A.9.2.1,yes,,implemented,IT,idm.pdf,2025-02-01\n");
  EXPECT_EQ(converted_row(c, "A.5.16"),
            (std::vector<std::string>{"A.5.16", "yes", "", "implemented", "IT", "idm.pdf", "2025-02-01"}));
  ASSERT_EQ(c.carried_over.size(), 1u);
  EXPECT_EQ(c.carried_over[0].sources, std::vector<std::string>{"A.9.2.1 (soa.csv:2)"});
  EXPECT_TRUE(c.partly_evidenced.empty());
}

// A 2022 control that two 2013 controls became, only one of them in the SoA:
// the result says so and never claims "implemented" for the whole.
TEST(Convert2013, AControlWithSomePredecessorsMissingIsOnlyPartlyEvidenced) {
  auto c = convert("A.10.1.1,yes,,implemented,IT,crypto.pdf,2025-02-01\n");
  const auto* row = row_of(c, "A.8.24");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ((*row)[3], "partially_implemented");
  ASSERT_EQ(c.partly_evidenced.size(), 1u);
  EXPECT_EQ(c.partly_evidenced[0],
            "A.8.24 <- A.10.1.1 (soa.csv:2): A.10.1.2 is not in the SoA; implemented capped at "
            "partially_implemented");
  auto both = convert("A.10.1.1,yes,,implemented,IT,,2025-02-01\nA.10.1.2,yes,,implemented,IT,,2025-02-01\n");
  EXPECT_EQ((*row_of(both, "A.8.24"))[3], "implemented");
  EXPECT_TRUE(both.partly_evidenced.empty());
  // A weaker status stays as it is; only the note says what is missing.
  auto planned = convert("A.10.1.1,yes,,planned,IT,,2025-02-01\n");
  EXPECT_EQ((*row_of(planned, "A.8.24"))[3], "planned");
  EXPECT_TRUE(contains(planned.partly_evidenced, "A.10.1.2 is not in the SoA"));
  EXPECT_FALSE(contains(planned.partly_evidenced, "capped"));
}

// Nothing is converted from bad values: each is an error at its row and column.
TEST(Convert2013, BadValuesIn2013RowsAreErrorsNotCarriedThrough) {
  auto c = convert("A.9.2.1,maybe,,done,IT,,2025-02-30\n");
  ASSERT_EQ(c.errors.size(), 3u);
  EXPECT_EQ(c.errors.list()[0].where, "soa.csv:2: applicable");
  EXPECT_EQ(c.errors.list()[1].where, "soa.csv:2: status");
  EXPECT_EQ(c.errors.list()[2].where, "soa.csv:2: last_reviewed");
}

TEST(Convert2013, MergesKeepingTheWeakestStatusAndTheOldestReview) {
  auto c = convert(
      "A.5.1.1,yes,,implemented,CISO,policy.pdf,2025-01-21\n"
      "A.5.1.2,yes,,planned,Board,policy.pdf;review.pdf,2024-11-02\n");
  EXPECT_EQ(converted_row(c, "A.5.1"), (std::vector<std::string>{"A.5.1", "yes", "", "planned", "CISO; Board",
                                                                 "policy.pdf; review.pdf", "2024-11-02"}));
  ASSERT_EQ(c.merged.size(), 1u);
  EXPECT_NE(c.merged[0].note.find("kept the weakest, planned"), std::string::npos) << c.merged[0].note;
}

TEST(Convert2013, AnExcludedRowDoesNotDecideTheStatusOfAMerge) {
  auto c = convert(
      "A.8.1.1,yes,,implemented,CISO,,2025-01-01\n"
      "A.8.1.2,no,not used,,,,\n");
  auto row = converted_row(c, "A.5.9");
  ASSERT_EQ(row.size(), 7u);
  EXPECT_EQ(row[1], "yes");
  EXPECT_EQ(row[3], "implemented");
}

TEST(Convert2013, SplitsA18_2_3IntoBothSuccessors) {
  auto c = convert("A.18.2.3,yes,,partially_implemented,Audit,,2025-03-01\n");
  ASSERT_NE(row_of(c, "A.5.36"), nullptr);
  ASSERT_NE(row_of(c, "A.8.8"), nullptr);
  EXPECT_EQ((*row_of(c, "A.8.8"))[3], "partially_implemented");
  EXPECT_EQ(c.split, std::vector<std::string>{"A.18.2.3 (soa.csv:2) -> A.5.36 and A.8.8"});
}

TEST(Convert2013, ARowAlreadyIn2022IdsWinsAndTheOldOneIsReported) {
  auto c = convert(
      "A.8.8,yes,,implemented,IT,,2025-05-01\n"
      "A.12.6.1,yes,,planned,IT,,2024-01-01\n");
  EXPECT_EQ((*row_of(c, "A.8.8"))[3], "implemented");
  EXPECT_EQ(std::count_if(c.rows.begin(), c.rows.end(), [](const auto& r) { return r[0] == "A.8.8"; }), 1);
  EXPECT_TRUE(contains(c.superseded, "A.12.6.1 (soa.csv:3): A.8.8 is already listed at soa.csv:2"));
}

TEST(Convert2013, KeepsUnknownIdsAndListsWhatNoRowCovers) {
  auto c = convert("A.99.1,yes,,implemented,CISO,,\n6.1.2,yes,,implemented,CISO,,\n");
  ASSERT_NE(row_of(c, "A.99.1"), nullptr);
  ASSERT_NE(row_of(c, "6.1.2"), nullptr);
  EXPECT_TRUE(contains(c.unknown, "A.99.1 (soa.csv:2)"));
  EXPECT_TRUE(contains(c.uncovered, "A.5.7 (new in 2022)"));
  EXPECT_TRUE(contains(c.uncovered, "A.8.8"));
  EXPECT_FALSE(contains(c.uncovered, "A.8.8 (new"));
  EXPECT_EQ(c.uncovered.size(), 93u);
}

TEST(Convert2013, EveryOneOfThe114ControlsGivesTheWhole2022AnnexA) {
  std::string rows;
  for (const auto& old : catalog::builtin().iso27001_2013) rows += std::string(old.id) + ",yes,,implemented,CISO,,\n";
  auto c = convert(rows);
  ASSERT_EQ(catalog::builtin().iso27001_2013.size(), 114u);
  // 82 of the 93 controls have a predecessor; the 11 new ones are left to assess.
  EXPECT_EQ(c.rows.size(), 82u);
  EXPECT_EQ(c.uncovered.size(), 11u);
  for (const auto& id : c.uncovered) EXPECT_NE(id.find("(new in 2022)"), std::string::npos) << id;
}

}  // namespace
}  // namespace vigil::assess
