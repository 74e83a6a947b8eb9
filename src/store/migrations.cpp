#include "store/migrations.h"

#include <array>

namespace vigil::store {

namespace {

// Version 1: organisations, incidents (the listing row kept beside the log),
// the append-only incident event log and content-addressed evidence.
constexpr std::string_view kIncidentRecord = R"sql(
CREATE TABLE organisations (
  org_id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
INSERT INTO organisations (org_id, name) VALUES ('default', 'Default organisation');

CREATE TABLE incidents (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  incident_id TEXT NOT NULL,
  number BIGINT NOT NULL,
  title TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  awareness_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  significant TEXT,
  next_due_at BIGINT,
  next_report TEXT NOT NULL,
  active BIGINT NOT NULL,
  event_count BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  PRIMARY KEY (org_id, incident_id),
  UNIQUE (org_id, number)
);
CREATE INDEX incidents_active_by_due ON incidents (org_id, next_due_at, number) WHERE active = 1;

CREATE TABLE incident_events (
  org_id TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (org_id, incident_id, seq),
  FOREIGN KEY (org_id, incident_id) REFERENCES incidents (org_id, incident_id)
);

CREATE TABLE evidence_blobs (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (org_id, sha256)
)
)sql";

constexpr std::array<Migration, 1> kMigrations{{
    {1, "incident record", kIncidentRecord},
}};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace vigil::store
