// The one door to a workspace's incident records. The CLI and the server talk
// to this interface only; store/incident_repository.h implements it once over
// sql::Database, for SQLite and PostgreSQL alike, and GroupCommitStore
// (store/group_commit_store.h) batches the server's writes over it. Every
// call names the organisation (tenant) it acts for, so one organisation can
// never see another's records. Writes are one transaction each: an entry is
// either wholly recorded, with its evidence and the refreshed listing row,
// or not at all.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "incident/event_log.h"
#include "incident/incident.h"
#include "store/seal.h"

namespace vigil::store {

// The organisation the CLI works in (created by the first migration).
inline constexpr std::string_view kDefaultOrg = "default";

// Builds the next entry from the incident as it stands inside the write
// transaction (a domain function such as incident::decide); its error aborts
// the write and nothing is recorded.
using NextEntry = std::function<Result<incident::EventDraft>(const incident::Incident&)>;

// Evidence content, stored with the entry that references it.
struct Blob {
  std::string sha256;
  std::string content;
};

// Exercise incidents (Incident::exercise) are never listed with real ones:
// the real incident list, the metrics and the dashboard counts exclude them.
enum class ExerciseRows { Exclude, Only, Include };

struct ListOptions {
  bool include_inactive = false;  // also closed incidents with nothing pending
  std::optional<std::int64_t> limit;
  ExerciseRows exercises = ExerciseRows::Exclude;  // audit verify walks them all (Include)
};

class IncidentStore {
 public:
  virtual ~IncidentStore() = default;

  // Creates the organisation if it does not exist yet.
  virtual Result<void> ensure_organisation(std::string_view org, std::string_view name) = 0;

  // Opens a new incident: allocates the next id (INC-1, INC-2, ... per
  // organisation), seals `opened` as its first entry. One durable commit.
  virtual Result<incident::Incident> open_incident(std::string_view org, const incident::EventDraft& opened) = 0;

  // Appends one entry built by `next`; `blob` is stored in the same commit.
  // With `expected_event_count` the write fails with Conflict when somebody
  // else appended first (an ETag for the server).
  virtual Result<incident::Incident> append(std::string_view org, std::string_view incident_id, const NextEntry& next,
                                            const std::optional<Blob>& blob = std::nullopt,
                                            std::optional<std::int64_t> expected_event_count = std::nullopt) = 0;

  // The incident as its entries tell it (NotFound when unknown).
  virtual Result<incident::Incident> load_incident(std::string_view org, std::string_view incident_id) = 0;
  // Its entries, oldest first.
  virtual Result<std::vector<incident::Event>> events(std::string_view org, std::string_view incident_id) = 0;

  // Listing rows as stored beside the log: active ones (open, or a report
  // pending) by next due time, those without one last, then by number.
  virtual Result<std::vector<incident::Summary>> list_incidents(std::string_view org, const ListOptions& options) = 0;
  // Every incident id that has entries in the log, in number order (audit).
  virtual Result<std::vector<std::string>> logged_incident_ids(std::string_view org) = 0;
  // The highest incident number the organisation has given out (0 before
  // the first): a new incident takes the next, so a deleted incident's
  // number is never reused, and verify knows INC-1 to INC-n existed.
  virtual Result<std::int64_t> last_incident_number(std::string_view org) = 0;

  virtual Result<std::string> evidence_content(std::string_view org, std::string_view sha256) = 0;
  virtual Result<std::vector<std::string>> evidence_hashes(std::string_view org) = 0;
};

// "postgresql://..." (PostgreSQL: src/postgres, loaded on first use as the
// plugin of store/postgres_backend.h) or a SQLite file path: the
// IncidentRepository over open_sql(location), migrations applied.
// Writes seal the chains they touch with `sealer` (store/chain_seals.h).
Result<std::unique_ptr<IncidentStore>> open_store(const std::string& location, SealerRef sealer = nullptr);

}  // namespace vigil::store
