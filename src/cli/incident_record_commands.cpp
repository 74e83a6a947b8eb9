// `vigil incident open|assess|decide|evidence add|submit|withdraw-report|update|breach|close`:
// each reads its options, calls one pure command of the incident domain
// (incident/commands.h) inside one store write, and prints the new entry and
// what is due next (cli/incident_command.h).
#include <filesystem>
#include <functional>
#include <memory>
#include <type_traits>

#include <date/tz.h>
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "application/live_exercise.h"
#include "cli/commands.h"
#include "cli/exercise_live.h"
#include "cli/incident_command.h"
#include "cli/output.h"
#include "core/errors.h"
#include "core/json_input.h"
#include "core/text.h"
#include "incident/impact_input.h"
#include "store/supplier_store.h"
#include "tzdata/zones.h"

namespace vigil::cli {
namespace {

namespace inc = vigil::incident;
using nlohmann::json;

// --- open ------------------------------------------------------------------------

struct OpenOptions {
  Common common;
  std::string title, awareness, timezone, entity_type, by, exercise;
  std::string supplier;  // opened from this supplier's incident (an id of the stored supplier register)
  bool trust_service = false;
};

Result<int> run_open_exercise(const OpenOptions& o);

Result<int> run_open(const OpenOptions& o) {
  if (!o.exercise.empty()) return run_open_exercise(o);
  if (o.timezone.empty())
    return tl::unexpected(Error{
        ErrorCode::InvalidInput, "--timezone", "is required: the entity's IANA time zone, e.g. Europe/Berlin", {}});
  if (o.entity_type.empty())
    return tl::unexpected(Error{ErrorCode::InvalidInput,
                                "--entity-type",
                                "is required: an entity type id of the catalog (vigil catalog entity_types)",
                                {}});
  auto now_instant = TRY(now());
  auto awareness = TRY(parse_rfc3339(o.awareness, "--awareness"));
  // Naming a supplier needs the workspace's stored register, so the workspace must exist already.
  std::optional<Result<Workspace>> existing;
  std::optional<inc::SupplierCause> cause;
  std::optional<Error> unknown_supplier;
  if (!o.supplier.empty()) {
    existing = open_workspace(o.common, WorkspaceAccess::MustExist);
    if (!*existing) return tl::unexpected((*existing).error());
    auto suppliers = TRY(store::open_suppliers((*existing)->location, (*existing)->sealer));
    auto found = store::supplier_cause(*suppliers, (*existing)->org, o.supplier, "--supplier");
    if (found) cause = std::move(*found);
    else unknown_supplier = found.error();
  }
  auto draft = inc::open_incident(
      inc::OpenRequest{o.title, awareness, o.timezone, o.entity_type, o.trust_service, o.by, now_instant, cause},
      tzdata::zones());
  Errors errors;
  errors.add_if_failed(draft);
  if (unknown_supplier) errors.add(std::move(*unknown_supplier));
  TRY(errors.result());
  auto workspace = TRY(existing ? std::move(*existing) : open_workspace(o.common, WorkspaceAccess::MayCreate));
  auto record = TRY(workspace.store->open_incident(workspace.org, *draft));
  return print_written(record, workspace, o.common, "Opened");
}

// The incident of a live exercise, opened by the application service the API
// uses too (application/live_exercise.h): on the exercise clock, with the
// scenario's time zone, entity type and trust-service flag unless given, and
// marked with the exercise on its first entry. Its errors name the request's
// fields (`id`, `awareness`); report() spells them as options
// (cli/output.cpp as_options).
Result<int> run_open_exercise(const OpenOptions& o) {
  auto workspace = TRY(open_workspace(o.common));
  const Instant wall = TRY(now());
  auto exercises = TRY(store::open_exercises(workspace.location, workspace.sealer));
  application::OpenExerciseIncident request{o.title, o.awareness, o.timezone, o.entity_type, o.trust_service, o.by};
  auto record =
      TRY(application::open_exercise_incident(*exercises, *workspace.store, workspace.org, o.exercise, request, wall));
  return print_written(record, workspace, o.common, "Opened");
}

// What every subcommand that writes one entry takes: the incident's ID, who
// writes it (--by) and the options every incident command shares.
struct EntryOptions {
  Common common;
  std::string id, by;
};

// --- assess ----------------------------------------------------------------------

struct AssessOptions : EntryOptions {
  std::string input, encoding, judgement, note;
};

Result<int> run_assess(const AssessOptions& o) {
  auto now_instant = TRY(now_for(o.common, o.id, true));
  std::string source = o.input == "-" ? "stdin" : o.input;
  auto text = TRY(read_file(o.input, o.encoding));
  auto value = TRY(parse_json(text, source));
  auto judgement = TRY(inc::parse_judgement(o.judgement, "--judgement"));
  return append_and_print(
      o.common, o.id,
      [&](const inc::Incident& r) -> Result<inc::EventDraft> {
        auto request = TRY(inc::assessment_request(value, source, judgement, o.note, o.by, now_instant, r.entity_type));
        return inc::assess(r, request);
      },
      "Assessed");
}

// --- decide ----------------------------------------------------------------------

struct DecideOptions : EntryOptions {
  std::string decision, rationale, confidence = "medium", time;
  std::vector<std::string> options, known, unknown, tags;
};

Result<int> run_decide(const DecideOptions& o) {
  auto now_instant = TRY(now_for(o.common, o.id, true));
  auto at = TRY(optional_time(o.time, "--time"));
  auto confidence = TRY(inc::parse_confidence(o.confidence, "--confidence"));
  inc::DecideRequest request{
      at, {o.decision, o.options, o.rationale, o.known, o.unknown, confidence, o.tags}, o.by, now_instant};
  return append_and_print(
      o.common, o.id, [&](const inc::Incident& r) { return inc::decide(r, request); }, "Recorded decision on");
}

// --- evidence add ----------------------------------------------------------------

struct EvidenceOptions : EntryOptions {
  std::string file, description;
  std::vector<std::string> tags;
};

Result<int> run_evidence(const EvidenceOptions& o) {
  auto now_instant = TRY(now_for(o.common, o.id, true));
  std::error_code ec;
  auto size = std::filesystem::file_size(o.file, ec);
  if (ec) return tl::unexpected(Error{ErrorCode::NotFound, o.file, fmt::format("cannot read: {}", ec.message()), {}});
  if (size > static_cast<std::uintmax_t>(inc::kMaxEvidenceBytes)) {
    return tl::unexpected(
        Error{ErrorCode::LimitExceeded,
              o.file,
              fmt::format("is {} bytes; evidence files are limited to {} bytes (25 MiB)", size, inc::kMaxEvidenceBytes),
              {}});
  }
  auto content = TRY(read_file(o.file));
  store::Blob blob{inc::sha256_hex(content), std::move(content)};
  inc::EvidenceRequest request{blob.sha256,
                               static_cast<std::int64_t>(blob.content.size()),
                               std::filesystem::path(o.file).filename().string(),
                               o.description,
                               o.by,
                               now_instant,
                               o.tags};
  return append_and_print(
      o.common, o.id, [&](const inc::Incident& r) { return inc::add_evidence(r, request); },
      fmt::format("Stored {} as evidence for", blob.sha256.substr(0, 16)), blob);
}

// --- submit, facts, breach, close ------------------------------------------------

struct SubmitOptions : EntryOptions {
  std::string type, time, to, reference;
  bool out_of_order = false;
};

Result<int> run_submit(const SubmitOptions& o) {
  auto now_instant = TRY(now_for(o.common, o.id, true));
  auto type = TRY(inc::parse_submission_type(o.type, "TYPE"));
  auto at = TRY(optional_time(o.time, "--time"));
  auto recipient = TRY(inc::parse_recipient(o.to, "--to"));
  inc::SubmitRequest request{type, at, recipient, o.reference, o.by, now_instant, o.out_of_order};
  return append_and_print(
      o.common, o.id, [&](const inc::Incident& r) { return inc::submit(r, request, tzdata::zones()); },
      "Recorded submission for");
}

struct WithdrawOptions : EntryOptions {
  std::string type, reason;
};

Result<int> run_withdraw(const WithdrawOptions& o) {
  auto now_instant = TRY(now_for(o.common, o.id, true));
  auto type = TRY(inc::parse_submission_type(o.type, "TYPE"));
  inc::WithdrawRequest request{type, o.reason, o.by, now_instant};
  auto report = inc::report_of(type);
  return append_and_print(
      o.common, o.id, [&](const inc::Incident& r) { return inc::withdraw_report(r, request, tzdata::zones()); },
      fmt::format("Withdrew the {} of", report ? report_label(*report) : o.type));
}

struct FactsOptions : EntryOptions {
  std::vector<std::string> facts;
};

Result<int> run_facts(const FactsOptions& o) {
  auto now_instant = TRY(now_for(o.common, o.id, true));
  inc::FactsRequest request{{}, o.by, now_instant};
  for (const auto& f : o.facts) {
    auto eq = f.find('=');
    if (eq == std::string::npos || eq == 0) {
      return tl::unexpected(Error{
          ErrorCode::InvalidInput, "--fact", fmt::format("'{}' must be id=value, e.g. severity=high", excerpt(f)), {}});
    }
    request.facts.emplace_back(std::string(trim(f.substr(0, eq))), f.substr(eq + 1));
  }
  return append_and_print(
      o.common, o.id, [&](const inc::Incident& r) { return inc::record_facts(r, request); }, "Recorded facts for");
}

struct BreachOptions : EntryOptions {
  std::string awareness;
};

Result<int> run_breach(const BreachOptions& o) {
  auto now_instant = TRY(now_for(o.common, o.id, true));
  auto awareness = TRY(parse_rfc3339(o.awareness, "--awareness"));
  inc::BreachRequest request{awareness, o.by, now_instant};
  return append_and_print(
      o.common, o.id, [&](const inc::Incident& r) { return inc::attach_personal_data_breach(r, request); },
      "Attached a personal-data breach to");
}

struct CloseOptions : EntryOptions {
  std::string handled, summary;
};

Result<int> run_close(const CloseOptions& o) {
  auto now_instant = TRY(now_for(o.common, o.id, true));
  auto handled = TRY(optional_time(o.handled, "--handled"));
  inc::CloseRequest request{handled, o.summary, o.by, now_instant};
  return append_and_print(
      o.common, o.id, [&](const inc::Incident& r) { return inc::close(r, request); }, "Closed", std::nullopt,
      "--handled");
}

// A subcommand that writes one entry on an incident: as any subcommand on
// one incident, with --by (`who`) after its own options, which `own` adds
// into the command's Options (the type `run` takes).
template <class Options>
void add_entry_command(CLI::App& parent, int& exit_code, const char* name, const char* description, const char* who,
                       Result<int> (*run)(const Options&),
                       const std::function<void(CLI::App&, std::type_identity_t<Options>&)>& own) {
  auto o = std::make_shared<Options>();
  add_incident_subcommand(parent, exit_code, o, name, description, run, [&](CLI::App& c) {
    own(c, *o);
    add_actor(c, o->by, who);
  });
}

}  // namespace

void add_incident_open_command(CLI::App& group, int& exit_code) {
  {
    auto o = std::make_shared<OpenOptions>();
    auto* c = group.add_subcommand("open", "Open an incident: one durable entry, the clocks start at awareness");
    c->add_option("--title", o->title, "Short title")->required();
    c->add_option("--awareness", o->awareness, "When the entity became aware (RFC 3339 with offset)")->required();
    c->add_option("--timezone", o->timezone,
                  "The entity's IANA time zone, e.g. Europe/Berlin (with --exercise: "
                  "the scenario's by default)");
    c->add_option("--entity-type", o->entity_type,
                  "Entity type id of the catalog (vigil catalog entity_types; with "
                  "--exercise: the scenario's by default)");
    c->add_option("--exercise", o->exercise,
                  "Open the incident of a live exercise (EX-1): it runs on the exercise "
                  "clock, --awareness may be an offset (PT40M), and it is never listed "
                  "or counted with real incidents");
    c->add_flag("--trust-service", o->trust_service,
                "The incident impacts the provision of a trust service (24 h notification)");
    add_actor(*c, o->by, "Who opens it");
    c->add_option("--supplier", o->supplier,
                  "Opened from this supplier's incident: a supplier id of the stored register (vigil supplier "
                  "import); records it and the functions depending on it")
        ->option_text("SUPPLIER");
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = exit_code_of(run_open(*o)); });
  }
}

void add_incident_record_commands(CLI::App& group, int& exit_code) {
  add_entry_command(group, exit_code, "assess", "Record a significance assessment (input as for vigil significance)",
                    "Who judged", run_assess, [](CLI::App& c, AssessOptions& o) {
                      c.add_option("--input,-i", o.input,
                                   "Impact JSON file ('-' for stdin), as for vigil significance; entity_type may be "
                                   "left out (the incident's)")
                          ->required();
                      add_encoding_option(c, o.encoding);
                      c.add_option("--judgement", o.judgement,
                                   "Your conclusion: significant | not-significant (required for types IR 2024/2690 "
                                   "does not cover; against the rules or where they are undetermined, with "
                                   "--rationale)");
                      c.add_option("--rationale,--note", o.note,
                                   "Why, in a sentence; required for a judgement against the rules or where they "
                                   "cannot decide yet");
                    });
  add_entry_command(group, exit_code, "decide", "Record a decision: what, why, options, what was known and unknown",
                    "Who decided", run_decide, [](CLI::App& c, DecideOptions& o) {
                      c.add_option("--decision", o.decision, "What was decided")->required();
                      c.add_option("--rationale", o.rationale, "Why")->required();
                      c.add_option("--option", o.options, "An option considered (repeat)");
                      c.add_option("--known", o.known, "What was known at the time (repeat)");
                      c.add_option("--unknown", o.unknown, "What was not known yet (repeat)");
                      c.add_option("--confidence", o.confidence, "low | medium | high (default medium)");
                      c.add_option("--time", o.time, "When it was decided (RFC 3339; default now)");
                      c.add_option("--tag", o.tags,
                                   "What kind of decision, e.g. containment (repeatable; exercises match it)");
                    });
  auto* evidence = group.add_subcommand("evidence", "Evidence files, stored under their SHA-256");
  evidence->require_subcommand(1);
  add_entry_command(*evidence, exit_code, "add", "Store a file as evidence (at most 25 MiB)", "Who adds it",
                    run_evidence, [](CLI::App& c, EvidenceOptions& o) {
                      c.add_option("FILE", o.file, "The file")->required();
                      c.add_option("--description", o.description, "What it shows")->required();
                      c.add_option("--tag", o.tags,
                                   "What kind of evidence, e.g. forensics (repeatable; exercises match it)");
                    });
  add_entry_command(
      group, exit_code, "submit", "Record a report submitted to an authority or the service recipients",
      "Who submitted it", run_submit, [](CLI::App& c, SubmitOptions& o) {
        c.add_option("TYPE", o.type, "early-warning | notification | intermediate | final | progress | gdpr-breach")
            ->required();
        c.add_option("--to", o.to, "csirt | competent_authority | service_recipients | supervisory_authority")
            ->required();
        c.add_option("--time", o.time, "When it was submitted (RFC 3339; default now)");
        c.add_option("--reference", o.reference, "The authority's case number");
        c.add_flag("--out-of-order", o.out_of_order,
                   "Record it although it is out of the Art. 23(4) order (e.g. a final report before any "
                   "notification); the entry says so");
      });
  add_entry_command(
      group, exit_code, "withdraw-report",
      "Withdraw a report still due only because an earlier submission started the Art. 23(4) "
      "sequence, once the incident is assessed as not significant",
      "Who withdraws it", run_withdraw, [](CLI::App& c, WithdrawOptions& o) {
        c.add_option("TYPE", o.type, "early-warning | notification | progress | final")->required();
        c.add_option("--reason", o.reason, "Why it is no longer owed (e.g. what the CSIRT was told)")->required();
      });
  add_entry_command(group, exit_code, "update", "Record facts the Art. 23(4) reports ask for (--fact id=value)",
                    "Who records them", run_facts, [](CLI::App& c, FactsOptions& o) {
                      c.add_option("--fact", o.facts,
                                   "id=value, e.g. severity=high (repeat); ids: vigil incident report --help")
                          ->required();
                    });
  add_entry_command(
      group, exit_code, "breach", "Attach a GDPR personal-data breach (Art. 33: 72 h to the supervisory authority)",
      "Who records it", run_breach, [](CLI::App& c, BreachOptions& o) {
        c.add_option("--awareness", o.awareness, "When the controller became aware of the breach (RFC 3339)")
            ->required();
      });
  add_entry_command(group, exit_code, "close", "Close an incident once handled (reports still pending stay listed)",
                    "Who closes it", run_close, [](CLI::App& c, CloseOptions& o) {
                      c.add_option("--handled", o.handled, "When the incident was handled (RFC 3339; default now)");
                      c.add_option("--summary", o.summary, "How it ended");
                    });
}

}  // namespace vigil::cli
