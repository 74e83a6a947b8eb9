#include "store/chain_seals.h"

#include <chrono>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "store/open_sql.h"
#include "store/workspace_trail.h"

namespace vigil::store {

using sql::Row;
using sql::Transaction;

namespace {

// The engine's transaction, plus the chains the work touched.
class SealingTransaction final : public Transaction {
 public:
  explicit SealingTransaction(Transaction& inner) : Transaction(inner.dialect()), inner_(inner) {}
  using Transaction::query;
  Result<sql::Rows> query(std::string_view text, std::span<const sql::Param> params) override {
    return inner_.query(text, params);
  }
  Result<void> execute(std::string_view script) override { return inner_.execute(script); }

  void touch(ChainId chain, HeadReader read_head) { touched_.emplace(std::move(chain), read_head); }
  const std::map<ChainId, HeadReader>& touched() const { return touched_; }

 private:
  Transaction& inner_;
  std::map<ChainId, HeadReader> touched_;  // ordered: a batch seals its chains in a stable order
};

std::string joined(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& step : path) out += (out.empty() ? "" : " ") + step;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string step; in >> step;) out.push_back(step);
  return out;
}

Seal read_row(std::string_view org, const Row& row) {
  Seal s;
  s.head.chain = ChainId{std::string(org), row.text(0), row.text(1)};
  s.head.seq = row.integer(2);
  s.head.hash = row.text(3);
  s.key_id = row.text(4);
  s.signature = row.text(5);
  s.path = split(row.text(6));
  s.sealed_at = row.instant(7, "chain_seals.sealed_at").value_or(Instant{});
  return s;
}

constexpr std::string_view kSealColumns = "chain_kind, chain_id, seq, head_hash, key_id, signature, path, sealed_at";

Result<void> write_seal(Transaction& tx, const Seal& s) {
  TRY(tx.query(
      "INSERT INTO chain_seals (org_id, chain_kind, chain_id, seq, head_hash, key_id, signature, path, sealed_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (org_id, chain_kind, chain_id) DO UPDATE SET "
      "seq = excluded.seq, head_hash = excluded.head_hash, key_id = excluded.key_id, signature = excluded.signature, "
      "path = excluded.path, sealed_at = excluded.sealed_at",
      {s.head.chain.org, s.head.chain.kind, s.head.chain.id, s.head.seq, s.head.hash, s.key_id, s.signature,
       joined(s.path), format_utc(s.sealed_at)}));
  return {};
}

// Each organisation among `heads` whose set of sealed chains changes (a
// chain sealed for the first time) gets its set, as one more head of the
// commit; it is read under the organisation's row lock, so that concurrent
// commits add their chains one after the other. The set is started from the
// seals there are when it has none yet (seals made before it was signed);
// when it is missing while those seals say it was signed, it was deleted,
// and starting it again would hide that: refused.
Result<void> add_sealed_sets(Transaction& tx, const Sealer& sealer, std::vector<ChainHeadAt>& heads) {
  std::map<std::string, std::vector<ChainId>> added;
  std::set<std::string> orgs;
  for (const ChainHeadAt& head : heads) {
    orgs.insert(head.chain.org);
    if (!TRY(read_seal(tx, head.chain))) added[head.chain.org].push_back(head.chain);
  }
  std::vector<ChainHeadAt> sets;
  for (const std::string& org : orgs) {
    const auto new_chains = added.find(org);
    std::optional<Seal> sealed;
    if (new_chains == added.end()) {
      // Nothing new: the set stands unless it is missing.
      sealed = TRY(read_seal(tx, sealed_set_chain(org)));
      if (sealed) continue;
    }
    TRY(tx.query(fmt::format("SELECT org_id FROM organisations WHERE org_id = $1{}", tx.dialect().lock_organisation),
                 {org}));
    sealed = TRY(read_seal(tx, sealed_set_chain(org)));
    ChainHeadAt set;
    if (sealed) {
      set = sealed->head;
    } else {
      const auto existing = TRY(read_seals(tx, org));
      for (const Seal& s : existing) {
        if (sealer.public_key().signs_sealed_set(s)) {
          return fail(ErrorCode::Conflict, "organisation " + org,
                      "the seal of its set of sealed chains is missing (deleted from the database?); nothing is "
                      "written until this is resolved",
                      {HintKind::VerifyChains, {}});
        }
      }
      if (existing.empty() && new_chains == added.end()) continue;
      set = sealed_set_head(org, existing);
    }
    if (new_chains != added.end()) {
      for (const ChainId& chain : new_chains->second) set = with_sealed_chain(std::move(set), chain);
    }
    sets.push_back(std::move(set));
  }
  heads.insert(heads.end(), std::make_move_iterator(sets.begin()), std::make_move_iterator(sets.end()));
  return {};
}

// Before commit: the heads of the chains touched, sealed under one signature;
// without a key, refused if the organisation's chains are sealed.
Result<void> seal_touched(SealingTransaction& tx, const Sealer* sealer) {
  if (tx.touched().empty()) return {};
  if (!sealer) {
    std::string last_org;
    for (const auto& [chain, reader] : tx.touched()) {
      if (chain.org == last_org) continue;
      last_org = chain.org;
      auto sealed = TRY(tx.query("SELECT key_id FROM chain_seals WHERE org_id = $1 LIMIT 1", {chain.org}));
      if (!sealed.empty()) {
        return fail(ErrorCode::Forbidden, "seal key",
                    fmt::format("the chains of organisation '{}' are sealed (key {}); a write without the seal key "
                                "would leave its seal behind",
                                chain.org, sealed[0].text(0)),
                    {HintKind::GiveSealKey, {}});
      }
    }
    return {};
  }
  std::vector<ChainHeadAt> heads;
  heads.reserve(tx.touched().size() + 1);
  for (const auto& [chain, reader] : tx.touched()) {
    if (auto head = TRY(reader(tx, chain))) heads.push_back(std::move(*head));
  }
  TRY(add_sealed_sets(tx, *sealer, heads));
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  for (const Seal& s : sealer->seal(heads, now)) TRY(write_seal(tx, s));
  return {};
}

class SealingDatabase final : public sql::Database {
 public:
  SealingDatabase(std::unique_ptr<sql::Database> inner, SealerRef sealer)
      : inner_(std::move(inner)), sealer_(std::move(sealer)) {}

  Result<void> run(sql::Access access, const std::function<Result<void>(Transaction&)>& work) override {
    if (access == sql::Access::Read) return inner_->run(access, work);
    // A fresh list on every run: PostgreSQL may run the work again.
    return inner_->run(access, [&](Transaction& tx) -> Result<void> {
      SealingTransaction sealing(tx);
      TRY(work(sealing));
      return seal_touched(sealing, sealer_.get());
    });
  }

 private:
  std::unique_ptr<sql::Database> inner_;
  SealerRef sealer_;
};

}  // namespace

Result<std::optional<ChainHeadAt>> last_row_head(Transaction& tx, const ChainId& chain, std::string_view table,
                                                 std::string_view id_column) {
  std::string text = fmt::format("SELECT seq, hash FROM {} WHERE org_id = $1", table);
  std::vector<sql::Param> params{chain.org};
  if (!id_column.empty()) {
    text += fmt::format(" AND {} = $2", id_column);
    params.emplace_back(chain.id);
  }
  auto rows = TRY(tx.query(text + " ORDER BY seq DESC LIMIT 1", params));
  if (rows.empty()) return std::optional<ChainHeadAt>();
  return std::optional<ChainHeadAt>(ChainHeadAt{chain, rows[0].integer(0), rows[0].text(1)});
}

void touch_chain(Transaction& tx, ChainId chain, HeadReader read_head) {
  if (auto* sealing = dynamic_cast<SealingTransaction*>(&tx)) sealing->touch(std::move(chain), read_head);
}

std::unique_ptr<sql::Database> sealing_database(std::unique_ptr<sql::Database> db, SealerRef sealer) {
  return std::make_unique<SealingDatabase>(std::move(db), std::move(sealer));
}

Result<std::vector<Seal>> read_seals(Transaction& tx, std::string_view org) {
  auto rows = TRY(tx.query(
      fmt::format("SELECT {} FROM chain_seals WHERE org_id = $1 ORDER BY chain_kind, chain_id", kSealColumns), {org}));
  std::vector<Seal> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(read_row(org, row));
  return out;
}

Result<std::optional<Seal>> read_seal(Transaction& tx, const ChainId& chain) {
  auto rows = TRY(tx.query(fmt::format("SELECT {} FROM chain_seals WHERE org_id = $1 AND chain_kind = $2 AND "
                                       "chain_id = $3",
                                       kSealColumns),
                           {chain.org, chain.kind, chain.id}));
  if (rows.empty()) return std::optional<Seal>();
  return std::optional<Seal>(read_row(chain.org, rows[0]));
}

Result<std::vector<Seal>> SealRecords::seals(std::string_view org) {
  return db_->transact(sql::Access::Read, [&](Transaction& tx) { return read_seals(tx, org); });
}

Result<std::optional<Seal>> SealRecords::seal(const ChainId& chain) {
  return db_->transact(sql::Access::Read, [&](Transaction& tx) { return read_seal(tx, chain); });
}

Result<std::optional<ChainHeadAt>> SealRecords::workspace_head(std::string_view org) {
  return db_->transact(sql::Access::Read,
                       [&](Transaction& tx) { return read_workspace_head(tx, workspace_chain(org)); });
}

Result<std::unique_ptr<SealRecords>> open_seals(const std::string& location) {
  return std::make_unique<SealRecords>(TRY(open_sql(location)));
}

}  // namespace vigil::store
