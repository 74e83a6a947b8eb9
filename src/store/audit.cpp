#include "store/audit.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "store/incident_repository.h"
#include "store/summary_row.h"
#include "store/verification_json.h"
#include "tzdata/zones.h"

namespace vigil::store {

namespace {

std::string describe_due(const std::optional<Instant>& due) { return due ? format_utc(*due) : "none"; }

// Names the listing columns that disagree with the replayed record.
std::string projection_mismatch(const incident::Summary& stored, const incident::Summary& derived) {
  std::vector<std::string> diffs;
  auto check = [&](bool same, std::string_view column, std::string a, std::string b) {
    if (!same) diffs.push_back(fmt::format("{} is '{}' but the entries say '{}'", column, a, b));
  };
  check(stored.title == derived.title, "title", stored.title, derived.title);
  check(stored.entity_type == derived.entity_type, "entity_type", stored.entity_type, derived.entity_type);
  check(stored.awareness == derived.awareness, "awareness_at", format_utc(stored.awareness),
        format_utc(derived.awareness));
  check(stored.status == derived.status, "status", stored.status, derived.status);
  auto sig = [](incident::Conclusion c) { return std::string(significance_column(c).value_or("null")); };
  check(stored.significance == derived.significance, "significant", sig(stored.significance),
        sig(derived.significance));
  check(stored.overridden == derived.overridden, "significance_override", stored.overridden ? "1" : "0",
        derived.overridden ? "1" : "0");
  check(stored.late == derived.late, "late_submissions", late_column(stored.late), late_column(derived.late));
  check(stored.next_due == derived.next_due, "next_due_at", describe_due(stored.next_due),
        describe_due(derived.next_due));
  check(stored.next_report == derived.next_report, "next_report", stored.next_report, derived.next_report);
  check(stored.active == derived.active, "active", stored.active ? "1" : "0", derived.active ? "1" : "0");
  check(stored.event_count == derived.event_count, "event_count", std::to_string(stored.event_count),
        std::to_string(derived.event_count));
  check(stored.head_hash == derived.head_hash, "head_hash", stored.head_hash, derived.head_hash);
  check(stored.exercise == derived.exercise, "exercise_id", stored.exercise, derived.exercise);
  std::string out;
  for (const auto& d : diffs) out += (out.empty() ? "" : "; ") + d;
  return out;
}

}  // namespace

Result<IncidentTrailVerification> verify_workspace(IncidentStore& store, std::string_view org) {
  IncidentTrailVerification report;
  auto rows = TRY(store.list_incidents(
      org, ListOptions{.include_inactive = true, .limit = std::nullopt, .exercises = ExerciseRows::Include}));
  auto logged = TRY(store.logged_incident_ids(org));
  std::map<std::string, incident::Summary> by_id;
  for (auto& row : rows) by_id.emplace(row.id, row);
  std::set<std::string> evidence_referenced;

  // Numbers run 1..n without gaps, so removing a whole incident shows.
  std::int64_t expected_number = 1;
  for (const auto& row : rows) {
    if (row.number != expected_number) {
      report.findings.push_back(
          {row.id, 0,
           fmt::format("incident numbers jump from INC-{} to INC-{}: {} removed", expected_number - 1, row.number,
                       row.number - expected_number == 1
                           ? incident::incident_id(expected_number)
                           : fmt::format("INC-{}..INC-{} were", expected_number, row.number - 1))});
    }
    expected_number = row.number + 1;
  }
  // The newest incidents deleted leave no gap: the organisation's counter of
  // numbers given out still remembers them.
  std::int64_t highest = 0;
  for (const auto& row : rows) highest = std::max(highest, row.number);
  const std::int64_t given = TRY(store.last_incident_number(org));
  if (given > 0) report.heads.push_back(ChainHeadAt{numbering_chain(org), given, ""});
  if (given > highest) {
    report.findings.push_back(
        {incident::incident_id(given), 0,
         fmt::format("numbers up to INC-{} were given out, but {} removed", given,
                     given == highest + 1 ? incident::incident_id(given) + " was"
                                          : fmt::format("INC-{}..INC-{} were", highest + 1, given))});
  }

  for (const auto& id : logged) {
    ++report.incidents;
    std::optional<incident::Summary> stored_row;
    if (auto row = by_id.find(id); row != by_id.end()) {
      stored_row = row->second;
      by_id.erase(row);
    }
    auto log = TRY(store.events(org, id));
    report.entries += static_cast<std::int64_t>(log.size());
    if (!log.empty()) {
      report.heads.push_back(
          ChainHeadAt{ChainId{std::string(org), std::string(kIncidentChain), id}, log.back().seq, log.back().hash});
    }
    if (auto broken = incident::verify_chain(log)) {
      report.findings.push_back({id, broken->seq, broken->reason});
      continue;
    }
    auto record = incident::replay(log, tzdata::zones());
    if (!record) {
      report.findings.push_back({id, 0, record.error().where + ": " + record.error().message});
      continue;
    }
    for (const auto& e : record->evidence) evidence_referenced.insert(e.sha256);
    auto derived = incident::summarise(*record, tzdata::zones());
    if (!derived) {
      report.findings.push_back({id, 0, derived.error().message});
      continue;
    }
    if (!stored_row) {
      report.findings.push_back({id, 0, "has entries but no row in the incidents table"});
      continue;
    }
    std::string mismatch = projection_mismatch(*stored_row, *derived);
    if (!mismatch.empty())
      report.findings.push_back({id, 0, "the incidents table disagrees with the log: " + mismatch});
  }
  for (const auto& [id, row] : by_id) report.findings.push_back({id, 0, "is listed but has no entries in the log"});

  auto hashes = TRY(store.evidence_hashes(org));
  std::set<std::string> stored(hashes.begin(), hashes.end());
  for (const auto& sha : hashes) {
    ++report.evidence_files;
    auto content = TRY(store.evidence_content(org, sha));
    std::string actual = incident::sha256_hex(content);
    if (actual != sha) {
      report.findings.push_back({"", 0, fmt::format("evidence {} has content whose SHA-256 is {}", sha, actual)});
    }
  }
  for (const auto& sha : evidence_referenced) {
    if (!stored.count(sha))
      report.findings.push_back({"", 0, fmt::format("evidence {} is referenced but missing", sha)});
  }
  return report;
}

nlohmann::json to_json(const IncidentTrailVerification& a) {
  return verification_json(a,
                           {{"incidents", a.incidents}, {"entries", a.entries}, {"evidence_files", a.evidence_files}},
                           "incident", [](const AuditFinding& f) { return id_or_null(f.incident_id); });
}

Result<RecordTrailVerification> verify_records(ComplianceStore& records, std::string_view org, SupplierStore* suppliers,
                                               AccountStore* accounts) {
  RecordTrailVerification report;
  const auto entries = TRY(records.trail(org, TrailQuery{}));
  report.entries = static_cast<std::int64_t>(entries.size());
  if (!entries.empty()) report.head = ChainHeadAt{record_trail_chain(org), entries.back().seq, entries.back().hash};
  if (auto broken = verify_trail(entries)) {
    report.findings.push_back(fmt::format("record trail entry {}: {}", broken->seq, broken->reason));
  }
  // What the trail says each subject is now: the last value recorded for it.
  std::map<std::string, const TrailEntry*> latest;
  for (const auto& e : entries) latest[e.subject] = &e;
  nlohmann::json baseline = nlohmann::json::object();
  if (!entries.empty()) {
    report.started = true;
    if (entries.front().kind == "trail.started" && entries.front().new_value) {
      baseline = nlohmann::json::parse(*entries.front().new_value, nullptr, false);
      if (baseline.is_discarded() || !baseline.is_object()) {
        report.findings.push_back("record trail entry 1: its list of what predates the trail is not readable");
        baseline = nlohmann::json::object();
      }
    } else {
      report.findings.push_back("record trail entry 1 is not trail.started: the beginning of the trail is missing");
    }
  }
  auto predates = [&](std::string_view key, std::int64_t revision) {
    const auto documents = baseline.find("documents");
    if (documents == baseline.end() || !documents->is_object()) return false;
    const auto at = documents->find(std::string(key));
    return at != documents->end() && at->is_number_integer() && at->get<std::int64_t>() == revision;
  };
  auto up_to = [&](const char* field) {
    const auto at = baseline.find(field);
    return at != baseline.end() && at->is_number_integer() ? at->get<std::int64_t>() : std::int64_t{0};
  };
  std::set<std::string> seen;
  auto check = [&](const std::string& subject, const std::string& value, bool older, std::string_view what) {
    seen.insert(subject);
    auto at = latest.find(subject);
    if (at == latest.end()) {
      if (older || !report.started) ++report.predating;
      else report.findings.push_back(fmt::format("{} is not on the record trail (written outside Vigil?)", what));
      return;
    }
    if (!at->second->new_value || *at->second->new_value != value) {
      report.findings.push_back(
          fmt::format("{} differs from what the record trail recorded last (entry {})", what, at->second->seq));
    }
  };
  auto each_1 = TRY(records.documents(org));
  for (const auto& d : each_1) {
    ++report.documents;
    check(subject_of_document(d.name), trail_value(d), predates(document_key(d.name), d.revision),
          fmt::format("document '{}' (revision {})", d.name, d.revision));
  }
  // Each register row's current content, re-hashed: the row records its
  // SHA-256, so a changed or deleted text is found even though the trail
  // holds only the hash.
  for (const auto& d : each_1) {
    if (d.content_sha256.empty()) continue;
    ++report.document_contents;
    auto content = records.document_content(org, d.content_sha256);
    if (!content) {
      if (content.error().code != ErrorCode::NotFound) return tl::unexpected(content.error());
      report.findings.push_back(
          fmt::format("document '{}' version {}: content missing (SHA-256 {} is on record, no "
                      "content is stored for it)",
                      d.name, d.version, d.content_sha256));
      continue;
    }
    const std::string actual = sha256_hex(*content);
    if (actual != d.content_sha256) {
      report.findings.push_back(
          fmt::format("document '{}' version {}: content TAMPERED (it hashes to {}, the "
                      "register recorded {})",
                      d.name, d.version, actual, d.content_sha256));
    }
  }
  auto each_2 = TRY(records.approvals(org, std::nullopt));
  for (const auto& a : each_2) {
    ++report.approvals;
    check(subject_of_approval(a.id), trail_value(a), a.id <= up_to("approvals_up_to"),
          fmt::format("approval {}", a.id));
  }
  auto each_3 = TRY(records.assessments(org, std::nullopt));
  for (const auto& summary : each_3) {
    ++report.assessments;
    auto stored = TRY(records.assessment(org, summary.id));
    check(subject_of_assessment(summary.id), trail_value(stored), summary.id <= up_to("assessments_up_to"),
          fmt::format("gap assessment {}", summary.id));
  }
  if (suppliers != nullptr) {
    const std::string subject(kSupplierSubject);
    seen.insert(subject);
    const auto at = latest.find(subject);
    auto stored = suppliers->supplier_register(org);
    if (!stored && stored.error().code != ErrorCode::Io) return tl::unexpected(stored.error());
    if (!stored) {
      report.findings.push_back(describe(stored.error()));
    } else if (*stored) {
      const StoredSupplierRegister& s = **stored;
      report.supplier_rows +=
          static_cast<std::int64_t>(s.reg.functions.size() + s.reg.suppliers.size() + s.reg.dependencies.size());
      const std::string rows_sha = sha256_hex(s.canonical);
      if (rows_sha != s.head.sha256) {
        report.findings.push_back(fmt::format(
            "the stored supplier register (revision {}) differs from what was imported: its rows hash to {}, the "
            "import recorded {}",
            s.head.revision, rows_sha, s.head.sha256));
      }
      if (at == latest.end()) {
        report.findings.push_back(
            fmt::format("the supplier register (revision {}) is not on the record trail (written outside Vigil?)",
                        s.head.revision));
      } else {
        nlohmann::json recorded =
            at->second->new_value ? nlohmann::json::parse(*at->second->new_value, nullptr, false) : nlohmann::json();
        if (recorded.is_object()) recorded.erase("changes");
        if (!recorded.is_object() || recorded.dump() != nlohmann::json::parse(trail_value(s.head)).dump()) {
          report.findings.push_back(
              fmt::format("the supplier register (revision {}) differs from what the record trail recorded last "
                          "(entry {})",
                          s.head.revision, at->second->seq));
        }
      }
    } else if (at != latest.end() && at->second->new_value) {
      report.findings.push_back(
          fmt::format("the supplier register is on the record trail (entry {}) but no longer "
                      "in the records",
                      at->second->seq));
    }
  }
  for (const auto& [subject, entry] : latest) {
    const bool compliance = subject.rfind("document:", 0) == 0 || subject.rfind("approval:", 0) == 0 ||
                            subject.rfind("assessment:", 0) == 0;
    if (!compliance || seen.count(subject) || !entry->new_value) continue;
    report.findings.push_back(
        fmt::format("{} is on the record trail (entry {}) but no longer in the records", subject, entry->seq));
  }
  if (accounts != nullptr) report.accounts = TRY(verify_accounts(*accounts, org, entries, report.findings));
  return report;
}

nlohmann::json to_json(const RecordTrailVerification& r) {
  return nlohmann::json{{"intact", r.intact()},
                        {"started", r.started},
                        {"entries", r.entries},
                        {"documents", r.documents},
                        {"approvals", r.approvals},
                        {"assessments", r.assessments},
                        {"predating", r.predating},
                        {"supplier_rows", r.supplier_rows},
                        {"document_contents", r.document_contents},
                        {"accounts", r.accounts ? nlohmann::json{{"users", r.accounts->users},
                                                                 {"tokens", r.accounts->tokens},
                                                                 {"predating", r.accounts->predating},
                                                                 {"undigested", r.accounts->undigested}}
                                                : nlohmann::json(nullptr)},
                        {"findings", r.findings}};
}

}  // namespace vigil::store
