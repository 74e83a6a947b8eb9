#include "core/csv.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(Csv, ReadsQuotedFieldsAndKeepsLineNumbers) {
  auto t = parse_csv("control,justification\nA.5.1,\"a, b\"\n\nA.5.2,\"two\nlines\"\nA.5.3,x\n", "soa.csv");
  ASSERT_TRUE(t) << describe(t.error());
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].fields[1], "a, b");
  EXPECT_EQ(t->rows[1].line, 4u);
  EXPECT_EQ(t->rows[1].fields[1], "two\nlines");
  EXPECT_EQ(t->rows[2].line, 6u);
  EXPECT_EQ(t->column("justification"), 1);
}

TEST(Csv, ReportsEveryRowWithTooManyFields) {
  auto t = parse_csv("a,b\n1,2,3\n4,5\n6,7,8\n", "x.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().where, "x.csv:2");
  ASSERT_EQ(t.error().more.size(), 1u);
  EXPECT_EQ(t.error().more[0].where, "x.csv:4");
}

TEST(Csv, RejectsUnterminatedQuote) {
  auto t = parse_csv("a\n\"open\n", "x.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().where, "x.csv:2");
}

}  // namespace
}  // namespace vigil
