#include "core/text.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(Nearest, SuggestsCloseIds) {
  std::vector<std::string_view> ids{"A.8.24", "A.8.25", "A.5.24", "6.1.3", "A.9"};
  auto near = nearest("A.8.42", ids, 2);
  ASSERT_FALSE(near.empty());
  EXPECT_EQ(near[0], "A.8.24");
}

TEST(Nearest, ReturnsNothingForFarOffQuery) {
  std::vector<std::string_view> ids{"A.8.24"};
  EXPECT_TRUE(nearest("completely unrelated words here", ids).empty());
}

TEST(OrList, JoinsNaturally) {
  EXPECT_EQ(or_list({"a", "b", "c"}), "a, b or c");
  EXPECT_EQ(or_list({"a"}), "a");
}

}  // namespace
}  // namespace vigil
