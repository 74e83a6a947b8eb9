// The SupplierStore over sql::Database (store/supplier_store.h): one
// implementation for SQLite and PostgreSQL. An import locks the
// organisation's row first (as every compliance write does), so two imports
// of one organisation run one after the other and the trail records each
// old -> new against the register it really replaced.
#include <functional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "core/text.h"
#include "store/open_sql.h"
#include "store/record_trail.h"
#include "store/sql.h"
#include "store/supplier_store.h"
#include "supplier/impact.h"
#include "supplier/register_input.h"

namespace vigil::store {

using sql::Param;
using sql::Row;
using sql::Transaction;

namespace {

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<void> lock_organisation(Transaction& tx, std::string_view org) {
  auto found = TRY(tx.query(
      fmt::format("SELECT org_id FROM organisations WHERE org_id = $1{}", tx.dialect().lock_organisation), {org}));
  if (found.empty()) return fail(ErrorCode::NotFound, "organisation " + std::string(org), "no such organisation");
  return {};
}

Error damaged(std::string_view org, const Error& why) {
  return Error{ErrorCode::Io,
               fmt::format("supplier register of {}", org),
               "the stored register cannot be read back (" + describe(why) + ")",
               {}};
}

Result<std::optional<SupplierRegisterHead>> read_head(Transaction& tx, std::string_view org) {
  auto rows =
      TRY(tx.query("SELECT revision, sha256, functions, suppliers, dependencies, updated_at, updated_by "
                   "FROM supplier_registers WHERE org_id = $1",
                   {org}));
  if (rows.empty()) return std::optional<SupplierRegisterHead>{};
  const Row& r = rows[0];
  SupplierRegisterHead head;
  head.revision = r.integer(0);
  head.sha256 = r.text(1);
  head.functions = r.integer(2);
  head.suppliers = r.integer(3);
  head.dependencies = r.integer(4);
  head.updated_at = TRY(r.instant(5, "supplier_registers.updated_at").map_error(std::bind_front(damaged, org)));
  head.updated_by = r.text(6);
  return std::optional<SupplierRegisterHead>{std::move(head)};
}

// The stored rows as one JSON document, in stored (canonical) order.
Result<std::string> read_document(Transaction& tx, std::string_view org) {
  std::string doc = "{\"functions\":[";
  auto append = [&](std::string_view query) -> Result<void> {
    auto rows = TRY(tx.query(query, {org}));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i) doc += ',';
      doc += rows[i].text(0);
    }
    return {};
  };
  TRY(append("SELECT body FROM supplier_functions WHERE org_id = $1 ORDER BY position"));
  doc += "],\"suppliers\":[";
  TRY(append("SELECT body FROM supplier_suppliers WHERE org_id = $1 ORDER BY position"));
  doc += "],\"dependencies\":[";
  TRY(append("SELECT body FROM supplier_dependencies WHERE org_id = $1 ORDER BY position"));
  doc += "]}";
  return doc;
}

// Many rows in one statement each (fewer round trips on PostgreSQL); at most
// kBatch rows per statement keeps under every engine's parameter limit.
constexpr std::size_t kBatch = 200;

Result<void> insert_rows(Transaction& tx, std::string_view table, std::string_view columns, std::size_t width,
                         std::size_t count, const std::function<void(std::size_t, std::vector<Param>&)>& row) {
  std::vector<Param> params;
  for (std::size_t start = 0; start < count; start += kBatch) {
    const std::size_t end = std::min(count, start + kBatch);
    params.clear();
    std::string text = fmt::format("INSERT INTO {} ({}) VALUES ", table, columns);
    for (std::size_t i = start; i < end; ++i) {
      text += i == start ? "(" : ", (";
      for (std::size_t c = 0; c < width; ++c) {
        text += fmt::format("{}${}", c ? ", " : "", params.size() + c + 1);
      }
      text += ')';
      row(i, params);
    }
    TRY(tx.query(text, std::span<const Param>(params.data(), params.size())));
  }
  return {};
}

Result<void> replace_rows(Transaction& tx, std::string_view org, const supplier::CanonicalRegister& e) {
  TRY(tx.query("DELETE FROM supplier_functions WHERE org_id = $1", {org}));
  TRY(tx.query("DELETE FROM supplier_suppliers WHERE org_id = $1", {org}));
  TRY(tx.query("DELETE FROM supplier_dependencies WHERE org_id = $1", {org}));
  // Functions and suppliers: each row its id, its position and its canonical body.
  auto insert_bodies = [&](std::string_view table, std::string_view id_column, const std::vector<std::string>& ids,
                           const std::vector<std::string>& bodies) {
    return insert_rows(tx, table, fmt::format("org_id, {}, position, body", id_column), 4, bodies.size(),
                       [&](std::size_t i, std::vector<Param>& p) {
                         p.emplace_back(org);
                         p.emplace_back(ids[i]);
                         p.emplace_back(static_cast<std::int64_t>(i));
                         p.emplace_back(bodies[i]);
                       });
  };
  TRY(insert_bodies("supplier_functions", "function_id", e.function_ids, e.functions));
  TRY(insert_bodies("supplier_suppliers", "supplier_id", e.supplier_ids, e.suppliers));
  TRY(insert_rows(tx, "supplier_dependencies", "org_id, position, from_id, to_id, kind, body", 6, e.dependencies.size(),
                  [&](std::size_t i, std::vector<Param>& p) {
                    const std::string& key = e.dependency_keys[i];
                    const auto first = key.find('\x1f');
                    const auto second = key.find('\x1f', first + 1);
                    p.emplace_back(org);
                    p.emplace_back(static_cast<std::int64_t>(i));
                    p.emplace_back(key.substr(0, first));
                    p.emplace_back(key.substr(first + 1, second - first - 1));
                    p.emplace_back(key.substr(second + 1));
                    p.emplace_back(e.dependencies[i]);
                  }));
  return {};
}

class SupplierRepository final : public SupplierStore {
 public:
  explicit SupplierRepository(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {}

  Result<std::optional<StoredSupplierRegister>> supplier_register(std::string_view org) override {
    struct Read {
      std::optional<SupplierRegisterHead> head;
      std::string doc;
    };
    Read read = TRY(db_->transact(sql::Access::Read, [&](Transaction& tx) -> Result<Read> {
      auto known = TRY(tx.query("SELECT org_id FROM organisations WHERE org_id = $1", {org}));
      if (known.empty()) return fail(ErrorCode::NotFound, "organisation " + std::string(org), "no such organisation");
      Read out;
      out.head = TRY(read_head(tx, org));
      if (out.head) out.doc = TRY(read_document(tx, org));
      return out;
    }));
    if (!read.head) return std::optional<StoredSupplierRegister>{};
    auto reg = supplier::parse_register(read.doc, supplier::DocumentFormat::Json,
                                        fmt::format("stored supplier register of {}", org));
    if (!reg) return tl::unexpected(damaged(org, reg.error()));
    StoredSupplierRegister stored{std::move(*read.head), std::move(*reg), {}};
    stored.canonical = supplier::canonical_register(stored.reg);
    return std::optional<StoredSupplierRegister>{std::move(stored)};
  }

  Result<SupplierImport> import_register(std::string_view org, const supplier::Register& reg,
                                         std::string_view updated_by, Instant updated_at,
                                         std::optional<std::int64_t> if_revision) override {
    const supplier::CanonicalRegister after = supplier::canonical_elements(reg);
    const std::string canonical = supplier::canonical_register(after);
    const std::string sha = sha256_hex(canonical);
    return db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<SupplierImport> {
      TRY(lock_organisation(tx, org));
      SupplierImport out;
      out.previous = TRY(read_head(tx, org));
      const std::int64_t current = out.previous ? out.previous->revision : 0;
      if (if_revision && *if_revision != current) {
        return fail(ErrorCode::Conflict, "If-Match",
                    fmt::format("the supplier register is at revision {}, not {}: read it again and reapply the change",
                                current, *if_revision));
      }
      supplier::CanonicalRegister before;
      if (out.previous) {
        auto doc = TRY(read_document(tx, org));
        auto old = supplier::parse_register(doc, supplier::DocumentFormat::Json,
                                            fmt::format("stored supplier register of {}", org));
        if (!old) return tl::unexpected(damaged(org, old.error()));
        before = supplier::canonical_elements(*old);
        if (out.previous->sha256 == sha && supplier::canonical_register(before) == canonical) {
          out.head = *out.previous;
          out.unchanged = true;
          return out;
        }
      }
      out.changes = supplier::compare(before, after);
      out.head = SupplierRegisterHead{current + 1,
                                      sha,
                                      static_cast<std::int64_t>(after.functions.size()),
                                      static_cast<std::int64_t>(after.suppliers.size()),
                                      static_cast<std::int64_t>(after.dependencies.size()),
                                      updated_at,
                                      std::string(updated_by)};
      TRY(replace_rows(tx, org, after));
      const SupplierRegisterHead& h = out.head;
      TRY(
          tx.query("INSERT INTO supplier_registers (org_id, revision, sha256, functions, suppliers, dependencies, "
                   "updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                   "ON CONFLICT (org_id) DO UPDATE SET revision = excluded.revision, sha256 = excluded.sha256, "
                   "functions = excluded.functions, suppliers = excluded.suppliers, "
                   "dependencies = excluded.dependencies, updated_at = excluded.updated_at, "
                   "updated_by = excluded.updated_by",
                   {org, h.revision, h.sha256, h.functions, h.suppliers, h.dependencies, format_utc(h.updated_at),
                    h.updated_by}));
      TRY(append_trail(
          tx, org,
          TrailDraft{updated_at, std::string(updated_by), "suppliers.imported", std::string(kSupplierSubject),
                     out.previous ? std::optional<std::string>(trail_value(*out.previous)) : std::nullopt,
                     trail_value(h, out.changes)}));
      return out;
    });
  }

 private:
  std::unique_ptr<sql::Database> db_;
};

nlohmann::json head_json(const SupplierRegisterHead& h) {
  return nlohmann::json{{"revision", h.revision},
                        {"sha256", h.sha256},
                        {"functions", h.functions},
                        {"suppliers", h.suppliers},
                        {"dependencies", h.dependencies}};
}

nlohmann::json changes_json(const supplier::ElementChanges& c) {
  return nlohmann::json{{"added", c.added}, {"removed", c.removed}, {"changed", c.changed}};
}

}  // namespace

std::string trail_value(const SupplierRegisterHead& head) { return dump(head_json(head)); }

std::string trail_value(const SupplierRegisterHead& head, const supplier::RegisterChanges& changes) {
  nlohmann::json value = head_json(head);
  value["changes"] = {{"functions", changes_json(changes.functions)},
                      {"suppliers", changes_json(changes.suppliers)},
                      {"dependencies", changes_json(changes.dependencies)}};
  return dump(value);
}

Result<incident::SupplierCause> supplier_cause(SupplierStore& store, std::string_view org, std::string_view supplier_id,
                                               std::string_view where) {
  auto stored = TRY(store.supplier_register(org));
  if (!stored) {
    return fail(ErrorCode::InvalidInput, std::string(where),
                fmt::format("organisation {} has no stored supplier register, so no supplier can be named", org),
                {HintKind::StoreSupplierRegister, std::string(org)});
  }
  const supplier::Register& reg = stored->reg;
  const auto index = reg.find_supplier(supplier_id);
  if (!index) {
    std::vector<std::string_view> ids;
    ids.reserve(reg.suppliers.size());
    for (const auto& s : reg.suppliers) ids.push_back(s.id);
    const auto close = nearest(supplier_id, ids);
    return fail(ErrorCode::InvalidInput, std::string(where),
                fmt::format("'{}' is not a supplier id of the stored register{}", excerpt(supplier_id),
                            close.empty() ? std::string() : fmt::format(" (did you mean {}?)", or_list(close))),
                {HintKind::ListSupplierIds, std::string(org)});
  }
  auto what_if = TRY(supplier::impact(reg, {supplier::ImpactScope::Supplier, std::string(supplier_id)}));
  incident::SupplierCause cause{reg.suppliers[*index].id, reg.suppliers[*index].name, {}};
  for (const auto& f : what_if.functions) cause.functions.push_back({f.id, f.name, f.critical, f.fails});
  return cause;
}

Result<std::unique_ptr<SupplierStore>> open_suppliers(const std::string& location, SealerRef sealer) {
  return std::unique_ptr<SupplierStore>(
      std::make_unique<SupplierRepository>(TRY(open_sql(location, std::move(sealer)))));
}

}  // namespace vigil::store
