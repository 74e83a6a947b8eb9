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

// Version 2: the compliance records (store/compliance_store.h): stored gap
// assessments with their inputs and result, the documents register with the
// content of uploaded versions, and the management body's approvals (NIS2
// Art. 20(1)). Assessments and approvals are only ever inserted.
constexpr std::string_view kComplianceRecords = R"sql(
CREATE TABLE gap_assessments (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  assessment_id BIGINT NOT NULL,
  as_of TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  score_overall BIGINT NOT NULL,
  score_risk_management BIGINT NOT NULL,
  score_reporting BIGINT NOT NULL,
  soa_input TEXT NOT NULL,
  documents_input TEXT NOT NULL,
  entity_input TEXT,
  result_json TEXT NOT NULL,
  report_html TEXT NOT NULL,
  PRIMARY KEY (org_id, assessment_id)
);

CREATE TABLE compliance_documents (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  name_key TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('missing', 'draft', 'approved')),
  version TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  approved_on TEXT,
  next_review TEXT,
  approved_sha256 TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  content_size BIGINT NOT NULL,
  revision BIGINT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (org_id, name_key)
);

CREATE TABLE document_contents (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (org_id, sha256)
);

CREATE TABLE management_approvals (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  approval_id BIGINT NOT NULL,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('document', 'risk_treatment_plan')),
  subject_name TEXT NOT NULL,
  version TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (org_id, approval_id)
)
)sql";

// Version 3: no schema change. An earlier vigil stored a query parameter
// without checking that it was UTF-8 (?version=%ff%fe), after which the
// organisation's documents could not be listed. The runner then rewrites
// every such byte in the compliance records' text as the four characters \xNN
// (store/migrate.cpp, repair_text); PostgreSQL refused such text when it
// arrived, so only SQLite workspaces have any.
constexpr std::string_view kTextRepaired = "SELECT 1";

// Version 4 ("unknown is not no"): the listing row says whether the
// latest assessment's judgement overrides the rules, and which submissions
// answered their deadline late ("notification=697500;final=60", seconds);
// `significant` may now also be 'undetermined'. Every row is re-derived from
// its entries, because the rules of this version derive some differently: a
// report already started with the CSIRT stays pending after a "not
// significant" assessment, and older submissions show whether they were late.
constexpr std::string_view kListingUndetermined = R"sql(
ALTER TABLE incidents ADD COLUMN significance_override BIGINT NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN late_submissions TEXT NOT NULL DEFAULT ''
)sql";

// Version 5 ("every write is on a trail"): the record trail, one
// hash-chained log per organisation of every write to its compliance records
// (store/record_trail.h). Entries are append-only; old and new values are
// canonical JSON, hashed exactly as stored.
constexpr std::string_view kRecordTrail = R"sql(
CREATE TABLE record_trail (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  seq BIGINT NOT NULL,
  recorded_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (org_id, seq)
);
CREATE INDEX record_trail_subject ON record_trail (org_id, subject, seq)
)sql";

// Version 6: the supplier register of each organisation
// (store/supplier_store.h). One head row per organisation (revision = ETag,
// SHA-256 of the canonical register); functions, suppliers and dependencies
// one row each, as canonical JSON with their position in canonical order.
// Every import replaces the rows and is on the record trail.
constexpr std::string_view kSupplierRegister = R"sql(
CREATE TABLE supplier_registers (
  org_id TEXT NOT NULL PRIMARY KEY REFERENCES organisations (org_id),
  revision BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  functions BIGINT NOT NULL,
  suppliers BIGINT NOT NULL,
  dependencies BIGINT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE TABLE supplier_functions (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  function_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (org_id, function_id)
);
CREATE TABLE supplier_suppliers (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  supplier_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (org_id, supplier_id)
);
CREATE TABLE supplier_dependencies (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  position BIGINT NOT NULL,
  from_id TEXT NOT NULL,
  to_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (org_id, position)
)
)sql";

// Version 7 (live exercises): an incident played in an exercise
// names it (`exercise_id`, from its `opened` entry; NULL for every real
// incident, so the real listing, metrics and dashboard exclude exercise rows
// with one condition), at most one incident per exercise; the exercises with
// the scenario as played (its text and SHA-256) and their simulated clock;
// and one hash-chained log per exercise (clock changes, ad-hoc injects,
// observer notes and ratings), sealed like an incident's (incident/event_log.h).
constexpr std::string_view kExercises = R"sql(
ALTER TABLE incidents ADD COLUMN exercise_id TEXT;
CREATE UNIQUE INDEX incidents_one_per_exercise ON incidents (org_id, exercise_id) WHERE exercise_id IS NOT NULL;

CREATE TABLE exercises (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  exercise_id TEXT NOT NULL,
  number BIGINT NOT NULL,
  scenario_id TEXT NOT NULL,
  scenario_source TEXT NOT NULL,
  bundled BIGINT NOT NULL,
  scenario_sha256 TEXT NOT NULL,
  scenario_text TEXT NOT NULL,
  speed BIGINT NOT NULL,
  origin_at BIGINT NOT NULL,
  duration_s BIGINT NOT NULL,
  anchor_wall BIGINT NOT NULL,
  anchor_elapsed_s BIGINT NOT NULL,
  clock_state TEXT NOT NULL CHECK (clock_state IN ('running', 'paused', 'ended')),
  started_by TEXT NOT NULL,
  started_at TEXT NOT NULL,
  event_count BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  PRIMARY KEY (org_id, exercise_id),
  UNIQUE (org_id, number)
);

CREATE TABLE exercise_events (
  org_id TEXT NOT NULL,
  exercise_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (org_id, exercise_id, seq),
  FOREIGN KEY (org_id, exercise_id) REFERENCES exercises (org_id, exercise_id)
)
)sql";

// Version 8: the highest incident number an organisation has given out, so
// that a deleted incident's number is never handed out again and verify can
// tell that numbers up to it existed. Set from the incidents already there.
constexpr std::string_view kIncidentNumbering = R"sql(
ALTER TABLE organisations ADD COLUMN last_incident_number BIGINT NOT NULL DEFAULT 0;
UPDATE organisations SET last_incident_number =
  COALESCE((SELECT MAX(number) FROM incidents WHERE incidents.org_id = organisations.org_id), 0)
)sql";

// Version 9: the documents register's maps_to: the catalog's
// suggested document a row stands for when the entity uses its own title.
constexpr std::string_view kDocumentMapsTo = R"sql(
ALTER TABLE compliance_documents ADD COLUMN maps_to TEXT NOT NULL DEFAULT ''
)sql";

// Version 10: the sealed head of each chain (store/chain_seals.h): per
// organisation and chain (an incident's log, the record trail, a live
// exercise's log, the incident numbering) the seq and hash it ended at when
// last written, the Ed25519 signature over them by a key kept outside the
// database (store/seal.h) with the key's id, and the Merkle path from this
// chain's head to the root the signature covers (one signature per commit).
constexpr std::string_view kChainSeals = R"sql(
CREATE TABLE chain_seals (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  chain_kind TEXT NOT NULL,
  chain_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  key_id TEXT NOT NULL,
  signature TEXT NOT NULL,
  path TEXT NOT NULL,
  sealed_at TEXT NOT NULL,
  PRIMARY KEY (org_id, chain_kind, chain_id)
)
)sql";

// Version 11: the workspace's chain of organisations (store/workspace_trail.h):
// one hash-chained entry per organisation added, written with its row, so that
// an organisation deleted with all its rows is still named. The runner enters
// the organisations already there as "recorded at migration"
// (record_existing_organisations). No foreign key: an entry outlives its row.
constexpr std::string_view kWorkspaceTrail = R"sql(
CREATE TABLE workspace_trail (
  seq BIGINT PRIMARY KEY,
  entry TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
)
)sql";

constexpr std::array<Migration, 11> kMigrations{{
    {1, "incident record", kIncidentRecord, false},
    {2, "compliance records", kComplianceRecords, false},
    {3, "text that is not UTF-8 repaired", kTextRepaired, false},
    {4, "listing rows: undetermined, overrides, late submissions (re-derived)", kListingUndetermined, true},
    {5, "record trail", kRecordTrail, false},
    {6, "supplier register", kSupplierRegister, false},
    {7, "live exercises", kExercises, false},
    {8, "incident numbers never reused", kIncidentNumbering, false},
    {9, "documents register maps_to", kDocumentMapsTo, false},
    {10, "chain seals", kChainSeals, false},
    {11, "workspace chain of organisations", kWorkspaceTrail, false},
}};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace vigil::store
