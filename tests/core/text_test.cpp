#include "core/text.h"

#include <fmt/format.h>

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
                                    "digital_infrastructure.data_centre_service_provider",
                                    "banking.credit_institution"};
  auto near = nearest("cloud_provider", ids, 1);
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0], "digital_infrastructure.cloud_computing_service_provider");
}

TEST(Nearest, ReturnsNothingForFarOffQuery) {
  std::vector<std::string_view> ids{"A.8.24"};
  EXPECT_TRUE(nearest("completely unrelated words here", ids).empty());
}

// Terminal paragraphs: broken at spaces, counted in characters (an "ä" is one
// column, though two bytes), a word longer than the width on a line of its own.
TEST(WrappedLines, BreaksAtSpacesCountingCharacters) {
  EXPECT_EQ(wrapped_lines("", 10), std::vector<std::string>{});
  EXPECT_EQ(wrapped_lines("one two three", 7), (std::vector<std::string>{"one two", "three"}));
  EXPECT_EQ(wrapped_lines("äää bbb", 7), (std::vector<std::string>{"äää bbb"}));
  EXPECT_EQ(wrapped_lines("a verylongword b", 4), (std::vector<std::string>{"a", "verylongword", "b"}));
}

TEST(OrList, JoinsNaturally) {
  EXPECT_EQ(or_list({"a", "b", "c"}), "a, b or c");
  EXPECT_EQ(or_list({"a"}), "a");
}

TEST(Nearest, GivesNoSuggestionForInputLongerThanTheLimit) {
  const std::string long_id(kMaxSuggestionQuery, 'a');
  std::vector<std::string_view> ids{"A.8.24", long_id};
  // At the limit a slip is still caught; one byte more and no search runs.
  EXPECT_EQ(nearest(std::string(kMaxSuggestionQuery - 1, 'a') + "b", ids, 1), std::vector<std::string>{long_id});
  EXPECT_TRUE(nearest(long_id + "b", ids, 1).empty());
  EXPECT_TRUE(nearest(std::string(400'000, 'x') + "A.8.24", ids, 1).empty());
  EXPECT_EQ(nearest("A.8.2", ids, 1), std::vector<std::string>{"A.8.24"});
}

TEST(Utf8, AcceptsWellFormedTextAndFindsTheFirstBadByte) {
  EXPECT_TRUE(is_utf8(""));
  EXPECT_TRUE(is_utf8("Leiter K\xC3\xB6ln \xE2\x82\xAC \xF0\x9F\x94\x92"));
  EXPECT_FALSE(is_utf8("K\xF6ln"));           // Windows-1252
  EXPECT_FALSE(is_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_utf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(is_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_utf8("\xE2\x82"));          // cut short
  EXPECT_EQ(utf8_prefix_length("ab\xFF"
                               "cd"),
            2u);
  EXPECT_EQ(utf8_prefix_length("abc"), 3u);
}

TEST(Excerpt, QuotesShortEscapedAndCut) {
  EXPECT_EQ(excerpt("A.8.24"), "A.8.24");
  EXPECT_EQ(excerpt("K\xF6ln"), "K\\xF6ln");
  EXPECT_EQ(excerpt("a\x1b[31mred"), "a\\x1B[31mred");
  EXPECT_EQ(excerpt("x\xE2\x80\xAEy"), "x\\u{202E}y");  // a bidi override
  EXPECT_EQ(excerpt("K\xC3\xB6ln"), "K\xC3\xB6ln");
  std::string cut = excerpt(std::string(400'000, 'x'));
  EXPECT_EQ(cut, std::string(80, 'x') + "\xE2\x80\xA6 (400000 bytes)");
  EXPECT_LE(excerpt(std::string(1000, '\x01')).size(), 4u * 80 + 24);
  EXPECT_EQ(excerpt(std::string(30, 'y'), 20), std::string(20, 'y') + "\xE2\x80\xA6 (30 bytes)");
}

TEST(MarkdownText, EscapesHtmlPipesAndNewlines) {
  EXPECT_EQ(markdown_text("<script>alert(1)</script> R&D | x\ny"),
            "&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D \\| x<br>y");
  EXPECT_EQ(markdown_text("plain"), "plain");
}

TEST(MarkdownText, NoLinkOrImageCanBeWrittenInText) {
  EXPECT_EQ(markdown_text("[l](javascript:alert(1))"), "\\[l\\](javascript:alert(1))");
  EXPECT_EQ(markdown_text("![i](http://x/t.png)"), "!\\[i\\](http://x/t.png)");
  // A backslash of the text stays one: it cannot undo the escape that follows.
  EXPECT_EQ(markdown_text("\\[l](x)"), "\\\\\\[l\\](x)");
  EXPECT_EQ(markdown_text("C:\\temp"), "C:\\\\temp");
}

TEST(TerminalText, EscapesControlsAndBidiButKeepsLinesAndText) {
  EXPECT_EQ(terminal_text("\x1b[2Jgone"), "\\x1B[2Jgone");
  EXPECT_EQ(terminal_text("a\u202Eb"), "a\\u{202E}b");
  EXPECT_EQ(terminal_text("line 1\n\tline 2 K\xC3\xB6ln"), "line 1\n\tline 2 K\xC3\xB6ln");
  EXPECT_EQ(terminal_text("\xC2\x9B"
                          "31m"),
            "\\x9B31m");  // C1 CSI
}

// Every single byte between two letters: printable ASCII (0x20 to 0x7E), a
// line feed and a tab are kept; every other control, DEL and each byte that is
// not UTF-8 on its own (0x80 and up) is shown as \xNN.
TEST(TerminalText, EachByteIsKeptOnlyWhenPrintableAscii) {
  for (int b = 0; b < 256; ++b) {
    const char byte = static_cast<char>(b);
    const std::string text = std::string("a") + byte + "b";
    const bool kept = (b >= 0x20 && b <= 0x7E) || b == '\n' || b == '\t';
    EXPECT_EQ(terminal_text(text), kept ? text : fmt::format("a\\x{:02X}b", b)) << "byte " << b;
  }
  // Runs of ASCII around escapes and multi-byte characters.
  EXPECT_EQ(terminal_text("ok \x07 K\xC3\xB6ln \xE2\x80\xAE end"), "ok \\x07 K\xC3\xB6ln \\u{202E} end");
}

TEST(UnsafeText, AcceptsPlainTextInAnyScript) {
  EXPECT_EQ(unsafe_text("Leiter Köln: Ausfall – 東京", false), std::nullopt);
  EXPECT_EQ(unsafe_text("", false), std::nullopt);
  EXPECT_EQ(unsafe_text("line one\nline two\r\n\tindented", true), std::nullopt);
}

TEST(UnsafeText, RefusesControlsBidiAndBadBytesNamingTheCharacter) {
  EXPECT_EQ(unsafe_text("Evil \x1b[31mred", false),
            "holds U+001B ESCAPE at character 6: a control character could move the cursor or recolour what a "
            "reader sees");
  EXPECT_EQ(unsafe_text("ab\xE2\x80\xAE"
                        "cd",
                        false),
            "holds U+202E RIGHT-TO-LEFT OVERRIDE at character 3: a bidi control could reorder what a reader sees");
  EXPECT_EQ(unsafe_text("\xE2\x81\xA6x", true),
            "holds U+2066 LEFT-TO-RIGHT ISOLATE at character 1: a bidi control could reorder what a reader sees");
  EXPECT_EQ(unsafe_text("two\nlines", false),
            "holds U+000A LINE FEED at character 4: a one-line value takes no line breaks or tabs");
  EXPECT_EQ(unsafe_text("tab\there", false),
            "holds U+0009 CHARACTER TABULATION at character 4: a one-line value takes no line breaks or tabs");
  EXPECT_EQ(unsafe_text("del\x7f", true),
            "holds U+007F DELETE at character 4: a control character could move the cursor or recolour what a "
            "reader sees");
  EXPECT_EQ(unsafe_text("c1\xC2\x85", true),
            "holds U+0085 NEXT LINE at character 3: a control character could move the cursor or recolour what a "
            "reader sees");
  EXPECT_EQ(unsafe_text("K\xf6ln", false), "is not UTF-8 (byte 2 is 0xF6)");
  auto error = require_safe_text("a\x07", "title");
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().where, "title");
}

// Each invisible or line-breaking character the tester found, in one-line
// and in multi-line text, named with its code point and position.
// Every single byte after two letters and a multi-byte character: printable
// ASCII is accepted, anything else refused at character 4 (the position counts
// characters, not bytes), in one-line and multi-line values alike but for a
// line feed and a tab.
TEST(UnsafeText, EachByteIsAcceptedOnlyWhenPrintableAsciiAndPositionsCountCharacters) {
  for (int b = 0; b < 256; ++b) {
    const std::string text = std::string("a\u00F6b") + static_cast<char>(b) + "cd";
    const bool printable = b >= 0x20 && b <= 0x7E;
    EXPECT_EQ(unsafe_text(text, false).has_value(), !printable) << "byte " << b;
    EXPECT_EQ(unsafe_text(text, true).has_value(), !printable && b != '\n' && b != '\t') << "byte " << b;
    if (b < 0x20 || b == 0x7F) {
      EXPECT_NE(unsafe_text(text, false).value_or("").find("at character 4:"), std::string::npos) << "byte " << b;
    } else if (b >= 0x80) {
      EXPECT_NE(unsafe_text(text, false).value_or("").find("(byte 5 is 0x"), std::string::npos) << "byte " << b;
    }
  }
}

TEST(UnsafeText, RefusesInvisibleAndUnicodeLineBreaksEverywhere) {
  const struct {
    const char* bytes;
    const char* name;
  } cases[] = {
      {"\xE2\x80\xA8", "U+2028 LINE SEPARATOR"},
      {"\xE2\x80\xA9", "U+2029 PARAGRAPH SEPARATOR"},
      {"\xE2\x80\x8B", "U+200B ZERO WIDTH SPACE"},
      {"\xE2\x80\x8C", "U+200C ZERO WIDTH NON-JOINER"},
      {"\xE2\x80\x8D", "U+200D ZERO WIDTH JOINER"},
      {"\xE2\x81\xA0", "U+2060 WORD JOINER"},
      {"\xEF\xBB\xBF", "U+FEFF ZERO WIDTH NO-BREAK SPACE"},
      {"\xC2\xAD", "U+00AD SOFT HYPHEN"},
      {"\xF3\xA0\x80\x81", "U+E0001 TAG CHARACTER"},
      {"\xF3\xA0\x81\xBF", "U+E007F TAG CHARACTER"},
  };
  for (const auto& c : cases) {
    for (bool multiline : {false, true}) {
      auto problem = unsafe_text(std::string("ab") + c.bytes + "c", multiline);
      ASSERT_TRUE(problem) << c.name;
      EXPECT_NE(problem->find(std::string("holds ") + c.name + " at character 3"), std::string::npos) << *problem;
    }
  }
  // Neighbours of the refused ranges pass: U+200A HAIR SPACE, U+E0080, U+2027.
  EXPECT_EQ(unsafe_text("a\xE2\x80\x8A"
                        "b",
                        false),
            std::nullopt);
  EXPECT_EQ(unsafe_text("a\xF3\xA0\x82\x80", false), std::nullopt);
  EXPECT_EQ(unsafe_text("a\xE2\x80\xA7", false), std::nullopt);
  // A carriage return only as part of CRLF.
  EXPECT_EQ(unsafe_text("a\r\nb", true), std::nullopt);
  ASSERT_TRUE(unsafe_text("a\rb", true));
  EXPECT_NE(unsafe_text("a\rb", true)->find("U+000D CARRIAGE RETURN at character 2"), std::string::npos);
}

TEST(IsBlank, TreatsInvisibleCharactersAsEmpty) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank("   "));
  EXPECT_TRUE(is_blank("\xE2\x80\x8B"));               // U+200B
  EXPECT_TRUE(is_blank("\xEF\xBB\xBF"));               // U+FEFF
  EXPECT_TRUE(is_blank(" \xC2\xA0\xE2\x80\x8B\n\t"));  // NBSP, ZWSP, newline, tab
  EXPECT_FALSE(is_blank("a"));
  EXPECT_FALSE(
      is_blank("\xE2\x80\x8B"
               "x"));
  EXPECT_FALSE(is_blank("\xf6"));  // not UTF-8: not blank, refused as such
}

}  // namespace
}  // namespace vigil
