// What the tests of every module do with a result they expect to succeed.
#pragma once

#include <string_view>
#include <utility>

#include <gtest/gtest.h>

#include "core/error.h"

namespace vigil::test {

// The value of `result`; an error fails the test, naming it, and gives a
// default value so that the test goes on to its other checks.
template <typename T>
T expect_ok(Result<T> result) {
  EXPECT_TRUE(result) << (result ? "" : describe(result.error()));
  return result ? std::move(*result) : T{};
}

// `result` is an error at `where` whose message is `message`, word for word.
template <typename T>
void expect_error(const Result<T>& result, std::string_view where, std::string_view message) {
  ASSERT_FALSE(result) << "expected an error at " << where;
  EXPECT_EQ(result.error().where, where);
  EXPECT_EQ(result.error().message, message);
}

}  // namespace vigil::test
