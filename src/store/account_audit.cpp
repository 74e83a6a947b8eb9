// The account tables checked against the record trail (store/audit.h,
// verify_accounts): what the trail says each member's role, disabled state
// and each token's owner, name, revocation and hash digest are now, rebuilt
// from the organisation's account entries, compared with the tables.
//
// Which rows are older than the trail: a trail that began listing the
// organisation's accounts (trail.started's "accounts") leaves none, every
// later row must have its entry; so does an organisation added since the
// workspace's chain of organisations exists (its accounts are recorded from
// its creation, AccountStore::recorded_from_creation). A trail that began before that has no such
// list: a role or token without an entry is then counted as older than the
// trail when its user or token was created before the organisation's first
// account entry (account changes were not recorded before it), and reported
// as written outside Vigil when created after it.
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/audit.h"

namespace vigil::store {

namespace {

using nlohmann::json;

struct UserState {
  std::optional<std::string> role;  // nullopt with role_known: the role was ended
  bool role_known = false;
  std::optional<bool> disabled;
  std::int64_t role_seq = 0;
  std::int64_t disabled_seq = 0;
};

struct TokenState {
  std::string user;
  std::string name;
  bool revoked = false;
  std::optional<std::string> digest;
  std::int64_t seq = 0;
};

bool is_account_kind(std::string_view kind) {
  return kind.starts_with("membership.") || kind.starts_with("user.") || kind.starts_with("token.");
}

std::string where(std::int64_t seq) { return seq ? fmt::format("entry {}", seq) : "trail.started"; }

// One token value ({"user","name","revoked"[,"digest"]}); nullopt when unreadable.
std::optional<TokenState> read_token_value(const json& v, std::int64_t seq) {
  if (!v.is_object() || !v.contains("user") || !v["user"].is_string() || !v.contains("name") ||
      !v["name"].is_string() || !v.contains("revoked") || !v["revoked"].is_boolean()) {
    return std::nullopt;
  }
  TokenState t{v["user"].get<std::string>(), v["name"].get<std::string>(), v["revoked"].get<bool>(), std::nullopt, seq};
  if (v.contains("digest") && v["digest"].is_string()) t.digest = v["digest"].get<std::string>();
  return t;
}

std::optional<std::int64_t> token_id(std::string_view key) {
  if (key.empty() || key.size() > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

const char* state(bool disabled) { return disabled ? "disabled" : "enabled"; }

}  // namespace

Result<RecordTrailVerification::Accounts> verify_accounts(AccountStore& accounts, std::string_view org,
                                                          std::span<const TrailEntry> trail,
                                                          std::vector<std::string>& findings) {
  RecordTrailVerification::Accounts out;
  std::map<std::string, UserState> users;
  std::map<std::int64_t, TokenState> tokens;
  bool listed = false;  // trail.started listed the accounts: no row is older than the trail
  std::optional<Instant> first_account_entry;
  auto unreadable = [&](std::int64_t seq) {
    findings.push_back(fmt::format("record trail {}: its account value is not readable", where(seq)));
  };
  auto read_tokens = [&](const json& list, std::int64_t seq) {
    if (!list.is_object()) return unreadable(seq);
    for (const auto& [key, value] : list.items()) {
      auto id = token_id(key);
      auto t = read_token_value(value, seq);
      if (!id || !t) return unreadable(seq);
      tokens[*id] = *t;
    }
  };

  for (const TrailEntry& e : trail) {
    if (e.kind == "trail.started" && e.seq == 1 && e.new_value) {
      const json started = json::parse(*e.new_value, nullptr, false);
      if (!started.is_object() || !started.contains("accounts")) continue;
      const json& a = started["accounts"];
      if (!a.is_object() || !a.contains("users") || !a["users"].is_object() || !a.contains("tokens")) {
        unreadable(0);
        continue;
      }
      listed = true;
      for (const auto& [name, value] : a["users"].items()) {
        if (!value.is_object() || !value.contains("role") || !value["role"].is_string() ||
            !value.contains("disabled") || !value["disabled"].is_boolean()) {
          unreadable(0);
          continue;
        }
        users[name] = UserState{value["role"].get<std::string>(), true, value["disabled"].get<bool>(), 0, 0};
      }
      read_tokens(a["tokens"], 0);
      continue;
    }
    if (!is_account_kind(e.kind)) continue;
    if (!first_account_entry) first_account_entry = e.at;
    const json value = e.new_value ? json::parse(*e.new_value, nullptr, false) : json(nullptr);
    if (e.subject.starts_with("user:")) {
      UserState& u = users[e.subject.substr(5)];
      if (e.kind == "membership.granted") {
        if (!value.is_object() || !value.contains("role") || !value["role"].is_string()) {
          unreadable(e.seq);
          continue;
        }
        u.role = value["role"].get<std::string>();
        u.role_known = true;
        u.role_seq = e.seq;
        // Since digests were added, a grant carries the user's state and tokens.
        if (value.contains("disabled") && value["disabled"].is_boolean()) {
          u.disabled = value["disabled"].get<bool>();
          u.disabled_seq = e.seq;
        }
        if (value.contains("tokens")) read_tokens(value["tokens"], e.seq);
      } else if (e.kind == "membership.revoked") {
        u.role.reset();
        u.role_known = true;
        u.role_seq = e.seq;
      } else if (e.kind == "user.disabled" || e.kind == "user.enabled") {
        u.disabled = e.kind == "user.disabled";
        u.disabled_seq = e.seq;
      }
    } else if (e.subject.starts_with("token:")) {
      auto id = token_id(std::string_view(e.subject).substr(6));
      auto t = read_token_value(value, e.seq);
      if (!id || !t) {
        unreadable(e.seq);
        continue;
      }
      tokens[*id] = *t;
    }
  }

  // Older than the trail's account entries: only on a trail that did not list
  // its accounts when it began, and only for rows created before its first
  // one; never in an organisation whose accounts are recorded from its
  // creation (added with `org add` on the chain of organisations): there a
  // role without its entry was planted, however empty the trail.
  const bool from_creation = TRY(accounts.recorded_from_creation(org));
  auto older = [&](Instant created) {
    return !listed && !from_creation && (!first_account_entry || created < *first_account_entry);
  };

  std::set<std::string> members;
  std::set<std::int64_t> seen_tokens;
  auto listed_members = TRY(accounts.members(org));
  for (const Member& m : listed_members) {
    const std::string& name = m.user.username;
    const std::string role(to_string(m.role));
    const bool disabled = m.user.disabled_at.has_value();
    members.insert(name);
    ++out.users;
    const auto found = users.find(name);
    const UserState* u = found == users.end() ? nullptr : &found->second;
    if (u && u->role_known) {
      if (!u->role) {
        findings.push_back(
            fmt::format("user {}: role is {}, the trail says the role was ended ({})", name, role, where(u->role_seq)));
      } else if (*u->role != role) {
        findings.push_back(
            fmt::format("user {}: role is {}, the trail says {} ({})", name, role, *u->role, where(u->role_seq)));
      }
    } else if (older(m.user.created_at)) {
      ++out.predating;
    } else {
      findings.push_back(fmt::format(
          "user {}: role is {}, but the trail records no role granted here (written outside Vigil?)", name, role));
    }
    if (u && u->disabled) {
      if (*u->disabled != disabled) {
        findings.push_back(fmt::format("user {}: is {}, the trail says {} ({})", name, state(disabled),
                                       state(*u->disabled), where(u->disabled_seq)));
      }
    } else if (disabled && !older(m.user.created_at)) {
      // A user is created enabled; being disabled needs an entry.
      findings.push_back(
          fmt::format("user {}: is disabled, but the trail records no user.disabled (written outside Vigil?)", name));
    }
    auto held = TRY(accounts.tokens(m.user.id));
    for (const ApiToken& t : held) {
      ++out.tokens;
      seen_tokens.insert(t.id);
      const std::string what = fmt::format("token {} ({}, '{}')", t.id, name, t.name);
      const auto at = tokens.find(t.id);
      if (at == tokens.end()) {
        if (older(t.created_at)) {
          ++out.predating;
        } else {
          findings.push_back(fmt::format("{}: is not on the record trail (written outside Vigil?)", what));
        }
        continue;
      }
      const TokenState& s = at->second;
      if (s.user != name) {
        findings.push_back(fmt::format("{}: belongs to {}, the trail says {} ({})", what, name, s.user, where(s.seq)));
      }
      if (s.name != t.name) {
        findings.push_back(
            fmt::format("{}: name is '{}', the trail says '{}' ({})", what, t.name, s.name, where(s.seq)));
      }
      if (s.revoked != t.revoked_at.has_value()) {
        findings.push_back(fmt::format("{}: is {}, the trail says {} ({})", what,
                                       t.revoked_at ? "revoked" : "not revoked", s.revoked ? "revoked" : "not revoked",
                                       where(s.seq)));
      }
      if (!s.digest) {
        ++out.undigested;
      } else if (*s.digest != token_digest(t.token_hash)) {
        findings.push_back(
            fmt::format("{}: its hash is not the one the trail recorded a digest of ({}): another "
                        "token was put in its place",
                        what, where(s.seq)));
      }
    }
  }
  for (const auto& [name, u] : users) {
    if (u.role_known && u.role && !members.count(name)) {
      findings.push_back(
          fmt::format("user {}: has no role here, the trail says {} ({})", name, *u.role, where(u.role_seq)));
    }
  }
  for (const auto& [id, t] : tokens) {
    // A revocation is never undone through Vigil, so a token the trail says
    // revoked must still be revoked, even when its user no longer has a role
    // here (its later changes are then recorded elsewhere, or nowhere).
    if (t.revoked && !members.count(t.user) && !seen_tokens.count(id)) {
      auto row = accounts.token_by_id(id);
      if (row && !row->revoked_at) {
        findings.push_back(fmt::format("token {} ({}, '{}'): is not revoked, the trail says revoked ({})", id, t.user,
                                       t.name, where(t.seq)));
      } else if (!row && row.error().code != ErrorCode::NotFound) {
        return tl::unexpected(row.error());
      }
      continue;
    }
    // Only the tokens of the organisation's members are read from the tables.
    if (!members.count(t.user) || seen_tokens.count(id)) continue;
    findings.push_back(fmt::format("token {} ({}, '{}'): is on the record trail ({}) but no longer in the tables", id,
                                   t.user, t.name, where(t.seq)));
  }
  return out;
}

}  // namespace vigil::store
