#include "application/workspace_verification.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "incident/event_log.h"
#include "incident/vocabulary.h"

namespace vigil::application {

using nlohmann::json;

namespace {

// "1 incident", "2 incidents", "1 entry", "2 entries".
std::string counted(std::int64_t n, std::string_view one, std::string_view many = {}) {
  if (n == 1) return fmt::format("1 {}", one);
  return many.empty() ? fmt::format("{} {}s", n, one) : fmt::format("{} {}", n, many);
}

std::string joined_skipping_empty(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

// Each seal finding also goes to the part of the record it is about.
void distribute(OrganisationVerification& v) {
  for (const auto& f : v.seals.findings) {
    if (f.chain.kind == store::kIncidentChain) {
      v.incidents.findings.push_back({f.chain.id, 0, "seal: " + f.reason});
    } else if (f.chain.kind == store::kNumberingChain) {
      v.incidents.findings.push_back({"", 0, "incident numbering seal: " + f.reason});
    } else if (f.chain.kind == store::kSealedSetChain) {
      v.incidents.findings.push_back({"", 0, "set of sealed chains: " + f.reason});
    } else if (f.chain.kind == store::kWorkspaceChain) {
      v.incidents.findings.push_back({"", 0, "workspace's chain of organisations, seal: " + f.reason});
    } else if (f.chain.kind == store::kRecordTrailChain) {
      v.records.findings.push_back("record trail seal: " + f.reason);
    } else {
      v.exercises.findings.push_back({f.chain.id, 0, "seal: " + f.reason});
    }
  }
}

std::string seals_part(const store::SealVerification& s) {
  std::vector<std::string> parts;
  if (s.key_id) {
    parts.push_back(fmt::format("{} checked against key {}", counted(s.checked, "chain"), *s.key_id));
  } else {
    parts.push_back(s.unchecked ? fmt::format("{} not checked (no public key given)", counted(s.unchecked, "seal"))
                                : "none checked (no public key given)");
  }
  if (!s.unsealed.empty()) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < s.unsealed.size() && i < 5; ++i) names.push_back(store::describe(s.unsealed[i]));
    if (s.unsealed.size() > 5) names.push_back(fmt::format("and {} more", s.unsealed.size() - 5));
    parts.push_back(fmt::format("{} not sealed (not checked against a seal): {}",
                                counted(static_cast<std::int64_t>(s.unsealed.size()), "chain"),
                                joined_skipping_empty(names, ", ")));
  }
  if (s.set_not_covered) {
    parts.push_back(
        "the set of sealed chains not covered (sealed before it was signed: a chain whose seal was "
        "deleted would show as not sealed)");
  }
  return "seals: " + joined_skipping_empty(parts, ", ");
}

}  // namespace

Result<OrganisationVerification> verify_organisation(const VerifiedStores& stores, std::string_view org,
                                                     const store::PublicKey* key) {
  OrganisationVerification v;
  v.org = std::string(org);
  v.incidents = TRY(store::verify_workspace(stores.incidents, org));
  v.records = TRY(store::verify_records(stores.compliance, org, stores.suppliers, stores.accounts));
  if (stores.exercises) v.exercises = TRY(store::verify_exercises(*stores.exercises, org));
  std::vector<store::ChainHeadAt> heads = v.incidents.heads;
  if (v.records.head) heads.push_back(*v.records.head);
  heads.insert(heads.end(), v.exercises.heads.begin(), v.exercises.heads.end());
  std::vector<store::Seal> seals;
  if (stores.seals) seals = TRY(stores.seals->seals(org));
  // The organisation's copy of the seal of the workspace's chain of
  // organisations, when it holds one, is checked against that chain's head.
  v.workspace_sealed = std::any_of(seals.begin(), seals.end(),
                                   [](const store::Seal& s) { return s.head.chain.kind == store::kWorkspaceChain; });
  if (v.workspace_sealed) {
    auto head = TRY(stores.seals->workspace_head(org));
    if (head) heads.push_back(std::move(*head));
  }
  v.seals = store::check_seals(heads, seals, key);
  distribute(v);
  return v;
}

json to_json(const store::SealVerification& s) {
  json unsealed = json::array(), findings = json::array();
  for (const auto& chain : s.unsealed) unsealed.push_back(store::describe(chain));
  for (const auto& f : s.findings) {
    findings.push_back({{"kind", f.chain.kind}, {"chain", f.chain.id}, {"reason", f.reason}});
  }
  return json{{"key_id", s.key_id ? json(*s.key_id) : json(nullptr)},
              {"checked", s.checked},
              {"unchecked", s.unchecked},
              {"unsealed", unsealed},
              {"set_covered", !s.set_not_covered},
              {"findings", findings}};
}

json to_json(const OrganisationVerification& v, std::string_view key_sources) {
  json out = store::to_json(v.incidents);
  out["intact"] = v.intact();
  out["records"] = store::to_json(v.records);
  out["exercises"] = store::to_json(v.exercises);
  out["seals"] = to_json(v.seals);
  out["not_checked"] = not_checked(std::span(&v, 1), v.seals.key_id ? "" : key_sources);
  return out;
}

std::string summary_line(const OrganisationVerification& v) {
  const auto& a = v.incidents;
  const auto& r = v.records;
  const auto& x = v.exercises;
  const std::string incidents =
      joined_skipping_empty({counted(a.incidents, "incident"), counted(a.entries, "entry", "entries"),
                             counted(a.evidence_files, "evidence file")},
                            ", ");
  std::string trail =
      joined_skipping_empty({counted(r.entries, "entry", "entries"), counted(r.documents, "document"),
                             counted(r.approvals, "approval"), counted(r.assessments, "gap assessment"),
                             r.document_contents ? counted(r.document_contents, "document content") : "",
                             r.supplier_rows ? counted(r.supplier_rows, "supplier register row") : "",
                             r.accounts ? counted(r.accounts->users, "user") : "",
                             r.accounts ? counted(r.accounts->tokens, "API token") : ""},
                            ", ") +
      " checked";
  const std::int64_t older = r.predating + (r.accounts ? r.accounts->predating : 0);
  if (older) trail += fmt::format(" ({} older than the trail)", older);
  const std::string exercises =
      joined_skipping_empty({counted(x.exercises, "exercise"), counted(x.entries, "entry", "entries")}, ", ");
  const std::vector<std::string> parts{incidents, "record trail: " + trail, "exercise logs: " + exercises,
                                       seals_part(v.seals)};
  return fmt::format("{}: {}: {}", v.org, v.intact() ? "intact" : "BROKEN", joined_skipping_empty(parts, "; "));
}

std::string workspace_line(const store::WorkspaceTrailVerification& w,
                           std::span<const OrganisationVerification> verified) {
  std::int64_t keepers = 0, disagreeing = 0;
  std::optional<std::string> key_id;
  for (const auto& v : verified) {
    const bool disagrees = std::any_of(v.seals.findings.begin(), v.seals.findings.end(),
                                       [](const auto& f) { return f.chain.kind == store::kWorkspaceChain; });
    if (disagrees) ++disagreeing;
    if (!v.workspace_sealed) continue;
    ++keepers;
    key_id = v.seals.key_id;
  }
  std::string seal;
  if (keepers == 0) {
    seal = "seal: none (no organisation with seals holds a copy of it)";
  } else {
    seal = fmt::format("seal: {} of it {}", counted(keepers, "organisation's copy", "organisations' copies"),
                       key_id ? fmt::format("checked against key {}", *key_id) : "not checked (no public key given)");
  }
  // A copy that disagrees with the chain (its finding is on the organisation's line).
  if (disagreeing) seal += fmt::format(", {} TAMPERED", disagreeing);
  std::string checked = fmt::format("{}, {} checked against it", counted(w.entries, "entry", "entries"),
                                    counted(w.organisations, "organisation"));
  if (w.recorded_at_migration) {
    checked += fmt::format(" ({} there when the chain began, by whom not recorded)", w.recorded_at_migration);
  }
  return fmt::format("workspace: {}: chain of organisations: {}; {}", w.intact() && !disagreeing ? "intact" : "BROKEN",
                     checked, seal);
}

std::string not_checked(std::span<const OrganisationVerification> verified, std::string_view key_sources) {
  std::int64_t predating = 0, accounts_predating = 0, undigested = 0;
  bool accounts_checked = !verified.empty();
  for (const auto& v : verified) {
    predating += v.records.predating;
    if (!v.records.accounts) {
      accounts_checked = false;
      continue;
    }
    accounts_predating += v.records.accounts->predating;
    undigested += v.records.accounts->undigested;
  }
  std::vector<std::string> parts{
      std::string(accounts_checked ? store::kPasswordsNotChecked : store::kAccountsNotChecked)};
  if (predating > 0) {
    parts.push_back(fmt::format("{} compliance {} written before the record trail began", predating,
                                predating == 1 ? "record" : "records"));
  }
  if (accounts_predating > 0) {
    parts.push_back(fmt::format("{} account {} (roles, API tokens) created before the trail recorded accounts",
                                accounts_predating, accounts_predating == 1 ? "row" : "rows"));
  }
  if (undigested > 0) {
    parts.push_back(fmt::format("the hashes of {} API {} recorded before the trail kept a digest of them", undigested,
                                undigested == 1 ? "token" : "tokens"));
  }
  if (!key_sources.empty()) {
    parts.push_back(fmt::format("the chain seals (no public key given: {})", key_sources));
  }
  return joined_skipping_empty(parts, "; ");
}

}  // namespace vigil::application
