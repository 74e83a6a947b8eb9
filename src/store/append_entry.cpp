#include "store/append_entry.h"

#include <fmt/format.h>

#include "store/summary_row.h"
#include "tzdata/zones.h"

namespace vigil::store {

Result<PreparedAppend> prepare_append(FoldedIncidents& kept, std::string_view org, std::string_view incident_id,
                                      const incident::ChainHead& row_head,
                                      const std::function<Result<std::vector<incident::Event>>()>& read_log,
                                      const NextEntry& next, std::optional<std::int64_t> expected_event_count) {
  std::optional<FoldedRecord> folded = kept.take(org, incident_id, row_head);
  if (!folded) {
    auto log = TRY(read_log());
    auto replayed = incident::replay(log, tzdata::zones());
    if (!replayed) return tl::unexpected(damaged_trail(incident_id, replayed.error()));
    folded.emplace(std::move(*replayed));
  }
  const incident::Incident& record = folded->record();
  if (expected_event_count && *expected_event_count != record.event_count) {
    auto conflict =
        fail(ErrorCode::Conflict, std::string(incident_id),
             fmt::format("changed meanwhile (now {} entries, expected {})", record.event_count, *expected_event_count));
    kept.keep(org, incident_id, std::move(*folded));
    return conflict;
  }
  auto draft = next(record);
  if (!draft) {
    kept.keep(org, incident_id, std::move(*folded));
    return tl::unexpected(draft.error());
  }
  incident::Event event = incident::seal(std::string(org), record.id, folded->head(), std::move(*draft));
  TRY(folded->fold(event));
  incident::Summary summary = TRY(incident::summarise(folded->record(), tzdata::zones()));
  return PreparedAppend{std::move(*folded), std::move(event), std::move(summary)};
}

}  // namespace vigil::store
