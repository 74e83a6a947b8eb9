// The verifiable incident export as one application service: what `vigil
// incident export` and GET .../incidents/{id}/export write, and what `vigil
// audit verify --export FILE` checks, written once. The export carries the
// chain's seal (store/seal.h) when the chain is sealed; checking it needs the
// public key only, so an auditor without the secret key can do it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "core/time.h"
#include "incident/export.h"
#include "store/chain_seals.h"
#include "store/incident_store.h"
#include "store/seal.h"

namespace vigil::application {

// The incident's export (incident/export.h) with its seal, or "seal": null
// when the chain is not sealed. Conflict when the chain does not verify.
Result<nlohmann::json> export_incident(store::IncidentStore& incidents, store::SealRecords* seals, std::string_view org,
                                       std::string_view incident_id, Instant now);

// {"key_id", "signature", "seq", "head", "path"}; strict reading
// back (a missing or added key is Conflict: the export was edited).
nlohmann::json to_json(const store::Seal& seal);
Result<store::Seal> seal_from_json(const nlohmann::json& value, const store::ChainId& chain, std::string_view where);

struct ExportVerification {
  incident::ExportCheck check;
  enum class Seal { None, NotChecked, Valid } seal = Seal::None;  // None: the export carries no seal
  std::string key_id;                                             // the seal's key (when there is one)
};

// incident::verify_export, then the seal against the chain head and, with
// `key`, its signature. Errors as incident::verify_export: InvalidInput (not a
// Vigil export), Conflict (tampered: also a seal ahead of or behind the
// entries, on another head, by another key, or whose signature fails; with
// `key`, an export without a seal).
Result<ExportVerification> verify_export(const nlohmann::json& file, std::string_view where,
                                         const store::PublicKey* key);

}  // namespace vigil::application
