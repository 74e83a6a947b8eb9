// What the tests of every module do with a result they expect to succeed.
#pragma once

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

}  // namespace vigil::test
