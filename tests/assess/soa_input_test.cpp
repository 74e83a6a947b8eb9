// Reading an SoA from CSV, JSON and YAML, and every kind of bad input, each
// with its location; all errors of a file come back together.
#include <gtest/gtest.h>

#include "assess/soa.h"

namespace vigil::assess {
namespace {

const char* kHeader = "control,applicable,justification,status,owner,evidence,last_reviewed\n";

Result<Soa> csv(const std::string& body) { return parse_soa(kHeader + body, InputFormat::Csv, "soa.csv"); }

std::vector<Error> all(const Error& e) {
  std::vector<Error> out{e};
  out.insert(out.end(), e.more.begin(), e.more.end());
  for (auto& x : out) x.more.clear();
  return out;
}

TEST(SoaInput, ReadsCsvLines) {
  auto soa =
      csv("A.5.1,yes,,implemented,CISO,Policy v3; Board minutes 2024-11,2025-01-10\n"
          "A.7.5,no,No premises of our own,,,,\n"
          "6.1.2,Yes,,PARTIALLY_IMPLEMENTED,Risk manager,,\n");
  ASSERT_TRUE(soa) << describe(soa.error());
  ASSERT_EQ(soa->entries.size(), 3u);
  const SoaEntry& a = soa->entries[0];
  EXPECT_EQ(a.item->id, "A.5.1");
  EXPECT_TRUE(a.applicable);
  EXPECT_EQ(a.status, Implementation::Implemented);
  EXPECT_EQ(a.evidence, (std::vector<std::string>{"Policy v3", "Board minutes 2024-11"}));
  EXPECT_EQ(format_date(*a.last_reviewed), "2025-01-10");
  EXPECT_EQ(a.where, "soa.csv:2");
  EXPECT_FALSE(soa->entries[1].applicable);
  EXPECT_FALSE(soa->entries[1].status.has_value());
  EXPECT_EQ(soa->entries[2].status, Implementation::PartiallyImplemented);
  EXPECT_NE(soa->find("A.7.5"), nullptr);
  EXPECT_EQ(soa->find("A.7.6"), nullptr);
}

TEST(SoaInput, UnknownControlFrom2013NamesIts2022SuccessorFromTheCorrespondence) {
  auto soa = csv("A.5.1,yes,,implemented,,,\nA.9.2.1,yes,,implemented,,,\n");
  ASSERT_FALSE(soa);
  EXPECT_EQ(soa.error().where, "soa.csv:3: control");
  EXPECT_NE(soa.error().message.find("unknown control 'A.9.2.1'"), std::string::npos);
  EXPECT_NE(soa.error().message.find("in the 2022 edition it is A.5.16"), std::string::npos) << soa.error().message;
  EXPECT_EQ(soa.error().message.find("nearest"), std::string::npos) << soa.error().message;
  EXPECT_TRUE(soa.error().more.empty());
  // The issue's examples: never a look-alike such as 6.1 or 9.2.1.
  for (auto [old, successor] : {std::pair{"A.12.6.1", "part of A.8.8"}, std::pair{"A.10.1.1", "part of A.8.24"},
                                std::pair{"A.16.1.2", "part of A.6.8"}, std::pair{"a.9.2.1", "it is A.5.16"},
                                std::pair{"A.18.2.3", "by A.5.36 and A.8.8 together"}}) {
    auto one = csv(std::string(old) + ",yes,,implemented,,,\n");
    ASSERT_FALSE(one);
    EXPECT_NE(one.error().message.find(successor), std::string::npos) << old << ": " << one.error().message;
  }
}

// Spreadsheets drop the dot after "A" or put a space there: still the 2013
// control, never the look-alike 2022 id (A18.1.3 is A.5.33, not A.8.13).
TEST(SoaInput, A2013NumberWithoutItsDotStillNamesIts2022Successor) {
  for (const char* written : {"A18.1.3", "A 18.1.3", "a18.1.3"}) {
    auto one = csv(std::string(written) + ",yes,,implemented,,,\n");
    ASSERT_FALSE(one) << written;
    EXPECT_NE(one.error().message.find("(read as A.18.1.3)"), std::string::npos) << one.error().message;
    EXPECT_NE(one.error().message.find("A.5.33"), std::string::npos) << one.error().message;
    EXPECT_EQ(one.error().message.find("A.8.13"), std::string::npos) << one.error().message;
    EXPECT_EQ(one.error().message.find("nearest"), std::string::npos) << one.error().message;
  }
  // A 2022 look-alike written the same way is not taken for a 2013 number.
  auto other = csv("A99.1.1,yes,,implemented,,,\n");
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("2013 number A.99.1.1?"), std::string::npos) << other.error().message;
}

// No format carries a control character or bidi override into a report.
TEST(SoaInput, ControlAndBidiCharactersInACellAreRefusedAtTheirLine) {
  auto bad = csv("A.8.24,yes,,implemented,Leiter \x1b[31mK\xC3\xB6ln,,2025-01-21\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "soa.csv:2: owner");
  EXPECT_NE(bad.error().message.find("U+001B ESCAPE at character 8"), std::string::npos) << bad.error().message;
  auto parsed = parse_soa(R"([{"control": "A.8.24", "applicable": true, "status": "implemented",
                            "owner": "evil\u202Eexe"}])",
                          InputFormat::Json, "soa.json");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().where, "soa.json: [0].owner");
  EXPECT_TRUE(csv("A.8.24,yes,,implemented,Leiter K\xC3\xB6ln,,2025-01-21\n"));
}

TEST(SoaInput, ControlIdsAreCaseInsensitive) {
  auto soa = csv("a.8.24,yes,,implemented,,,\n");
  ASSERT_TRUE(soa) << describe(soa.error());
  EXPECT_EQ(soa->entries[0].item->id, "A.8.24");
}

// A bad row and what is said of it: where, words the message holds, and for
// a second bad row, where that one is and what its message holds.
struct BadRow {
  const char* name;
  const char* rows;
  const char* where;
  std::vector<const char*> says;
  const char* then_where = nullptr;
  const char* then_says = "";
};

class SoaBadRow : public ::testing::TestWithParam<BadRow> {};

TEST_P(SoaBadRow, IsAnErrorAtItsLocation) {
  const BadRow& c = GetParam();
  auto soa = csv(c.rows);
  ASSERT_FALSE(soa);
  EXPECT_EQ(soa.error().where, c.where);
  for (const char* part : c.says) EXPECT_NE(soa.error().message.find(part), std::string::npos) << soa.error().message;
  if (!c.then_where) return;
  ASSERT_EQ(soa.error().more.size(), 1u);
  EXPECT_EQ(soa.error().more[0].where, c.then_where);
  EXPECT_NE(soa.error().more[0].message.find(c.then_says), std::string::npos) << soa.error().more[0].message;
}

INSTANTIATE_TEST_SUITE_P(
    Rows, SoaBadRow,
    ::testing::Values(
        BadRow{
            "UnknownControlTypoSuggestsTheRightOne", "A.8.244,yes,,implemented,,,\n", "soa.csv:2: control", {"A.8.24"}},
        BadRow{"DuplicateControlPointsAtBothLines",
               "A.5.1,yes,,implemented,,,\nA.5.2,yes,,implemented,,,\nA.5.1,yes,,planned,,,\n",
               "soa.csv:4: control",
               {"first at soa.csv:2"}},
        BadRow{"UnknownStatusListsTheValidOnes",
               "A.5.1,yes,,done,,,\n",
               "soa.csv:2: status",
               {"unknown status 'done'", "partially_implemented"}},
        BadRow{"ApplicableLineNeedsAStatus", "A.5.1,yes,,,,,\n", "soa.csv:2: status", {}},
        BadRow{"ApplicableMustBeYesOrNo",
               "A.5.1,maybe,,implemented,,,\nA.5.2,,,implemented,,,\n",
               "soa.csv:2: applicable",
               {"'maybe' is not yes or no"},
               "soa.csv:3: applicable"},
        BadRow{
            "ExcludedControlNeedsAJustification", "A.7.5,no,,,,,\n", "soa.csv:2: justification", {"A.7.5 is excluded"}},
        BadRow{"ClauseCannotBeExcluded",
               "6.1.2,no,we do not do risk assessment,,,,\n",
               "soa.csv:2: applicable",
               {"clause 6.1.2 is mandatory"}},
        BadRow{"UnparseableAndImpossibleDates",
               "A.5.1,yes,,implemented,,,10/01/2025\nA.5.2,yes,,implemented,,,2025-02-29\n",
               "soa.csv:2: last_reviewed",
               {"YYYY-MM-DD"},
               "soa.csv:3: last_reviewed",
               "not a calendar date"},
        BadRow{"HeadingWithValuesIsAnErrorNamingItsItems",
               "9.2,yes,,implemented,,,\n",
               "soa.csv:2: control",
               {"'9.2' is a heading", "9.2.1 or 9.2.2"}},
        BadRow{"MissingControlId", ",yes,,implemented,,,\n", "soa.csv:2: control", {}}),
    [](const ::testing::TestParamInfo<BadRow>& p) { return std::string(p.param.name); });

TEST(SoaInput, AnExtraCsvColumnIsIgnoredWithANoticeThatSuggestsTheNearest) {
  auto soa = parse_soa("control,applicable,justification,status,ower\nA.5.1,yes,,implemented,CISO\n", InputFormat::Csv,
                       "soa.csv");
  ASSERT_TRUE(soa) << describe(soa.error());
  ASSERT_EQ(soa->notices.size(), 1u);
  EXPECT_EQ(soa->notices[0].where, "soa.csv:1");
  EXPECT_EQ(soa->notices[0].message,
            "column 'ower' is not one Vigil reads; its values are ignored (did you mean 'owner'?)");
  EXPECT_EQ(soa->entries[0].owner, "");
}

TEST(SoaInput, HeadersMatchAsSpreadsheetsWriteThem) {
  auto soa = parse_soa(
      "Control,APPLICABLE, Justification ,Status,Owner,Last Reviewed,Comments\n"
      "a.8.24,Yes,,Partially implemented,CISO,2025-01-21,ask Bob\n",
      InputFormat::Csv, "soa.csv");
  ASSERT_TRUE(soa) << describe(soa.error());
  ASSERT_EQ(soa->entries.size(), 1u);
  EXPECT_EQ(soa->entries[0].item->id, "A.8.24");
  EXPECT_EQ(soa->entries[0].status, Implementation::PartiallyImplemented);
  EXPECT_EQ(soa->entries[0].owner, "CISO");
  EXPECT_TRUE(soa->entries[0].last_reviewed);
  ASSERT_EQ(soa->notices.size(), 1u);
  EXPECT_NE(soa->notices[0].message.find("'Comments'"), std::string::npos);
}

TEST(SoaInput, StatusWordsAreNormalised) {
  for (const char* written : {"Partially implemented", "partially-implemented", " PARTIALLY_IMPLEMENTED "}) {
    auto soa = csv(std::string("A.5.1,yes,,") + written + ",,,\n");
    ASSERT_TRUE(soa) << written << ": " << describe(soa.error());
    EXPECT_EQ(soa->entries[0].status, Implementation::PartiallyImplemented) << written;
  }
  auto wrong = csv("A.5.1,yes,,partly,,,\n");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().where, "soa.csv:2: status");
}

TEST(SoaInput, SemicolonAndTabSeparatedFilesAreDetectedAndSaidSo) {
  auto semi = parse_soa("control;applicable;justification;status\nA.5.1;yes;;implemented\nA.5.2;yes;\"a, b\";planned\n",
                        InputFormat::Csv, "soa.csv");
  ASSERT_TRUE(semi) << describe(semi.error());
  EXPECT_EQ(semi->entries.size(), 2u);
  ASSERT_FALSE(semi->notices.empty());
  EXPECT_EQ(semi->notices[0].message, "read as semicolon-separated (detected from the header)");
  auto tab =
      parse_soa("control\tapplicable\tjustification\tstatus\nA.5.1\tyes\t\timplemented\n", InputFormat::Csv, "soa.tsv");
  ASSERT_TRUE(tab) << describe(tab.error());
  EXPECT_EQ(tab->entries.size(), 1u);
  EXPECT_EQ(tab->notices[0].message, "read as tab-separated (detected from the header)");
}

TEST(SoaInput, SemicolonDataReadWithCommasIsExplained) {
  auto soa = parse_soa("control;applicable;justification;status\nA.5.1;yes;;implemented\n", InputFormat::Csv, "soa.csv",
                       CsvOptions{','});
  ASSERT_FALSE(soa);
  EXPECT_EQ(soa.error().where, "soa.csv:1");
  EXPECT_NE(soa.error().message.find("looks semicolon-separated"), std::string::npos) << soa.error().message;
}

TEST(SoaInput, MissingRequiredColumn) {
  auto soa = parse_soa("control,applicable,justification\nA.5.1,yes,\n", InputFormat::Csv, "soa.csv");
  ASSERT_FALSE(soa);
  EXPECT_EQ(soa.error().where, "soa.csv:1");
  EXPECT_EQ(soa.error().message, "missing required column 'status'");
  EXPECT_TRUE(soa.error().more.empty());  // no "status required" on every line as well
}

TEST(SoaInput, OptionalColumnsMayBeLeftOut) {
  auto soa =
      parse_soa("control,applicable,justification,status\nA.5.1,yes,,implemented\n", InputFormat::Csv, "soa.csv");
  ASSERT_TRUE(soa) << describe(soa.error());
  EXPECT_FALSE(soa->entries[0].last_reviewed);
}

TEST(SoaInput, EveryErrorOfTheFileIsReportedTogether) {
  auto soa = parse_soa(
      "control,applicable,justification,status,colour,last_reviewed\n"
      "A.9.2.1,yes,,implemented,,\n"  // 2013 id
      "A.5.1,yes,,implemented,,\n"
      "A.5.1,yes,,implemented,,\n"            // duplicate
      "A.5.2,yes,,finished,,\n"               // unknown status
      "A.7.5,no,,,,\n"                        // no justification
      "A.5.3,yes,,implemented,,2025-13-01\n"  // bad date
      "5.1,no,not us,,,\n",                   // clause excluded
      InputFormat::Csv, "soa.csv");
  ASSERT_FALSE(soa);
  auto errors = all(soa.error());
  std::vector<std::string> where;
  for (const Error& e : errors) where.push_back(e.where);
  EXPECT_EQ(where,
            (std::vector<std::string>{"soa.csv:2: control", "soa.csv:4: control", "soa.csv:5: status",
                                      "soa.csv:6: justification", "soa.csv:7: last_reviewed", "soa.csv:8: applicable",
                                      "soa.csv:1"}));  // the ignored 'colour' column, last
}

TEST(SoaInput, HeadingWithBlankColumnsIsASectionTitleAndSkipped) {
  auto soa = csv("A.5,,,,,,\nA.5.1,yes,,implemented,,,\n6.1,,,,,,\n6.1.1,yes,,implemented,,,\n");
  ASSERT_TRUE(soa) << describe(soa.error());
  EXPECT_EQ(soa->entries.size(), 2u);
}

TEST(SoaInput, ReadsJsonRows) {
  auto soa = parse_soa(R"([
    {"control": "A.5.1", "applicable": true, "status": "implemented", "evidence": ["Policy v3", "Minutes"],
     "last_reviewed": "2025-01-10", "owner": "CISO", "justification": null},
    {"control": "A.7.5", "applicable": "no", "justification": "No premises"}
  ])",
                       InputFormat::Json, "soa.json");
  ASSERT_TRUE(soa) << describe(soa.error());
  ASSERT_EQ(soa->entries.size(), 2u);
  EXPECT_EQ(soa->entries[0].evidence.size(), 2u);
  EXPECT_FALSE(soa->entries[1].applicable);
  EXPECT_EQ(soa->entries[1].where, "soa.json: [1]");
}

TEST(SoaInput, JsonErrorsNameTheIndexAndField) {
  auto soa = parse_soa(R"([{"control": "A.5.1", "applicable": "yes", "status": "done", "colour": "red"},
                           {"control": "A.5.2", "applicable": 1, "status": "implemented"}])",
                       InputFormat::Json, "soa.json");
  ASSERT_FALSE(soa);
  auto errors = all(soa.error());
  ASSERT_EQ(errors.size(), 3u) << describe(soa.error());
  EXPECT_EQ(errors[0].where, "soa.json: [0].colour");
  EXPECT_EQ(errors[1].where, "soa.json: [0].status");
  EXPECT_EQ(errors[2].where, "soa.json: [1].applicable");
  EXPECT_EQ(errors[2].message, "'1' is not yes or no");
}

TEST(SoaInput, JsonMustBeAList) {
  auto soa = parse_soa(R"({"control": "A.5.1"})", InputFormat::Json, "soa.json");
  ASSERT_FALSE(soa);
  EXPECT_EQ(soa.error().where, "soa.json");
  auto broken = parse_soa("[{\"control\": }]", InputFormat::Json, "soa.json");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().where, "soa.json:1");
}

TEST(SoaInput, ReadsYamlRowsWithLineNumbers) {
  auto soa = parse_soa(R"(- control: A.5.1
  applicable: yes
  status: implemented
  evidence: [Policy v3, Minutes]
  last_reviewed: 2025-01-10
- control: A.5.2
  applicable: yes
  status: done
)",
                       InputFormat::Yaml, "soa.yaml");
  ASSERT_FALSE(soa);
  EXPECT_EQ(soa.error().where, "soa.yaml:8: status");
  auto good = parse_soa("- control: A.5.1\n  applicable: yes\n  status: implemented\n  evidence:\n    - Policy v3\n",
                        InputFormat::Yaml, "soa.yaml");
  ASSERT_TRUE(good) << describe(good.error());
  EXPECT_EQ(good->entries[0].evidence, (std::vector<std::string>{"Policy v3"}));
  EXPECT_EQ(good->entries[0].where, "soa.yaml:1");
}

// A YAML key given twice is an error, as it is in JSON: never "last one wins".
TEST(SoaInput, AYamlKeyGivenTwiceIsAnErrorAtItsLine) {
  auto soa = parse_soa("- control: A.5.1\n  applicable: yes\n  status: implemented\n  status: not_implemented\n",
                       InputFormat::Yaml, "soa.yaml");
  ASSERT_FALSE(soa);
  EXPECT_EQ(soa.error().where, "soa.yaml:4: status");
  EXPECT_NE(soa.error().message.find("appears twice in one row (first at line 3)"), std::string::npos)
      << soa.error().message;
}

TEST(SoaInput, BrokenYamlNamesTheLine) {
  auto soa = parse_soa("- control: A.5.1\n  applicable: [yes\n", InputFormat::Yaml, "soa.yaml");
  ASSERT_FALSE(soa);
  EXPECT_EQ(soa.error().where.rfind("soa.yaml:", 0), 0u);
  EXPECT_NE(soa.error().message.find("invalid YAML"), std::string::npos);
}

TEST(SoaInput, FormatFollowsTheExtension) {
  EXPECT_EQ(input_format_for("x/soa.JSON"), InputFormat::Json);
  EXPECT_EQ(input_format_for("soa.yml"), InputFormat::Yaml);
  EXPECT_EQ(input_format_for("soa.yaml"), InputFormat::Yaml);
  EXPECT_EQ(input_format_for("soa.csv"), InputFormat::Csv);
  EXPECT_EQ(input_format_for("-"), InputFormat::Csv);
}

}  // namespace
}  // namespace vigil::assess
