#include "core/csv.h"

#include <gtest/gtest.h>

#include "test_result.h"

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

TEST(CsvField, NeutralisesCellsASpreadsheetWouldRunAsFormulas) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x.example\",\"open\")"),
            "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"open\"\")\"");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(csv_field("-2+3"), "'-2+3");
  EXPECT_EQ(csv_field("\tx"), "'\tx");
  EXPECT_EQ(csv_field("\rx"), "\\x0Dx");  // a lone carriage return is written visibly
  // Plain numbers and ordinary text stay as they are.
  EXPECT_EQ(csv_field("-5"), "-5");
  EXPECT_EQ(csv_field("+3.25"), "+3.25");
  EXPECT_EQ(csv_field("-"), "-");  // Vigil's own placeholder for "none"
  EXPECT_EQ(csv_field("="), "'=");
  EXPECT_EQ(csv_field("A.8.24"), "A.8.24");
  EXPECT_EQ(csv_field("x=1"), "x=1");
  EXPECT_EQ(csv_field(""), "");
}

TEST(ParseCsv, RefusesAFieldOverTheLimitNamingItsLine) {
  std::string text = "a,b\n1,2\n3," + std::string(kMaxCsvFieldBytes + 1, 'x') + "\n";
  auto table = parse_csv(text, "big.csv");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().where, "big.csv:3");
  EXPECT_NE(table.error().message.find("field 2 is 65537 bytes long"), std::string::npos) << table.error().message;
  EXPECT_TRUE(parse_csv("a,b\n1," + std::string(kMaxCsvFieldBytes, 'x') + "\n", "ok.csv"));
}

TEST(ParseCsv, RefusesTextThatIsNotUtf8NamingTheLineAndTheLikelyEncoding) {
  test::expect_error(parse_csv("control,owner\nA.8.24,Leiter K\xf6ln\n", "soa.csv"), "soa.csv:2",
                     "not UTF-8: byte 0xF6 at column 16; the file is likely in Windows-1252 or ISO 8859-1: save it as "
                     "UTF-8, or give its encoding (windows-1252) to convert it");
  EXPECT_TRUE(parse_csv("control,owner\nA.8.24,Leiter K\xc3\xb6ln\n", "soa.csv"));
}

TEST(ParseCsv, DetectsTheDelimiterFromTheHeaderLine) {
  EXPECT_EQ(detect_delimiter("a,b,c\n1;2;3;4;5\n"), ',');  // only the header counts
  EXPECT_EQ(detect_delimiter("a;b;c\n"), ';');
  EXPECT_EQ(detect_delimiter("a\tb\tc\n"), '\t');
  EXPECT_EQ(detect_delimiter("\"x;y;z\",b\n"), ',');  // inside quotes does not count
  EXPECT_EQ(detect_delimiter("a;b,c\n"), ',');        // a tie is a comma
  EXPECT_EQ(detect_delimiter("single\n"), ',');
  EXPECT_EQ(detect_delimiter("\xEF\xBB\xBF"
                             "a;b\n"),
            ';');  // after a BOM
  auto table = parse_csv("a;b\n\"1;2\";3\n", "x.csv");
  ASSERT_TRUE(table);
  EXPECT_EQ(table->delimiter, ';');
  EXPECT_TRUE(table->delimiter_detected);
  EXPECT_EQ(table->rows[0].fields, (std::vector<std::string>{"1;2", "3"}));
}

TEST(ParseCsv, AnExplicitDelimiterIsUsedAndAMismatchIsExplained) {
  auto tab = parse_csv("a\tb\n1\t2\n", "x.tsv", CsvOptions{'\t'});
  ASSERT_TRUE(tab);
  EXPECT_FALSE(tab->delimiter_detected);
  EXPECT_EQ(tab->rows[0].fields, (std::vector<std::string>{"1", "2"}));
  auto wrong = parse_csv("a;b;c\n1;2;3\n", "x.csv", CsvOptions{','});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().where, "x.csv:1");
  EXPECT_NE(wrong.error().message.find("looks semicolon-separated, not comma-separated"), std::string::npos)
      << wrong.error().message;
}

TEST(ParseCsv, DelimiterOptionsAreParsed) {
  EXPECT_EQ(*parse_delimiter(";", "--delimiter"), ';');
  EXPECT_EQ(*parse_delimiter("tab", "--delimiter"), '\t');
  EXPECT_EQ(*parse_delimiter("\\t", "--delimiter"), '\t');
  EXPECT_EQ(*parse_delimiter("Comma", "--delimiter"), ',');
  auto bad = parse_delimiter("|", "--delimiter");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "--delimiter");
}

// Data stored before the input rules refused these characters is written
// visibly: no raw ESC, RLO or line separator reaches a CSV file.
TEST(CsvField, WritesControlBidiAndInvisibleCharactersVisibly) {
  EXPECT_EQ(csv_field("Acme\x1b[2J"), "Acme\\x1B[2J");
  EXPECT_EQ(csv_field("u\xE2\x80\xAEy"), "u\\u{202E}y");
  EXPECT_EQ(csv_field("a\xE2\x80\xA8z"), "a\\u{2028}z");
  EXPECT_EQ(csv_field("zw\xE2\x80\x8Bx"), "zw\\u{200B}x");
  // Multi-line text keeps its line breaks (quoted), and its CRLF line ends.
  EXPECT_EQ(csv_field("one\ntwo"), "\"one\ntwo\"");
  EXPECT_EQ(csv_field("one\r\ntwo"), "\"one\r\ntwo\"");
  EXPECT_EQ(csv_field("K\xC3\xB6ln"), "K\xC3\xB6ln");
}

}  // namespace
}  // namespace vigil
