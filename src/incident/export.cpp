#include "incident/export.h"

#include <algorithm>
#include <array>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "incident/record_json.h"

namespace vigil::incident {

using nlohmann::json;

json export_incident(const Incident& incident, std::span<const Event> events, Instant exported_at, const json& seal) {
  json entries = json::array();
  for (const auto& e : events) entries.push_back(to_json(e));
  return {{"format", kExportFormat},
          {"exported_at", format_utc(exported_at)},
          {"organisation", incident.org},
          {"incident", to_json(incident)},
          {"entries", entries},
          {"chain_head", {{"seq", incident.event_count}, {"hash", incident.head_hash}}},
          {"seal", seal},
          {"verification", kExportVerification}};
}

namespace {

// The keys a version 2 export holds, at the top and in each entry; anything
// else was added after Vigil wrote the file.
constexpr std::array<std::string_view, 8> kTopKeys{"format",  "exported_at", "organisation", "incident",
                                                   "entries", "chain_head",  "seal",         "verification"};
constexpr std::array<std::string_view, 7> kEntryKeys{"seq", "kind", "actor", "at", "payload", "prev", "hash"};

template <std::size_t N>
std::optional<std::string> unexpected_key(const json& object, const std::array<std::string_view, N>& known) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) return key;
  }
  return std::nullopt;
}

tl::unexpected<Error> tampered(std::string where, std::string message) {
  return fail(ErrorCode::Conflict, std::move(where), std::move(message));
}

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

// 64 lower-case hex characters: a SHA-256 as Vigil writes it.
bool is_chain_hash(const json& value) {
  if (!value.is_string()) return false;
  const auto& text = value.get_ref<const std::string&>();
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// chain_head is {"seq": the last entry's number, "hash": its hash}: anything
// else is not a Vigil export (exit 2), said in those terms rather than the
// JSON library's.
Result<void> check_chain_head(const json& file, const std::string& where, bool whole) {
  const std::string at = where + ": chain_head";
  constexpr std::string_view kShape =
      "expected {\"seq\": the last entry's number, \"hash\": its SHA-256 as 64 "
      "lower-case hex characters}";
  const auto head = file.find("chain_head");
  if (head == file.end()) return invalid(at, fmt::format("is missing: {}", kShape));
  if (!head->is_object()) return invalid(at, fmt::format("is not an object: {}", kShape));
  if (whole) {
    if (auto key = unexpected_key(*head, std::array<std::string_view, 2>{"seq", "hash"})) {
      return tampered(fmt::format("{}.{}", at, excerpt(*key)), "is not a key of chain_head (valid: seq, hash)");
    }
  }
  const auto seq = head->find("seq");
  if (seq == head->end() || !seq->is_number_integer() || seq->get<std::int64_t>() < 1) {
    return invalid(at + ".seq", fmt::format("{} is not an entry number: expected a whole number from 1 (the last "
                                            "entry's seq)",
                                            seq == head->end() ? std::string("missing") : excerpt(seq->dump())));
  }
  const auto hash = head->find("hash");
  if (hash == head->end() || !is_chain_hash(*hash)) {
    return invalid(at + ".hash", fmt::format("{} is not a chain hash: expected 64 lower-case hex characters (the "
                                             "SHA-256 of the last entry)",
                                             hash == head->end() ? std::string("missing") : excerpt(hash->dump())));
  }
  return {};
}

}  // namespace

Result<ExportCheck> verify_export(const json& file, std::string_view where_, const Zones& zones) {
  std::string where(where_);
  try {
    const std::string format = file.is_object() ? file.value("format", "") : "";
    if (format != kExportFormat && format != kExportFormatV2 && format != kExportFormatV1) {
      return invalid(where + ": format", fmt::format("is not '{}' (nor the earlier '{}' or '{}')", kExportFormat,
                                                     kExportFormatV2, kExportFormatV1));
    }
    const bool whole = format != kExportFormatV1;
    if (whole) {
      if (auto key = unexpected_key(file, kTopKeys); key || (format == kExportFormatV2 && file.contains("seal"))) {
        if (!key) key = "seal";
        return tampered(fmt::format("{}: {}", where, excerpt(*key)), "is not a key of a Vigil incident export");
      }
      if (file.at("verification") != kExportVerification) {
        return tampered(where + ": verification", "is not the text Vigil writes");
      }
    }
    TRY(check_chain_head(file, where, whole));
    std::string org = file.at("organisation").get<std::string>();
    const json& record = file.at("incident");
    std::string id = record.at("id").get<std::string>();
    std::vector<Event> events;
    for (const auto& entry : file.at("entries")) {
      if (auto key = whole && entry.is_object() ? unexpected_key(entry, kEntryKeys) : std::nullopt) {
        return tampered(fmt::format("{}: entries[{}].{}", where, events.size(), excerpt(*key)),
                        "is not a key of an entry");
      }
      Event e;
      e.org = org;
      e.incident_id = id;
      e.seq = entry.at("seq").get<std::int64_t>();
      e.kind = entry.at("kind").get<std::string>();
      e.actor = entry.at("actor").get<std::string>();
      e.at = TRY(
          parse_rfc3339(entry.at("at").get<std::string>(), fmt::format("{}: entries[{}].at", where, events.size())));
      e.payload = entry.at("payload").dump(-1, ' ', false, json::error_handler_t::replace);
      e.prev_hash = entry.at("prev").get<std::string>();
      e.hash = entry.at("hash").get<std::string>();
      events.push_back(std::move(e));
    }
    if (events.empty()) return tampered(where + ": entries", "is empty");
    if (auto broken = verify_chain(events)) {
      return tampered(fmt::format("{}: {} entry {}", where, id, broken->seq), broken->reason);
    }
    const json& head = file.at("chain_head");
    if (head.at("seq").get<std::int64_t>() != events.back().seq ||
        head.at("hash").get<std::string>() != events.back().hash) {
      return tampered(where + ": chain_head", fmt::format("does not match the last entry (seq {}, hash {})",
                                                          events.back().seq, events.back().hash));
    }
    auto replayed = replay(events, zones);
    if (!replayed) return tampered(where + ": entries", replayed.error().message);
    json derived = to_json(*replayed);
    if (whole ? derived != record : !says_the_same(record, derived)) {
      for (const auto& [key, value] : derived.items()) {
        bool same = record.contains(key) && (whole ? record.at(key) == value : says_the_same(record.at(key), value));
        if (!same && (whole || record.contains(key))) {
          return tampered(fmt::format("{}: incident.{}", where, key), "does not match what the entries record");
        }
      }
      return tampered(where + ": incident", "holds fields the entries do not record");
    }
    return ExportCheck{id, static_cast<std::int64_t>(events.size()), events.back().hash};
  } catch (const json::exception& e) {
    return invalid(where, fmt::format("is not a Vigil incident export: {}", e.what()));
  }
}

}  // namespace vigil::incident
