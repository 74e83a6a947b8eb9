// The IncidentStore over sql::Database (store/sql.h): one implementation for
// SQLite and PostgreSQL. Each call is one transaction; a write first holds
// the row it depends on (the organisation's for a new number, the incident's
// for an append: PostgreSQL FOR NO KEY UPDATE, SQLite's write transactions
// exclude each other), so concurrent writers, in this process or in other
// servers on the same database, never give out a number twice nor fork a
// chain. The folded records of recent appends are kept between calls
// (store/folded_incidents.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "store/folded_incidents.h"
#include "store/folded_record.h"
#include "store/incident_store.h"
#include "store/sql.h"

namespace vigil::store {

// Not final: GroupCommitStore is this repository with its writes queued.
class IncidentRepository : public IncidentStore {
 public:
  // `db` is migrated already (open_sql does it).
  explicit IncidentRepository(std::shared_ptr<sql::Database> db) : db_(std::move(db)) {}

  Result<void> ensure_organisation(std::string_view org, std::string_view name) override;
  Result<incident::Incident> open_incident(std::string_view org, const incident::EventDraft& opened) override;
  Result<incident::Incident> append(std::string_view org, std::string_view incident_id, const NextEntry& next,
                                    const std::optional<Blob>& blob = std::nullopt,
                                    std::optional<std::int64_t> expected_event_count = std::nullopt) override;
  Result<incident::Incident> load_incident(std::string_view org, std::string_view incident_id) override;
  Result<std::vector<incident::Event>> events(std::string_view org, std::string_view incident_id) override;
  Result<std::vector<incident::Summary>> list_incidents(std::string_view org, const ListOptions& options) override;
  Result<std::vector<std::string>> logged_incident_ids(std::string_view org) override;
  Result<std::int64_t> last_incident_number(std::string_view org) override;
  Result<std::string> evidence_content(std::string_view org, std::string_view sha256) override;
  Result<std::vector<std::string>> evidence_hashes(std::string_view org) override;

  // --- the writes inside a write transaction the caller holds ---------------
  // For a caller that runs several writes under one commit (GroupCommitStore:
  // each in its own savepoint). The incidents whose folded record an append
  // kept are added to `kept`; when the transaction rolls back, the caller
  // hands them to forget() (the rows they were folded to are gone).
  using KeptRecords = std::vector<std::pair<std::string, std::string>>;  // (org, incident id)
  Result<void> write_organisation(sql::Transaction& tx, std::string_view org, std::string_view name);
  Result<incident::Incident> write_opened(sql::Transaction& tx, std::string_view org,
                                          const incident::EventDraft& opened);
  // Answers with a snapshot the caller turns into the record on its own
  // thread (O(1) here, whatever the incident's length).
  Result<RecordSnapshot> write_appended(sql::Transaction& tx, KeptRecords& kept, std::string_view org,
                                        std::string_view incident_id, const NextEntry& next,
                                        const std::optional<Blob>& blob,
                                        std::optional<std::int64_t> expected_event_count);
  void forget(const KeptRecords& kept);

  sql::Database& database() { return *db_; }

 private:
  std::shared_ptr<sql::Database> db_;
  FoldedIncidents folded_;
};

// The chain whose seal holds the organisation's last incident number.
ChainId numbering_chain(std::string_view org);

// Every incident's listing row from its entries, under the rules of this
// vigil (a migration step: store/migrations.h). A trail that does not replay
// keeps its row: audit verify names it.
Result<void> rederive_listing_rows(sql::Transaction& tx);

}  // namespace vigil::store
