#include "incident/report_draft.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/names.h"
#include "core/text.h"
#include "incident/record_json.h"

namespace vigil::incident {

namespace {

// The record's description of the incident (the `description` fact), for the
// drafts whose content does not ask for it (the early warning and the
// notification): every draft says what happened. Empty when not recorded or
// when the draft's content already carries it.
std::string description_beside(const Incident& incident, const ReportDraft& d) {
  for (const auto& item : d.items) {
    if (item.item.fact == "description") return {};
  }
  std::string out;
  for (const auto& [id, value] : incident.facts) {
    if (id == "description") out = value;  // the latest wins
  }
  return std::string(trim(out));
}

std::string conclusion_text(const Incident& incident) {
  switch (latest_conclusion(incident)) {
    case Conclusion::Significant: return "yes";
    case Conclusion::NotSignificant: return "no";
    case Conclusion::Undetermined: return "undetermined";
    case Conclusion::NotAssessed: break;
  }
  return "not assessed";
}

nlohmann::json conclusion_json(const Incident& incident) {
  switch (latest_conclusion(incident)) {
    case Conclusion::Significant: return true;
    case Conclusion::NotSignificant: return false;
    case Conclusion::Undetermined: return "undetermined";
    case Conclusion::NotAssessed: break;
  }
  return nullptr;
}

// "on time (due ...)", "late by 8 d 2 h 15 min (due ...)", "no deadline of its own",
// and, for a submission recorded out of order, why ("recorded out of order: ...").
std::string timing(const Submission& s) {
  std::string out;
  if (!s.deadline) {
    out = s.out_of_order.empty() ? "no deadline of its own" : "no deadline to judge it by yet";
  } else if (auto late = s.late_by()) {
    out = fmt::format("late by {} (due {})", format_span(*late), format_utc(*s.deadline));
  } else {
    out = fmt::format("on time (due {})", format_utc(*s.deadline));
  }
  for (const auto& why : s.out_of_order) out += "; recorded out of order: " + why;
  return out;
}

// The clock a report kind answers, when it has one.
std::optional<Report> clock_of(DraftKind kind) {
  switch (kind) {
    case DraftKind::EarlyWarning: return Report::EarlyWarning;
    case DraftKind::Notification: return Report::IncidentNotification;
    case DraftKind::Final: return Report::FinalReport;
    case DraftKind::Progress: return Report::ProgressReport;
    case DraftKind::GdprBreach: return Report::GdprBreachNotification;
    case DraftKind::Intermediate:  // on request
    case DraftKind::Recipients:    // without undue delay, no fixed clock
      break;
  }
  return std::nullopt;
}

constexpr EnumNames<Owed, 3> kOwedWords{{"due", "due if significant", "due until withdrawn"}};
std::string_view owed_words(Owed owed) { return name_of(owed, kOwedWords); }

struct TimelineEntry {
  Instant at;
  std::string what;
};

// Everything the record holds, in time order: what a reader of the draft needs
// to see how the handling went.
std::vector<TimelineEntry> timeline(const Incident& r) {
  std::vector<TimelineEntry> out;
  out.push_back({r.awareness, "became aware"});
  out.push_back({r.opened_at, fmt::format("incident opened by {}", r.opened_by)});
  if (r.personal_data_breach_awareness)
    out.push_back({*r.personal_data_breach_awareness, "aware of a personal data breach"});
  for (const auto& a : r.assessments) {
    std::string verdict;
    switch (a.conclusion()) {
      case Conclusion::Significant: verdict = "significant"; break;
      case Conclusion::NotSignificant: verdict = "not significant"; break;
      case Conclusion::Undetermined: verdict = "undetermined"; break;
      case Conclusion::NotAssessed: verdict = "not assessed"; break;
    }
    out.push_back({a.recorded_at, fmt::format("assessed {} by {}{}", verdict, a.judged_by,
                                              a.overrides_rules() ? " (overriding the rules)" : "")});
  }
  for (const auto& d : r.decisions)
    out.push_back({d.decided_at, fmt::format("decided by {}: {}", d.decided_by, d.decision)});
  for (const auto& e : r.evidence)
    out.push_back({e.added_at, fmt::format("evidence {} added by {}", e.file_name, e.added_by)});
  for (const auto& s : r.submissions) {
    out.push_back(
        {s.submitted_at, fmt::format("{} submitted to {}, {}", to_string(s.type), to_string(s.recipient), timing(s))});
  }
  for (const auto& w : r.withdrawals) {
    out.push_back({w.recorded_at, fmt::format("{} withdrawn by {}: {}", to_string(w.report), w.by, w.reason)});
  }
  if (r.closure) out.push_back({r.closure->recorded_at, fmt::format("closed by {}", r.closure->by)});
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  return out;
}

}  // namespace

Result<DraftContext> draft_context(const Incident& incident, DraftKind kind, std::string entity_name,
                                   const Zones& zones) {
  DraftContext context;
  context.entity_name = std::move(entity_name);
  context.recipient = std::string(report_recipient(kind));
  const auto clock = clock_of(kind);
  if (!clock) return context;
  const date::time_zone* zone = zones.find(incident.timezone);
  if (zone == nullptr) return invalid("timezone", fmt::format("'{}' is not a known time zone", incident.timezone));
  for (const auto& p : TRY(pending_reports(incident, zones))) {
    if (p.report != *clock || !p.due) continue;
    context.due = p.due;
    context.due_local = format_local(*p.due, *zone);
    context.owed = p.owed;
    return context;
  }
  // Submitted already: the deadline stays on the draft, with how it was met.
  for (auto s = incident.submissions.rbegin(); s != incident.submissions.rend(); ++s) {
    if (report_of(s->type) != *clock || !s->deadline) continue;
    context.due = s->deadline;
    context.due_local = format_local(*s->deadline, *zone);
    context.submitted_at = s->submitted_at;
    context.on_time = s->on_time;
    context.late_by = s->late_by();
    break;
  }
  return context;
}

nlohmann::json draft_json(const Incident& incident, const ReportDraft& d, const DraftContext& context) {
  using nlohmann::json;
  json items = json::array();
  for (const auto& item : d.items) {
    items.push_back({{"fact", item.item.fact},
                     {"label", item.label},
                     {"reference", item.item.reference},
                     {"asks", item.item.asks},
                     {"where_applicable", item.item.where_applicable},
                     {"value", item.value ? json(*item.value) : json(nullptr)}});
  }
  json submissions = json::array();
  for (const auto& s : incident.submissions) submissions.push_back(submission_json(s));
  json decisions = json::array();
  for (const auto& x : incident.decisions) decisions.push_back(decision_json(x, "by", "options"));
  json events = json::array();
  for (const auto& e : timeline(incident)) events.push_back({{"at", format_utc(e.at)}, {"what", e.what}});
  json due = nullptr;
  if (context.due) {
    due = {{"utc", format_utc(*context.due)},
           {"local", context.due_local},
           {"owed", context.owed ? json(to_string(*context.owed)) : json(nullptr)}};
    if (context.submitted_at) {
      due["submitted_at"] = format_utc(*context.submitted_at);
      due["on_time"] = context.on_time ? json(*context.on_time) : json(nullptr);
      due["late_by"] = context.late_by ? json(format_span(*context.late_by)) : json(nullptr);
    }
  }
  json out{
      {"incident", incident.id},
      {"report", to_string(d.kind)},
      {"entity", context.entity_name.empty() ? json(nullptr) : json(context.entity_name)},
      {"recipient", context.recipient.empty() ? json(report_recipient(d.kind)) : json(context.recipient)},
      {"due", due},
      {"significant", conclusion_json(incident)},
      {"submissions", submissions},
      {"decisions", decisions},
      {"timeline", events},
      {"title", d.title},
      {"basis", d.basis},
      {"description", description_beside(incident, d).empty() ? json(nullptr) : json(description_beside(incident, d))},
      {"complete", d.complete()},
      {"items", items},
      {"missing", d.missing},
      {"missing_where_applicable", d.missing_optional}};
  // An exercise incident's drafts must never reach an authority.
  if (!incident.exercise.empty()) {
    out["exercise"] = incident.exercise;
    out["banner"] = std::string(kExerciseBanner);
  }
  return out;
}

std::string draft_markdown(const Incident& r, const ReportDraft& d, const DraftContext& context) {
  std::string out;
  if (!r.exercise.empty()) out += fmt::format("**{}** (exercise {})\n\n", kExerciseBanner, r.exercise);
  out += fmt::format("# {}{} — {} ({})\n\n", r.exercise.empty() ? "" : "EXERCISE: ", d.title, r.id, d.basis);
  if (!context.entity_name.empty()) out += fmt::format("- **Entity**: {}\n", markdown_text(context.entity_name));
  out += fmt::format("- **To**: {}\n", context.recipient.empty() ? report_recipient(d.kind) : context.recipient);
  if (context.due) {
    std::string state = context.owed ? fmt::format(", {}", owed_words(*context.owed)) : "";
    if (context.submitted_at) {
      state = fmt::format(", submitted {}, {}", format_utc(*context.submitted_at),
                          context.late_by ? fmt::format("late by {}", format_span(*context.late_by)) : "on time");
    }
    out += fmt::format("- **Deadline**: {} UTC ({} local){}\n", format_utc(*context.due), context.due_local, state);
  }
  out += fmt::format("- **Incident**: {}\n- **Entity type**: {}\n- **Became aware**: {}\n", markdown_text(r.title),
                     r.entity_type, format_utc(r.awareness));
  if (auto what = description_beside(r, d); !what.empty()) {
    out += fmt::format("- **What happened**: {}\n", markdown_text(what));
  }
  if (!r.assessments.empty()) {
    const auto& a = r.assessments.back();
    std::string criteria;
    for (const auto& c : a.criteria) criteria += (criteria.empty() ? "" : ", ") + c;
    std::string open;
    for (const auto& u : a.undetermined) open += (open.empty() ? "" : ", ") + u.criterion;
    out +=
        fmt::format("- **Significant**: {}{}{}{}\n", conclusion_text(r), criteria.empty() ? "" : " (" + criteria + ")",
                    a.conclusion() == Conclusion::Undetermined && !open.empty() ? " (open: " + open + ")" : "",
                    a.overrides_rules() ? fmt::format(" — override by {} of the rules' '{}': {}", a.judged_by,
                                                      *a.rule_result ? "significant" : "not significant", a.note)
                                        : "");
  } else {
    out += "- **Significant**: not assessed\n";
  }
  for (const auto& s : r.submissions) {
    out += fmt::format("- **Submitted**: {} to {} at {}, {}\n", to_string(s.type), to_string(s.recipient),
                       format_utc(s.submitted_at), timing(s));
  }
  out += "\n## Content\n\n";
  for (const auto& item : d.items) {
    out += fmt::format("### {} ({})\n\n", item.label, item.item.reference);
    out += fmt::format("_{}_\n\n", item.item.asks);
    out += item.value ? *item.value + "\n\n"
                      : std::string("**MISSING**") + (item.item.where_applicable ? " (where applicable)" : "") + "\n\n";
  }
  if (!r.decisions.empty()) {
    out += "## Decisions so far\n\n";
    for (const auto& x : r.decisions) {
      std::string why = markdown_text(x.rationale);
      if (!why.empty() && why.back() != '.' && why.back() != '!' && why.back() != '?') why += '.';
      out += fmt::format("- {} by {}: **{}**. Why: {}", format_utc(x.decided_at), markdown_text(x.decided_by),
                         markdown_text(x.decision), why);
      auto list = [](const std::vector<std::string>& items) {
        std::string text;
        for (const auto& i : items) text += (text.empty() ? "" : "; ") + markdown_text(i);
        return text;
      };
      if (!x.known.empty()) out += fmt::format(" Known: {}.", list(x.known));
      if (!x.unknown.empty()) out += fmt::format(" Not known yet: {}.", list(x.unknown));
      out += fmt::format(" Confidence: {}.\n", to_string(x.confidence));
    }
    out += "\n";
  }
  out += "## Timeline (UTC)\n\n";
  for (const auto& e : timeline(r)) out += fmt::format("- {} {}\n", format_utc(e.at), markdown_text(e.what));
  out += "\n";
  if (!r.evidence.empty()) {
    out += "## Evidence on record\n\n";
    for (const auto& e : r.evidence) out += fmt::format("- {} (sha256 {}): {}\n", e.file_name, e.sha256, e.description);
    out += "\n";
  }
  out += "## Still missing\n\n";
  if (d.missing.empty() && d.missing_optional.empty()) out += "Nothing: every item has a value.\n";
  auto question = [](std::string_view fact) {
    const auto* def = find_fact(fact);
    return def ? std::string(def->question) : std::string();
  };
  for (auto fact : d.missing)
    out += fmt::format("- {}: {} (record it as the report fact `{}`)\n", fact, question(fact), fact);
  for (auto fact : d.missing_optional) out += fmt::format("- {} (where applicable): {}\n", fact, question(fact));
  return out;
}

}  // namespace vigil::incident
