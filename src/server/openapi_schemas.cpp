// The JSON Schemas (Draft 2020-12, the dialect of OpenAPI 3.1) of the API's
// request and response bodies, under components/schemas of openapi.json.
// Route::request_schema and Route::response_schema name them; the contract
// test (tests/server/api_contract_test.cpp, tests/server/validate_responses.py)
// validates every answer the route tests receive against them, and fails on a
// route without them. Keep a schema beside the code that writes its shape.
//
// Supplier and exercise shapes are built in their own files
// (supplier_openapi_schemas(), openapi.cpp).
#include <nlohmann/json.hpp>

#include "server/app.h"

namespace vigil::server {

nlohmann::json api_schemas() {
  static constexpr char kSchemas[] = R"json(
{
 "Health": {
  "type": "object",
  "required": ["status"],
  "properties": {"status": {"enum": ["ok", "ready"]}},
  "additionalProperties": false
 },
 "OpenApiDocument": {
  "type": "object",
  "description": "This document (OpenAPI 3.1).",
  "required": ["openapi", "info", "paths", "components"],
  "properties": {
   "openapi": {"const": "3.1.0"},
   "info": {"type": "object"},
   "paths": {"type": "object"},
   "components": {"type": "object"}
  }
 },
 "SignIn": {
  "type": "object",
  "description": "Sign-in: a username and a password (the body at most 16 KiB).",
  "required": ["username", "password"],
  "additionalProperties": false,
  "properties": {"username": {"type": "string", "minLength": 1}, "password": {"type": "string", "minLength": 1}}
 },
 "Membership": {
  "type": "object",
  "required": ["org", "role"],
  "additionalProperties": false,
  "properties": {"org": {"type": "string"}, "role": {"$ref": "#/components/schemas/Role"}}
 },
 "Role": {"enum": ["admin", "manager", "compliance", "responder", "auditor"]},
 "Session": {
  "type": "object",
  "description": "Who is signed in. csrf_token: of the cookie session (send it as X-CSRF-Token on every change); absent for a bearer token. expires_at: when the sign-in answer's session ends (UTC).",
  "required": ["username", "organisations"],
  "additionalProperties": false,
  "properties": {
   "username": {"type": "string"},
   "csrf_token": {"type": "string"},
   "expires_at": {"$ref": "#/components/schemas/Instant"},
   "organisations": {"type": "array", "items": {"$ref": "#/components/schemas/Membership"}}
  }
 },
 "Instant": {
  "type": "string",
  "description": "An instant in UTC, RFC 3339 (2026-03-02T09:00:00Z).",
  "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$"
 },
 "Date": {"type": "string", "description": "A calendar date, YYYY-MM-DD.", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
 "Sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
 "SignificanceVerdict": {
  "description": "true, false, \"undetermined\" or null (not assessed)",
  "type": ["boolean", "string", "null"],
  "enum": [true, false, "undetermined", null]
 },
 "ExerciseMarking": {
  "type": "string",
  "enum": ["EXERCISE"],
  "description": "Present on an exercise's incident only: its record is an exercise, in exercise time."
 },
 "UndeterminedCriteria": {
  "type": "array",
  "items": {
   "type": "object",
   "properties": {"criterion": {"type": "string"}, "missing": {"type": "array", "items": {"type": "string"}}},
   "required": ["criterion", "missing"],
   "additionalProperties": false
  }
 },
 "OrganisationList": {
  "type": "object",
  "required": ["organisations"],
  "additionalProperties": false,
  "properties": {"organisations": {"type": "array", "items": {"$ref": "#/components/schemas/Organisation"}}}
 },
 "Organisation": {
  "type": "object",
  "required": ["org", "name", "role"],
  "additionalProperties": false,
  "properties": {"org": {"type": "string"}, "name": {"type": "string"}, "role": {"$ref": "#/components/schemas/Role"}}
 },
 "Token": {
  "type": "object",
  "description": "An API token (never its secret).",
  "required": ["id", "name", "username", "created_at", "revoked_at"],
  "additionalProperties": false,
  "properties": {
   "id": {"type": "integer"},
   "name": {"type": "string"},
   "username": {"type": "string"},
   "created_at": {"$ref": "#/components/schemas/Instant"},
   "revoked_at": {
    "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
    "description": "When the token was revoked; null: not revoked (it authenticates)."
   }
  }
 },
 "TokenCreated": {
  "type": "object",
  "description": "The new token with its secret (token), shown in this answer only.",
  "required": ["id", "name", "username", "created_at", "revoked_at", "token"],
  "additionalProperties": false,
  "properties": {
   "id": {"type": "integer"},
   "name": {"type": "string"},
   "username": {"type": "string"},
   "created_at": {"$ref": "#/components/schemas/Instant"},
   "revoked_at": {"type": "null", "description": "null: a new token is not revoked."},
   "token": {"type": "string", "minLength": 32}
  }
 },
 "TokenList": {
  "type": "object",
  "required": ["tokens"],
  "additionalProperties": false,
  "properties": {"tokens": {"type": "array", "items": {"$ref": "#/components/schemas/Token"}}}
 },
 "TokenRequest": {
  "type": "object",
  "required": ["username", "name"],
  "additionalProperties": false,
  "properties": {
   "username": {"type": "string", "maxLength": 200},
   "name": {"type": "string", "minLength": 1, "maxLength": 100}
  }
 },
 "UserList": {
  "type": "object",
  "required": ["users"],
  "additionalProperties": false,
  "properties": {"users": {"type": "array", "items": {"$ref": "#/components/schemas/User"}}}
 },
 "UserDisabled": {
  "type": "object",
  "required": ["username", "disabled"],
  "additionalProperties": false,
  "properties": {"username": {"type": "string"}, "disabled": {"type": "boolean"}}
 },
 "RoleEnded": {
  "type": "object",
  "required": ["username", "role"],
  "additionalProperties": false,
  "properties": {
   "username": {"type": "string"},
   "role": {"type": "null", "description": "null: the user holds no role in the organisation any more."}
  }
 },
 "PasswordReset": {
  "type": "object",
  "required": ["password"],
  "additionalProperties": false,
  "properties": {"password": {"type": "string", "minLength": 12, "maxLength": 1024}}
 },
 "PasswordResetDone": {
  "type": "object",
  "required": ["username", "sessions_ended"],
  "additionalProperties": false,
  "properties": {"username": {"type": "string"}, "sessions_ended": {"const": true}}
 },
 "DocumentStatus": {"enum": ["missing", "draft", "approved"]},
 "Document": {
  "type": "object",
  "description": "A row of the documents register. etag: its revision, for If-Match.",
  "required": [
   "document",
   "status",
   "version",
   "approved_by",
   "approved_on",
   "next_review",
   "approved_sha256",
   "content_sha256",
   "content_size",
   "updated_at",
   "updated_by",
   "maps_to",
   "etag"
  ],
  "additionalProperties": false,
  "properties": {
   "document": {"type": "string"},
   "status": {"$ref": "#/components/schemas/DocumentStatus"},
   "version": {"type": "string"},
   "approved_by": {
    "type": ["string", "null"],
    "description": "Who approved the document; null: not approved (or not recorded)."
   },
   "approved_on": {
    "oneOf": [{"$ref": "#/components/schemas/Date"}, {"type": "null"}],
    "description": "When it was approved; null: not approved (or not recorded)."
   },
   "next_review": {
    "oneOf": [{"$ref": "#/components/schemas/Date"}, {"type": "null"}],
    "description": "When it is due for review; null: no review date set."
   },
   "approved_sha256": {
    "oneOf": [{"$ref": "#/components/schemas/Sha256"}, {"type": "null"}],
    "description": "SHA-256 of the content version approved; null: no stored content was approved."
   },
   "content_sha256": {
    "oneOf": [{"$ref": "#/components/schemas/Sha256"}, {"type": "null"}],
    "description": "SHA-256 of the stored content; null: no content uploaded."
   },
   "content_size": {"type": "integer", "minimum": 0, "description": "bytes"},
   "updated_at": {"$ref": "#/components/schemas/Instant"},
   "updated_by": {"type": "string"},
   "etag": {"type": "string"},
   "maps_to": {
    "type": ["string", "null"],
    "description": "The catalog's suggested document this row stands for when the entity uses its own title; null when none."
   }
  }
 },
 "DocumentRegister": {
  "type": "object",
  "required": ["documents", "suggested_not_registered"],
  "additionalProperties": false,
  "properties": {
   "documents": {"type": "array", "items": {"$ref": "#/components/schemas/Document"}},
   "suggested_not_registered": {
    "type": "array",
    "items": {"type": "string"},
    "description": "The catalog's suggested documents the register does not list yet."
   }
  }
 },
 "DocumentEdit": {
  "type": "object",
  "required": ["status"],
  "additionalProperties": false,
  "properties": {
   "status": {"$ref": "#/components/schemas/DocumentStatus"},
   "version": {"type": "string", "minLength": 1},
   "next_review": {"$ref": "#/components/schemas/Date"},
   "maps_to": {
    "type": ["string", "null"],
    "description": "The suggested document an own title stands for (one of the catalog's names); null or \"\" clears it; absent keeps it."
   }
  }
 },
 "ApprovalRequest": {
  "type": "object",
  "required": ["subject_kind", "version", "sha256"],
  "additionalProperties": false,
  "description": "subject_name is required for a document (its register name); a risk treatment plan defaults to 'Risk treatment plan'.",
  "properties": {
   "subject_kind": {"enum": ["document", "risk_treatment_plan"]},
   "subject_name": {"type": "string"},
   "version": {"type": "string", "minLength": 1},
   "sha256": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"},
   "note": {"type": "string"},
   "next_review": {"$ref": "#/components/schemas/Date"}
  }
 },
 "Approval": {
  "type": "object",
  "required": ["id", "subject_kind", "subject_name", "version", "sha256", "approved_by", "approved_at", "note"],
  "additionalProperties": false,
  "properties": {
   "id": {"type": "integer"},
   "subject_kind": {"enum": ["document", "risk_treatment_plan"]},
   "subject_name": {"type": "string"},
   "version": {"type": "string"},
   "sha256": {"$ref": "#/components/schemas/Sha256"},
   "approved_by": {"type": "string"},
   "approved_at": {"$ref": "#/components/schemas/Instant"},
   "note": {"type": "string"}
  }
 },
 "ApprovalList": {
  "type": "object",
  "required": ["approvals"],
  "additionalProperties": false,
  "properties": {"approvals": {"type": "array", "items": {"$ref": "#/components/schemas/Approval"}}}
 },
 "GapScores": {
  "type": "object",
  "description": "Scores in percent, one decimal.",
  "required": ["overall", "risk_management", "reporting"],
  "additionalProperties": false,
  "properties": {"overall": {"type": "number"}, "risk_management": {"type": "number"}, "reporting": {"type": "number"}}
 },
 "GapAssessmentSummary": {
  "type": "object",
  "required": ["id", "as_of", "created_at", "created_by", "score"],
  "properties": {
   "id": {"type": "integer"},
   "as_of": {"$ref": "#/components/schemas/Date"},
   "created_at": {"$ref": "#/components/schemas/Instant"},
   "created_by": {"type": "string"},
   "score": {"$ref": "#/components/schemas/GapScores"}
  }
 },
 "GapAssessmentList": {
  "type": "object",
  "required": ["assessments"],
  "additionalProperties": false,
  "properties": {"assessments": {"type": "array", "items": {"$ref": "#/components/schemas/GapAssessmentSummary"}}}
 },
 "GapAssessmentCreated": {
  "allOf": [
   {"$ref": "#/components/schemas/GapAssessmentSummary"},
   {
    "type": "object",
    "required": ["report"],
    "properties": {"report": {"$ref": "#/components/schemas/GapReport"}}
   }
  ]
 },
 "GapAssessmentRequest": {
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "as_of": {"$ref": "#/components/schemas/Date"},
   "soa": {
    "type": "array",
    "description": "Statement of Applicability rows as in `vigil gap --soa soa.json`: control, applicable, justification, status, owner, evidence, last_reviewed.",
    "items": {"type": "object"}
   },
   "documents": {
    "type": "array",
    "description": "Documents register rows (default: the stored register).",
    "items": {"type": "object"}
   },
   "entity": {"$ref": "#/components/schemas/Entity"},
   "soa_file": {
    "type": "object",
    "description": "The SoA file as uploaded, read by its name's extension (.csv, .json, .yaml/.yml) as `vigil gap --soa` reads it; errors name its lines.",
    "required": ["name", "text"],
    "additionalProperties": false,
    "properties": {"name": {"type": "string", "maxLength": 200}, "text": {"type": "string"}}
   }
  },
  "oneOf": [{"required": ["soa"]}, {"required": ["soa_file"]}]
 },
 "TrailPage": {
  "type": "object",
  "description": "One page of the record trail, oldest first; next_after: the seq to page on from (null on the last page).",
  "required": ["events", "next_after"],
  "additionalProperties": false,
  "properties": {
   "events": {"type": "array", "items": {"$ref": "#/components/schemas/TrailEvent"}},
   "next_after": {"type": ["integer", "null"], "description": "The seq to page on from; null: this is the last page."}
  }
 },
 "IncidentOpen": {
  "type": "object",
  "required": ["title", "awareness_time", "timezone", "entity_type"],
  "additionalProperties": false,
  "properties": {
   "title": {"type": "string"},
   "awareness_time": {"type": "string", "description": "RFC 3339"},
   "timezone": {"type": "string", "description": "IANA zone, e.g. Europe/Berlin"},
   "entity_type": {"type": "string"},
   "trust_service_incident": {"type": "boolean"},
   "supplier": {"type": "string", "description": "The id of the supplier whose incident this is (supplier register)."}
  }
 },
 "AssessmentRequest": {
  "type": "object",
  "required": ["impact"],
  "additionalProperties": false,
  "properties": {
   "impact": {"$ref": "#/components/schemas/ImpactFacts"},
   "judgement": {"enum": ["significant", "not-significant", "not_significant"]},
   "rationale": {"type": "string"},
   "note": {"type": "string", "description": "Older name of rationale."}
  }
 },
 "DecisionRequest": {
  "type": "object",
  "required": ["decision", "rationale"],
  "additionalProperties": false,
  "properties": {
   "decision": {"type": "string"},
   "rationale": {"type": "string"},
   "options": {"type": "array", "items": {"type": "string"}},
   "known": {"type": "array", "items": {"type": "string"}},
   "unknown": {"type": "array", "items": {"type": "string"}},
   "confidence": {"enum": ["low", "medium", "high"]},
   "decided_at": {"type": "string", "description": "RFC 3339"}
  }
 },
 "SubmissionRequest": {
  "type": "object",
  "required": ["type", "to"],
  "additionalProperties": false,
  "properties": {
   "type": {
    "type": "string",
    "description": "What was filed: early-warning, notification, intermediate, final, progress or gdpr-breach (any case, _ for -); the name of the deadline it answers, as next_report spells it (early_warning, incident_notification, final_report, progress_report, gdpr_breach_notification), is read too"
   },
   "to": {"type": "string", "description": "The recipient: csirt, authority, ..."},
   "submitted_at": {"type": "string", "description": "RFC 3339 (default: now)"},
   "reference": {"type": "string"},
   "out_of_order": {"type": "boolean"}
  }
 },
 "WithdrawalRequest": {
  "type": "object",
  "required": ["report", "reason"],
  "additionalProperties": false,
  "properties": {"report": {"enum": ["early-warning", "notification", "progress", "final"]}, "reason": {"type": "string"}}
 },
 "FactsRequest": {
  "type": "object",
  "required": ["facts"],
  "additionalProperties": false,
  "properties": {"facts": {"type": "object", "additionalProperties": {"type": "string"}}}
 },
 "CloseRequest": {
  "type": "object",
  "additionalProperties": false,
  "description": "May be empty.",
  "properties": {"handled_at": {"type": "string", "description": "RFC 3339"}, "summary": {"type": "string"}}
 },
 "BreachRequest": {
  "type": "object",
  "required": ["awareness_time"],
  "additionalProperties": false,
  "properties": {"awareness_time": {"type": "string", "description": "RFC 3339"}}
 },
 "Impact": {
  "description": "The impact JSON of `vigil significance` (IR 2024/2690), with its entity_type.",
  "allOf": [{"$ref": "#/components/schemas/ImpactFacts"}],
  "required": ["entity_type"]
 },
 "ImpactFacts": {
  "type": "object",
  "description": "The impact JSON of `vigil significance` (IR 2024/2690). An absent or null fact is unknown; 0 and false are facts. In an incident assessment entity_type may be left out: the incident's is used (a different one is refused).",
  "properties": {
   "entity_type": {"type": "string"},
   "users_eu_total": {
    "type": ["integer", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "annual_turnover_prev_fy_eur": {
    "type": ["number", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "direct_financial_loss_eur": {
    "type": ["number", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "trade_secret_exfiltration": {
    "type": ["boolean", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "death": {
    "type": ["boolean", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "considerable_health_damage": {
    "type": ["boolean", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "malicious_unauthorised_access_capable_of_severe_disruption": {
    "type": ["boolean", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "complete_unavailability_minutes": {
    "type": ["integer", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "users_affected_complete": {
    "type": ["integer", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "limited_availability_minutes": {
    "type": ["integer", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "users_affected_limited": {
    "type": ["integer", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "avg_response_time_s": {
    "type": ["number", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "slow_response_minutes": {
    "type": ["integer", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "data_compromise": {
    "type": ["boolean", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "data_compromise_malicious": {
    "type": ["boolean", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "data_compromise_users_affected": {
    "type": ["integer", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "authoritative_data_compromise": {
    "type": ["boolean", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "cause_misconfiguration": {
    "type": ["boolean", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "domains_incorrect": {
    "type": ["integer", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "domains_managed": {
    "type": ["integer", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "tld_technical_data_compromise": {
    "type": ["boolean", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "physical_access_compromised": {
    "type": ["boolean", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "scheduled_maintenance": {
    "type": ["boolean", "null"],
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   },
   "recurring": {
    "type": ["object", "null"],
    "properties": {
     "incidents": {
      "type": "array",
      "items": {
       "type": "object",
       "required": ["date", "root_cause", "direct_financial_loss_eur"],
       "properties": {
        "date": {"$ref": "#/components/schemas/Date"},
        "root_cause": {"type": "string"},
        "direct_financial_loss_eur": {"type": "number"}
       }
      }
     }
    },
    "description": "null or absent: unknown (a fact still to establish); 0 or false is known none"
   }
  }
 },
 "Entity": {
  "type": "object",
  "description": "The entity JSON of `vigil scope` (src/scope/scope.h documents every field): entity_types, size figures, establishment and the Art. 2/3 designations. The other yes/no facts, absent or null, are read as false; the result's assumed_no lists those that would change it.",
  "required": ["entity_types", "provides_services_in_eu"],
  "properties": {
   "provides_services_in_eu": {"type": "boolean", "description": "Art. 2(1) NIS2: whether the entity provides services or carries out activities in the Union. Required: absent or null is an error (400 naming body: provides_services_in_eu), never read as false."}
  }
 },
 "DeadlinesRequest": {
  "type": "object",
  "required": ["awareness_time", "timezone"],
  "additionalProperties": false,
  "properties": {
   "awareness_time": {"type": "string", "description": "RFC 3339"},
   "timezone": {"type": "string"},
   "trust_service_incident": {"type": "boolean"},
   "notification_submitted_time": {"type": "string"},
   "ongoing_when_final_report_due": {"type": "boolean"},
   "incident_handled_time": {"type": "string"},
   "personal_data_breach_awareness_time": {"type": "string"}
  }
 },
 "InterviewRequest": {
  "type": "object",
  "required": ["answers"],
  "additionalProperties": false,
  "properties": {
   "answers": {
    "type": "array",
    "items": {
     "type": "object",
     "required": ["question", "answer"],
     "additionalProperties": false,
     "properties": {"question": {"type": "string"}, "answer": {"type": "string"}}
    }
   }
  }
 },
 "Catalog": {
  "type": "object",
  "description": "The knowledge base (`vigil catalog --format json`); with ?section= only that section's key.",
  "properties": {
   "requirements": {"type": "array", "items": {"type": "object"}},
   "articles": {"type": "array", "items": {"type": "object"}},
   "obligations": {"type": "array", "items": {"type": "object"}},
   "entity_types": {"type": "array", "items": {"type": "object"}},
   "roadmap": {"type": "array", "items": {"type": "object"}},
   "iso27001": {"type": "array", "items": {"type": "object"}},
   "standards": {"type": "array", "items": {"type": "object"}},
   "ir_2024_2690": {"type": "array", "items": {"type": "object"}},
   "ir_2024_2690_sections": {"type": "array", "items": {"type": "object"}},
   "mapping_sources": {"type": "array", "items": {"type": "object"}}
  },
  "additionalProperties": false
 },
 "CatalogItem": {
  "type": "object",
  "description": "One knowledge-base item (`vigil show ID --format json`); the keys beyond id and type depend on the type.",
  "required": ["id", "type"],
  "properties": {"id": {"type": "string"}, "type": {"type": "string"}, "title": {"type": "string"}}
 },
 "CatalogMapping": {
  "type": "object",
  "properties": {
   "id": {"type": "string"},
   "nis2_to_iso27001": {"type": "array", "items": {"type": "object"}},
   "iso27001_to_nis2": {"type": "array", "items": {"type": "object"}},
   "links": {"type": "array", "items": {"type": "object"}}
  },
  "required": ["id", "nis2_to_iso27001", "iso27001_to_nis2", "links"],
  "additionalProperties": false,
  "description": "`vigil map ID --format json`: the mapping in both directions."
 },
 "Coverage": {
  "type": "object",
  "description": "`vigil coverage --format json` (groups, requirements, sources), or with ?regulation=ir-2024-2690 the coverage per IR 2024/2690 Annex section (regulation, sections, points).",
  "properties": {
   "groups": {"type": "array", "items": {"type": "object"}},
   "requirements": {"type": "array", "items": {"type": "object"}},
   "sources": {"type": "array", "items": {"type": "object"}},
   "sections": {"type": "array", "items": {"type": "object"}},
   "points": {"type": "array", "items": {"type": "object"}},
   "regulation": {"type": "string"}
  },
  "anyOf": [{"required": ["groups", "requirements"]}, {"required": ["regulation", "sections"]}]
 },
 "CatalogSearch": {
  "type": "object",
  "properties": {
   "query": {"type": "string"},
   "results": {
    "type": "array",
    "items": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
   }
  },
  "required": ["query", "results"],
  "additionalProperties": false
 },
 "StandardProfile": {
  "type": "object",
  "properties": {
   "id": {"type": "string"},
   "name": {"type": "string"},
   "overview": {"type": "string"},
   "applicability": {"type": "string"},
   "quick_facts": {"type": "array"},
   "coverage_areas": {"type": "array", "items": {"type": "object"}},
   "related_articles": {"type": "array"}
  },
  "required": ["id", "name", "overview", "applicability", "quick_facts", "coverage_areas", "related_articles"],
  "description": "`vigil standard ID --format json`."
 },
 "Deadlines": {
  "type": "object",
  "properties": {
   "awareness_time": {"$ref": "#/components/schemas/Instant"},
   "timezone": {"type": "string"},
   "convention": {
    "type": "object",
    "properties": {"id": {"type": "string"}, "text": {"type": "string"}},
    "required": ["id", "text"],
    "additionalProperties": false
   },
   "trust_service_incident": {"type": "boolean"},
   "early_warning_due": {
    "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
    "description": "Always set by this version; null is allowed for older clients and means not computed."
   },
   "incident_notification_due": {
    "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
    "description": "Always set by this version; null is allowed for older clients and means not computed."
   },
   "intermediate_report": {
    "type": ["string", "null"],
    "description": "\"on_request\": only when the CSIRT or authority asks (Art. 23(4)(c)); null: none."
   },
   "final_report_due": {
    "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
    "description": "null: not yet known (one month after the incident is handled, and that time is not given)."
   },
   "final_report_provisional": {"type": "boolean"},
   "progress_report_due": {
    "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
    "description": "null: no progress report is due (the incident is not ongoing when the final report would be)."
   },
   "gdpr_breach_notification_due": {
    "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
    "description": "null: no personal-data breach awareness given (no GDPR Art. 33 clock)."
   },
   "notification_submitted_time": {
    "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
    "description": "null: no notification submission time given."
   },
   "notification_late": {"type": ["boolean", "null"], "description": "null: unknown, no notification submission time given."},
   "deadlines": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {
      "report": {"type": "string"},
      "reference": {"type": "string"},
      "rule": {"type": "string"},
      "due": {
       "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
       "description": "null: not yet known (a final report one month after the incident is handled)."
      },
      "due_local": {"type": ["string", "null"], "description": "due in the incident's zone; null when due is null."},
      "provisional": {"type": "boolean"}
     },
     "required": ["report", "reference", "rule", "due", "due_local", "provisional"]
    }
   }
  },
  "required": [
   "awareness_time",
   "timezone",
   "convention",
   "trust_service_incident",
   "early_warning_due",
   "incident_notification_due",
   "intermediate_report",
   "final_report_due",
   "final_report_provisional",
   "progress_report_due",
   "gdpr_breach_notification_due",
   "notification_submitted_time",
   "notification_late",
   "deadlines"
  ],
  "description": "`vigil deadlines --format json`: every due instant in UTC (due_local: in the incident's zone)."
 },
 "GapReport": {
  "type": "object",
  "description": "`vigil gap --format json` as recorded: scores, groups, requirements with their controls and documents, roadmap, actions, unmatched_documents (register rows no requirement counts: neither a suggested document nor mapped with maps_to), the inputs.",
  "required": ["as_of", "score", "groups", "requirements", "roadmap", "actions", "soa", "inputs", "unmatched_documents"],
  "properties": {
   "as_of": {"$ref": "#/components/schemas/Date"},
   "score": {"type": "object"},
   "groups": {"type": "array", "items": {"type": "object"}},
   "requirements": {
    "type": "array",
    "items": {
     "type": "object",
     "required": ["id"],
     "properties": {"id": {"type": "string"}, "documents": {"type": "array", "items": {"type": "object"}}}
    }
   },
   "roadmap": {"type": "array"},
   "actions": {"type": "array"},
   "soa": {"type": "object"},
   "inputs": {"type": "object", "properties": {"soa": {"type": "string"}}},
   "entity": {
    "type": ["object", "null"],
    "description": "The scope result of the entity file given; null: no entity given."
   },
   "ir_2024_2690": {
    "type": ["object", "null"],
    "description": "The IR 2024/2690 Annex points; null: no entity covered by the implementing regulation given."
   },
   "unmatched_documents": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {"name": {"type": "string"}, "where": {"type": "string"}, "detail": {"type": "string"}},
     "required": ["name", "where", "detail"],
     "additionalProperties": false
    }
   }
  }
 },
 "Dashboard": {
  "type": "object",
  "properties": {
   "org": {"type": "string"},
   "as_of": {"$ref": "#/components/schemas/Instant"},
   "open_incidents": {"type": "integer"},
   "active_incidents": {"type": "integer"},
   "overdue_reports": {"type": "integer"},
   "significance_undetermined": {"type": "integer"},
   "next_due": {
    "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
    "description": "The earliest pending report deadline; null: no report pending."
   },
   "incidents": {"type": "array", "items": {"$ref": "#/components/schemas/IncidentSummary"}},
   "compliance": {
    "type": ["object", "null"],
    "properties": {
     "latest_gap_assessment": {
      "oneOf": [{"$ref": "#/components/schemas/GapAssessmentSummary"}, {"type": "null"}],
      "description": "null: no gap assessment recorded yet."
     },
     "score_trend": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {"type": "integer"},
        "as_of": {"$ref": "#/components/schemas/Date"},
        "overall": {"type": "number"}
       },
       "required": ["id", "as_of", "overall"],
       "additionalProperties": false
      }
     },
     "gap_assessments": {"type": "integer"},
     "documents": {
      "type": "object",
      "properties": {"missing": {"type": "integer"}, "draft": {"type": "integer"}, "approved": {"type": "integer"}},
      "required": ["missing", "draft", "approved"],
      "additionalProperties": false
     },
     "approvals": {"type": "integer"}
    },
    "description": "null without a compliance store."
   },
   "exercises": {
    "oneOf": [{"$ref": "#/components/schemas/DashboardExercises"}, {"type": "null"}],
    "description": "null without an exercise store"
   }
  },
  "required": [
   "org",
   "as_of",
   "open_incidents",
   "active_incidents",
   "overdue_reports",
   "significance_undetermined",
   "next_due",
   "incidents",
   "compliance",
   "exercises"
  ],
  "description": "The organisation at a glance: open incidents with their next report, counts, the compliance block (null without a compliance store) and the exercises block (documented versus performed)."
 },
 "IncidentList": {
  "type": "object",
  "properties": {"incidents": {"type": "array", "items": {"$ref": "#/components/schemas/IncidentSummary"}}},
  "required": ["incidents"],
  "additionalProperties": false
 },
 "Incident": {
  "type": "object",
  "properties": {
   "id": {"type": "string"},
   "organisation": {"type": "string"},
   "title": {"type": "string"},
   "status": {"enum": ["open", "closed"]},
   "awareness_time": {"$ref": "#/components/schemas/Instant"},
   "timezone": {"type": "string"},
   "entity_type": {"type": "string"},
   "trust_service_incident": {"type": "boolean"},
   "opened_by": {"type": "string"},
   "opened_at": {"$ref": "#/components/schemas/Instant"},
   "personal_data_breach_awareness_time": {
    "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
    "description": "null: no personal-data breach attached (no GDPR Art. 33 clock)."
   },
   "assessments": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {
      "recorded_at": {"$ref": "#/components/schemas/Instant"},
      "judged_by": {"type": "string"},
      "inputs": {"type": "object", "description": "The impact input as given (see Impact)."},
      "rule_result": {
       "type": ["boolean", "null"],
       "description": "What the IR 2024/2690 rules say: null: undetermined (facts still missing)."
      },
      "criteria": {"type": "array", "items": {"type": "string"}},
      "undetermined": {"$ref": "#/components/schemas/UndeterminedCriteria"},
      "explanation": {"type": "array", "items": {"type": "string"}},
      "judgement": {
       "type": ["boolean", "null"],
       "description": "The handler's judgement; null: none given (the rules decide)."
      },
      "significant": {"$ref": "#/components/schemas/SignificanceVerdict"},
      "override": {
       "oneOf": [
        {
         "type": "object",
         "properties": {
          "by": {"type": "string"},
          "rules_say": {"type": "boolean"},
          "judged": {"type": "boolean"},
          "rationale": {"type": "string"}
         },
         "required": ["by", "rules_say", "judged", "rationale"],
         "additionalProperties": false
        },
        {"type": "null"}
       ],
       "description": "Who overrode the rules and why; null: the judgement does not contradict the rules."
      },
      "note": {"type": "string"}
     },
     "required": [
      "recorded_at",
      "judged_by",
      "inputs",
      "rule_result",
      "criteria",
      "undetermined",
      "explanation",
      "judgement",
      "significant",
      "override",
      "note"
     ],
     "additionalProperties": false
    }
   },
   "decisions": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {
      "recorded_at": {"$ref": "#/components/schemas/Instant"},
      "decided_at": {"$ref": "#/components/schemas/Instant"},
      "decided_by": {"type": "string"},
      "decision": {"type": "string"},
      "options_considered": {"type": "array", "items": {"type": "string"}},
      "rationale": {"type": "string"},
      "known": {"type": "array", "items": {"type": "string"}},
      "unknown": {"type": "array", "items": {"type": "string"}},
      "confidence": {"enum": ["low", "medium", "high"]}
     },
     "required": [
      "recorded_at",
      "decided_at",
      "decided_by",
      "decision",
      "options_considered",
      "rationale",
      "known",
      "unknown",
      "confidence"
     ],
     "additionalProperties": false
    }
   },
   "evidence": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {
      "added_at": {"$ref": "#/components/schemas/Instant"},
      "added_by": {"type": "string"},
      "sha256": {"$ref": "#/components/schemas/Sha256"},
      "size": {"type": "integer", "minimum": 0, "description": "bytes"},
      "file_name": {"type": "string"},
      "description": {"type": "string"}
     },
     "required": ["added_at", "added_by", "sha256", "size", "file_name", "description"],
     "additionalProperties": false
    }
   },
   "submissions": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {
      "recorded_at": {"$ref": "#/components/schemas/Instant"},
      "by": {"type": "string"},
      "type": {"type": "string"},
      "submitted_at": {"$ref": "#/components/schemas/Instant"},
      "recipient": {"type": "string"},
      "reference": {"type": "string"},
      "deadline": {
       "description": "The deadline this submission answered, as the record gave it when the submission was recorded. null when it answers none: a copy after the submission that stopped the clock, information to service recipients, an intermediate report, and a final or progress report recorded before any incident notification (Art. 23(4)(d) counts the final report's month from the notification's submission: without one there is only an estimate, which is not stored as a deadline).",
       "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}]
      },
      "on_time": {"type": ["boolean", "null"], "description": "null: the submission answers no deadline of its own."},
      "late_by_seconds": {"type": ["integer", "null"], "description": "null: on time, or no deadline answered."},
      "late_by": {
       "type": ["string", "null"],
       "description": "e.g. 8 d 2 h 15 min; null: on time, or no deadline answered."
      },
      "deadline_recorded": {"type": "boolean"},
      "out_of_order": {"type": "array", "items": {"type": "string"}}
     },
     "required": [
      "recorded_at",
      "by",
      "type",
      "submitted_at",
      "recipient",
      "reference",
      "deadline",
      "on_time",
      "late_by_seconds",
      "late_by",
      "deadline_recorded",
      "out_of_order"
     ],
     "additionalProperties": false
    }
   },
   "withdrawals": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {
      "recorded_at": {"$ref": "#/components/schemas/Instant"},
      "by": {"type": "string"},
      "report": {"type": "string"},
      "reason": {"type": "string"}
     },
     "required": ["recorded_at", "by", "report", "reason"],
     "additionalProperties": false
    }
   },
   "significance": {"type": "string"},
   "facts": {"type": "object", "additionalProperties": {"type": "string"}},
   "closure": {
    "oneOf": [
     {
      "type": "object",
      "properties": {
       "recorded_at": {"$ref": "#/components/schemas/Instant"},
       "by": {"type": "string"},
       "handled_at": {"$ref": "#/components/schemas/Instant"},
       "summary": {"type": "string"}
      },
      "required": ["recorded_at", "by", "handled_at", "summary"],
      "additionalProperties": false
     },
     {"type": "null"}
    ],
    "description": "null: the incident is open."
   },
   "chain_head": {
    "type": "object",
    "properties": {"seq": {"type": "integer"}, "hash": {"type": "string"}},
    "required": ["seq", "hash"],
    "additionalProperties": false
   },
   "pending": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {
      "report": {"type": "string"},
      "due": {
       "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
       "description": "null: not yet known (one month after the incident is handled)."
      },
      "reference": {"type": "string"},
      "owed": {"enum": ["due", "due_if_significant", "due_until_withdrawn"]},
      "provisional": {"type": "boolean"}
     },
     "required": ["report", "due", "reference", "owed", "provisional"],
     "additionalProperties": false
    }
   },
   "supplier": {
    "type": "object",
    "properties": {
     "id": {"type": "string"},
     "name": {"type": "string"},
     "affected_functions": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "critical": {"type": "boolean"},
        "fails": {"type": "boolean"}
       },
       "required": ["id", "name", "critical", "fails"],
       "additionalProperties": false
      }
     }
    },
    "required": ["id", "name", "affected_functions"],
    "additionalProperties": false
   },
   "exercise": {"type": "string"},
   "marking": {"$ref": "#/components/schemas/ExerciseMarking"}
  },
  "required": [
   "id",
   "organisation",
   "title",
   "status",
   "awareness_time",
   "timezone",
   "entity_type",
   "trust_service_incident",
   "opened_by",
   "opened_at",
   "personal_data_breach_awareness_time",
   "assessments",
   "decisions",
   "evidence",
   "submissions",
   "withdrawals",
   "significance",
   "facts",
   "closure",
   "chain_head"
  ],
  "additionalProperties": false,
  "description": "An incident record (as `vigil incident show --format json`) with its pending Art. 23(4) reports (pending: not in the 201 of POST incidents). Instants are UTC; supplier only for an incident opened from a supplier's incident, exercise only for an exercise's."
 },
 "IncidentExport": {
  "type": "object",
  "properties": {
   "format": {"type": "string"},
   "exported_at": {"$ref": "#/components/schemas/Instant"},
   "organisation": {"type": "string"},
   "incident": {"type": "object"},
   "entries": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {
      "seq": {"type": "integer"},
      "kind": {"type": "string"},
      "actor": {"type": "string"},
      "at": {"$ref": "#/components/schemas/Instant"},
      "payload": {},
      "prev": {"type": "string"},
      "hash": {"type": "string"}
     },
     "required": ["seq", "kind", "actor", "at", "payload", "prev", "hash"]
    }
   },
   "chain_head": {"type": "object"},
   "seal": {
    "type": ["object", "null"],
    "description": "The chain's signed head (null: not sealed): key_id, signature (Ed25519, hex), seq, head, path (Merkle path to the signed root).",
    "properties": {
     "key_id": {"type": "string"},
     "signature": {"type": "string"},
     "seq": {"type": "integer"},
     "head": {"type": "string"},
     "path": {"type": "array", "items": {"type": "string"}}
    },
    "required": ["key_id", "signature", "seq", "head", "path"],
    "additionalProperties": false
   },
   "verification": {"type": "string"}
  },
  "required": ["format", "exported_at", "organisation", "incident", "entries", "chain_head", "seal", "verification"],
  "description": "The record and its hash chain as one verifiable document (`vigil incident export`; `vigil audit verify --export` checks it)."
 },
 "ReportDraft": {
  "type": "object",
  "properties": {
   "report": {"type": "string"},
   "title": {"type": "string"},
   "incident": {"type": "string"},
   "entity": {"type": "string"},
   "recipient": {"type": "string"},
   "basis": {"type": "string"},
   "description": {
    "description": "The record's description of the incident (the description fact), for a draft whose content does not ask for it; null when not recorded or when the content carries it",
    "type": ["string", "null"]
   },
   "due": {
    "description": "The report's deadline (null: none, e.g. not owed): utc, local (in the incident's zone), owed (while pending, on what footing: due, due_if_significant, due_until_withdrawn; null once submitted); once submitted, the deadline its latest submission answered with submitted_at, on_time and late_by (null when on time)",
    "type": ["object", "null"],
    "required": ["utc", "local", "owed"],
    "properties": {
     "utc": {"type": "string"},
     "local": {"type": "string"},
     "owed": {
      "type": ["string", "null"],
      "enum": ["due", "due_if_significant", "due_until_withdrawn", null],
      "description": "null: nothing pending to owe (the report was submitted)."
     },
     "submitted_at": {"type": "string", "description": "When the latest submission of this report was made (UTC); present once submitted"},
     "on_time": {"type": ["boolean", "null"], "description": "Whether that submission met this deadline; null: not submitted yet"},
     "late_by": {"type": ["string", "null"], "description": "How late that submission was (e.g. \"8 d 2 h 15 min\"); null: on time or not submitted yet"}
    },
    "additionalProperties": false
   },
   "significant": {"$ref": "#/components/schemas/SignificanceVerdict"},
   "complete": {"type": "boolean"},
   "items": {"type": "array", "items": {"type": "object"}},
   "missing": {"type": "array", "items": {"type": "string"}},
   "missing_where_applicable": {"type": "array", "items": {"type": "string"}},
   "decisions": {"type": "array"},
   "submissions": {"type": "array"},
   "timeline": {"type": "array"}
  },
  "required": [
   "report",
   "title",
   "incident",
   "entity",
   "recipient",
   "basis",
   "due",
   "significant",
   "complete",
   "items",
   "missing",
   "missing_where_applicable",
   "decisions",
   "submissions",
   "timeline"
  ],
  "description": "A draft of an Art. 23(4) report filled from the record, and what is still missing (?format=markdown: the same as text)."
 },
 "AuditVerification": {
  "type": "object",
  "properties": {
   "intact": {"type": "boolean"},
   "incidents": {"type": "integer"},
   "entries": {"type": "integer"},
   "evidence_files": {"type": "integer"},
   "findings": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {
      "incident": {
       "type": ["string", "null"],
       "description": "The incident the finding is about (null: evidence, numbering)."
      },
      "seq": {
       "type": ["integer", "null"],
       "description": "The first entry that does not match (null: not about one entry)."
      },
      "reason": {"type": "string"}
     },
     "required": ["incident", "seq", "reason"],
     "additionalProperties": false
    }
   },
   "not_checked": {"type": "string"},
   "records": {
    "type": "object",
    "properties": {
     "intact": {"type": "boolean"},
     "document_contents": {
      "type": "integer",
      "description": "Stored document contents (each register row's current version) re-hashed and compared with the SHA-256 the row records."
     },
     "accounts": {
      "type": ["object", "null"],
      "description": "The account tables against their trail entries: users (members whose role and disabled state were checked), tokens (owner, name, revocation and hash digest checked), predating (rows older than the trail's account entries, not vouched for), undigested (token hashes recorded before digests were kept, not compared). null: not compared.",
      "properties": {
       "users": {"type": "integer"},
       "tokens": {"type": "integer"},
       "predating": {"type": "integer"},
       "undigested": {"type": "integer"}
      }
     },
     "findings": {"type": "array", "items": {"type": "string"}}
    }
   },
   "exercises": {
    "type": "object",
    "properties": {
     "intact": {"type": "boolean"},
     "exercises": {"type": "integer"},
     "entries": {"type": "integer"},
     "findings": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "exercise": {"type": "string"},
        "seq": {
         "type": ["integer", "null"],
         "description": "The log entry the finding is about; null: the exercise as a whole."
        },
        "reason": {"type": "string"}
       },
       "required": ["exercise", "seq", "reason"]
      }
     }
    }
   },
   "seals": {
    "type": "object",
    "description": "Each chain's sealed head against its actual head (docs/AUDIT_TRAIL.md, \"Sealed chain heads\"): checked against the server's seal key (key_id; null: none configured, nothing vouched for), unchecked (sealed, but no key to check with), unsealed (chains without a seal: with a key, each is also a finding, since the key asserts the chains are sealed with it; without one, not checked against a seal), findings (tampering; also listed in the part they concern).",
    "properties": {
     "key_id": {
      "type": ["string", "null"],
      "description": "The public key id checked against; null: no key given (seals counted, not checked)."
     },
     "checked": {"type": "integer"},
     "unchecked": {"type": "integer"},
     "unsealed": {"type": "array", "items": {"type": "string"}},
     "set_covered": {
      "type": "boolean",
      "description": "false: the organisation was sealed before its set of sealed chains was signed, so a chain whose seal was deleted reads as not sealed."
     },
     "findings": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {"kind": {"type": "string"}, "chain": {"type": "string"}, "reason": {"type": "string"}},
       "required": ["kind", "chain", "reason"]
      }
     }
    },
    "required": ["key_id", "checked", "unchecked", "unsealed", "findings"]
   }
  },
  "required": [
   "intact",
   "incidents",
   "entries",
   "evidence_files",
   "findings",
   "not_checked",
   "records",
   "exercises",
   "seals"
  ],
  "description": "What was checked and what was found: intact only when nothing was found; not_checked says what is not compared."
 },
 "ScopeResult": {
  "type": "object",
  "description": "`vigil scope --format json`.",
  "required": [
   "classification",
   "legal_basis",
   "size",
   "size_category",
   "supervision",
   "supervision_basis",
   "max_fine_basis",
   "max_fine_floor_eur",
   "max_fine_floor_cents",
   "implementing_regulation_2024_2690",
   "activities",
   "assumed_no",
   "duties",
   "jurisdiction",
   "notes"
  ],
  "properties": {
   "name": {"type": "string"},
   "classification": {"type": "string"},
   "legal_basis": {"type": "array"},
   "size": {
    "type": ["object", "null"],
    "description": "The enterprise size (Rec. 2003/361/EC); null: not established (size data missing, or not needed)."
   },
   "size_category": {"type": ["string", "null"], "description": "null: not established (see size)."},
   "supervision": {"type": ["string", "null"], "description": "null: not applicable (the entity is not in scope)."},
   "supervision_basis": {"type": ["string", "null"], "description": "Art. 32 or Art. 33; null: no supervision applies."},
   "max_fine_basis": {"type": ["string", "null"], "description": "null: no fine regime applies (not in scope)."},
   "max_fine_floor_eur": {"type": ["string", "null"], "description": "null: no fine regime applies (not in scope)."},
   "max_fine_floor_cents": {"type": ["integer", "null"], "description": "null: no fine regime applies (not in scope)."},
   "implementing_regulation_2024_2690": {"type": "boolean"},
   "activities": {"type": "array", "items": {"type": "object"}},
   "assumed_no": {
    "type": "array",
    "items": {"type": "string"},
    "description": "Yes/no facts of the entity that the input left out (read as false), each of which, if true, would change the classification: the result holds only while they are false. Empty when no such fact is missing."
   },
   "duties": {"type": "array", "items": {"type": "object"}},
   "jurisdiction": {"type": "array"},
   "notes": {"type": "array"}
  }
 },
 "Interview": {
  "type": "object",
  "properties": {
   "asked": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {
      "id": {"type": "string"},
      "prompt": {"type": "string"},
      "kind": {"type": "string"},
      "options": {"type": "array", "items": {"type": "string"}},
      "answer": {"type": "string"}
     },
     "required": ["id", "prompt", "kind", "options", "answer"],
     "additionalProperties": false
    }
   },
   "question": {
    "oneOf": [
     {
      "type": "object",
      "properties": {
       "id": {"type": "string"},
       "prompt": {"type": "string"},
       "kind": {"enum": ["yes_no", "choice", "work_units", "euros", "optional_euros"]},
       "options": {"type": "array", "items": {"type": "string"}}
      },
      "required": ["id", "prompt", "kind", "options"],
      "additionalProperties": false
     },
     {"type": "null"}
    ],
    "description": "The next question; null: none is left (not_asked, entity and result follow)."
   },
   "not_asked": {"type": "array", "items": {"type": "string"}},
   "entity": {"$ref": "#/components/schemas/Entity"},
   "result": {"$ref": "#/components/schemas/ScopeResult"}
  },
  "required": ["asked", "question"],
  "additionalProperties": false,
  "description": "The questions asked with their answers, the next question (its id is stable: a client translates by it), or null once none is left, and then not_asked, entity and result."
 },
 "Significance": {
  "type": "object",
  "properties": {
   "entity_type": {"type": "string"},
   "significant": {"$ref": "#/components/schemas/SignificanceVerdict"},
   "covered_by_ir_2024_2690": {"type": "boolean"},
   "basis": {"type": "string"},
   "criteria": {"type": "array", "items": {"type": "string"}},
   "undetermined": {"$ref": "#/components/schemas/UndeterminedCriteria"},
   "facts_to_establish": {"type": "array", "items": {"type": "string"}},
   "explanation": {"type": "array", "items": {"type": "string"}},
   "questions": {"type": "array", "items": {"type": "string"}}
  },
  "required": [
   "entity_type",
   "significant",
   "covered_by_ir_2024_2690",
   "basis",
   "criteria",
   "undetermined",
   "facts_to_establish",
   "explanation",
   "questions"
  ],
  "additionalProperties": false,
  "description": "`vigil significance --format json`: significant is true when a criterion is met, false only when every one is known not met, otherwise \"undetermined\" (null where IR 2024/2690 does not apply and Art. 23(3) is for judgement)."
 },
 "TrailEvent": {
  "type": "object",
  "properties": {
   "seq": {"type": "integer"},
   "at": {"$ref": "#/components/schemas/Instant"},
   "actor": {"type": "string"},
   "kind": {"type": "string"},
   "subject": {"type": "string"},
   "old": {
    "type": ["object", "null"],
    "description": "The value before; null: there was none (the subject was created)."
   },
   "new": {
    "type": ["object", "null"],
    "description": "The value after; null: there is none (the subject was removed or ended)."
   },
   "prev": {"type": "string"},
   "hash": {"type": "string"}
  },
  "required": ["seq", "at", "actor", "kind", "subject", "old", "new", "prev", "hash"],
  "additionalProperties": false,
  "description": "One entry of the organisation's hash-chained record trail: old and new values of the subject (null where there was none)."
 },
 "User": {
  "type": "object",
  "required": ["username", "role", "created_at", "disabled_at", "tokens"],
  "additionalProperties": false,
  "properties": {
   "username": {"type": "string"},
   "role": {"$ref": "#/components/schemas/Role"},
   "created_at": {"$ref": "#/components/schemas/Instant"},
   "disabled_at": {
    "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
    "description": "When the user was disabled; null: enabled."
   },
   "tokens": {"type": "array", "items": {"$ref": "#/components/schemas/Token"}}
  }
 },
 "UserNew": {
  "type": "object",
  "required": ["username", "password", "role"],
  "additionalProperties": false,
  "properties": {
   "username": {"type": "string", "minLength": 1, "maxLength": 64},
   "password": {"type": "string", "minLength": 12, "maxLength": 1024},
   "role": {"$ref": "#/components/schemas/Role"}
  }
 },
 "RoleChange": {
  "type": "object",
  "required": ["role"],
  "additionalProperties": false,
  "properties": {"role": {"$ref": "#/components/schemas/Role"}}
 },
 "IncidentSummary": {
  "type": "object",
  "properties": {
   "id": {"type": "string"},
   "title": {"type": "string"},
   "entity_type": {"type": "string"},
   "awareness_time": {"$ref": "#/components/schemas/Instant"},
   "status": {"enum": ["open", "closed"]},
   "significant": {"$ref": "#/components/schemas/SignificanceVerdict"},
   "override": {"type": "boolean"},
   "next_report": {"type": ["string", "null"], "description": "The next report owed; null: none pending."},
   "next_due": {
    "oneOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}],
    "description": "When the next report is due; null: none pending, or not yet known."
   },
   "next_owed": {
    "enum": ["due", "due_if_significant", "due_until_withdrawn", null],
    "description": "On what footing the next report is owed; null: none pending."
   },
   "late": {
    "type": "array",
    "items": {
     "type": "object",
     "properties": {"report": {"type": "string"}, "late_by_seconds": {"type": "integer"}, "late_by": {"type": "string"}},
     "required": ["report", "late_by_seconds", "late_by"],
     "additionalProperties": false
    }
   },
   "overdue": {"type": "boolean"},
   "exercise": {"type": "string"},
   "marking": {"$ref": "#/components/schemas/ExerciseMarking"}
  },
  "required": [
   "id",
   "title",
   "entity_type",
   "awareness_time",
   "status",
   "significant",
   "override",
   "next_report",
   "next_due",
   "next_owed",
   "late"
  ],
  "description": "One incident in a listing: its next Art. 23(4) report, when and how it is owed (due, due if significant, due until withdrawn), late submissions (seconds). exercise: only on an exercise's incident."
 }
}
)json";
  return nlohmann::json::parse(kSchemas);
}

}  // namespace vigil::server
