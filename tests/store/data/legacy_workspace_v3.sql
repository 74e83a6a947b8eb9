PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_migrations ( version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
INSERT INTO schema_migrations VALUES(1,'incident record','2026-11-30T19:42:12Z');
INSERT INTO schema_migrations VALUES(2,'compliance records','2026-11-30T19:42:12Z');
INSERT INTO schema_migrations VALUES(3,'text that is not UTF-8 repaired','2026-11-30T19:42:12Z');
CREATE TABLE organisations (
  org_id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
INSERT INTO organisations VALUES('default','Default organisation');
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
INSERT INTO incidents VALUES('default','INC-1',1,'Storage outage','digital_infrastructure.cloud_computing_service_provider',1740992400,'open','yes',NULL,'',1,5,'7914c16734852d5230a990018bc4e0afa50a80e69f6b18b5189ae833c023d45d');
INSERT INTO incidents VALUES('default','INC-2',2,'Slow logins','digital_infrastructure.cloud_computing_service_provider',1741161600,'open','no',NULL,'',1,3,'450c153553f4eb306d740979a0975be864604fdfcc043ec40023e005606f8e98');
INSERT INTO incidents VALUES('default','INC-3',3,'Portal down','digital_infrastructure.cloud_computing_service_provider',1741251600,'open','no',NULL,'',1,2,'99f030e8755d3f08b78506460c5732357d9f5dc88fd022e1cc6edeb28f3283a7');
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
INSERT INTO incident_events VALUES('default','INC-1',1,'opened','alice','2025-03-03T10:00:00Z','{"awareness_time":"2025-03-03T09:00:00Z","entity_type":"digital_infrastructure.cloud_computing_service_provider","timezone":"Europe/Berlin","title":"Storage outage","trust_service_incident":false}','0000000000000000000000000000000000000000000000000000000000000000','716daa4ecb27c7aecbfecee484b196fd03f5faa05f9342b7bd9958b29cd8f9ba');
INSERT INTO incident_events VALUES('default','INC-1',2,'assessed','bob','2025-03-03T11:00:00Z','{"criteria":["Art. 7(a)"],"explanation":["IR 2024/2690 Art. 7(a): service completely unavailable for 45 minutes, more than 30 minutes"],"inputs":{"complete_unavailability_minutes":45,"entity_type":"digital_infrastructure.cloud_computing_service_provider","users_eu_total":2000000},"judgement":null,"note":"","rule_result":true}','716daa4ecb27c7aecbfecee484b196fd03f5faa05f9342b7bd9958b29cd8f9ba','245f03d10f22bb488e3f7de618dc0c6e3c8008f9426f0ead86fc6d3ab9a30742');
INSERT INTO incident_events VALUES('default','INC-1',3,'submitted','erin','2025-03-04T08:30:00Z','{"recipient":"csirt","reference":"","submitted_at":"2025-03-04T08:00:00Z","type":"early-warning"}','245f03d10f22bb488e3f7de618dc0c6e3c8008f9426f0ead86fc6d3ab9a30742','b943509f21b59160bcb8e8a68bd196048b4d876d73f2d678ba12a01b5eeec473');
INSERT INTO incident_events VALUES('default','INC-1',4,'submitted','erin','2025-03-14T11:20:00Z','{"recipient":"csirt","reference":"","submitted_at":"2025-03-14T11:15:00Z","type":"notification"}','b943509f21b59160bcb8e8a68bd196048b4d876d73f2d678ba12a01b5eeec473','03712e12aadd30e6dbbd304b41929e3dd679e588d2c94387e68ec05d4cb4e95c');
INSERT INTO incident_events VALUES('default','INC-1',5,'submitted','erin','2025-04-10T09:00:00Z','{"recipient":"csirt","reference":"","submitted_at":"2025-04-10T09:00:00Z","type":"final"}','03712e12aadd30e6dbbd304b41929e3dd679e588d2c94387e68ec05d4cb4e95c','7914c16734852d5230a990018bc4e0afa50a80e69f6b18b5189ae833c023d45d');
INSERT INTO incident_events VALUES('default','INC-2',1,'opened','alice','2025-03-05T10:00:00Z','{"awareness_time":"2025-03-05T08:00:00Z","entity_type":"digital_infrastructure.cloud_computing_service_provider","timezone":"Europe/Berlin","title":"Slow logins","trust_service_incident":false}','0000000000000000000000000000000000000000000000000000000000000000','10e3f89147df09b7fbce00f8ccb3bc3ca4ca87067c2a40faa4c39188e23c733e');
INSERT INTO incident_events VALUES('default','INC-2',2,'submitted','erin','2025-03-05T12:00:00Z','{"recipient":"csirt","reference":"","submitted_at":"2025-03-05T12:00:00Z","type":"early-warning"}','10e3f89147df09b7fbce00f8ccb3bc3ca4ca87067c2a40faa4c39188e23c733e','497767e0883520b8c5ba871f8c9c6ecc3c123471fe59a5b1ed445f17fe4ae887');
INSERT INTO incident_events VALUES('default','INC-2',3,'assessed','bob','2025-03-05T13:00:00Z','{"criteria":[],"explanation":["IR 2024/2690: no criterion of Art. 3(1) (general, with Art. 4 on recurring incidents) or Art. 7 (entity-specific) is met: not a significant incident"],"inputs":{"complete_unavailability_minutes":10,"entity_type":"digital_infrastructure.cloud_computing_service_provider"},"judgement":null,"note":"","rule_result":false}','497767e0883520b8c5ba871f8c9c6ecc3c123471fe59a5b1ed445f17fe4ae887','450c153553f4eb306d740979a0975be864604fdfcc043ec40023e005606f8e98');
INSERT INTO incident_events VALUES('default','INC-3',1,'opened','alice','2025-03-06T10:00:00Z','{"awareness_time":"2025-03-06T09:00:00Z","entity_type":"digital_infrastructure.cloud_computing_service_provider","timezone":"Europe/Berlin","title":"Portal down","trust_service_incident":false}','0000000000000000000000000000000000000000000000000000000000000000','1d007f2ed61e94b16c274ad34c93f5ef778d43afdd7f76eea36e6ee99186ef51');
INSERT INTO incident_events VALUES('default','INC-3',2,'assessed','bob','2025-03-06T11:00:00Z','{"criteria":["Art. 7(a)"],"explanation":["IR 2024/2690 Art. 7(a): service completely unavailable for 45 minutes, more than 30 minutes"],"inputs":{"complete_unavailability_minutes":45,"entity_type":"digital_infrastructure.cloud_computing_service_provider","users_eu_total":2000000},"judgement":false,"note":"","rule_result":true}','1d007f2ed61e94b16c274ad34c93f5ef778d43afdd7f76eea36e6ee99186ef51','99f030e8755d3f08b78506460c5732357d9f5dc88fd022e1cc6edeb28f3283a7');
CREATE TABLE evidence_blobs (
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (org_id, sha256)
);
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
);
CREATE INDEX incidents_active_by_due ON incidents (org_id, next_due_at, number) WHERE active = 1;
COMMIT;
