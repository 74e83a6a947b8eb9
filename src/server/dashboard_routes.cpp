// The organisation dashboard over HTTP (application/dashboard.h computes it;
// server/dashboard_cache.h keeps the rendered body for the second) and the
// operator's /metrics gauges of open incidents and overdue reports, from the
// same counts.
#include <nlohmann/json.hpp>

#include "application/dashboard.h"
#include "server/app.h"

namespace vigil::server {

namespace {

using nlohmann::json;

Result<Response> dashboard(Context& c) {
  const std::string_view org = c.param("org");
  if (auto cached = c.services.dashboards.get(org, c.now)) return json_response(std::move(*cached));
  const std::uint64_t generation = c.services.dashboards.generation(org);
  const application::DashboardStores stores{*c.services.incidents, c.services.compliance.get(),
                                            c.services.exercises.get()};
  const json body = TRY(application::dashboard(stores, org, c.now));
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
  application::IncidentCounts total;
  for (const auto& org : *orgs) {
    auto rows = services.incidents->list_incidents(org.slug, store::ListOptions{});
    if (!rows) continue;
    const application::IncidentCounts counts = application::count_incidents(*rows, now);
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
