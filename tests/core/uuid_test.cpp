#include "core/uuid.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

std::string hex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) out += {kHex[c >> 4], kHex[c & 15]};
  return out;
}

TEST(Sha1, KnownVectors) {  // FIPS 180-2 appendix A and the empty string
  EXPECT_EQ(hex(sha1_bytes("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(hex(sha1_bytes("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(hex(sha1_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

TEST(UuidV5, MatchesPythonUuid5) {
  // python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.com'))"
  EXPECT_EQ(uuid_v5(kUuidNamespaceUrl, "https://example.com"), "4fd35a71-71ef-5a55-a9d9-aa75c889a6d0");
  // python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'))"
  EXPECT_EQ(uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  EXPECT_EQ(uuid_v5(kUuidNamespaceUrl, "a"), uuid_v5(kUuidNamespaceUrl, "a"));  // stable
  EXPECT_NE(uuid_v5(kUuidNamespaceUrl, "a"), uuid_v5(kUuidNamespaceUrl, "b"));
  EXPECT_EQ(uuid_v5("not-a-uuid", "a"), "00000000-0000-0000-0000-000000000000");
}

}  // namespace
}  // namespace vigil
