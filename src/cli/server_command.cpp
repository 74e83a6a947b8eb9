// `vigil serve` and the commands that bootstrap a deployment: `org add`,
// `user add`, `user grant`, `token create`, and `backup`. Passwords are read
// from standard input or --password-file, never from the command line (where
// other users could read them in the process list).
//
// JSON shapes (stable):
//   org add:      {"org", "name"}
//   user add:     {"username", "org", "role"}
//   user grant:   {"username", "org", "role"}
//   token create: {"username", "name", "token"}   (the token is shown only here)
//   user list:    {"workspace", "org", "users": [{"username", "role", "created_at", "disabled_at"}]}
//   token list:   {"workspace", "user" | "org", "tokens": [{"id", "username", "name", "created_at", "revoked_at"}]}
//   Every object also names its "workspace" (the --db value).
//   user disable|enable|revoke|reset-password, token revoke: {"username"|"id", ...}
// Account changes made here (user add, grant, disable, enable, revoke,
// reset-password, token create, token revoke) are on the record trail of the
// user's organisations, and `org add` on the workspace's chain of
// organisations (store/workspace_trail.h), by "<login name> (command line)",
// or with --by NAME by "NAME (command line)" (NAME: 1 to 100 characters of
// one-line text, checked before the workspace is opened): the login name of
// a shared service account says little about who ran the command. Neither
// is authenticated: whoever runs these commands holds the database. They
// act on the whole account, across every
// organisation the user belongs to, without asking for an administrator of
// each: the server refuses that to an organisation's administrator (one
// tenant may not take over another's user), but whoever runs these commands
// holds the workspace database itself, and with it every organisation.
//   backup:       {"from", "to", "pages", "bytes"}
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/workspace.h"
#include "core/text.h"
#include "server/credentials.h"
#include "server/demo.h"
#include "server/server.h"
#include "store/accounts.h"
#include "store/sqlite_backup.h"

namespace vigil::cli {

namespace {

using nlohmann::json;

struct Common {
  std::string db = "vigil.db";
  std::string by;        // --by: who makes the change (default: the login name)
  std::string seal_key;  // account changes are on the record trail, which is sealed with it
  Format format = Format::Text;
  bool verbose = false;
};

void add_common(CLI::App& command, Common& common) {
  command.add_option("--db", common.db, "Workspace database (SQLite file); default ./vigil.db")
      ->envname("VIGIL_DB")
      ->option_text("PATH");
  add_seal_key(command, common.seal_key);
  add_format_option(command, common.format);
  command.add_flag("--verbose,-v", common.verbose, "Name the workspace used (on standard error)");
}

// --by, on the commands that change accounts or organisations.
void add_by(CLI::App& command, Common& common) {
  command
      .add_option("--by", common.by,
                  "Who makes the change, as the trail records it: \"NAME (command line)\" (default: the login name)")
      ->option_text("NAME");
}

// Who made a change from the command line: --by, else the operator's login
// name. Checked before the workspace is opened.
Result<store::AccountChange> cli_change(const Common& common) {
  auto instant = now();
  const Instant at = instant ? *instant : Instant{};
  if (common.by.empty()) {
    const char* login = std::getenv("USER");
    return store::AccountChange{fmt::format("{} (command line)", login && *login ? login : "operator"), at};
  }
  if (is_blank(common.by) || common.by.size() > 100) return invalid("--by", "a name of 1 to 100 characters");
  TRY(require_safe_text(common.by, "--by"));
  return store::AccountChange{fmt::format("{} (command line)", common.by), at};
}

// Only `org add` and `user add` create a workspace (with its default
// organisation); every other account command reads or changes one that
// exists, so a typo in --db is an error, not a new file.
Result<std::unique_ptr<store::AccountStore>> open_accounts(const Common& common,
                                                           WorkspaceAccess access = WorkspaceAccess::MustExist) {
  if (access == WorkspaceAccess::MustExist) TRY(require_workspace(common.db));
  if (common.verbose) std::fprintf(stderr, "vigil: workspace %s\n", terminal_text(common.db).c_str());
  store::SealerRef sealer;
  if (!common.seal_key.empty()) sealer = TRY(store::Sealer::load(common.seal_key));
  return store::open_accounts(common.db, std::move(sealer));
}

// Prints JSON (naming the workspace, as every command that uses one does) or
// the text line; other formats render a one-row table.
void emit(const Common& common, const json& body, const std::string& text) {
  if (common.format == Format::Json) {
    json named = body;
    named["workspace"] = common.db;
    print(named.dump(2) + "\n");
  } else if (common.format == Format::Text) {
    print(text);
  } else {
    Table table;
    std::vector<std::string> row;
    for (const auto& [k, v] : body.items()) {
      table.columns.push_back(k);
      row.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    }
    table.rows.push_back(row);
    print(render(table, common.format));
  }
}

Result<std::string> read_password(const std::string& password_file) {
  std::string text;
  if (!password_file.empty()) {
    text = TRY(read_file(password_file));
  } else {
    if (isatty(STDIN_FILENO)) std::fputs("Password (input is not hidden; prefer --password-file): ", stderr);
    std::getline(std::cin, text);
  }
  auto newline = text.find_first_of("\r\n");
  if (newline != std::string::npos) text.resize(newline);
  const std::string where = password_file.empty() ? "standard input" : password_file;
  if (text.size() < 12) return invalid(where, "the password must have at least 12 characters");
  return text;
}

Result<void> run_org_add(const Common& common, const std::string& slug, const std::string& name) {
  for (char c : slug) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-')) {
      return invalid("ORG", "'" + slug + "' may hold only a-z, 0-9 and '-' (it appears in URLs)");
    }
  }
  if (slug.empty() || slug.size() > 64) return invalid("ORG", "must have 1 to 64 characters");
  TRY(require_safe_text(name, "--name"));
  const store::AccountChange change = TRY(cli_change(common));
  auto accounts = TRY(open_accounts(common, WorkspaceAccess::MayCreate));
  auto org = TRY(accounts->add_organisation(slug, name.empty() ? slug : name, change));
  emit(common, {{"org", org.slug}, {"name", org.name}},
       fmt::format("Added organisation {} ({}).\n", org.slug, org.name));
  return {};
}

Result<void> run_user_add(const Common& common, const std::string& username, const std::string& org,
                          const std::string& role_text, const std::string& password_file) {
  if (is_blank(username) || username.size() > 64) return invalid("USERNAME", "must have 1 to 64 characters");
  TRY(require_safe_text(username, "USERNAME"));
  auto role = TRY(store::parse_role(role_text, "--role"));
  const store::AccountChange change = TRY(cli_change(common));
  auto accounts = TRY(open_accounts(common, WorkspaceAccess::MayCreate));
  TRY(accounts->find_organisation(org));
  auto password = TRY(read_password(password_file));
  auto hash = TRY(server::hash_password(password));
  auto user = TRY(accounts->add_user(username, hash, change.at));
  TRY(accounts->grant(user.id, org, role, change));
  emit(common, {{"username", username}, {"org", org}, {"role", role_text}},
       fmt::format("Added user {} ({} of {}).\n", username, role_text, org));
  return {};
}

Result<void> run_user_grant(const Common& common, const std::string& username, const std::string& org,
                            const std::string& role_text) {
  auto role = TRY(store::parse_role(role_text, "--role"));
  const store::AccountChange change = TRY(cli_change(common));
  auto accounts = TRY(open_accounts(common));
  auto user = TRY(accounts->find_user(username));
  TRY(accounts->grant(user.id, org, role, change));
  emit(common, {{"username", username}, {"org", org}, {"role", role_text}},
       fmt::format("{} is now {} of {}.\n", username, role_text, org));
  return {};
}

Result<void> run_token_create(const Common& common, const std::string& username, const std::string& name) {
  if (is_blank(name)) return invalid("--name", "a name of 1 to 100 characters, e.g. ci");
  TRY(require_safe_text(name, "--name"));
  const store::AccountChange change = TRY(cli_change(common));
  auto accounts = TRY(open_accounts(common));
  auto user = TRY(accounts->find_user(username));
  std::string token = server::random_token();
  TRY(accounts->add_token(server::sha256_hex(token), user.id, name, change));
  emit(common, {{"username", username}, {"name", name}, {"token", token}},
       fmt::format("API token '{}' for {} (shown only now; send as 'Authorization: Bearer <token>'):\n{}\n", name,
                   username, token));
  return {};
}

std::string optional_time(const std::optional<Instant>& at) { return at ? format_utc(*at) : ""; }

Result<void> run_user_list(const Common& common, const std::string& org) {
  auto accounts = TRY(open_accounts(common));
  TRY(accounts->find_organisation(org));
  auto members = TRY(accounts->members(org));
  json out = json::array();
  Table table{{"username", "role", "created (UTC)", "disabled (UTC)"}, {}};
  for (const auto& m : members) {
    out.push_back({{"username", m.user.username},
                   {"role", store::to_string(m.role)},
                   {"created_at", format_utc(m.user.created_at)},
                   {"disabled_at", m.user.disabled_at ? json(format_utc(*m.user.disabled_at)) : json(nullptr)}});
    table.rows.push_back({m.user.username, std::string(store::to_string(m.role)), format_utc(m.user.created_at),
                          optional_time(m.user.disabled_at)});
  }
  // JSON: {"workspace", "org", "users": [...]}, as GET .../users answers {"users": [...]}.
  print(common.format == Format::Json ? json{{"workspace", common.db}, {"org", org}, {"users", out}}.dump(2) + "\n"
                                      : render(table, common.format));
  return {};
}

Result<void> run_user_disable(const Common& common, const std::string& username, bool disabled) {
  const store::AccountChange change = TRY(cli_change(common));
  auto accounts = TRY(open_accounts(common));
  auto user = TRY(accounts->find_user(username));
  TRY(accounts->set_disabled(user.id, disabled, change));
  emit(common, {{"username", username}, {"disabled", disabled}},
       disabled ? fmt::format("Disabled {}: no sign-in, no token, every session ended.\n", username)
                : fmt::format("Enabled {} again.\n", username));
  return {};
}

Result<void> run_user_revoke(const Common& common, const std::string& username, const std::string& org) {
  const store::AccountChange change = TRY(cli_change(common));
  auto accounts = TRY(open_accounts(common));
  auto user = TRY(accounts->find_user(username));
  TRY(accounts->revoke_membership(user.id, org, change));
  emit(common, {{"username", username}, {"org", org}, {"role", nullptr}},
       fmt::format("{} has no role in {} any more.\n", username, org));
  return {};
}

Result<void> run_user_reset_password(const Common& common, const std::string& username,
                                     const std::string& password_file) {
  const store::AccountChange change = TRY(cli_change(common));
  auto accounts = TRY(open_accounts(common));
  auto user = TRY(accounts->find_user(username));
  auto password = TRY(read_password(password_file));
  auto hash = TRY(server::hash_password(password));
  TRY(accounts->reset_password(user.id, hash, change));
  emit(common, {{"username", username}, {"sessions_ended", true}},
       fmt::format("New password set for {}; every session of theirs ended.\n", username));
  return {};
}

Result<void> run_token_list(const Common& common, const std::string& username, const std::string& org) {
  if (username.empty() == org.empty()) return invalid("--user", "give either --user USERNAME or --org ORG");
  auto accounts = TRY(open_accounts(common));
  std::vector<store::User> users;
  if (!username.empty()) {
    users.push_back(TRY(accounts->find_user(username)));
  } else {
    TRY(accounts->find_organisation(org));
    auto members = TRY(accounts->members(org));
    for (auto& m : members) users.push_back(std::move(m.user));
  }
  json out = json::array();
  Table table{{"id", "username", "name", "created (UTC)", "revoked (UTC)"}, {}};
  for (const auto& u : users) {
    auto tokens = TRY(accounts->tokens(u.id));
    for (const auto& t : tokens) {
      out.push_back({{"id", t.id},
                     {"username", u.username},
                     {"name", t.name},
                     {"created_at", format_utc(t.created_at)},
                     {"revoked_at", t.revoked_at ? json(format_utc(*t.revoked_at)) : json(nullptr)}});
      table.rows.push_back(
          {std::to_string(t.id), u.username, t.name, format_utc(t.created_at), optional_time(t.revoked_at)});
    }
  }
  // JSON: {"workspace", "user" or "org", "tokens": [...]}, as GET .../tokens answers {"tokens": [...]}.
  json named{{"workspace", common.db}, {"tokens", out}};
  if (!username.empty()) named["user"] = username;
  else named["org"] = org;
  print(common.format == Format::Json ? named.dump(2) + "\n" : render(table, common.format));
  return {};
}

Result<void> run_token_revoke(const Common& common, std::int64_t id) {
  const store::AccountChange change = TRY(cli_change(common));
  auto accounts = TRY(open_accounts(common));
  TRY(accounts->revoke_token(id, change));
  emit(common, {{"id", id}, {"revoked", true}}, fmt::format("Revoked API token {}: it authenticates no more.\n", id));
  return {};
}

int run_backup(const Common& common, const std::string& to) {
  if (auto exists = require_workspace(common.db); !exists) return report(exists.error());
  if (common.verbose) std::fprintf(stderr, "vigil: workspace %s\n", terminal_text(common.db).c_str());
  auto stats = store::backup_sqlite(common.db, to);
  if (!stats) return report(stats.error());
  emit(common, {{"from", common.db}, {"to", to}, {"pages", stats->pages}, {"bytes", stats->bytes}},
       fmt::format("Backed up {} to {} ({} bytes).\n", common.db, to, stats->bytes));
  return 0;
}

// --- serve -------------------------------------------------------------------

struct ServeOptions {
  std::map<std::string, std::string> values;  // setting key -> flag text
  std::map<std::string, CLI::Option*> options;
  std::string config_file;
  bool demo = false;
  bool keep_demo = false;
};

int run_serve(ServeOptions& serve) {
  // The demo's own temporary workspace goes when the server does (unless kept).
  std::string temporary;
  struct Remove {
    const std::string& dir;
    bool keep;
    ~Remove() {
      if (dir.empty()) return;
      if (keep) {
        std::fprintf(stderr, "vigil: the demo workspace is kept in %s\n", dir.c_str());
        return;
      }
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  } remove{temporary, serve.keep_demo};
  auto done = [&]() -> Result<void> {
    server::Settings flags;
    for (const auto& [key, option] : serve.options) {
      if (option->count() > 0) flags[key] = serve.values[key];
    }
    std::string file = serve.config_file;
    if (file.empty()) {
      if (const char* env = std::getenv("VIGIL_CONFIG")) file = env;
    }
    std::optional<std::pair<std::string, std::string>> toml;
    if (!file.empty()) toml = std::make_pair(TRY(read_file(file)), file);
    auto config = TRY(server::resolve_config(flags, server::environment_settings(), toml));
    if (serve.demo && !flags.contains("db") && std::getenv("VIGIL_DB") == nullptr &&
        config.db == server::ServerConfig{}.db) {
      // The demo never writes into a workspace the user did not name.
      std::string dir = (std::filesystem::temp_directory_path() / "vigil-demo-XXXXXX").string();
      if (::mkdtemp(dir.data()) == nullptr) return fail(ErrorCode::Io, dir, "cannot create the demo workspace");
      temporary = dir;
      config.db = dir + "/vigil.db";
    }
    server::block_shutdown_signals();
    auto running = TRY(server::Server::start(config));
    const std::string url = fmt::format("http://{}:{}", config.host(), running->port());
    if (serve.demo) {
      auto seed = TRY(server::seed_demo(running->services(), running->services().clock()));
      std::fputs(server::describe_demo(seed, url).c_str(), stdout);
      std::fflush(stdout);
    }
    std::fprintf(stderr, "vigil: serving %s (database %s); stop with Ctrl-C or SIGTERM\n", url.c_str(),
                 config.db.c_str());
    int signal = server::wait_for_shutdown_signal();
    std::fprintf(stderr, "vigil: signal %d: finishing requests in flight, then stopping\n", signal);
    running->stop();
    running->wait();
    running.reset();  // closes the workspace before it is removed
    return {};
  }();
  return finish(done);
}

// What the user subcommands take; each declares the
// options it needs with the helpers below, so a shared option reads the same
// everywhere.
struct AccountOptions {
  Common common;
  std::string username, org, role, password_file;
  std::string name;     // org add: the organisation's full name; token create: what the token is for
  std::int64_t id = 0;  // token revoke
};
void add_username(CLI::App& c, AccountOptions& o) { c.add_option("USERNAME", o.username, "Sign-in name")->required(); }
void add_org(CLI::App& c, AccountOptions& o) {
  c.add_option("--org", o.org, "Organisation")->envname("VIGIL_ORG")->required();
}
void add_role(CLI::App& c, AccountOptions& o) {
  c.add_option("--role", o.role, "admin, manager, compliance, responder or auditor")->required();
}
void add_password_file(CLI::App& c, AccountOptions& o) {
  c.add_option("--password-file", o.password_file, "Read the password from this file (else standard input)");
}

// A subcommand of org, user or token: its own options (`own`), the
// workspace's, then --by on one that changes something; `run` runs it.
void add_account_command(CLI::App& parent, int& exit_code, const char* name, const char* description, bool changes,
                         const std::function<void(CLI::App&, AccountOptions&)>& own,
                         std::function<Result<void>(const AccountOptions&)> run) {
  auto o = std::make_shared<AccountOptions>();
  auto* c = parent.add_subcommand(name, description);
  own(*c, *o);
  add_common(*c, o->common);
  if (changes) add_by(*c, o->common);
  c->callback([o, run = std::move(run), &exit_code] { exit_code = finish(run(*o)); });
}

}  // namespace

void add_server_commands(CLI::App& app, int& exit_code) {
  // serve
  auto serve_options = std::make_shared<ServeOptions>();
  auto* serve = app.add_subcommand(
      "serve", "Run the HTTP API (settings: flags > VIGIL_* environment > --config TOML file > defaults)");
  for (const auto& info : server::setting_infos()) {
    std::string key(info.key);
    serve_options->options[key] =
        serve->add_option(std::string(info.flag), serve_options->values[key], std::string(info.description));
  }
  serve->add_option("--config", serve_options->config_file, "TOML file with settings (or VIGIL_CONFIG)")
      ->option_text("FILE");
  serve->add_flag("--demo", serve_options->demo,
                  "Seed a demo organisation in a temporary workspace (removed on exit) and print its credentials");
  serve->add_flag("--keep-demo", serve_options->keep_demo, "With --demo: keep the temporary workspace on exit");
  serve->callback([serve_options, &exit_code] { exit_code = run_serve(*serve_options); });

  // org add
  auto* org = app.add_subcommand("org", "Organisations (tenants) of a server workspace");
  org->require_subcommand(1);
  add_account_command(
      *org, exit_code, "add", "Add an organisation", true,
      [](CLI::App& c, AccountOptions& o) {
        c.add_option("ORG", o.org, "Its id in URLs (a-z, 0-9, '-')")->required();
        c.add_option("--name", o.name, "Its full name");
      },
      [](const AccountOptions& o) { return run_org_add(o.common, o.org, o.name); });

  // user add / grant / list / disable / enable / revoke / reset-password
  auto* user = app.add_subcommand("user", "Users of a server workspace and their roles");
  user->require_subcommand(1);
  add_account_command(
      *user, exit_code, "add", "Add a user with a role in one organisation (password from stdin)", true,
      [](CLI::App& c, AccountOptions& o) {
        add_username(c, o);
        add_org(c, o);
        add_role(c, o);
        add_password_file(c, o);
      },
      [](const AccountOptions& o) { return run_user_add(o.common, o.username, o.org, o.role, o.password_file); });
  add_account_command(
      *user, exit_code, "grant", "Give an existing user a role in an organisation", true,
      [](CLI::App& c, AccountOptions& o) {
        add_username(c, o);
        add_org(c, o);
        add_role(c, o);
      },
      [](const AccountOptions& o) { return run_user_grant(o.common, o.username, o.org, o.role); });
  add_account_command(*user, exit_code, "list", "The users of an organisation: role, created, disabled", false, add_org,
                      [](const AccountOptions& o) { return run_user_list(o.common, o.org); });
  for (bool disabled : {true, false}) {
    add_account_command(
        *user, exit_code, disabled ? "disable" : "enable",
        disabled ? "Disable a user: no sign-in, no token works, every session ends" : "Enable a disabled user again",
        true, add_username,
        [disabled](const AccountOptions& o) { return run_user_disable(o.common, o.username, disabled); });
  }
  add_account_command(
      *user, exit_code, "revoke", "End a user's role in an organisation", true,
      [](CLI::App& c, AccountOptions& o) {
        add_username(c, o);
        add_org(c, o);
      },
      [](const AccountOptions& o) { return run_user_revoke(o.common, o.username, o.org); });
  add_account_command(
      *user, exit_code, "reset-password", "Set a new password (from stdin); every session of the user ends", true,
      [](CLI::App& c, AccountOptions& o) {
        add_username(c, o);
        add_password_file(c, o);
      },
      [](const AccountOptions& o) { return run_user_reset_password(o.common, o.username, o.password_file); });

  // token create / list / revoke
  auto* token = app.add_subcommand("token", "API tokens for scripts");
  token->require_subcommand(1);
  add_account_command(
      *token, exit_code, "create", "Create an API token for a user (shown once, stored hashed)", true,
      [](CLI::App& c, AccountOptions& o) {
        c.add_option("--user", o.username, "The user the token acts as")->required();
        o.name = "api";
        c.add_option("--name", o.name, "What the token is for (default: api)");
      },
      [](const AccountOptions& o) { return run_token_create(o.common, o.username, o.name); });
  add_account_command(
      *token, exit_code, "list", "API tokens of a user or of an organisation's users (never the secrets)", false,
      [](CLI::App& c, AccountOptions& o) {
        c.add_option("--user", o.username, "One user's tokens");
        c.add_option("--org", o.org, "The tokens of the organisation's users");
      },
      [](const AccountOptions& o) { return run_token_list(o.common, o.username, o.org); });
  add_account_command(
      *token, exit_code, "revoke", "Revoke an API token: it authenticates no more", true,
      [](CLI::App& c, AccountOptions& o) {
        c.add_option("ID", o.id, "The token's id (vigil token list)")->required()->check(CLI::PositiveNumber);
      },
      [](const AccountOptions& o) { return run_token_revoke(o.common, o.id); });

  // backup
  {
    auto common = std::make_shared<Common>();
    auto to = std::make_shared<std::string>();
    auto* backup = app.add_subcommand("backup", "Write a consistent copy of a (running) SQLite workspace");
    backup->add_option("TO", *to, "The copy's path")->required();
    add_common(*backup, *common);
    backup->callback([=, &exit_code] { exit_code = run_backup(*common, *to); });
  }
}

}  // namespace vigil::cli
