#include "incident/event_log.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace vigil::incident {

using nlohmann::json;

namespace {

std::string dump(const json& value) {
  // Invalid UTF-8 is replaced rather than thrown on: what is stored is exactly
  // what is hashed, so the chain stays verifiable either way.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

Result<std::string> canonical_json(std::string_view json_text, std::string_view where) {
  json value = json::parse(json_text, nullptr, false);
  if (value.is_discarded() || !value.is_object()) {
    return invalid(std::string(where), "is not a JSON object");
  }
  return dump(value);
}

std::string entry_text(const Event& event) {
  // Keys in byte order: actor, at, incident, kind, org, payload, prev, seq.
  // The payload is spliced in verbatim; verify_chain checks it is canonical.
  std::string text = "{\"actor\":" + dump(event.actor) + ",\"at\":" + dump(format_utc(event.at)) +
                     ",\"incident\":" + dump(event.incident_id) + ",\"kind\":" + dump(event.kind) +
                     ",\"org\":" + dump(event.org) + ",\"payload\":" + event.payload +
                     ",\"prev\":" + dump(event.prev_hash) + ",\"seq\":" + std::to_string(event.seq) + "}";
  return text;
}

Event seal(const std::string& org, const std::string& incident_id, const ChainHead& head, EventDraft draft) {
  Event event;
  event.org = org;
  event.incident_id = incident_id;
  event.seq = head.seq + 1;
  event.kind = std::move(draft.kind);
  event.actor = std::move(draft.actor);
  event.at = draft.at;
  event.payload = std::move(draft.payload);
  event.prev_hash = head.hash;
  event.hash = sha256_hex(entry_text(event));
  return event;
}

Event seal(const std::string& org, const std::string& incident_id, const Event* previous, EventDraft draft) {
  return seal(org, incident_id, previous ? ChainHead{previous->seq, previous->hash} : ChainHead{}, std::move(draft));
}

std::optional<ChainBreak> verify_chain(std::span<const Event> events) {
  std::string expected_prev(kGenesisHash);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    auto expected_seq = static_cast<std::int64_t>(i + 1);
    if (e.seq != expected_seq) {
      return ChainBreak{expected_seq,
                        fmt::format("entry {} is missing (found seq {} in its place)", expected_seq, e.seq)};
    }
    if (i > 0 && e.incident_id != events[0].incident_id) {
      return ChainBreak{e.seq, fmt::format("belongs to incident {}, not {}", e.incident_id, events[0].incident_id)};
    }
    if (e.prev_hash != expected_prev) {
      return ChainBreak{e.seq, fmt::format("prev_hash {} does not match the hash of the entry before it ({})",
                                           e.prev_hash, expected_prev)};
    }
    auto canonical = canonical_json(e.payload, "payload");
    if (!canonical || *canonical != e.payload) {
      return ChainBreak{e.seq, "payload is not canonical JSON (it was edited outside Vigil)"};
    }
    std::string recomputed = sha256_hex(entry_text(e));
    if (recomputed != e.hash) {
      return ChainBreak{e.seq, fmt::format("hash {} does not match its content (recomputed {})", e.hash, recomputed)};
    }
    expected_prev = e.hash;
  }
  return std::nullopt;
}

}  // namespace vigil::incident
