// Import of an OpenAEV (formerly OpenBAS) scenario export into a Vigil
// scenario (TOML), so a team that designed an exercise there can score it
// against the Art. 23 clock here. Pure: the caller reads the file.
//
// Read from the export's JSON (the .json inside the export ZIP, which the CLI
// reads with archive/zip_reader.h):
// scenario_information (scenario_name, scenario_description), scenario_teams
// (team_id, team_name), scenario_objectives (objective_title),
// scenario_injects (inject_id, inject_title, inject_description,
// inject_depends_duration in seconds, inject_teams, inject_all_teams,
// inject_content.subject/body and inject_content.expectations with
// expectation_type, expectation_name, expectation_description,
// expectation_expiration_time in seconds). Everything else is reported as
// not imported.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "exercise/scenario.h"

namespace vigil::exercise {

struct ImportOptions {
  std::string id;           // scenario id; default: from the OpenAEV name
  std::string entity_type;  // required: OpenAEV has no NIS2 entity type
  std::string timezone;     // required
  std::string start;        // required, RFC 3339 with offset
};

struct ImportResult {
  std::string toml;                     // a scenario that parse_scenario accepts
  std::vector<std::string> not_mapped;  // what could not be mapped, one line each
  int injects = 0, expectations = 0, mapped_expectations = 0;
};

// Mapping: injects keep their relative time (inject_depends_duration), title
// and text (subject and body when the description is empty); teams become
// roles when their name says which (legal, communications/press, management/
// board/crisis, dpo/privacy, compliance, security/soc/cert, it, operations,
// procurement, hr, finance), otherwise the inject goes to "all" and the team
// is reported. Each expectation is anchored to its inject, within its
// expiration time (one hour when it has none): names saying "early warning",
// "notification" or "final report" become submit expectations by the Art.
// 23(4) deadline, "decide"/"decision" decide (tag from the name), "evidence"
// evidence, "significan"/"assess" assess; the rest become custom
// expectations, rated by an observer. Errors: not JSON, not an OpenAEV export,
// no injects, and anything the produced scenario fails (parse_scenario).
Result<ImportResult> import_openaev(std::string_view json_text, std::string_view file, const ImportOptions& options,
                                    const incident::ZoneLocator& locate);

}  // namespace vigil::exercise
