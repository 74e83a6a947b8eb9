// Scoring a large exercise: 500 injects, 500 expectations of every kind and a
// play of 5 000 actions (target: under 10 ms). Also the reading of that
// play from JSON, which a live exercise does not need but the CLI does.
#include <benchmark/benchmark.h>
#include <date/tz.h>
#include <fmt/format.h>

#include "exercise/duration.h"
#include "exercise/play.h"
#include "exercise/scenario.h"
#include "exercise/score.h"

namespace {

using namespace vigil;
using namespace vigil::exercise;

constexpr int kInjects = 500;
constexpr int kActions = 5000;

Scenario large_scenario() {
  Scenario s;
  s.id = "bench";
  s.entity_type = "digital_infrastructure.cloud_computing_service_provider";
  s.timezone = "Europe/Berlin";
  s.zone = date::locate_zone("Europe/Berlin");
  s.start = date::sys_days{date::year{2026} / 3 / 28} + std::chrono::hours{11};
  s.duration = Seconds{35 * 86400};
  for (int o = 0; o < 10; ++o) s.objectives.push_back({fmt::format("O{}", o), "objective", {"rep.early_warning"}, 0});
  for (int i = 0; i < kInjects; ++i) {
    Inject inject;
    inject.id = fmt::format("I{}", i);
    inject.at = Seconds{i * 600};
    inject.channel = "siem";
    inject.to = {"it"};
    inject.text = "inject";
    inject.awareness = i == 3;
    s.injects.push_back(inject);
  }
  const char* roles[] = {"legal", "dpo", "communications", "management"};
  for (int e = 0; e < kInjects; ++e) {
    Expectation x;
    x.id = fmt::format("E{}", e);
    x.objective = fmt::format("O{}", e % 10);
    // Eight kinds in turn; the two submissions are due by a regulatory deadline, the rest within an hour.
    constexpr Action kKinds[] = {Action::Decide, Action::Submit, Action::Involve, Action::Evidence,
                                 Action::Assess, Action::Custom, Action::Submit,  Action::Decide};
    const int kind = e % 8;
    x.action = kKinds[kind];
    if (kind == 0 || kind == 3) x.tag = fmt::format("t{}", e % 50);
    if (kind == 7) x.tag = "never";  // scans every decision, finds none
    if (kind == 1) x.report = incident::SubmissionType::EarlyWarning;
    if (kind == 6) x.report = incident::SubmissionType::Notification;
    if (kind == 2) x.role = roles[e % 4];
    if (kind == 4) x.judgement = true;
    if (kind == 1) x.by = RegulatoryDue::EarlyWarning;
    else if (kind == 6) x.by = RegulatoryDue::Notification;
    else {
      x.after = e % 3 == 0 ? "awareness" : fmt::format("I{}", e);
      x.within = Seconds{3600};
    }
    s.expectations.push_back(x);
  }
  return s;
}

std::string large_play_json() {
  std::string out = R"({"players": {"ana": "it", "bo": "legal", "cy": "communications", "di": "dpo"}, "actions": [)";
  out += R"({"at": "PT40M", "by": "ana", "action": "open", "awareness": "PT30M"})";
  const char* who[] = {"ana", "bo", "cy", "di"};
  for (int a = 1; a < kActions; ++a) {
    std::string at = format_duration(Seconds{a * 500});
    switch (a % 6) {
      case 0:
        out += fmt::format(
            R"(,{{"at": "{}", "by": "{}", "action": "decide", "tags": ["t{}"], "decision": "d", "rationale": "r", "options": ["a", "b"], "known": ["k"], "unknown": ["u"], "confidence": "low"}})",
            at, who[a % 4], a % 50);
        break;
      case 1:
        out += fmt::format(
            R"(,{{"at": "{}", "by": "ana", "action": "evidence", "tags": ["t{}"], "description": "image"}})", at,
            a % 50);
        break;
      case 2:
        out += fmt::format(R"(,{{"at": "{}", "by": "ana", "action": "assess", "judgement": "significant"}})", at);
        break;
      case 3: out += fmt::format(R"(,{{"at": "{}", "by": "obs", "action": "note", "text": "observation"}})", at); break;
      case 4:
        out += fmt::format(R"(,{{"at": "{}", "by": "obs", "action": "rate", "expectation": "E{}", "result": "met"}})",
                           at, (a * 7) % kInjects);
        break;
      default:
        out += fmt::format(R"(,{{"at": "{}", "by": "bo", "action": "submit", "report": "{}", "to": "csirt"}})", at,
                           a % 2 ? "early-warning" : "notification");
        break;
    }
  }
  return out + "]}";
}

void BM_ScoreLargeExercise(benchmark::State& state) {
  Scenario scenario = large_scenario();
  auto play = parse_play(large_play_json(), "bench.json");
  if (!play) {
    state.SkipWithError(play.error().message.c_str());
    return;
  }
  for (auto _ : state) {
    auto result = score(scenario, *play);
    benchmark::DoNotOptimize(result);
  }
  state.counters["actions"] = static_cast<double>(play->actions.size());
  state.counters["expectations"] = static_cast<double>(scenario.expectations.size());
}
BENCHMARK(BM_ScoreLargeExercise)->Unit(benchmark::kMillisecond);

void BM_ParseLargePlay(benchmark::State& state) {
  std::string text = large_play_json();
  for (auto _ : state) {
    auto play = parse_play(text, "bench.json");
    benchmark::DoNotOptimize(play);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseLargePlay)->Unit(benchmark::kMillisecond);

}  // namespace
