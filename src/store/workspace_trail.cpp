#include "store/workspace_trail.h"

#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "store/chain_seals.h"
#include "store/open_sql.h"
#include "store/record_trail.h"
#include "store/verification_json.h"

namespace vigil::store {

using nlohmann::json;
using sql::Row;
using sql::Transaction;

namespace {

std::string workspace_json_text(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<void> append_workspace_entry(Transaction& tx, const json& entry) {
  auto head = TRY(tx.query("SELECT seq, hash FROM workspace_trail ORDER BY seq DESC LIMIT 1"));
  WorkspaceEntry e;
  e.seq = head.empty() ? 1 : head[0].integer(0) + 1;
  e.prev_hash = head.empty() ? std::string(kTrailGenesis) : head[0].text(1);
  e.entry = workspace_json_text(entry);
  e.hash = workspace_entry_hash(e);
  TRY(tx.query("INSERT INTO workspace_trail (seq, entry, prev_hash, hash) VALUES ($1, $2, $3, $4)",
               {e.seq, e.entry, e.prev_hash, e.hash}));
  return {};
}

std::string organisation_named(std::string_view org) { return fmt::format("organisation '{}'", org); }

}  // namespace

std::string workspace_entry_hash(const WorkspaceEntry& e) {
  return sha256_hex("{\"entry\":" + e.entry + ",\"prev\":" + workspace_json_text(e.prev_hash) +
                    ",\"seq\":" + std::to_string(e.seq) + "}");
}

ChainId workspace_chain(std::string_view org) {
  return ChainId{std::string(org), std::string(kWorkspaceChain), "workspace"};
}

Result<std::optional<ChainHeadAt>> read_workspace_head(Transaction& tx, const ChainId& chain) {
  auto rows = TRY(tx.query("SELECT seq, hash FROM workspace_trail ORDER BY seq DESC LIMIT 1"));
  if (rows.empty()) return std::optional<ChainHeadAt>();
  return std::optional<ChainHeadAt>(ChainHeadAt{chain, rows[0].integer(0), rows[0].text(1)});
}

Result<void> record_organisation(Transaction& tx, std::string_view org, std::string_view name, std::string_view by,
                                 Instant at) {
  // One writer at a time takes the next number (a no-op on SQLite, whose writes exclude each other).
  if (!tx.dialect().lock_table_for_new_id.empty()) {
    TRY(tx.query(fmt::format(fmt::runtime(tx.dialect().lock_table_for_new_id), "workspace_trail")));
  }
  TRY(append_workspace_entry(tx, json{{"event", std::string(kOrganisationAdded)},
                                      {"org", std::string(org)},
                                      {"name", std::string(name)},
                                      {"by", std::string(by)},
                                      {"at", format_utc(at)}}));
  // Every organisation that keeps a copy of the chain's seal, and the new
  // one: each under its row lock, as its other chains are written.
  std::set<std::string> keepers{std::string(org)};
  auto sealed = TRY(tx.query("SELECT DISTINCT org_id FROM chain_seals"));
  for (const Row& row : sealed) keepers.insert(row.text(0));
  for (const std::string& keeper : keepers) {
    TRY(tx.query(fmt::format("SELECT org_id FROM organisations WHERE org_id = $1{}", tx.dialect().lock_organisation),
                 {keeper}));
    touch_chain(tx, workspace_chain(keeper), read_workspace_head);
  }
  return {};
}

Result<void> record_existing_organisations(Transaction& tx, std::string_view at) {
  auto rows = TRY(tx.query("SELECT org_id, name FROM organisations ORDER BY org_id"));
  for (const Row& row : rows) {
    TRY(append_workspace_entry(tx, json{{"event", std::string(kOrganisationRecordedAtMigration)},
                                        {"org", row.text(0)},
                                        {"name", row.text(1)},
                                        {"by", nullptr},
                                        {"at", std::string(at)}}));
  }
  return {};
}

WorkspaceTrailVerification check_workspace_trail(std::span<const WorkspaceEntry> entries,
                                                 std::span<const Organisation> organisations) {
  WorkspaceTrailVerification report;
  report.entries = static_cast<std::int64_t>(entries.size());
  if (!entries.empty()) {
    report.head_seq = entries.back().seq;
    report.head_hash = entries.back().hash;
  }
  auto add = [&](std::string org, std::int64_t seq, std::string reason) {
    report.findings.push_back({std::move(org), seq, std::move(reason)});
  };
  // The chain itself: the first entry whose number, link or hash is wrong.
  std::string prev(kTrailGenesis);
  std::int64_t expected = 1;
  for (const WorkspaceEntry& e : entries) {
    std::string broken;
    if (e.seq != expected) {
      broken = fmt::format("follows entry {}: entries are missing", expected - 1);
    } else if (e.prev_hash != prev) {
      broken = fmt::format("links to {} but the entry before it has hash {}", e.prev_hash, prev);
    } else if (const std::string recomputed = workspace_entry_hash(e); recomputed != e.hash) {
      broken = fmt::format("hash {} does not match its content (recomputed {})", e.hash, recomputed);
    }
    if (!broken.empty()) {
      add("", e.seq, fmt::format("the workspace's chain of organisations, entry {}: {}", e.seq, broken));
      break;
    }
    prev = e.hash;
    ++expected;
  }
  // What the chain says the workspace holds.
  struct OnChain {
    std::int64_t seq = 0;
    std::string name, event, by;
  };
  std::map<std::string, OnChain> listed;
  for (const WorkspaceEntry& e : entries) {
    const json value = json::parse(e.entry, nullptr, false);
    const bool readable = value.is_object() && value.contains("org") && value["org"].is_string() &&
                          value.contains("name") && value["name"].is_string() && value.contains("event") &&
                          value["event"].is_string();
    if (!readable) {
      add("", e.seq, fmt::format("the workspace's chain of organisations, entry {}: not readable", e.seq));
      continue;
    }
    const std::string org = value["org"].get<std::string>();
    OnChain on{e.seq, value["name"].get<std::string>(), value["event"].get<std::string>(),
               value.contains("by") && value["by"].is_string() ? value["by"].get<std::string>() : std::string()};
    if (auto before = listed.find(org); before != listed.end()) {
      add(org, e.seq,
          fmt::format("{} is on the workspace's chain of organisations twice (entries {} and {}): it was removed "
                      "outside Vigil and added again",
                      organisation_named(org), before->second.seq, e.seq));
    }
    listed[org] = std::move(on);
  }
  std::set<std::string> present;
  for (const Organisation& o : organisations) {
    present.insert(o.slug);
    ++report.organisations;
    const auto at = listed.find(o.slug);
    if (at == listed.end()) {
      add(o.slug, 0,
          fmt::format("{} is in the workspace but not on its chain of organisations (added outside Vigil?)",
                      organisation_named(o.slug)));
      continue;
    }
    if (at->second.event == kOrganisationRecordedAtMigration) ++report.recorded_at_migration;
    if (at->second.name != o.name) {
      add(o.slug, at->second.seq,
          fmt::format("{} is named '{}', the workspace's chain of organisations recorded '{}' (entry {})",
                      organisation_named(o.slug), o.name, at->second.name, at->second.seq));
    }
  }
  for (const auto& [org, on] : listed) {
    if (present.count(org)) continue;
    const std::string how = on.event == kOrganisationAdded && !on.by.empty() ? fmt::format("added by {}", on.by)
                            : on.event == kOrganisationAdded                 ? std::string("added")
                                                                             : std::string("recorded at migration");
    add(org, on.seq,
        fmt::format("{} ({}, entry {} of the workspace's chain of organisations) is no longer in the workspace: "
                    "it was deleted outside Vigil",
                    organisation_named(org), how, on.seq));
  }
  return report;
}

json to_json(const WorkspaceTrailVerification& r) {
  return verification_json(
      r,
      {{"entries", r.entries}, {"organisations", r.organisations}, {"recorded_at_migration", r.recorded_at_migration}},
      "organisation", [](const WorkspaceFinding& f) { return id_or_null(f.org); });
}

Result<WorkspaceTrailVerification> verify_workspace_trail(sql::Database& db) {
  return db.transact(sql::Access::Read, [](Transaction& tx) -> Result<WorkspaceTrailVerification> {
    auto rows = TRY(tx.query("SELECT seq, entry, prev_hash, hash FROM workspace_trail ORDER BY seq"));
    std::vector<WorkspaceEntry> entries;
    entries.reserve(rows.size());
    for (const Row& row : rows) entries.push_back({row.integer(0), row.text(1), row.text(2), row.text(3)});
    auto orgs = TRY(tx.query("SELECT org_id, name FROM organisations ORDER BY org_id"));
    std::vector<Organisation> organisations;
    organisations.reserve(orgs.size());
    for (const Row& row : orgs) organisations.push_back({row.text(0), row.text(1)});
    return check_workspace_trail(entries, organisations);
  });
}

Result<WorkspaceTrailVerification> verify_workspace_trail(const std::string& location) {
  auto db = TRY(open_sql(location));
  return verify_workspace_trail(*db);
}

}  // namespace vigil::store
