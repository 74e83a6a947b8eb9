#include "exercise/score.h"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "catalog/catalog.h"
#include "core/names.h"
#include "core/text.h"
#include "incident/performance.h"

namespace vigil::exercise {

namespace {
constexpr EnumNames<Status, 4> kStatuses{{"met", "late", "missed", "not_evaluated"}};
}  // namespace

std::string_view to_string(Status status) { return name_of(status, kStatuses); }

std::string_view to_string(ObjectiveRating rating) {
  constexpr std::array<std::string_view, 4> kNames{"P", "S", "M", "U"};
  return kNames[static_cast<std::size_t>(rating)];
}

std::string_view meaning(ObjectiveRating rating) {
  switch (rating) {
    case ObjectiveRating::P: return "performed without challenges";
    case ObjectiveRating::S: return "performed with some challenges";
    case ObjectiveRating::M: return "performed with major challenges";
    case ObjectiveRating::U: return "unable to be performed";
  }
  return "";
}

namespace {

using incident::Recipient;
using incident::SubmissionType;

bool to_authority(const PlayAction& a) {
  if (!a.to || !a.report) return false;
  if (*a.report == SubmissionType::GdprBreach) return *a.to == Recipient::SupervisoryAuthority;
  return *a.to == Recipient::Csirt || *a.to == Recipient::CompetentAuthority;
}

// Whether a decision or evidence carries the expectation's tag. Tags are
// typed by people under pressure: "Containment", "containment " and
// "containment" are one tag (compared trimmed, ignoring ASCII case).
bool has(const std::vector<std::string>& list, std::string_view item) {
  const std::string wanted = to_lower(trim(item));
  return std::any_of(list.begin(), list.end(), [&](const std::string& tag) { return to_lower(trim(tag)) == wanted; });
}

// The team's actions within the exercise, by kind, in time order: each
// expectation looks only at the actions of its kind.
struct ActionIndex {
  std::array<std::vector<const PlayAction*>, 10> by_kind;
  std::vector<const PlayAction*> team;  // every team action (involve matches any of a role)
  const std::vector<const PlayAction*>& of(PlayKind kind) const { return by_kind[static_cast<std::size_t>(kind)]; }
};

struct Deadlines {
  std::optional<Seconds> early_warning_due, notification_due, final_report_due, gdpr_due;
};

struct Clock {
  std::optional<Seconds> awareness;
  std::optional<Seconds> breach_awareness;
  Deadlines due;  // from the team's declared awareness (GDPR: its declared breach awareness)
  // Had the team declared awareness (and breach awareness) at the scenario's
  // awareness inject: only for expectations whose anchor never happened, in
  // an exercise that ended early (see score.h).
  std::optional<Seconds> reference;
  Deadlines reference_due;
};

const PlayAction* first_submission(const ActionIndex& index, SubmissionType type) {
  for (const PlayAction* a : index.of(PlayKind::Submit)) {
    if (a->report == type && to_authority(*a)) return a;
  }
  return nullptr;
}

// The Art. 23(4) deadlines of an awareness at `awareness` (an offset):
// incident::compute_deadlines, never a copy.
Result<void> art23_deadlines(const Scenario& scenario, const ActionIndex& index, Instant start, Seconds awareness,
                             Deadlines& out) {
  incident::ClockInput in;
  in.awareness = start + awareness;
  in.zone = scenario.zone;
  in.trust_service_incident = scenario.trust_service_incident;
  in.convention = scenario.convention;
  // The final report runs one month from the notification actually sent
  // (Art. 23(4)(d)); before it is sent, from the notification's deadline.
  if (const PlayAction* n = first_submission(index, SubmissionType::Notification); n && n->at >= awareness) {
    in.notification_submitted = start + n->at;
  }
  auto d = incident::compute_deadlines(in);
  if (!d) return tl::unexpected(d.error());
  out.early_warning_due = offset_of(d->early_warning_due, start);
  out.notification_due = offset_of(d->incident_notification_due, start);
  if (d->final_report_due) out.final_report_due = offset_of(*d->final_report_due, start);
  return {};
}

// The GDPR Art. 33(1) deadline of a breach awareness at `awareness`.
Result<void> gdpr_deadline(const Scenario& scenario, Instant start, Seconds awareness, Deadlines& out) {
  incident::ClockInput in;
  in.awareness = start + awareness;
  in.personal_data_breach_awareness = in.awareness;
  in.zone = scenario.zone;
  in.convention = scenario.convention;
  auto d = incident::compute_deadlines(in);
  if (!d) return tl::unexpected(d.error());
  if (d->gdpr_breach_notification_due) out.gdpr_due = offset_of(*d->gdpr_breach_notification_due, start);
  return {};
}

// The Art. 23(4) clock of the team's declared awareness, and the GDPR clock of
// its declared breach awareness; with `ended_early`, also the clocks of the
// scenario's awareness inject for the ones the team never started.
Result<Clock> run_clock(const Scenario& scenario, const ActionIndex& index, Instant start, bool ended_early) {
  Clock clock;
  if (!index.of(PlayKind::Open).empty()) clock.awareness = index.of(PlayKind::Open).front()->awareness;
  if (!index.of(PlayKind::Breach).empty()) clock.breach_awareness = index.of(PlayKind::Breach).front()->awareness;
  if (clock.awareness) TRY(art23_deadlines(scenario, index, start, *clock.awareness, clock.due));
  if (clock.breach_awareness) TRY(gdpr_deadline(scenario, start, *clock.breach_awareness, clock.due));
  const Inject* reference = scenario.awareness_inject();
  if (ended_early && reference) {
    clock.reference = reference->at;
    if (!clock.awareness) TRY(art23_deadlines(scenario, index, start, reference->at, clock.reference_due));
    if (!clock.breach_awareness) TRY(gdpr_deadline(scenario, start, reference->at, clock.reference_due));
  }
  return clock;
}

std::optional<Seconds> regulatory_due(const Deadlines& d, RegulatoryDue due) {
  switch (due) {
    case RegulatoryDue::EarlyWarning: return d.early_warning_due;
    case RegulatoryDue::Notification: return d.notification_due;
    case RegulatoryDue::FinalReport: return d.final_report_due;
    case RegulatoryDue::GdprBreach: return d.gdpr_due;
  }
  return std::nullopt;
}

PlayKind kind_of(Action action) {
  switch (action) {
    case Action::Open: return PlayKind::Open;
    case Action::Assess: return PlayKind::Assess;
    case Action::Decide: return PlayKind::Decide;
    case Action::Evidence: return PlayKind::Evidence;
    case Action::Submit: return PlayKind::Submit;
    case Action::Breach: return PlayKind::Breach;
    case Action::Involve: return PlayKind::Involve;
    case Action::Custom: return PlayKind::Rate;
  }
  return PlayKind::Note;
}

const PlayAction* first_match(const Expectation& e, const ActionIndex& index, const Play& play) {
  if (e.action == Action::Involve) {
    // A function is involved when one of its players acts, or when the team
    // records bringing it in.
    for (const PlayAction* a : index.team) {
      if (a->kind == PlayKind::Involve && a->role == e.role) return a;
      const Player* p = play.find_player(a->by);
      if (p && p->role == e.role) return a;
    }
    return nullptr;
  }
  for (const PlayAction* a : index.of(kind_of(e.action))) {
    switch (e.action) {
      case Action::Assess:
        if (e.judgement && a->judgement != e.judgement) continue;
        break;
      case Action::Decide:
        if (!has(a->tags, e.tag)) continue;
        break;
      case Action::Evidence:
        if (!e.tag.empty() && !has(a->tags, e.tag)) continue;
        break;
      case Action::Submit:
        if (a->report != e.report || !to_authority(*a)) continue;
        break;
      default: break;
    }
    return a;
  }
  return nullptr;
}

// The end of the exercise, for expectations due after it.
struct End {
  Seconds played{0};
  bool early = false;
};

ExpectationResult evaluate(const Expectation& e, const Scenario& scenario, const Play& play, const ActionIndex& index,
                           const Clock& clock, End end) {
  ExpectationResult r;
  r.expectation = &e;
  std::optional<Seconds> anchor;
  // The due moment had the team declared awareness at the awareness inject:
  // only for the rule on early ends, when the real anchor never happened.
  std::optional<Seconds> reference_due;
  if (e.by) {
    r.window = fmt::format("{} ({})", to_string(*e.by), legal_reference(*e.by));
    r.due_at = regulatory_due(clock.due, *e.by);
    if (!r.due_at) {
      r.reason = *e.by == RegulatoryDue::GdprBreach
                     ? "the team never recorded awareness of a personal-data breach, so "
                       "the GDPR clock never started"
                     : "the team never declared awareness, so the Art. 23(4) clock never started";
      reference_due = regulatory_due(clock.reference_due, *e.by);
    }
  } else {
    r.window = fmt::format("{} + {}", e.after, format_duration(e.within.value_or(Seconds{0})));
    if (e.after == "awareness") {
      anchor = clock.awareness;
      if (!anchor) {
        r.reason = "anchored to awareness, which the team never declared";
        if (clock.reference) reference_due = *clock.reference + e.within.value_or(Seconds{0});
      }
    } else if (const Inject* inject = scenario.find_inject(e.after)) {
      anchor = inject->at;
    }
    if (anchor) r.due_at = *anchor + e.within.value_or(Seconds{0});
  }
  // The observer's last word on it (shown beside the computed status).
  for (const PlayAction* rate : index.of(PlayKind::Rate)) {
    if (rate->expectation == e.id) {
      r.observer = rate->result;
      r.observer_text = rate->text;
      r.observer_after_end = rate->after_end;
    }
  }
  if (e.action == Action::Custom) {
    if (!r.observer) {
      r.status = Status::NotEvaluated;
      r.reason_code = "not_rated";
      r.reason = "a custom expectation that no observer rated";
    } else {
      r.status = *r.observer == Rating::Met ? Status::Met : *r.observer == Rating::Late ? Status::Late : Status::Missed;
      r.reason = r.observer_after_end ? "rated by an observer after the exercise ended" : "rated by an observer";
    }
    return r;
  }
  // `index` holds only what was done before the end.
  const PlayAction* done = first_match(e, index, play);
  // Due after an early end and not done by then: the exercise never reached
  // the moment it would be judged at.
  const std::optional<Seconds> due = r.due_at ? r.due_at : reference_due;
  if (end.early && due && *due > end.played && !(done && r.due_at)) {
    r.status = Status::NotEvaluated;
    r.reason_code = "due_after_end";
    r.reason = r.due_at ? fmt::format("due at {}, after the exercise ended at {}", format_duration(*due),
                                      format_duration(end.played))
                        : fmt::format(
                              "{}; from the awareness inject it would be due at {}, after the exercise ended "
                              "at {}",
                              r.reason, format_duration(*due), format_duration(end.played));
    return r;
  }
  if (!r.due_at) {
    r.status = Status::Missed;
    return r;
  }
  if (!done) {
    r.status = Status::Missed;
    r.reason = "no matching action within the exercise";
    return r;
  }
  r.done_at = done->at;
  if (done->at <= *r.due_at) {
    r.status = Status::Met;
  } else {
    r.status = Status::Late;
    r.late_by = done->at - *r.due_at;
  }
  return r;
}

void add(Counts& c, Status s) {
  ++c.total;
  switch (s) {
    case Status::Met:
      ++c.met;
      ++c.evaluated;
      break;
    case Status::Late:
      ++c.late;
      ++c.evaluated;
      break;
    case Status::Missed:
      ++c.missed;
      ++c.evaluated;
      break;
    case Status::NotEvaluated: ++c.not_evaluated; break;
  }
}

std::optional<ObjectiveRating> rate(const Counts& c) {
  if (c.evaluated == 0) return std::nullopt;
  if (c.met == c.evaluated) return ObjectiveRating::P;
  if (c.missed == 0) return ObjectiveRating::S;  // some late, none missed
  if (c.missed == c.evaluated) return ObjectiveRating::U;
  return ObjectiveRating::M;
}

std::string verdict_at(const Scenario& scenario, Seconds at, std::optional<bool>& significant) {
  const SignificanceStep* step = nullptr;
  for (const auto& s : scenario.significance) {
    if (s.at <= at) step = &s;
  }
  bool covered =
      catalog::find_entity_type(scenario.entity_type) && catalog::find_entity_type(scenario.entity_type)->ir_2024_2690;
  if (!covered) return "judgement";
  if (!step || !step->significant) return "undetermined";
  significant = step->significant;
  return *step->significant ? "significant" : "not_significant";
}

}  // namespace

Result<Score> score(const Scenario& scenario, const Play& play) {
  Score out;
  out.started_at = play.started_at.value_or(scenario.start);
  out.duration = scenario.duration;
  out.played = play.ended_at ? std::clamp(*play.ended_at, Seconds{0}, scenario.duration) : scenario.duration;
  out.ended_early = out.played < scenario.duration;
  ActionIndex index;
  for (const auto& a : play.actions) {
    bool team = a.kind != PlayKind::Note && a.kind != PlayKind::Rate && a.kind != PlayKind::Improvement;
    if (a.at > out.played) {
      // Done after the end: not part of the exercise (observers' entries are kept).
      if (team) {
        ++out.actions_after_end;
        continue;
      }
    }
    index.by_kind[static_cast<std::size_t>(a.kind)].push_back(&a);
    if (team) index.team.push_back(&a);
    if (a.kind == PlayKind::Rate && !scenario.find_expectation(a.expectation)) {
      std::vector<std::string_view> ids;
      for (const auto& e : scenario.expectations) ids.push_back(e.id);
      auto near = nearest(a.expectation, ids);
      return invalid(fmt::format("actions[{}].expectation", a.index),
                     fmt::format("'{}' is not an expectation of scenario {}{}", excerpt(a.expectation), scenario.id,
                                 near.empty() ? std::string{} : " (did you mean " + or_list(near) + "?)"));
    }
  }
  Clock clock = TRY(run_clock(scenario, index, out.started_at, out.ended_early));
  if (out.ended_early) {
    const Inject* reference = scenario.awareness_inject();
    out.ended_before_awareness = reference && out.played < reference->at;
    const std::optional<Seconds> final_due =
        clock.awareness ? clock.due.final_report_due : clock.reference_due.final_report_due;
    out.ended_before_final_report_due = !final_due || out.played < *final_due;
  }

  for (const auto& e : scenario.expectations) {
    out.expectations.push_back(evaluate(e, scenario, play, index, clock, End{out.played, out.ended_early}));
    add(out.summary, out.expectations.back().status);
  }
  for (const auto& o : scenario.objectives) {
    ObjectiveResult r;
    r.objective = &o;
    for (const auto& e : out.expectations) {
      if (e.expectation->objective == o.id) add(r.counts, e.status);
    }
    r.rating = rate(r.counts);
    out.objectives.push_back(r);
  }

  // The reports and their clocks, and the latencies from the declared
  // awareness: incident::performance, the same arithmetic as a real incident's.
  auto instant = [&](std::optional<Seconds> offset) -> std::optional<Instant> {
    if (!offset) return std::nullopt;
    return out.started_at + *offset;
  };
  auto offset = [&](std::optional<Instant> at) -> std::optional<Seconds> {
    if (!at) return std::nullopt;
    return offset_of(*at, out.started_at);
  };
  auto submitted = [&](SubmissionType type) -> std::optional<Instant> {
    if (const PlayAction* s = first_submission(index, type)) return out.started_at + s->at;
    return std::nullopt;
  };
  incident::ReportClock report_clock{instant(clock.due.early_warning_due),    instant(clock.due.notification_due),
                                     instant(clock.due.final_report_due),     submitted(SubmissionType::EarlyWarning),
                                     submitted(SubmissionType::Notification), submitted(SubmissionType::Final)};
  const incident::Performance performance = incident::performance(instant(clock.awareness), report_clock);
  auto report = [&](const incident::ReportTiming& t) {
    ReportResult r{t.report, {}, offset(t.due), offset(t.submitted), t.on_time, t.late_by};
    r.reference = t.report == SubmissionType::EarlyWarning   ? "Art. 23(4)(a)"
                  : t.report == SubmissionType::Notification ? "Art. 23(4)(b)"
                  : t.report == SubmissionType::Final        ? "Art. 23(4)(d)"
                                                             : "GDPR Art. 33(1)";
    out.reports.push_back(r);
  };
  report(performance.early_warning);
  report(performance.notification);
  report(performance.final_report);
  bool gdpr = clock.breach_awareness.has_value() ||
              std::any_of(scenario.expectations.begin(), scenario.expectations.end(), [](const Expectation& e) {
                return e.action == Action::Breach || e.by == RegulatoryDue::GdprBreach ||
                       e.report == SubmissionType::GdprBreach;
              });
  if (gdpr) {
    report(incident::time_report(SubmissionType::GdprBreach, instant(clock.due.gdpr_due),
                                 submitted(SubmissionType::GdprBreach)));
  }

  auto& l = out.latencies;
  if (const Inject* reference = scenario.awareness_inject()) l.reference_at = reference->at;
  l.awareness_at = clock.awareness;
  if (l.reference_at && l.awareness_at) l.awareness_lag = *l.awareness_at - *l.reference_at;
  l.awareness_to_early_warning = performance.awareness_to_early_warning;
  l.awareness_to_notification = performance.awareness_to_notification;
  l.awareness_to_final_report = performance.awareness_to_final_report;

  // Decisions under uncertainty.
  for (const PlayAction* d : index.of(PlayKind::Decide)) {
    auto& c = out.decisions;
    ++c.total;
    if (!trim(d->rationale).empty()) ++c.with_rationale;
    if (!d->options.empty()) ++c.with_options;
    if (!d->known.empty() && !d->unknown.empty()) ++c.with_known_unknown;
    if (d->confidence) ++c.with_confidence;
    c.decisions.push_back(d);
  }

  // Coordination: which functions were expected, which acted.
  std::set<std::string> expected, acted;
  for (const auto& e : scenario.expectations) {
    if (e.action == Action::Involve) expected.insert(e.role);
  }
  for (const PlayAction* a : index.team) {
    if (a->kind == PlayKind::Involve) acted.insert(a->role);
    if (const Player* p = play.find_player(a->by)) acted.insert(p->role);
  }
  out.coordination.expected_roles.assign(expected.begin(), expected.end());
  out.coordination.acted_roles.assign(acted.begin(), acted.end());
  std::set_difference(expected.begin(), expected.end(), acted.begin(), acted.end(),
                      std::back_inserter(out.coordination.missing_roles));

  for (const PlayAction* a : index.of(PlayKind::Assess)) {
    AssessmentCheck check;
    check.action = a;
    std::optional<bool> verdict;
    check.verdict = verdict_at(scenario, a->at, verdict);
    if (verdict && a->judgement) check.agrees = *verdict == *a->judgement;
    out.assessments.push_back(check);
  }
  out.notes = index.of(PlayKind::Note);

  // Lessons learned: the play's own items first, then one per expectation
  // late or missed, serving the NIS2 requirements its objective evidences.
  for (const PlayAction* a : index.of(PlayKind::Improvement)) {
    out.improvements.push_back(Improvement{a->text, a->owner, a->due, a->requirements, {}});
  }
  for (const auto& r : out.expectations) {
    if (r.status != Status::Late && r.status != Status::Missed) continue;
    const Expectation& e = *r.expectation;
    // A custom expectation's lateness is an observer's rating: there is no
    // due moment to measure it against, so no duration is claimed.
    std::string what =
        r.status == Status::Missed
            ? fmt::format("{} ({}) was missed: {}", e.id, describe(e), r.reason.empty() ? "not done" : r.reason)
        : r.late_by ? fmt::format("{} ({}) was late by {}", e.id, describe(e), format_duration(*r.late_by))
                    : fmt::format("{} ({}) was rated late by an observer", e.id, describe(e));
    const Objective* o = scenario.find_objective(e.objective);
    out.improvements.push_back(Improvement{what, {}, {}, o ? o->evidences : std::vector<std::string>{}, e.id});
  }
  return out;
}

}  // namespace vigil::exercise
