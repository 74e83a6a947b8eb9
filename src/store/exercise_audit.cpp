// verify_exercises (store/exercise_store.h): the exercise logs of one
// organisation, through the ExerciseStore interface, so it holds for SQLite
// and PostgreSQL alike.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "incident/event_log.h"
#include "store/exercise_store.h"
#include "store/verification_json.h"

namespace vigil::store {

Result<ExerciseTrailVerification> verify_exercises(ExerciseStore& store, std::string_view org) {
  ExerciseTrailVerification report;
  auto rows = TRY(store.list(org));
  for (const auto& row : rows) {
    ++report.exercises;
    auto add = [&](std::int64_t seq, std::string reason) {
      report.findings.push_back({row.id, seq, std::move(reason)});
    };
    auto entries = store.entries(org, row.id);
    if (!entries) {
      // An entry the store cannot even read (a recorded_at that is no time).
      add(0, "the log cannot be read: " + entries.error().message);
      continue;
    }
    report.entries += static_cast<std::int64_t>(entries->size());
    if (!entries->empty()) {
      report.heads.push_back(ChainHeadAt{exercise_chain(org, row.id), entries->back().seq, entries->back().hash});
    }
    if (auto broken = incident::verify_chain(*entries)) {
      add(broken->seq, broken->reason);
    } else if (static_cast<std::int64_t>(entries->size()) != row.event_count) {
      add(0, fmt::format("the exercise row counts {} entries, the log holds {}", row.event_count, entries->size()));
    } else if (!entries->empty() && entries->back().hash != row.head_hash) {
      add(0, "the exercise row's chain head is not the hash of the log's last entry");
    }
    if (sha256_hex(row.scenario_text) != row.scenario_sha256) {
      add(0, "the scenario text as played does not match the SHA-256 recorded for it");
    }
    if (!entries->empty()) {
      auto started = nlohmann::json::parse(entries->front().payload, nullptr, false);
      if (!started.is_object() || started.value("scenario_sha256", "") != row.scenario_sha256) {
        add(1, "the scenario SHA-256 of the exercise row is not the one its started entry recorded");
      }
    }
  }
  return report;
}

nlohmann::json to_json(const ExerciseTrailVerification& report) {
  return verification_json(report, {{"exercises", report.exercises}, {"entries", report.entries}}, "exercise",
                           [](const ExerciseAuditFinding& f) { return nlohmann::json(f.exercise_id); });
}

}  // namespace vigil::store
