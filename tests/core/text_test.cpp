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

TEST(Nearest, PrefersTheSwapOverAShorterId) {
  std::vector<std::string_view> ids{"A.8.2", "A.8.4", "A.8.12", "A.8.24"};
  EXPECT_EQ(nearest("A.8.42", ids, 1), std::vector<std::string>{"A.8.24"});
}

TEST(Nearest, MatchesTheLastSegmentOfHierarchicalIds) {
  std::vector<std::string_view> ids{"digital_infrastructure.cloud_computing_service_provider",
                                    "digital_infrastructure.data_centre_service_provider", "banking.credit_institution"};
  auto near = nearest("cloud_provider", ids, 1);
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0], "digital_infrastructure.cloud_computing_service_provider");
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
