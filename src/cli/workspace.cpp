#include "cli/workspace.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "store/accounts.h"
#include "store/postgres_backend.h"

namespace vigil::cli {

namespace {

std::string listed(const std::vector<store::Organisation>& orgs) {
  std::string out;
  for (const auto& o : orgs) {
    if (!out.empty()) out += ", ";
    out += o.name.empty() || o.name == o.slug ? o.slug : fmt::format("{} ({})", o.slug, o.name);
  }
  return out;
}

struct Opened {
  Workspace workspace;
  std::vector<store::Organisation> organisations;
};

}  // namespace

Result<void> require_workspace(const std::string& location) {
  if (store::is_postgres_url(location) || location.empty()) return {};
  std::error_code ec;
  if (!std::filesystem::exists(location, ec)) {
    return fail(ErrorCode::NotFound, location,
                fmt::format("no Vigil workspace at {} (give the workspace with --db or VIGIL_DB; "
                            "'vigil incident open' creates one)",
                            location));
  }
  return {};
}

namespace {

Result<Opened> open_and_list(const WorkspaceChoice& choice, WorkspaceAccess access) {
  if (access == WorkspaceAccess::MustExist) TRY(require_workspace(choice.location));
  Opened out;
  out.workspace.location = choice.location;
  if (!choice.seal_key.empty()) out.workspace.sealer = TRY(store::Sealer::load(choice.seal_key));
  out.workspace.store = TRY(store::open_store(choice.location, out.workspace.sealer));
  auto accounts = TRY(store::open_accounts(choice.location));
  out.organisations = TRY(accounts->organisations());
  for (const auto& o : out.organisations) out.workspace.organisations.push_back(o.slug);
  return out;
}

Result<std::string> resolve(const WorkspaceChoice& choice, const std::vector<store::Organisation>& orgs) {
  if (!choice.org.empty()) {
    bool known = std::any_of(orgs.begin(), orgs.end(), [&](const auto& o) { return o.slug == choice.org; });
    if (!known) {
      return fail(ErrorCode::NotFound, "--org",
                  fmt::format("no organisation '{}' in the workspace at {}; it has: {}", choice.org, choice.location,
                              orgs.empty() ? "none" : listed(orgs)));
    }
    return choice.org;
  }
  if (orgs.size() == 1) return orgs.front().slug;
  if (orgs.empty()) {
    return fail(ErrorCode::NotFound, choice.location,
                "the workspace has no organisation; add one with 'vigil org add'");
  }
  return invalid("--org",
                 fmt::format("the workspace at {} holds {} organisations: {}; name one with --org or VIGIL_ORG",
                             choice.location, orgs.size(), listed(orgs)));
}

}  // namespace

Result<Workspace> open_workspace(const WorkspaceChoice& choice, WorkspaceAccess access) {
  auto opened = TRY(open_and_list(choice, access));
  opened.workspace.org = TRY(resolve(choice, opened.organisations));
  for (const auto& o : opened.organisations) {
    if (o.slug == opened.workspace.org) opened.workspace.org_name = o.name;
  }
  return std::move(opened.workspace);
}

Result<Workspace> open_workspace_all(const std::string& location, const std::vector<std::string>& orgs) {
  auto opened = TRY(open_and_list(WorkspaceChoice{location, {}, {}}, WorkspaceAccess::MustExist));
  if (orgs.empty()) return std::move(opened.workspace);
  std::vector<std::string> chosen;
  for (const auto& org : orgs) {
    auto slug = TRY(resolve(WorkspaceChoice{location, org, {}}, opened.organisations));
    if (std::find(chosen.begin(), chosen.end(), slug) == chosen.end()) chosen.push_back(std::move(slug));
  }
  if (chosen.size() == 1) opened.workspace.org = chosen.front();
  opened.workspace.organisations = std::move(chosen);
  return std::move(opened.workspace);
}

std::string describe(const Workspace& workspace) {
  return fmt::format("workspace {}, organisation {}", workspace.location,
                     workspace.org.empty() ? "(all)" : workspace.org);
}

}  // namespace vigil::cli
