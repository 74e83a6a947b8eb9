// The Store on a SQLite file: one connection, WAL, durable commits, schema
// migrations applied on open. The default workspace of the CLI; the server
// wraps several of them in a GroupCommitStore (one writer, a few readers).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/folded_incidents.h"
#include "store/folded_record.h"
#include "store/sqlite/database.h"
#include "store/store.h"

namespace vigil::store {

class SqliteStore final : public Store {
 public:
  // Opens or creates the file and applies missing migrations.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);
  // A read-only connection to a workspace already opened (and migrated) by
  // open(); its write calls fail.
  static Result<std::unique_ptr<SqliteStore>> open_for_reading(const std::string& path);

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

  // The applied schema version (for tests and `vigil audit verify`).
  Result<int> schema_version();

  // The three writes without their transaction, for a caller that already
  // holds the write transaction (GroupCommitStore runs a batch of them, each
  // in its own savepoint, under one durable commit). An append answers with a
  // snapshot the caller turns into the record on its own thread (O(1) here,
  // whatever the incident's length).
  Result<void> write_organisation(std::string_view org, std::string_view name);
  Result<incident::Incident> write_opened(std::string_view org, const incident::EventDraft& opened);
  Result<RecordSnapshot> write_appended(std::string_view org, std::string_view incident_id, const NextEntry& next,
                                        const std::optional<Blob>& blob,
                                        std::optional<std::int64_t> expected_event_count);
  // Whoever ends the write transaction around write_appended says how it
  // ended: the folded records written in it are dropped when it rolled back
  // (the rows they were folded to are gone), kept when it committed.
  void transaction_committed();
  void transaction_rolled_back();
  sqlite::Database& database() { return db_; }

 private:
  explicit SqliteStore(sqlite::Database db) : db_(std::move(db)) {}
  Result<void> migrate();
  Result<void> repair_text();
  Result<void> rederive_listing_rows();
  Result<void> write_row(std::string_view org, const incident::Summary& summary, bool insert);
  Result<void> require_organisation(std::string_view org);
  Result<incident::ChainHead> row_head(std::string_view org, std::string_view incident_id);
  Result<void> save(std::string_view org, const incident::Event& event, const incident::Summary& summary, bool insert);
  sqlite::Database db_;
  FoldedIncidents folded_;
  std::vector<std::pair<std::string, std::string>> folded_in_transaction_;  // (org, incident id)
};

}  // namespace vigil::store
