#include "store/record_trail.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "store/accounts.h"
#include "store/chain_seals.h"
#include "store/compliance_store.h"
#include "store/sql.h"

namespace vigil::store {

using nlohmann::json;

namespace {

// Canonical: keys sorted (nlohmann's object is ordered by key), no
// whitespace, UTF-8 as is (every value was checked to be UTF-8 at input).
std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

json value_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  json parsed = json::parse(*text, nullptr, false);
  return parsed.is_discarded() ? json(*text) : parsed;
}

json date_or_null(const std::optional<Date>& date) { return date ? json(format_date(*date)) : json(nullptr); }

}  // namespace

std::string trail_hash(const TrailEntry& e) {
  // Keys in byte order; old and new spliced in exactly as stored, so any edit
  // of a stored value, even one that means the same, changes the hash.
  const std::string text = "{\"actor\":" + dump(e.actor) + ",\"at\":" + dump(format_utc(e.at)) +
                           ",\"kind\":" + dump(e.kind) + ",\"new\":" + e.new_value.value_or("null") +
                           ",\"old\":" + e.old_value.value_or("null") + ",\"org\":" + dump(e.org) +
                           ",\"prev\":" + dump(e.prev_hash) + ",\"seq\":" + std::to_string(e.seq) +
                           ",\"subject\":" + dump(e.subject) + "}";
  return sha256_hex(text);
}

TrailEntry seal_trail(std::string_view org, std::int64_t head_seq, std::string_view head_hash, TrailDraft draft) {
  TrailEntry e;
  e.org = std::string(org);
  e.seq = head_seq + 1;
  e.at = draft.at;
  e.actor = std::move(draft.actor);
  e.kind = std::move(draft.kind);
  e.subject = std::move(draft.subject);
  e.old_value = std::move(draft.old_value);
  e.new_value = std::move(draft.new_value);
  e.prev_hash = head_seq == 0 ? std::string(kTrailGenesis) : std::string(head_hash);
  e.hash = trail_hash(e);
  return e;
}

std::optional<TrailBreak> verify_trail(std::span<const TrailEntry> entries) {
  std::string prev(kTrailGenesis);
  std::int64_t expected = 1;
  for (const TrailEntry& e : entries) {
    if (e.seq != expected) {
      return TrailBreak{e.seq, fmt::format("entry {} follows entry {}: entries are missing", e.seq, expected - 1)};
    }
    if (e.prev_hash != prev) {
      return TrailBreak{e.seq, fmt::format("links to {} but the entry before it has hash {}", e.prev_hash, prev)};
    }
    const std::string recomputed = trail_hash(e);
    if (recomputed != e.hash) {
      return TrailBreak{e.seq, fmt::format("hash {} does not match its content (recomputed {})", e.hash, recomputed)};
    }
    prev = e.hash;
    ++expected;
  }
  return std::nullopt;
}

std::string trail_value(const DocumentRecord& d) {
  json value = {{"name", d.name},
                {"status", assess::to_string(d.status)},
                {"version", d.version},
                {"approved_by", d.approved_by},
                {"approved_on", date_or_null(d.approved_on)},
                {"next_review", date_or_null(d.next_review)},
                {"approved_sha256", d.approved_sha256},
                {"content_sha256", d.content_sha256},
                {"content_size", d.content_size},
                {"revision", d.revision},
                {"updated_at", format_utc(d.updated_at)},
                {"updated_by", d.updated_by}};
  // Only when set: rows written before maps_to existed keep the value their
  // trail entries hold, so `audit verify` still matches them.
  if (!d.maps_to.empty()) value["maps_to"] = d.maps_to;
  return dump(value);
}

json to_json(const Approval& a) {
  return {{"id", a.id},
          {"subject_kind", to_string(a.subject_kind)},
          {"subject_name", a.subject_name},
          {"version", a.version},
          {"sha256", a.sha256},
          {"approved_by", a.approved_by},
          {"approved_at", format_utc(a.approved_at)},
          {"note", a.note}};
}

std::string trail_value(const Approval& a) { return dump(to_json(a)); }

std::string trail_value(const GapAssessment& a) {
  const auto& s = a.summary;
  return dump(json{{"id", s.id},
                   {"as_of", format_date(s.as_of)},
                   {"created_at", format_utc(s.created_at)},
                   {"created_by", s.created_by},
                   {"scores",
                    {{"overall", s.scores.overall},
                     {"risk_management", s.scores.risk_management},
                     {"reporting", s.scores.reporting}}},
                   {"soa_sha256", sha256_hex(a.soa)},
                   {"documents_sha256", sha256_hex(a.documents)},
                   {"entity_sha256", a.entity ? json(sha256_hex(*a.entity)) : json(nullptr)},
                   {"result_sha256", sha256_hex(a.result)},
                   {"report_html_sha256", sha256_hex(a.report_html)}});
}

std::string subject_of_document(std::string_view name) { return "document:" + document_key(name); }
std::string subject_of_approval(std::int64_t id) { return fmt::format("approval:{}", id); }
std::string subject_of_assessment(std::int64_t id) { return fmt::format("assessment:{}", id); }

namespace {

// What existed when an organisation's trail began (its first entry,
// trail.started): documents by key and revision, the highest approval and
// assessment numbers. audit verify counts rows that match it as predating the
// trail, and reports any other row the trail does not account for.
Result<std::string> baseline(sql::Transaction& tx, std::string_view org) {
  nlohmann::json documents = nlohmann::json::object();
  auto registered = TRY(tx.query("SELECT name_key, revision FROM compliance_documents WHERE org_id = $1", {org}));
  for (const sql::Row& row : registered) {
    documents[row.text(0)] = row.integer(1);
  }
  auto highest = [&](std::string_view table, std::string_view column) -> Result<std::int64_t> {
    auto rows =
        TRY(tx.query(fmt::format("SELECT COALESCE(MAX({}), 0) FROM {} WHERE org_id = $1", column, table), {org}));
    return rows.at(0).integer(0);
  };
  // The organisation's users (role, whether disabled) and their tokens (name,
  // whether revoked, a digest of the hash: store/accounts.h), so that verify
  // checks them from the trail's first entry on and never takes a row added
  // later for one older than the trail.
  nlohmann::json users = nlohmann::json::object(), tokens = nlohmann::json::object();
  auto members =
      TRY(tx.query("SELECT u.username, m.role, u.disabled_at FROM memberships m JOIN users u ON u.user_id = m.user_id "
                   "WHERE m.org_id = $1",
                   {org}));
  for (const sql::Row& row : members) {
    users[row.text(0)] = {{"role", row.text(1)}, {"disabled", !row.is_null(2)}};
  }
  auto held = TRY(
      tx.query("SELECT t.token_id, u.username, t.name, t.revoked_at, t.token_hash FROM api_tokens t "
               "JOIN users u ON u.user_id = t.user_id JOIN memberships m ON m.user_id = t.user_id WHERE m.org_id = $1",
               {org}));
  for (const sql::Row& row : held) {
    tokens[std::to_string(row.integer(0))] = {{"user", row.text(1)},
                                              {"name", row.text(2)},
                                              {"revoked", !row.is_null(3)},
                                              {"digest", token_digest(row.text(4))}};
  }
  const auto approvals_up_to = TRY(highest("management_approvals", "approval_id"));
  const auto assessments_up_to = TRY(highest("gap_assessments", "assessment_id"));
  nlohmann::json value{{"documents", documents},
                       {"approvals_up_to", approvals_up_to},
                       {"assessments_up_to", assessments_up_to},
                       {"accounts", {{"users", users}, {"tokens", tokens}}}};
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

namespace {

// Where the trail ends, read back when its write commits (store/chain_seals.h).
Result<std::optional<ChainHeadAt>> trail_head(sql::Transaction& tx, const ChainId& chain) {
  return last_row_head(tx, chain, "record_trail");
}

}  // namespace

ChainId record_trail_chain(std::string_view org) {
  return ChainId{std::string(org), std::string(kRecordTrailChain), "records"};
}

// Appends one entry to the organisation's trail, inside the write that it
// records (the organisation row is locked, so entries are numbered one
// writer at a time). The first entry of an organisation is trail.started.
Result<void> append_trail(sql::Transaction& tx, std::string_view org, TrailDraft draft) {
  // Numbers are taken one writer at a time (a no-op when the write holds the lock already).
  auto locked = TRY(tx.query(
      fmt::format("SELECT org_id FROM organisations WHERE org_id = $1{}", tx.dialect().lock_organisation), {org}));
  if (locked.empty()) return fail(ErrorCode::NotFound, "organisation " + std::string(org), "no such organisation");
  auto head = TRY(tx.query("SELECT seq, hash FROM record_trail WHERE org_id = $1 ORDER BY seq DESC LIMIT 1", {org}));
  std::int64_t seq = head.empty() ? 0 : head[0].integer(0);
  std::string hash = head.empty() ? std::string(kTrailGenesis) : head[0].text(1);
  auto insert = [&](const TrailEntry& e) -> Result<void> {
    TRY(
        tx.query("INSERT INTO record_trail (org_id, seq, recorded_at, actor, kind, subject, old_value, new_value, "
                 "prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                 {org, e.seq, format_utc(e.at), e.actor, e.kind, e.subject, sql::Param(e.old_value),
                  sql::Param(e.new_value), e.prev_hash, e.hash}));
    seq = e.seq;
    hash = e.hash;
    return {};
  };
  touch_chain(tx, record_trail_chain(org), trail_head);
  if (head.empty()) {
    std::string state = TRY(baseline(tx, org));
    TRY(insert(seal_trail(
        org, 0, hash, TrailDraft{draft.at, "vigil", "trail.started", "organisation", std::nullopt, std::move(state)})));
  }
  return insert(seal_trail(org, seq, hash, std::move(draft)));
}

json to_json(const TrailEntry& e) {
  return json{{"seq", e.seq},
              {"at", format_utc(e.at)},
              {"actor", e.actor},
              {"kind", e.kind},
              {"subject", e.subject},
              {"old", value_or_null(e.old_value)},
              {"new", value_or_null(e.new_value)},
              {"prev", e.prev_hash},
              {"hash", e.hash}};
}

}  // namespace vigil::store
