// The record trail: every write to an organisation's compliance records (the
// documents register, uploaded content, management-body approvals, stored gap
// assessments) appended, in the same transaction, to one hash-chained log per
// organisation with who, when, what and the old and new values. The incident
// record has its own chain per incident (incident/event_log.h); this is the
// chain of everything else an auditor relies on.
//
// Each entry's hash is the lower-case hex SHA-256 of the canonical JSON object
// {actor, at, kind, new, old, org, prev, seq, subject} (keys sorted, no
// whitespace; old/new are JSON values or null). Entry 1 has prev = 64 zeros.
// The functions here are pure; the repository (store/compliance_repository.cpp)
// appends and reads, store/audit.cpp verifies.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "core/time.h"
#include "store/seal.h"

namespace vigil::store {

namespace sql {
class Transaction;
}

// What a trail entry is about. Kinds:
//   trail.started        the first entry: what existed before the trail began
//   document.created | document.edited | document.content | document.approved
//   approval.recorded    one management-body approval (Art. 20(1) NIS2)
//   assessment.recorded  one stored gap assessment (its inputs and outputs by SHA-256)
struct TrailDraft {
  Instant at{};
  std::string actor;
  std::string kind;
  std::string subject;                   // "document:<key>", "approval:3", "assessment:2", "organisation"
  std::optional<std::string> old_value;  // canonical JSON, nullopt = none
  std::optional<std::string> new_value;
};

struct TrailEntry {
  std::string org;
  std::int64_t seq = 0;  // 1, 2, 3, ... per organisation
  Instant at{};
  std::string actor;
  std::string kind;
  std::string subject;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
  std::string prev_hash;
  std::string hash;
};

inline constexpr std::string_view kTrailGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

// The hash of an entry from its fields (prev_hash included, hash ignored).
std::string trail_hash(const TrailEntry& entry);
// The entry after `head_seq`/`head_hash` (0 and kTrailGenesis for the first).
TrailEntry seal_trail(std::string_view org, std::int64_t head_seq, std::string_view head_hash, TrailDraft draft);

struct TrailBreak {
  std::int64_t seq = 0;
  std::string reason;
};
// The first entry whose number, link or hash does not match (entries in order).
std::optional<TrailBreak> verify_trail(std::span<const TrailEntry> entries);

// {"seq", "at", "actor", "kind", "subject", "old", "new", "prev", "hash"}
// (old/new as JSON values or null): GET .../audit/events and `vigil audit events`.
nlohmann::json to_json(const TrailEntry& entry);

// Appends one entry to the organisation's trail inside `tx`, the write it
// records; it locks the organisation's row (PostgreSQL) so entries are
// numbered one writer at a time. An organisation's first entry is trail.started,
// listing what existed before. Used by the compliance and account repositories.
Result<void> append_trail(sql::Transaction& tx, std::string_view org, TrailDraft draft);

// The chain whose seal holds the head of the organisation's trail.
ChainId record_trail_chain(std::string_view org);

// Which entries to read: one subject's, those after a number, at most a limit.
struct TrailQuery {
  std::optional<std::string> subject;
  std::int64_t after = 0;
  std::optional<std::int64_t> limit;
};

}  // namespace vigil::store
