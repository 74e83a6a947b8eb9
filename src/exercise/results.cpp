#include "exercise/results.h"

#include <date/tz.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/json_input.h"
#include "core/text.h"

namespace vigil::exercise {
namespace {

using nlohmann::json;

Date local_date(Instant instant, const date::time_zone* zone) {
  if (!zone) return utc_date(instant);
  auto local = date::make_zoned(zone, instant).get_local_time();
  return Date{date::floor<date::days>(local)};
}

bool art23(std::string_view report) {
  return report == "early-warning" || report == "notification" || report == "final";
}

// A small reader over the parts of the score JSON the readiness report needs;
// every error names the file and the field.
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  const json* member(const json& object, std::string_view key, std::string_view field, json::value_t type,
                     bool required) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) fail(field, "is missing");
      return nullptr;
    }
    bool ok = it->type() == type || (type == json::value_t::number_integer && it->is_number_integer());
    if (!ok) {
      fail(field, fmt::format("must be {}, not {}", kind(type), describe_value(*it)));
      return nullptr;
    }
    return &*it;
  }
  std::optional<std::string> text(const json& object, std::string_view key, std::string_view field, bool required) {
    const json* v = member(object, key, field, json::value_t::string, required);
    if (!v) return std::nullopt;
    return v->get<std::string>();
  }
  // Calls each(object, field) for every object of the list at key; an item
  // that is not an object is an error.
  template <class Each>
  void objects(const json& object, std::string_view key, bool required, Each each) {
    const json* list = member(object, key, key, json::value_t::array, required);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string field = fmt::format("{}[{}]", key, i);
      if ((*list)[i].is_object()) each((*list)[i], field);
      else fail(field, "must be an object");
    }
  }
  // The NIS2 requirement ids and IR 2024/2690 Annex points listed at key.
  std::vector<std::string> requirement_references(const json& object, std::string_view key, std::string_view field) {
    std::vector<std::string> out;
    std::string list_field = fmt::format("{}.{}", field, key);
    const json* list = member(object, key, list_field, json::value_t::array, false);
    if (!list) return out;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const json& item = (*list)[k];
      if (item.is_string() && is_requirement_reference(item.get<std::string>())) {
        out.push_back(item.get<std::string>());
      } else {
        fail(fmt::format("{}[{}]", list_field, k),
             fmt::format("{} is neither a NIS2 requirement id nor an IR 2024/2690 Annex point", describe_value(item)));
      }
    }
    return out;
  }
  void fail(std::string_view field, std::string message) {
    errors_.add(Error{ErrorCode::InvalidInput, fmt::format("{}: {}", source_, field), std::move(message), {}});
  }
  Result<void> finish() {
    if (errors_.empty()) return {};
    return tl::unexpected(errors_.result().error());
  }

 private:
  static std::string_view kind(json::value_t type) {
    switch (type) {
      case json::value_t::object: return "an object";
      case json::value_t::array: return "a list";
      case json::value_t::boolean: return "true or false";
      default: return "a string";
    }
  }
  std::string source_;
  Errors errors_;
};

}  // namespace

assess::ExerciseResult exercise_result(const Scenario& scenario, const Score& score, std::string source,
                                       std::optional<Instant> ended) {
  assess::ExerciseResult out;
  out.scenario = scenario.id;
  out.title = scenario.title;
  out.ended = local_date(ended.value_or(score.started_at + score.duration), scenario.zone);
  out.source = std::move(source);
  out.played = format_duration(score.played);
  out.duration = format_duration(score.duration);
  out.ended_early = score.ended_early;
  out.ended_before_awareness = score.ended_before_awareness;
  out.ended_before_final_report_due = score.ended_before_final_report_due;
  for (const ObjectiveResult& o : score.objectives) {
    assess::ExerciseObjective objective{o.objective->id, o.objective->title, {}, o.objective->evidences};
    if (o.rating) objective.rating = to_string(*o.rating).front();
    out.objectives.push_back(std::move(objective));
  }
  for (const ReportResult& r : score.reports) {
    if (r.report == incident::SubmissionType::GdprBreach) continue;
    ++out.reports_total;
    if (r.on_time == true) ++out.reports_on_time;
    if (r.on_time == false) ++out.reports_late;
  }
  for (const Improvement& i : score.improvements) {
    out.improvements.push_back({i.text, i.owner, i.due, i.requirements, i.expectation});
  }
  return out;
}

Result<assess::ExerciseResult> read_exercise_result(std::string_view text, std::string_view source,
                                                    const incident::ZoneLocator& locate) {
  json doc = TRY(parse_json(text, source));
  Reader r{std::string(source)};
  if (!doc.is_object()) {
    return fail(ErrorCode::InvalidInput, fmt::format("{}: (top level)", source),
                "must be the JSON object of an exercise's score", {HintKind::ExerciseScoreJson, {}});
  }
  assess::ExerciseResult out;
  out.source = std::string(source);
  const date::time_zone* zone = nullptr;
  if (const json* s = r.member(doc, "scenario", "scenario", json::value_t::object, true)) {
    out.scenario = r.text(*s, "id", "scenario.id", true).value_or("");
    out.title = r.text(*s, "title", "scenario.title", false).value_or("");
    if (auto tz = r.text(*s, "timezone", "scenario.timezone", true)) {
      zone = locate(*tz);
      if (!zone) r.fail("scenario.timezone", fmt::format("'{}' is not an IANA time zone", excerpt(*tz)));
    }
  }
  std::optional<Instant> ended;
  if (auto e = r.text(doc, "ended_at", "ended_at", false)) {
    if (auto at = parse_rfc3339(*e, fmt::format("{}: ended_at", source))) ended = *at;
    else r.fail("ended_at", at.error().message);
  } else {
    auto start = r.text(doc, "started_at", "started_at", true);
    auto duration = r.text(doc, "duration", "duration", true);
    if (start && duration) {
      auto at = parse_rfc3339(*start, "started_at");
      auto span = parse_duration(*duration, "duration");
      if (!at) r.fail("started_at", at.error().message);
      if (!span) r.fail("duration", span.error().message);
      if (at && span) ended = *at + *span;
    }
  }
  // How much was played; absent (a score written before these fields
  // existed): played in full.
  if (const json* early = r.member(doc, "ended_early", "ended_early", json::value_t::boolean, false)) {
    out.ended_early = early->get<bool>();
  }
  if (auto played = r.text(doc, "played_duration", "played_duration", false)) {
    if (auto span = parse_duration(*played, "played_duration")) out.played = format_duration(*span);
    else r.fail("played_duration", span.error().message);
  }
  if (auto duration = r.text(doc, "duration", "duration", false)) {
    if (auto span = parse_duration(*duration, "duration")) out.duration = format_duration(*span);
  }
  if (const json* before = r.member(doc, "ended_before", "ended_before", json::value_t::object, false)) {
    if (const json* a =
            r.member(*before, "awareness_inject", "ended_before.awareness_inject", json::value_t::boolean, false)) {
      out.ended_before_awareness = a->get<bool>();
    }
    if (const json* f =
            r.member(*before, "final_report_due", "ended_before.final_report_due", json::value_t::boolean, false)) {
      out.ended_before_final_report_due = f->get<bool>();
    }
  }
  if (out.ended_early && !out.ended_before_awareness && !out.ended_before_final_report_due &&
      !doc.contains("ended_before")) {
    // An early end without saying what it came before: it cannot be shown to
    // have reached the final report's deadline.
    out.ended_before_final_report_due = true;
  }
  r.objects(doc, "objectives", true, [&](const json& o, const std::string& field) {
    assess::ExerciseObjective objective;
    objective.id = r.text(o, "id", field + ".id", true).value_or("");
    objective.title = r.text(o, "title", field + ".title", false).value_or("");
    if (auto rating = r.text(o, "rating", field + ".rating", false)) {
      if (*rating == "P" || *rating == "S" || *rating == "M" || *rating == "U") objective.rating = rating->front();
      else r.fail(field + ".rating", fmt::format("'{}' is not an HSEEP rating (P, S, M, U or null)", excerpt(*rating)));
    }
    objective.evidences = r.requirement_references(o, "evidences", field);
    out.objectives.push_back(std::move(objective));
  });
  r.objects(doc, "reports", true, [&](const json& rep, const std::string& field) {
    auto kind = r.text(rep, "report", field + ".report", true);
    const json* on_time = r.member(rep, "on_time", field + ".on_time", json::value_t::boolean, false);
    if (!kind || !art23(*kind)) return;
    ++out.reports_total;
    if (on_time && on_time->get<bool>()) ++out.reports_on_time;
    if (on_time && !on_time->get<bool>()) ++out.reports_late;
  });
  r.objects(doc, "improvements", false, [&](const json& it, const std::string& field) {
    assess::ImprovementItem item;
    item.text = r.text(it, "text", field + ".text", true).value_or("");
    item.owner = r.text(it, "owner", field + ".owner", false).value_or("");
    item.expectation = r.text(it, "expectation", field + ".expectation", false).value_or("");
    if (auto due = r.text(it, "due", field + ".due", false)) {
      if (auto d = parse_date(*due, field + ".due")) item.due = *d;
      else r.fail(field + ".due", d.error().message);
    }
    item.requirements = r.requirement_references(it, "requirements", field);
    out.improvements.push_back(std::move(item));
  });
  TRY(r.finish());
  if (ended) out.ended = local_date(*ended, zone);
  return out;
}

}  // namespace vigil::exercise
