#include "application/verified_export.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "incident/event_log.h"
#include "incident/incident.h"
#include "tzdata/zones.h"

namespace vigil::application {

using nlohmann::json;

namespace {

// sealed_at stays in the workspace: the signature does not cover it.
constexpr std::array<std::string_view, 5> kSealKeys{"key_id", "signature", "seq", "head", "path"};

tl::unexpected<Error> tampered(std::string where, std::string message) {
  return fail(ErrorCode::Conflict, std::move(where), std::move(message));
}

}  // namespace

json to_json(const store::Seal& s) {
  return json{
      {"key_id", s.key_id}, {"signature", s.signature}, {"seq", s.head.seq}, {"head", s.head.hash}, {"path", s.path}};
}

Result<store::Seal> seal_from_json(const json& value, const store::ChainId& chain, std::string_view where_) {
  const std::string where(where_);
  if (!value.is_object()) return tampered(where, "is not an object");
  for (const auto& [key, item] : value.items()) {
    if (std::find(kSealKeys.begin(), kSealKeys.end(), key) == kSealKeys.end()) {
      return tampered(fmt::format("{}.{}", where, key), "is not a key of a seal");
    }
  }
  try {
    store::Seal s;
    s.head.chain = chain;
    s.key_id = value.at("key_id").get<std::string>();
    s.signature = value.at("signature").get<std::string>();
    s.head.seq = value.at("seq").get<std::int64_t>();
    s.head.hash = value.at("head").get<std::string>();
    s.path = value.at("path").get<std::vector<std::string>>();
    return s;
  } catch (const json::exception& e) {
    return tampered(where, fmt::format("is not a seal: {}", e.what()));
  }
}

Result<json> export_incident(store::IncidentStore& incidents, store::SealRecords* seals, std::string_view org,
                             std::string_view incident_id, Instant now) {
  auto events = TRY(incidents.events(org, incident_id));
  auto record = TRY(incident::replay(events, tzdata::zones()));
  if (auto broken = incident::verify_chain(events)) {
    return fail(ErrorCode::Conflict, fmt::format("{} entry {}", incident_id, broken->seq),
                broken->reason + "; the trail is damaged, not exporting it");
  }
  json seal = nullptr;
  if (seals) {
    const store::ChainId chain{std::string(org), std::string(store::kIncidentChain), std::string(incident_id)};
    if (auto stored = TRY(seals->seal(chain))) seal = to_json(*stored);
  }
  return incident::export_incident(record, events, now, seal);
}

Result<ExportVerification> verify_export(const json& file, std::string_view where_, const store::PublicKey* key) {
  const std::string where(where_);
  ExportVerification out;
  out.check = TRY(incident::verify_export(file, where, tzdata::zones()));
  const auto found = file.find("seal");
  if (found == file.end() || found->is_null()) {
    // A public key given asserts the export is sealed with it: "seal": null
    // is what removing the seal from a file looks like.
    if (key) {
      return tampered(where + ": seal",
                      "not sealed, though a public key was given: the seal may have been removed from the export");
    }
    return out;
  }
  const store::ChainId chain{file.at("organisation").get<std::string>(), std::string(store::kIncidentChain),
                             out.check.incident_id};
  const store::Seal seal = TRY(seal_from_json(*found, chain, where + ": seal"));
  out.key_id = seal.key_id;
  if (seal.head.seq > out.check.entries) {
    return tampered(where + ": seal", fmt::format("sealed head says entry {}, the export ends at entry {}: entries "
                                                  "were removed",
                                                  seal.head.seq, out.check.entries));
  }
  if (seal.head.seq < out.check.entries) {
    return tampered(where + ": seal", fmt::format("sealed head says entry {}, the export ends at entry {}: entries "
                                                  "were appended without a seal",
                                                  seal.head.seq, out.check.entries));
  }
  if (seal.head.hash != out.check.head_hash) {
    return tampered(where + ": seal",
                    fmt::format("sealed head hash {} is not the chain head {}", seal.head.hash, out.check.head_hash));
  }
  if (!key) {
    out.seal = ExportVerification::Seal::NotChecked;
    return out;
  }
  if (auto wrong = key->check(seal)) return tampered(where + ": seal", *wrong);
  out.seal = ExportVerification::Seal::Valid;
  return out;
}

}  // namespace vigil::application
