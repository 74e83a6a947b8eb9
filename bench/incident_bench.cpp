// Target: the reporting clock and the significance rules must each
// evaluate at least 1 million times per second in the core (one thread).
#include <benchmark/benchmark.h>

#include "incident/deadlines.h"
#include "incident/significance.h"

namespace {

using namespace vigil;
using namespace vigil::incident;

Instant at(const char* text) { return parse_rfc3339(text, "bench").value(); }

// The whole clock: 24 h, 72 h, one month on the Berlin wall clock, GDPR.
void BM_Deadlines(benchmark::State& state, Convention convention, bool ongoing) {
  ClockInput input;
  input.awareness = at("2025-03-29T10:17:00+01:00");
  input.zone = date::locate_zone("Europe/Berlin");
  input.notification_submitted = at("2025-03-31T16:00:00+02:00");
  input.personal_data_breach_awareness = at("2025-03-29T14:00:00+01:00");
  input.ongoing_when_final_report_due = ongoing;
  if (ongoing) input.incident_handled = at("2025-06-01T12:00:00Z");
  input.convention = convention;
  std::int64_t step = 0;
  for (auto _ : state) {
    // Vary the awareness instant so nothing is hoisted out of the loop.
    input.awareness = at("2025-03-29T10:17:00+01:00") + std::chrono::seconds{step++ % 3600};
    auto out = compute_deadlines(input);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Deadlines, elapsed_time, Convention::ElapsedTime, false);
BENCHMARK_CAPTURE(BM_Deadlines, elapsed_time_ongoing, Convention::ElapsedTime, true);
BENCHMARK_CAPTURE(BM_Deadlines, reg_1182_71, Convention::Regulation1182_71, false);

// One significance assessment with several criteria met (catalog lookup included).
template <bool Explain>
void BM_Significance(benchmark::State& state, const char* type, bool recurring) {
  Impact impact = known_none(type);  // every fact known, as on a record that is complete
  impact.users_eu_total = 10'000'000;
  impact.annual_turnover_prev_fy = euros(8'000'000);
  impact.direct_financial_loss = euros(400'000);
  impact.complete_unavailability_minutes = 31;
  impact.limited_availability_minutes = 90;
  impact.users_affected_limited = 500'001;
  impact.data_compromise = true;
  impact.data_compromise_users_affected = 1200;
  if (recurring) {
    impact.recurring = std::vector<PastIncident>{{parse_date("2025-01-15", "b").value(), "dns", euros(300'000)},
                                                 {parse_date("2025-05-15", "b").value(), "dns", euros(300'000)},
                                                 {parse_date("2025-09-15", "b").value(), "ddos", euros(10'000)}};
  }
  std::int64_t step = 0;
  for (auto _ : state) {
    impact.complete_unavailability_minutes = 25 + (step++ & 15);
    if constexpr (Explain) {
      auto out = assess_significance(impact);
      benchmark::DoNotOptimize(out);
    } else {
      auto out = decide_significance(impact);
      benchmark::DoNotOptimize(out);
    }
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_Decide(benchmark::State& state, const char* type, bool recurring) {
  BM_Significance<false>(state, type, recurring);
}
void BM_Assess(benchmark::State& state, const char* type, bool recurring) {
  BM_Significance<true>(state, type, recurring);
}

// decide_significance: the rules alone (the verdict and the criteria met).
BENCHMARK_CAPTURE(BM_Decide, cloud, "digital_infrastructure.cloud_computing_service_provider", false);
BENCHMARK_CAPTURE(BM_Decide, cloud_recurring, "digital_infrastructure.cloud_computing_service_provider", true);
BENCHMARK_CAPTURE(BM_Decide, not_covered, "energy.electricity.distribution_system_operator", false);
// assess_significance: the rules plus the explanation text, as the CLI prints it.
BENCHMARK_CAPTURE(BM_Assess, cloud, "digital_infrastructure.cloud_computing_service_provider", false);
BENCHMARK_CAPTURE(BM_Assess, cloud_recurring, "digital_infrastructure.cloud_computing_service_provider", true);
BENCHMARK_CAPTURE(BM_Assess, not_covered, "energy.electricity.distribution_system_operator", false);

}  // namespace
