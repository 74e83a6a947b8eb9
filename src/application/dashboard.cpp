#include "application/dashboard.h"

#include <algorithm>
#include <optional>

#include "application/gap_recording.h"
#include "application/live_exercise.h"
#include "assess/exercise_results.h"
#include "incident/performance.h"
#include "incident/record_json.h"
#include "tzdata/zones.h"

namespace vigil::application {

namespace {

using nlohmann::json;

constexpr std::int64_t kScoreTrendLength = 12;
// The listing rows carry the awareness: only the last 20 records are loaded,
// so a thousand open incidents do not make the dashboard replay a thousand logs.
constexpr std::size_t kLatencyTrendPoints = 20;

json seconds_or_null(const std::optional<std::chrono::seconds>& s) { return s ? json(s->count()) : json(nullptr); }

}  // namespace

IncidentCounts count_incidents(const std::vector<incident::Summary>& rows, Instant now) {
  IncidentCounts c;
  for (const auto& row : rows) {
    if (row.status == "open") ++c.open;
    if (row.active) ++c.active;
    if (row.next_due && *row.next_due < now) ++c.overdue;
    if (row.active && (row.significance == incident::Conclusion::Undetermined ||
                       row.significance == incident::Conclusion::NotAssessed)) {
      ++c.undetermined;
    }
  }
  return c;
}

json compliance_summary(store::ComplianceStore* compliance, std::string_view org) {
  if (!compliance) return nullptr;
  auto history = compliance->assessments(org, kScoreTrendLength);
  auto counts = compliance->counts(org);
  if (!history || !counts) return nullptr;
  json trend = json::array();
  for (auto it = history->rbegin(); it != history->rend(); ++it) {  // oldest first, for drawing
    trend.push_back({{"id", it->id}, {"as_of", format_date(it->as_of)}, {"overall", score_json(it->scores.overall)}});
  }
  return {{"latest_gap_assessment", history->empty() ? json(nullptr) : to_json(history->front())},
          {"score_trend", trend},
          {"gap_assessments", counts->assessments},
          {"documents",
           {{"missing", counts->documents_missing},
            {"draft", counts->documents_draft},
            {"approved", counts->documents_approved}}},
          {"approvals", counts->approvals}};
}

// Per exercised requirement the latest ended exercise (date, rating, reports
// on time) and whether testing is overdue (none in 12 months, as of today);
// the live exercises under way (as GET .../exercises lists them); and the
// trend of real incidents' latencies from awareness to each Art. 23(4) report
// (`vigil incident performance`), oldest awareness first, the last 20.
Result<json> exercise_summary(store::ExerciseStore* exercises, store::IncidentStore& incidents, std::string_view org,
                              Instant now) {
  json out = json::object();
  if (!exercises) return json(nullptr);
  auto results = TRY(ended_exercise_results(*exercises, incidents, org, now));
  json requirements = json::array();
  for (const auto& st : assess::exercise_status(results, utc_date(now))) {
    json latest = nullptr;
    if (st.latest) {
      const auto& r = results[*st.latest];
      latest = {{"source", r.source},
                {"scenario", r.scenario},
                {"title", r.title},
                {"ended", format_date(r.ended)},
                {"rating", st.rating ? json(std::string(1, *st.rating)) : json(nullptr)},
                {"reports", {{"total", r.reports_total}, {"on_time", r.reports_on_time}, {"late", r.reports_late}}}};
    }
    json not_counted = json::array();
    for (std::size_t i : st.not_counted) {
      const auto& r = results[i];
      not_counted.push_back({{"source", r.source},
                             {"scenario", r.scenario},
                             {"ended", format_date(r.ended)},
                             {"reason", assess::not_counted_reason(r)}});
    }
    requirements.push_back({{"requirement", st.requirement},
                            {"latest", latest},
                            {"not_counted", std::move(not_counted)},
                            {"testing_due", st.testing_due ? json(format_date(*st.testing_due)) : json(nullptr)},
                            {"testing_overdue", st.testing_overdue}});
  }
  std::int64_t under_way = 0;
  json live = json::array();
  for (const auto& x : TRY(exercises->list(org))) {
    if (x.clock.state == "ended") continue;
    ++under_way;
    live.push_back(list_item_json(x, now));
  }
  store::ListOptions all;
  all.include_inactive = true;
  auto rows = TRY(incidents.list_incidents(org, all));  // real incidents only
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.awareness < b.awareness; });
  json trend = json::array();
  for (std::size_t i = rows.size() > kLatencyTrendPoints ? rows.size() - kLatencyTrendPoints : 0; i < rows.size();
       ++i) {
    auto record = incidents.load_incident(org, rows[i].id);
    if (!record) continue;
    auto p = incident::incident_performance(*record, tzdata::zones());
    if (!p || !p->awareness) continue;
    trend.push_back({{"incident", rows[i].id},
                     {"awareness", format_utc(*p->awareness)},
                     {"awareness_to_early_warning_s", seconds_or_null(p->awareness_to_early_warning)},
                     {"awareness_to_notification_s", seconds_or_null(p->awareness_to_notification)},
                     {"awareness_to_final_report_s", seconds_or_null(p->awareness_to_final_report)}});
  }
  out["requirements"] = requirements;
  out["ended"] = results.size();
  out["under_way"] = under_way;
  out["live"] = live;
  out["performance_trend"] = trend;
  return out;
}

Result<json> dashboard(const DashboardStores& stores, std::string_view org, Instant now) {
  auto rows = TRY(stores.incidents.list_incidents(org, store::ListOptions{}));
  const IncidentCounts counts = count_incidents(rows, now);
  json incidents = json::array();
  for (const auto& row : rows) {
    json item = incident::to_json(row);
    item["overdue"] = row.next_due && *row.next_due < now;
    incidents.push_back(std::move(item));
  }
  json body = {
      {"org", org},
      {"as_of", format_utc(now)},
      {"open_incidents", counts.open},
      {"active_incidents", counts.active},
      {"overdue_reports", counts.overdue},
      {"significance_undetermined", counts.undetermined},
      {"next_due", rows.empty() || !rows.front().next_due ? json(nullptr) : json(format_utc(*rows.front().next_due))},
      {"incidents", incidents},
      // Gap score and its trend, the documents register and Art. 20(1) approvals.
      {"compliance", compliance_summary(stores.compliance, org)}};
  body["exercises"] = TRY(exercise_summary(stores.exercises, stores.incidents, org, now));
  return body;
}

}  // namespace vigil::application
