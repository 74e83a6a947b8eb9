// What an organisation's home page and the operator's /metrics need at a
// glance: open incidents with their next Art. 23(4) deadline and how many are
// overdue, and (compliance_routes.h) the latest gap score with its trend and
// the documents and approvals counts. Both read the listing rows the store
// keeps beside the event log (one indexed query), never the logs themselves,
// so they stay cheap.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "application/live_exercise.h"
#include "assess/exercise_results.h"
#include "incident/performance.h"
#include "incident/record_json.h"
#include "server/app.h"
#include "server/compliance_routes.h"
#include "tzdata/zones.h"

namespace vigil::server {

namespace {

using nlohmann::json;

struct Counts {
  std::int64_t open = 0;          // status "open"
  std::int64_t active = 0;        // open, or a report still pending
  std::int64_t overdue = 0;       // next report past its due time (whatever its footing)
  std::int64_t undetermined = 0;  // active, significance not established: reports due if significant
};

Counts count(const std::vector<incident::Summary>& rows, Instant now) {
  Counts c;
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

json optional_seconds(const std::optional<std::chrono::seconds>& s) { return s ? json(s->count()) : json(nullptr); }

// Documented versus performed at a glance (docs/EXERCISES.md): per exercised
// requirement the latest ended exercise (date, rating, reports on time) and
// whether testing is overdue (none in 12 months, as of today); the live
// exercises under way (as GET .../exercises lists them); and the trend of real incidents' latencies from
// awareness to each Art. 23(4) report (`vigil incident performance`), oldest
// awareness first, the last 20.
Result<json> exercise_summary(Context& c, std::string_view org) {
  json out = json::object();
  if (!c.services.exercises) return json(nullptr);
  auto results = TRY(application::ended_exercise_results(*c.services.exercises, *c.services.incidents, org, c.now));
  json requirements = json::array();
  for (const auto& st : assess::exercise_status(results, utc_date(c.now))) {
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
  for (const auto& x : TRY(c.services.exercises->list(org))) {
    if (x.clock.state == "ended") continue;
    ++under_way;
    live.push_back(application::list_item_json(x, c.now));
  }
  store::ListOptions all;
  all.include_inactive = true;
  auto rows = TRY(c.services.incidents->list_incidents(org, all));  // real incidents only
  // The listing rows carry the awareness: only the last 20 records are loaded,
  // so a thousand open incidents do not make the dashboard replay a thousand logs.
  constexpr std::size_t kTrendPoints = 20;
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.awareness < b.awareness; });
  json trend = json::array();
  for (std::size_t i = rows.size() > kTrendPoints ? rows.size() - kTrendPoints : 0; i < rows.size(); ++i) {
    auto record = c.services.incidents->load_incident(org, rows[i].id);
    if (!record) continue;
    auto p = incident::incident_performance(*record, tzdata::zones());
    if (!p || !p->awareness) continue;
    trend.push_back({{"incident", rows[i].id},
                     {"awareness", format_utc(*p->awareness)},
                     {"awareness_to_early_warning_s", optional_seconds(p->awareness_to_early_warning)},
                     {"awareness_to_notification_s", optional_seconds(p->awareness_to_notification)},
                     {"awareness_to_final_report_s", optional_seconds(p->awareness_to_final_report)}});
  }
  out["requirements"] = requirements;
  out["ended"] = results.size();
  out["under_way"] = under_way;
  out["live"] = live;
  out["performance_trend"] = trend;
  return out;
}

Result<Response> dashboard(Context& c) {
  const std::string_view org = c.param("org");
  if (auto cached = c.services.dashboards.get(org, c.now)) return json_response(std::move(*cached));
  const std::uint64_t generation = c.services.dashboards.generation(org);
  auto rows = TRY(c.services.incidents->list_incidents(org, store::ListOptions{}));
  Counts counts = count(rows, c.now);
  json incidents = json::array();
  for (const auto& row : rows) {
    json item = incident::to_json(row);
    item["overdue"] = row.next_due && *row.next_due < c.now;
    incidents.push_back(std::move(item));
  }
  json body = {
      {"org", c.param("org")},
      {"as_of", format_utc(c.now)},
      {"open_incidents", counts.open},
      {"active_incidents", counts.active},
      {"overdue_reports", counts.overdue},
      {"significance_undetermined", counts.undetermined},
      {"next_due", rows.empty() || !rows.front().next_due ? json(nullptr) : json(format_utc(*rows.front().next_due))},
      {"incidents", incidents},
      // Gap score and its trend, the documents register and Art. 20(1) approvals.
      {"compliance", compliance_summary(c.services, c.param("org"))}};
  body["exercises"] = TRY(exercise_summary(c, org));
  std::string text = body.dump();
  c.services.dashboards.put(org, c.now, generation, text);
  return json_response(std::move(text));
}

}  // namespace

std::vector<Gauge> incident_gauges(Services& services) {
  const bool by_org = services.config.metrics_org_labels;
  Gauge open{
      "vigil_open_incidents", by_org ? "Incidents not yet closed, by organisation." : "Incidents not yet closed.", {}};
  Gauge overdue{"vigil_overdue_deadlines",
                by_org ? "Incidents whose next Art. 23(4) report is past due, by organisation."
                       : "Incidents whose next Art. 23(4) report is past due.",
                {}};
  auto orgs = services.accounts->organisations();
  if (!orgs) return {};
  Instant now = services.clock();
  Counts total;
  for (const auto& org : *orgs) {
    auto rows = services.incidents->list_incidents(org.slug, store::ListOptions{});
    if (!rows) continue;
    Counts counts = count(*rows, now);
    total.open += counts.open;
    total.overdue += counts.overdue;
    if (by_org) {
      std::string label = "org=" + json(org.slug).dump(-1, ' ', false, json::error_handler_t::replace);
      open.samples.emplace_back(label, static_cast<double>(counts.open));
      overdue.samples.emplace_back(label, static_cast<double>(counts.overdue));
    }
  }
  if (!by_org) {
    open.samples.emplace_back("", static_cast<double>(total.open));
    overdue.samples.emplace_back("", static_cast<double>(total.overdue));
  }
  return {open, overdue};
}

void add_dashboard_routes(const RouteGroups& api) {
  api.members
      .add("GET", "/dashboard", kAnyRole,
           "Summary: open incidents with their next report due (Art. 23(4)) and how it is owed (due, due if "
           "significant, due until withdrawn), late submissions, and the overdue and undetermined counts.",
           dashboard)
      .answers("Dashboard");
}

}  // namespace vigil::server
