// Recording a gap assessment: what POST .../gap-assessments and `vigil gap
// --record` do, written once. The report is assess::assess over the SoA and
// the documents register (given, or the one the organisation keeps), with the
// entity's classification and the organisation's ended live exercises as
// `vigil gap --exercises` takes results; what is stored is the report (JSON
// and HTML), its scores and the inputs as JSON rows, so that a stored
// assessment reads back as any other (`vigil export oscal ... --assessment N`).
// Storing it writes it to the organisation's record trail.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "assess/document_register.h"
#include "assess/gap_report.h"
#include "assess/soa.h"
#include "assess/tabular_input.h"
#include "core/error.h"
#include "core/time.h"
#include "scope/scope.h"
#include "store/compliance_store.h"
#include "store/exercise_store.h"
#include "store/incident_store.h"

namespace vigil::application {

// What is stored of one assessment: its scores, the inputs as JSON text and
// the report rendered as JSON and HTML.
store::NewGapAssessment gap_record(const assess::GapReport& report, Instant now, std::string by, std::string soa,
                                   std::string documents, std::optional<std::string> entity);

// The rows of a table read against `columns` as the JSON rows the API takes
// (empty cells left out), so that a file's input is stored as any other.
nlohmann::json table_rows(const assess::InputTable& table, std::span<const assess::Column> columns);

// The stored register as the assessment reads it, and as the JSON rows of the
// documents input (so the stored inputs say exactly what was assessed).
std::pair<assess::DocumentRegister, nlohmann::json> register_from(const std::vector<store::DocumentRecord>& rows);

struct GapRecording {
  assess::Soa soa;
  nlohmann::json soa_rows;  // the SoA as JSON rows (what is stored)
  std::string soa_source;   // the report's "soa_source"
  // The documents register and its JSON rows; none: the organisation's stored register.
  std::optional<std::pair<assess::DocumentRegister, nlohmann::json>> documents;
  std::optional<nlohmann::json> entity_input;  // the scoping input, stored as given
  std::optional<scope::ScopeResult> entity;    // its classification
  Date as_of;
  std::string by;  // who records it (the trail's actor)
};

struct RecordedGap {
  store::GapAssessmentSummary summary;  // id, date, scores
  store::NewGapAssessment record;       // what was stored (the report as JSON in `result`)
  assess::GapReport report;             // the report stored, for other renderings
};

// Assesses and stores. `exercises` may be null (no exercise store): the report
// then has no exercise results, as when none has ended.
Result<RecordedGap> record_gap_assessment(store::ComplianceStore& compliance, store::ExerciseStore* exercises,
                                          store::IncidentStore& incidents, std::string_view org, GapRecording recording,
                                          Instant now);

// 806 tenths -> 80.6, as the gap report's JSON prints scores.
nlohmann::json score_json(int tenths);

// {"id", "as_of", "created_at", "created_by", "score": {"overall", "risk_management", "reporting"}}.
nlohmann::json to_json(const store::GapAssessmentSummary& summary);

// The answer of POST .../gap-assessments: the summary with "report", the report's JSON.
nlohmann::json to_json(const RecordedGap& recorded);

}  // namespace vigil::application
