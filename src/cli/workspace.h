// Which workspace and which organisation a CLI command works on.
//
// A workspace is the `--db` value (a SQLite file or a postgres:// URL); it may
// hold several organisations (tenants of `vigil serve`). A command names its
// organisation with `--org` (or VIGIL_ORG); without it, the workspace's only
// organisation is meant, and a workspace with several is an error that lists
// them, so a record never lands in the wrong organisation.
//
// Only a command that creates records from nothing (`incident open`) may
// create a workspace; every other command on a SQLite path that does not exist
// answers "no Vigil workspace at PATH" (exit 3) instead of leaving an empty
// database behind.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/incident_store.h"

namespace vigil::cli {

enum class WorkspaceAccess {
  MayCreate,  // a missing SQLite file is created (with the default organisation)
  MustExist,  // a missing SQLite file is a NotFound error
};

struct WorkspaceChoice {
  std::string location;  // the --db value
  std::string org;       // the --org value; empty = the only organisation
  std::string seal_key;  // the --seal-key file (VIGIL_SEAL_KEY); empty = none
};

struct Workspace {
  std::string location;
  std::unique_ptr<store::IncidentStore> store;
  std::string org;                         // the organisation resolved
  std::string org_name;                    // its full name
  std::vector<std::string> organisations;  // every organisation in the workspace, by id
  // The seal key loaded from WorkspaceChoice::seal_key (nullptr: none): every
  // store the command opens on `location` seals with it (store/chain_seals.h).
  store::SealerRef sealer;
};

// NotFound ("no Vigil workspace at PATH") when `location` is a SQLite file
// that does not exist; a PostgreSQL URL is checked when it is opened.
Result<void> require_workspace(const std::string& location);

// Opens the workspace and resolves the organisation. Errors: NotFound ("no
// Vigil workspace at PATH" for MustExist; an unknown --org, listing the known
// ones), InvalidInput (several organisations and no --org, listing them),
// and whatever opening the store answers.
Result<Workspace> open_workspace(const WorkspaceChoice& choice, WorkspaceAccess access);

// Every organisation of the workspace (for commands that walk all of them,
// such as `audit verify`), or just those named in `orgs` (in that order, each
// once). Errors as open_workspace: NotFound for a workspace that does not
// exist or an organisation it does not hold (listing those it holds).
Result<Workspace> open_workspace_all(const std::string& location, const std::vector<std::string>& orgs);

// "workspace {tmp}/vigil.db, organisation acme" (for --verbose).
std::string describe(const Workspace& workspace);

}  // namespace vigil::cli
