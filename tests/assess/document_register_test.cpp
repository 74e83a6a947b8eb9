// Reading the documents register and its bad inputs.
#include <gtest/gtest.h>

#include "assess/document_register.h"
#include "assess/soa.h"
#include "test_result.h"

namespace vigil::assess {
namespace {

Result<DocumentRegister> csv(const std::string& text) {
  return parse_document_register(text, InputFormat::Csv, "documents.csv");
}

TEST(DocumentRegister, ReadsRows) {
  auto reg =
      test::expect_ok(csv("document,status,approved_by,approved_on,next_review\n"
                          "Incident reporting procedure,approved,CEO,2025-02-01,2026-02-01\n"
                          "Crisis management plan,draft,,,\n"
                          "Our own playbook,missing,,,\n"));
  ASSERT_EQ(reg.documents.size(), 3u);
  EXPECT_EQ(reg.status_of("incident reporting procedure"), DocumentStatus::Approved);
  EXPECT_EQ(reg.status_of("Crisis management plan"), DocumentStatus::Draft);
  EXPECT_EQ(reg.status_of("Not there"), DocumentStatus::Missing);
  EXPECT_EQ(reg.documents[0].approved_by, "CEO");
  EXPECT_EQ(format_date(*reg.documents[0].next_review), "2026-02-01");
}

// A document name is one line, as a title: a newline or tab in it (possible
// in a quoted CSV cell or a JSON string) is refused at its row, in every
// format; names in an SoA's evidence column and its owner likewise.
TEST(DocumentRegister, ADocumentNameIsOneLine) {
  auto csv =
      parse_document_register("document,status\n\"Backup\npolicy\",approved\n", InputFormat::Csv, "documents.csv");
  ASSERT_FALSE(csv);
  EXPECT_EQ(csv.error().where, "documents.csv:2: document");
  EXPECT_NE(csv.error().message.find("U+000A"), std::string::npos) << csv.error().message;
  auto json = parse_document_register(R"([{"document": "Backup\tpolicy", "status": "approved"},
                                          {"document": "Crisis plan", "status": "draft", "maps_to": "x\ny"}])",
                                      InputFormat::Json, "documents.json");
  ASSERT_FALSE(json);
  EXPECT_EQ(json.error().where, "documents.json: [0].document");
  EXPECT_NE(json.error().message.find("U+0009"), std::string::npos) << json.error().message;
  // The second row's maps_to is refused for its line break (and, then, as no suggested document).
  ASSERT_FALSE(json.error().more.empty());
  EXPECT_EQ(json.error().more[0].where, "documents.json: [1].maps_to");
  EXPECT_NE(json.error().more[0].message.find("U+000A"), std::string::npos) << json.error().more[0].message;
  auto soa = parse_soa(
      "control,applicable,justification,status,owner,evidence,last_reviewed\n"
      "A.8.24,yes,\"two\nlines\",implemented,,\"Crypto\npolicy\",\n",
      InputFormat::Csv, "soa.csv");
  ASSERT_FALSE(soa);
  // The justification may span lines; the evidence names may not.
  EXPECT_TRUE(soa.error().where.ends_with(": evidence")) << soa.error().where;
  EXPECT_TRUE(soa.error().more.empty()) << describe(soa.error());
}

// An entity may keep its own names: maps_to says which suggested document a
// row stands for, and requirements then read that row.
TEST(DocumentRegister, MapsToLetsAnEntityKeepItsOwnNames) {
  auto reg =
      test::expect_ok(csv("document,status,maps_to\n"
                          "Risikobehandlungsplan,approved,risk treatment plan\n"
                          "Crisis management plan,draft,Crisis management plan\n"
                          "Our own playbook,draft,\n"));
  std::vector<std::string> maps_to;
  for (const RegisteredDocument& d : reg.documents) maps_to.push_back(d.maps_to);
  // The catalog's spelling; the second row has its own name already, the third no counterpart.
  EXPECT_EQ(maps_to, (std::vector<std::string>{"Risk treatment plan", "", ""}));
  EXPECT_EQ(reg.status_of("Risk treatment plan"), DocumentStatus::Approved);
  EXPECT_EQ(DocumentIndex(reg).status_of("risk treatment plan"), DocumentStatus::Approved);
  EXPECT_EQ(reg.status_of("Risikobehandlungsplan"), DocumentStatus::Missing);  // not a name requirements use
  EXPECT_TRUE(find_suggested_document("RISK TREATMENT PLAN "));
  EXPECT_FALSE(find_suggested_document("Our own playbook"));
}

TEST(DocumentRegister, MapsToMustNameASuggestedDocumentOnce) {
  auto reg =
      csv("document,status,maps_to\n"
          "Risikobehandlungsplan,approved,Risk treatment plam\n"
          "Risk treatment plan,draft,\n"
          "Behandlungsplan,approved,Risk treatment plan\n");
  ASSERT_FALSE(reg);
  EXPECT_EQ(reg.error().where, "documents.csv:2: maps_to");
  EXPECT_NE(reg.error().message.find("did you mean Risk treatment plan"), std::string::npos) << reg.error().message;
  ASSERT_EQ(reg.error().more.size(), 1u);
  EXPECT_EQ(reg.error().more[0].where, "documents.csv:4: maps_to");
  EXPECT_NE(reg.error().more[0].message.find("already in the register (at documents.csv:3)"), std::string::npos)
      << reg.error().more[0].message;
}

TEST(DocumentRegister, EveryBadRowIsReportedWithItsLocation) {
  auto reg =
      csv("document,status,approved_on,reviewer\n"
          "Backup policy,approved,2025-02-30,\n"
          "Backup policy,draft,,\n"
          "Encryption policy,signed,,\n"
          ",draft,,\n"
          "Access control policy,,,\n");
  ASSERT_FALSE(reg);
  std::vector<std::string> where{reg.error().where};
  for (const Error& e : reg.error().more) where.push_back(e.where);
  // The ignored column comes last: with errors, it may be why.
  EXPECT_EQ(where, (std::vector<std::string>{"documents.csv:2: approved_on", "documents.csv:3: document",
                                             "documents.csv:4: status", "documents.csv:5: document",
                                             "documents.csv:6: status", "documents.csv:1"}));
  EXPECT_NE(reg.error().more[4].message.find("column 'reviewer' is not one Vigil reads"), std::string::npos);
  EXPECT_NE(reg.error().more[0].message.find("listed twice"), std::string::npos);
  EXPECT_NE(reg.error().more[1].message.find("unknown status 'signed'"), std::string::npos);
}

TEST(DocumentRegister, AnExtraColumnIsIgnoredAndSaidSo) {
  auto reg = test::expect_ok(csv("Document,Status,Reviewer\nBackup policy,Approved,Kim\n"));
  ASSERT_EQ(reg.documents.size(), 1u);
  EXPECT_EQ(reg.documents[0].status, DocumentStatus::Approved);
  ASSERT_EQ(reg.notices.size(), 1u);
  EXPECT_EQ(reg.notices[0].where, "documents.csv:1");
  EXPECT_NE(reg.notices[0].message.find("column 'Reviewer' is not one Vigil reads"), std::string::npos);
}

TEST(DocumentRegister, MissingRequiredColumn) {
  auto reg = csv("document\nBackup policy\n");
  ASSERT_FALSE(reg);
  EXPECT_EQ(reg.error().message, "missing required column 'status'");
}

TEST(DocumentRegister, ReadsYaml) {
  auto reg = test::expect_ok(
      parse_document_register("- document: Backup policy\n  status: approved\n  approved_on: 2025-01-02\n",
                              InputFormat::Yaml, "documents.yaml"));
  EXPECT_EQ(reg.status_of("Backup policy"), DocumentStatus::Approved);
}

}  // namespace
}  // namespace vigil::assess
