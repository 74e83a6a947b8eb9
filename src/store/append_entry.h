// How an append builds its entry (store/incident_repository.cpp): take the
// incident's folded record if it is still at the head its row shows inside the
// write transaction (else replay the log once), check the caller's expected
// entry count, let the domain build the entry, seal it after the head and fold
// it in. The repository then writes the entry and the listing row and keeps the
// record again (store/folded_incidents.h). Nothing here reads the whole log
// unless the record was not kept or is stale.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "incident/event_log.h"
#include "incident/incident.h"
#include "store/folded_incidents.h"
#include "store/folded_record.h"
#include "store/incident_store.h"

namespace vigil::store {

struct PreparedAppend {
  FoldedRecord folded;        // the record with the new entry folded in
  incident::Event event;      // the new entry, sealed
  incident::Summary summary;  // the listing row after it
};

// `row_head`: the incident row's event_count and head_hash, read under the
// write lock. `read_log` reads the incident's entries in the same transaction
// (only when no usable record is kept). When the domain or the expected count
// refuses the entry, the unchanged record is kept again; after any later
// error it is not (it may be half changed), and the next append replays.
Result<PreparedAppend> prepare_append(FoldedIncidents& kept, std::string_view org, std::string_view incident_id,
                                      const incident::ChainHead& row_head,
                                      const std::function<Result<std::vector<incident::Event>>()>& read_log,
                                      const NextEntry& next, std::optional<std::int64_t> expected_event_count);

}  // namespace vigil::store
