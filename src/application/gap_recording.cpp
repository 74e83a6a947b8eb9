#include "application/gap_recording.h"

#include "application/live_exercise.h"
#include "assess/assess.h"
#include "assess/report.h"
#include "catalog/catalog.h"

namespace vigil::application {

using nlohmann::json;

store::NewGapAssessment gap_record(const assess::GapReport& report, Instant now, std::string by, std::string soa,
                                   std::string documents, std::optional<std::string> entity) {
  store::NewGapAssessment record;
  record.as_of = report.as_of;
  record.created_at = now;
  record.created_by = std::move(by);
  record.scores.overall = report.overall.score_tenths();
  for (const auto& g : report.groups) {
    int& into = g.group == catalog::Group::RiskManagement ? record.scores.risk_management : record.scores.reporting;
    into = g.tally.score_tenths();
  }
  record.soa = std::move(soa);
  record.documents = std::move(documents);
  record.entity = std::move(entity);
  record.result = assess::render_json(report);
  record.report_html = assess::render_html(report);
  return record;
}

json table_rows(const assess::InputTable& table, std::span<const assess::Column> columns) {
  json rows = json::array();
  for (const auto& row : table.rows) {
    json out = json::object();
    for (std::size_t i = 0; i < columns.size() && i < row.values.size(); ++i) {
      if (!row.values[i].empty()) out[std::string(columns[i].name)] = row.values[i];
    }
    rows.push_back(std::move(out));
  }
  return rows;
}

std::pair<assess::DocumentRegister, json> register_from(const std::vector<store::DocumentRecord>& rows) {
  assess::DocumentRegister out;
  json input = json::array();
  for (const auto& d : rows) {
    out.documents.push_back(
        {d.name, d.status, d.approved_by, d.approved_on, d.next_review, "register: " + d.name, d.maps_to});
    json row = {{"document", d.name}, {"status", assess::to_string(d.status)}};
    if (!d.maps_to.empty()) row["maps_to"] = d.maps_to;
    if (!d.approved_by.empty()) row["approved_by"] = d.approved_by;
    if (d.approved_on) row["approved_on"] = format_date(*d.approved_on);
    if (d.next_review) row["next_review"] = format_date(*d.next_review);
    input.push_back(std::move(row));
  }
  return {std::move(out), std::move(input)};
}

Result<RecordedGap> record_gap_assessment(store::ComplianceStore& compliance, store::ExerciseStore* exercises,
                                          store::IncidentStore& incidents, std::string_view org, GapRecording recording,
                                          Instant now) {
  const bool stored_register = !recording.documents;
  if (stored_register) recording.documents = register_from(TRY(compliance.documents(org)));
  const auto& [documents, documents_rows] = *recording.documents;
  assess::GapReport report = assess::assess(recording.soa, documents, recording.as_of);
  report.soa_source = recording.soa_source;
  report.documents_source = stored_register ? "documents register (stored)" : "documents (request body)";
  report.entity = std::move(recording.entity);
  // As `vigil gap`: an entity IR 2024/2690 covers gets the Annex section.
  if (report.entity && report.entity->implementing_regulation_2024_2690) {
    assess::add_ir_2024_2690(report, recording.soa);
  }
  // Documented versus performed: the organisation's ended live exercises, as
  // `vigil gap --exercises` takes results (none ended: the report is unchanged).
  if (exercises) {
    auto results = TRY(ended_exercise_results(*exercises, incidents, org, now));
    if (!results.empty()) assess::add_exercise_results(report, results);
  }
  RecordedGap out;
  out.record = gap_record(report, now, std::move(recording.by), recording.soa_rows.dump(), documents_rows.dump(),
                          recording.entity_input ? std::optional(recording.entity_input->dump()) : std::nullopt);
  out.summary = TRY(compliance.add_assessment(org, out.record));
  out.report = std::move(report);
  return out;
}

json score_json(int tenths) { return static_cast<double>(tenths) / 10.0; }

json to_json(const store::GapAssessmentSummary& s) {
  return {{"id", s.id},
          {"as_of", format_date(s.as_of)},
          {"created_at", format_utc(s.created_at)},
          {"created_by", s.created_by},
          {"score",
           {{"overall", score_json(s.scores.overall)},
            {"risk_management", score_json(s.scores.risk_management)},
            {"reporting", score_json(s.scores.reporting)}}}};
}

json to_json(const RecordedGap& recorded) {
  json out = to_json(recorded.summary);
  out["report"] = json::parse(recorded.record.result);
  return out;
}

}  // namespace vigil::application
