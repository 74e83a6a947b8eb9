// Properties of the renderings that a golden file would not make obvious.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assess/assess.h"
#include "assess/report.h"
#include "soa_builder.h"

namespace vigil::assess {
namespace {

using namespace testing;

GapReport sample() {
  Soa soa = full_soa(day(2024, 1, 1));
  set(soa, "A.8.24", Implementation::Planned);
  exclude(soa, "A.8.20", "<script>alert('x')</script> & more");
  GapReport r = assess(soa, {}, day(2025, 6, 30));
  r.soa_source = "soa.csv";
  return r;
}

TEST(Report, JsonHasTheDocumentedShape) {
  auto j = nlohmann::json::parse(render_json(sample()));
  EXPECT_EQ(j["as_of"], "2025-06-30");
  for (auto key : {"overall", "risk_management", "reporting"}) EXPECT_TRUE(j["score"][key].is_number()) << key;
  EXPECT_EQ(j["groups"].size(), 2u);
  EXPECT_EQ(j["requirements"].size(), 31u);
  const auto& req = j["requirements"][0];
  for (auto key : {"id", "article", "status", "controls", "findings", "documents"})
    EXPECT_TRUE(req.contains(key)) << key;
  for (auto key : {"id", "applicable", "status"}) EXPECT_TRUE(req["controls"][0].contains(key)) << key;
  EXPECT_EQ(j["roadmap"].size(), 15u);
  EXPECT_TRUE(j["actions"].is_array());
  // Keys in the documented order.
  auto ordered = nlohmann::ordered_json::parse(render_json(sample()));
  std::vector<std::string> keys;
  for (auto it = ordered.begin(); it != ordered.end() && keys.size() < 6; ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"as_of", "score", "groups", "requirements", "roadmap", "actions"}));
}

// A register row named neither as a suggested document nor mapped to one
// is a finding in every rendering, never dropped in silence.
TEST(Report, ARegisterRowNoRequirementReadsIsAFinding) {
  DocumentRegister documents;
  documents.documents.push_back({"Informationssicherheitsleitlinie", DocumentStatus::Approved, "CEO", std::nullopt,
                                 std::nullopt, "documents.csv:2"});
  documents.documents.push_back({"Risikobehandlungsplan", DocumentStatus::Approved, "CEO", std::nullopt, std::nullopt,
                                 "documents.csv:3", "Risk treatment plan"});
  GapReport r = assess(full_soa(day(2024, 1, 1)), documents, day(2025, 6, 30));
  ASSERT_EQ(r.unmatched_documents.size(), 1u);
  EXPECT_EQ(r.unmatched_documents[0].name, "Informationssicherheitsleitlinie");
  auto j = nlohmann::json::parse(render_json(r));
  ASSERT_EQ(j["unmatched_documents"].size(), 1u);
  EXPECT_EQ(j["unmatched_documents"][0]["where"], "documents.csv:2");
  const std::string finding = "is not a suggested document, so no requirement counts it; map it to one with maps_to";
  EXPECT_NE(j["unmatched_documents"][0]["detail"].get<std::string>().find(finding), std::string::npos);
  EXPECT_NE(render_text(r).find("unmatched_document [register]"), std::string::npos);
  EXPECT_NE(render_text(r).find("is not a suggested document"), std::string::npos);
  EXPECT_NE(render_markdown(r).find(finding), std::string::npos);
  EXPECT_NE(render_html(r).find(finding), std::string::npos);
  // The mapped row counts for the suggested document it stands for.
  bool seen = false;
  for (const RequirementResult& q : r.requirements) {
    for (const DocumentResult& d : q.documents) {
      if (d.name == "Risk treatment plan") {
        EXPECT_EQ(d.status, DocumentStatus::Approved);
        seen = true;
      }
    }
  }
  EXPECT_TRUE(seen);
}

TEST(Report, JsonScoreIsTheExactTenth) {
  GapReport r = sample();
  auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j["score"]["overall"].dump(), format_tenths(r.overall.score_tenths()));
}

TEST(Report, HtmlIsSelfContainedAndEscaped) {
  std::string html = render_html(sample());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (auto forbidden : {"<script", "<link", "src=", "@import", "url(", "https://"}) {
    EXPECT_EQ(html.find(forbidden), std::string::npos) << forbidden;
  }
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("Status by Art. 21(2) point"), std::string::npos);
  EXPECT_NE(html.find("Readiness score by group"), std::string::npos);
  EXPECT_NE(html.find("Roadmap progress"), std::string::npos);
  // Three inline charts.
  std::size_t svgs = 0;
  for (std::size_t p = 0; (p = html.find("<svg", p)) != std::string::npos; ++p) ++svgs;
  EXPECT_EQ(svgs, 3u);
}

TEST(Report, CsvHasOneRowPerRequirement) {
  std::string csv = render_csv(sample());
  std::size_t lines = 0;
  bool quoted = false;
  for (char c : csv) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) ++lines;
  }
  EXPECT_EQ(lines, 32u);
}

TEST(Report, TextIsPlainWithoutPaintAndColouredWithIt) {
  GapReport r = sample();
  std::string plain = render_text(r);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  EXPECT_NE(plain.find("READINESS"), std::string::npos);
  auto ansi = [](std::string_view text, std::string_view code) {
    return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
  };
  EXPECT_NE(render_text(r, ansi).find("\x1b[31m"), std::string::npos);
}

}  // namespace
}  // namespace vigil::assess
