// The gap report's renderings: text (for a terminal, optionally coloured),
// JSON (the documented machine form), CSV (one row per requirement), Markdown,
// and HTML (one self-contained file with inline CSS and SVG charts that prints
// cleanly to PDF). Pure functions of the report, shared by the CLI and the
// HTTP server so the two cannot disagree.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "assess/gap_report.h"

namespace vigil::assess {

// The documented JSON shape:
// {"as_of", "score": {"overall", "risk_management", "reporting"},
//  "groups": [{"name", "total", "met", "partial", "gap", "score"}],
//  "requirements": [{"id", "article", "title", "group", "status", "basis",
//     "controls": [{"id", "title", "applicable", "status", "in_soa", "owner", "last_reviewed"}],
//     "findings": [{"code", "control", "detail"}], "documents": [{"document", "status"}]}],
//  "roadmap": [{"step", "id", "title", "status", "achieved_by_iso27001",
//     "evidence": [{"item", "kind", "state"}]}],
//  "actions": [{"rank", "kind", "target", "title", "requirement_status",
//     "requirements", "articles", "owner", "detail"}],
//  "soa": {...counts, "annex_a_missing"}, "inputs": {"soa", "documents"},
//  "entity": <vigil scope's JSON> (only with --entity)}
// Scores are numbers with one decimal (83.9).
// Keys keep the order above (ordered_json), so the output reads top-down.
nlohmann::ordered_json to_json(const GapReport& report);
std::string render_json(const GapReport& report);  // pretty-printed, ends with a newline

std::string render_csv(const GapReport& report);
std::string render_markdown(const GapReport& report);
std::string render_html(const GapReport& report);

// Colours a piece of text with an ANSI SGR code ("31" red, "32" green, "33"
// yellow, "1" bold); the CLI passes one that colours only on a terminal.
using Paint = std::string (*)(std::string_view text, std::string_view ansi_code);
std::string render_text(const GapReport& report, Paint paint = nullptr);

}  // namespace vigil::assess
