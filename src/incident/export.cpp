#include "incident/export.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "incident/record_json.h"

namespace vigil::incident {

using nlohmann::json;

json export_incident(const Incident& incident, std::span<const Event> events, Instant exported_at) {
  json entries = json::array();
  for (const auto& e : events) entries.push_back(to_json(e));
  return {{"format", kExportFormat},
          {"exported_at", format_utc(exported_at)},
          {"organisation", incident.org},
          {"incident", to_json(incident)},
          {"entries", entries},
          {"chain_head", {{"seq", incident.event_count}, {"hash", incident.head_hash}}},
          {"verification",
           "Each entry's hash is the lower-case hex SHA-256 of the UTF-8 JSON object {actor, at, incident, kind, org, "
           "payload, prev, seq} (incident = incident.id, org = organisation) with keys sorted and no whitespace, "
           "e.g. Python json.dumps(obj, sort_keys=True, separators=(',', ':'), ensure_ascii=False). Entry 1 has prev = "
           "64 zeros; every later prev equals the hash before it; chain_head is the last entry. Or run: vigil audit "
           "verify --export FILE"}};
}

namespace {

// Does `held` (a version 1 record) say what `derived` says, for every field it
// holds? Objects: each key of `held`; lists: the same length, item by item.
bool says_the_same(const json& held, const json& derived) {
  if (held.is_object() && derived.is_object()) {
    for (const auto& [key, value] : held.items()) {
      if (!derived.contains(key) || !says_the_same(value, derived.at(key))) return false;
    }
    return true;
  }
  if (held.is_array() && derived.is_array()) {
    if (held.size() != derived.size()) return false;
    for (std::size_t i = 0; i < held.size(); ++i) {
      if (!says_the_same(held[i], derived[i])) return false;
    }
    return true;
  }
  return held == derived;
}

}  // namespace

Result<ExportCheck> verify_export(const json& file, std::string_view where_) {
  std::string where(where_);
  try {
    const std::string format = file.is_object() ? file.value("format", "") : "";
    if (format != kExportFormat && format != kExportFormatV1) {
      return invalid(where + ": format", fmt::format("is not '{}' (nor the earlier '{}')", kExportFormat, kExportFormatV1));
    }
    const bool whole = format == kExportFormat;
    std::string org = file.at("organisation").get<std::string>();
    const json& record = file.at("incident");
    std::string id = record.at("id").get<std::string>();
    std::vector<Event> events;
    for (const auto& entry : file.at("entries")) {
      Event e;
      e.org = org;
      e.incident_id = id;
      e.seq = entry.at("seq").get<std::int64_t>();
      e.kind = entry.at("kind").get<std::string>();
      e.actor = entry.at("actor").get<std::string>();
      e.at = TRY(parse_rfc3339(entry.at("at").get<std::string>(), fmt::format("{}: entries[{}].at", where, events.size())));
      e.payload = entry.at("payload").dump(-1, ' ', false, json::error_handler_t::replace);
      e.prev_hash = entry.at("prev").get<std::string>();
      e.hash = entry.at("hash").get<std::string>();
      events.push_back(std::move(e));
    }
    if (events.empty()) return invalid(where + ": entries", "is empty");
    if (auto broken = verify_chain(events)) {
      return invalid(fmt::format("{}: {} entry {}", where, id, broken->seq), broken->reason);
    }
    const json& head = file.at("chain_head");
    if (head.at("seq").get<std::int64_t>() != events.back().seq || head.at("hash").get<std::string>() != events.back().hash) {
      return invalid(where + ": chain_head", fmt::format("does not match the last entry (seq {}, hash {})",
                                                         events.back().seq, events.back().hash));
    }
    auto replayed = replay(events);
    if (!replayed) return invalid(where + ": entries", replayed.error().message);
    json derived = to_json(*replayed);
    if (whole ? derived != record : !says_the_same(record, derived)) {
      for (const auto& [key, value] : derived.items()) {
        bool same = record.contains(key) && (whole ? record.at(key) == value : says_the_same(record.at(key), value));
        if (!same && (whole || record.contains(key))) {
          return invalid(fmt::format("{}: incident.{}", where, key), "does not match what the entries record");
        }
      }
      return invalid(where + ": incident", "holds fields the entries do not record");
    }
    return ExportCheck{id, static_cast<std::int64_t>(events.size()), events.back().hash};
  } catch (const json::exception& e) {
    return invalid(where, fmt::format("is not a Vigil incident export: {}", e.what()));
  }
}

}  // namespace vigil::incident
