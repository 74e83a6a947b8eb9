// The tamper-evident trail of an incident: every change is one entry that
// carries the SHA-256 of the entry before it, so editing, removing or
// reordering any entry breaks every hash after it. Entries are never updated
// in place. Pure functions only: the store keeps the entries, this file says
// what they mean and whether they still hold together.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/sha256.h"
#include "core/time.h"

namespace vigil::incident {

// The hash before the first entry of a chain.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// What a command wants to record, before it is placed in the chain.
struct EventDraft {
  std::string kind;     // "opened", "assessed", "decided", "evidence_added", "submitted", ...
  std::string actor;    // who did it (--by)
  Instant at{};         // when it was recorded
  std::string payload;  // canonical JSON object (see canonical_json)
};

// One entry of an incident's chain.
struct Event {
  std::string org;          // organisation (tenant) id
  std::string incident_id;  // "INC-7"
  std::int64_t seq = 0;     // 1, 2, 3, ... within the incident
  std::string kind;
  std::string actor;
  Instant at{};
  std::string payload;    // canonical JSON object
  std::string prev_hash;  // hash of entry seq-1 (kGenesisHash for seq 1)
  std::string hash;       // SHA-256 of entry_text(), lower-case hex
};

// The bytes an entry's hash covers: the JSON object
// {"actor","at","incident","kind","org","payload","prev","seq"} with keys in
// byte order and no whitespace (what Python's json.dumps(sort_keys=True,
// separators=(",", ":"), ensure_ascii=False) produces).
std::string entry_text(const Event& event);

// The chain's hash (core/sha256.h), named here where the log is the reader's concern.
using vigil::sha256_hex;

// Re-serialises a JSON object text canonically (sorted keys, no whitespace).
Result<std::string> canonical_json(std::string_view json_text, std::string_view where);

// Where a chain ends: its last entry's sequence number and hash; the entry
// after it takes seq + 1 and carries this hash as its prev_hash. All that
// sealing needs, so a store can chain on without reading the entries back.
struct ChainHead {
  std::int64_t seq = 0;  // 0: no entry yet
  std::string hash = std::string(kGenesisHash);
};

// Places a draft after `head` and computes its hash.
Event seal(const std::string& org, const std::string& incident_id, const ChainHead& head, EventDraft draft);
// Places a draft after `previous` (nullptr: the first entry) and computes its hash.
Event seal(const std::string& org, const std::string& incident_id, const Event* previous, EventDraft draft);

// The first entry that does not match, and why.
struct ChainBreak {
  std::int64_t seq = 0;  // the entry's sequence number (or position when seq itself is wrong)
  std::string reason;
};

// Walks the chain from the first entry: sequence numbers 1..n without gaps,
// each prev_hash equal to the hash before it, each payload canonical, each hash
// recomputed from the entry. nullopt when everything holds.
std::optional<ChainBreak> verify_chain(std::span<const Event> events);

}  // namespace vigil::incident
