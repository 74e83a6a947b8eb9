// Input files in a declared encoding are converted to UTF-8 before any reader
// sees them (cli/output.h to_utf8); bytes the encoding does not define are an
// error naming the file and line.
#include <gtest/gtest.h>

#include "cli/output.h"

namespace vigil::cli {
namespace {

TEST(ToUtf8, Windows1252IsConverted) {
  auto text =
      to_utf8("A.8.24,yes,,partially_implemented,Leiter K\xf6ln,,2025-01-21\n", Encoding::Windows1252, "soa.csv");
  ASSERT_TRUE(text) << describe(text.error());
  EXPECT_EQ(*text, "A.8.24,yes,,partially_implemented,Leiter K\xc3\xb6ln,,2025-01-21\n");
  // The bytes where Windows-1252 differs from ISO 8859-1: the euro sign and typographic quotes.
  EXPECT_EQ(*to_utf8("\x80 \x93x\x94", Encoding::Windows1252, "f"), "\xe2\x82\xac \xe2\x80\x9cx\xe2\x80\x9d");
}

TEST(ToUtf8, Iso8859_1IsConverted) {
  EXPECT_EQ(*to_utf8("Stra\xdf"
                     "e",
                     Encoding::Iso8859_1, "f"),
            "Stra\xc3\x9f"
            "e");
}

TEST(ToUtf8, Utf8IsLeftAsItIs) { EXPECT_EQ(*to_utf8("K\xc3\xb6ln", Encoding::Utf8, "f"), "K\xc3\xb6ln"); }

TEST(ToUtf8, AByteWindows1252DoesNotDefineIsAnErrorWithItsLine) {
  auto text = to_utf8("header\nok\nbad \x81 byte\n", Encoding::Windows1252, "soa.csv");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().where, "soa.csv:3");
  EXPECT_EQ(text.error().message, "byte 0x81 is not a character of WINDOWS-1252");
}

TEST(ParseEncoding, NamesAreRecognisedAndOthersRefused) {
  EXPECT_EQ(*parse_encoding("Windows-1252", "--encoding"), Encoding::Windows1252);
  EXPECT_EQ(*parse_encoding("cp1252", "--encoding"), Encoding::Windows1252);
  EXPECT_EQ(*parse_encoding("latin1", "--encoding"), Encoding::Iso8859_1);
  EXPECT_EQ(*parse_encoding("UTF-8", "--encoding"), Encoding::Utf8);
  auto bad = parse_encoding("ebcdic", "--encoding");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "--encoding");
}

}  // namespace
}  // namespace vigil::cli
