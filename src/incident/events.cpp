#include "incident/events.h"

#include <exception>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace vigil::incident::event {

using nlohmann::json;

namespace {

// Each helper throws on a payload that does not describe its entry; decode()
// turns that into an error naming the entry.
Instant time_of(const json& value) {
  auto t = parse_rfc3339(value.get<std::string>(), "time");
  if (!t) throw std::runtime_error(t.error().message);
  return *t;
}
json time_json(Instant t) { return format_utc(t); }
json time_json(std::optional<Instant> t) { return t ? json(format_utc(*t)) : json(nullptr); }
std::optional<Instant> optional_time(const json& value) {
  if (value.is_null()) return std::nullopt;
  return time_of(value);
}
json bool_json(std::optional<bool> value) { return value ? json(*value) : json(nullptr); }
std::optional<bool> optional_bool(const json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<bool>();
}
template <class Enum, class Parse>
Enum enum_of(const json& value, Parse parse) {
  auto parsed = parse(value.get<std::string>(), "value");
  if (!parsed) throw std::runtime_error(parsed.error().message);
  return *parsed;
}
std::vector<std::string> strings(const json& p, const char* key) {
  auto it = p.find(key);
  return it == p.end() ? std::vector<std::string>{} : it->get<std::vector<std::string>>();
}

json to_json(const Opened& e) {
  json p{{"title", e.title},
         {"awareness_time", time_json(e.awareness)},
         {"timezone", e.timezone},
         {"entity_type", e.entity_type},
         {"trust_service_incident", e.trust_service_incident}};
  if (e.supplier) {
    p["supplier"] = {{"id", e.supplier->id}, {"name", e.supplier->name}};
    json functions = json::array();
    for (const auto& f : e.supplier->functions) {
      functions.push_back({{"id", f.id}, {"name", f.name}, {"critical", f.critical}, {"fails", f.fails}});
    }
    p["affected_functions"] = std::move(functions);
  }
  if (!e.exercise.empty()) p["exercise"] = e.exercise;
  return p;
}
Opened opened_of(const json& p) {
  Opened e;
  e.title = p.at("title").get<std::string>();
  e.awareness = time_of(p.at("awareness_time"));
  e.timezone = p.at("timezone").get<std::string>();
  e.entity_type = p.at("entity_type").get<std::string>();
  e.trust_service_incident = p.at("trust_service_incident").get<bool>();
  if (auto s = p.find("supplier"); s != p.end()) {
    SupplierCause cause{s->at("id").get<std::string>(), s->at("name").get<std::string>(), {}};
    for (const auto& f : p.at("affected_functions")) {
      cause.functions.push_back({f.at("id").get<std::string>(), f.at("name").get<std::string>(),
                                 f.at("critical").get<bool>(), f.at("fails").get<bool>()});
    }
    e.supplier = std::move(cause);
  }
  if (auto x = p.find("exercise"); x != p.end()) e.exercise = x->get<std::string>();
  return e;
}

json to_json(const Assessed& e) {
  json p{{"inputs", json::parse(e.inputs)}, {"rule_result", bool_json(e.rule_result)}, {"criteria", e.criteria},
         {"explanation", e.explanation},    {"judgement", bool_json(e.judgement)},     {"note", e.note}};
  if (e.undetermined) {
    json undetermined = json::array();
    for (const auto& u : *e.undetermined) undetermined.push_back({{"criterion", u.criterion}, {"missing", u.missing}});
    p["undetermined"] = std::move(undetermined);
  }
  return p;
}
Assessed assessed_of(const json& p) {
  Assessed e;
  e.inputs = p.at("inputs").dump(-1, ' ', false, json::error_handler_t::replace);
  e.rule_result = optional_bool(p.at("rule_result"));
  e.criteria = p.at("criteria").get<std::vector<std::string>>();
  if (auto u = p.find("undetermined"); u != p.end()) {
    e.undetermined.emplace();
    for (const auto& item : *u) {
      e.undetermined->push_back(
          {item.at("criterion").get<std::string>(), item.at("missing").get<std::vector<std::string>>()});
    }
  }
  e.explanation = p.at("explanation").get<std::vector<std::string>>();
  e.judgement = optional_bool(p.at("judgement"));
  e.note = p.at("note").get<std::string>();
  return e;
}

json to_json(const Decided& e) {
  json p{{"decided_at", time_json(e.decided_at)},
         {"decision", e.decision},
         {"options", e.options},
         {"rationale", e.rationale},
         {"known", e.known},
         {"unknown", e.unknown},
         {"confidence", to_string(e.confidence)}};
  if (!e.tags.empty()) p["tags"] = e.tags;
  return p;
}
Decided decided_of(const json& p) {
  Decided e;
  e.decided_at = time_of(p.at("decided_at"));
  e.decision = p.at("decision").get<std::string>();
  e.options = p.at("options").get<std::vector<std::string>>();
  e.rationale = p.at("rationale").get<std::string>();
  e.known = p.at("known").get<std::vector<std::string>>();
  e.unknown = p.at("unknown").get<std::vector<std::string>>();
  e.confidence = enum_of<Confidence>(p.at("confidence"), parse_confidence);
  e.tags = strings(p, "tags");
  return e;
}

json to_json(const EvidenceAdded& e) {
  json p{{"sha256", e.sha256}, {"size", e.size}, {"file_name", e.file_name}, {"description", e.description}};
  if (!e.tags.empty()) p["tags"] = e.tags;
  return p;
}
EvidenceAdded evidence_added_of(const json& p) {
  return EvidenceAdded{p.at("sha256").get<std::string>(), p.at("size").get<std::int64_t>(),
                       p.at("file_name").get<std::string>(), p.at("description").get<std::string>(),
                       strings(p, "tags")};
}

json to_json(const Submitted& e) {
  json p{{"type", to_string(e.type)},
         {"submitted_at", time_json(e.submitted_at)},
         {"recipient", to_string(e.recipient)},
         {"reference", e.reference}};
  if (e.answered) {
    p["deadline"] = time_json(e.answered->deadline);
    p["on_time"] = bool_json(e.answered->on_time);
  }
  if (!e.out_of_order.empty()) p["out_of_order"] = e.out_of_order;
  return p;
}
Submitted submitted_of(const json& p) {
  Submitted e;
  e.type = enum_of<SubmissionType>(p.at("type"), parse_submission_type);
  e.submitted_at = time_of(p.at("submitted_at"));
  e.recipient = enum_of<Recipient>(p.at("recipient"), parse_recipient);
  e.reference = p.at("reference").get<std::string>();
  if (auto deadline = p.find("deadline"); deadline != p.end()) {
    e.answered = AnsweredDeadline{optional_time(*deadline), optional_bool(p.at("on_time"))};
  }
  e.out_of_order = strings(p, "out_of_order");
  return e;
}

json to_json(const FactsRecorded& e) {
  json facts = json::object();
  for (const auto& [id, value] : e.facts) facts[id] = value;
  return json{{"facts", facts}};
}
FactsRecorded facts_recorded_of(const json& p) {
  FactsRecorded e;
  for (const auto& item : p.at("facts").items()) e.facts.emplace_back(item.key(), item.value().get<std::string>());
  return e;
}

json to_json(const ReportWithdrawn& e) { return json{{"report", to_string(e.report)}, {"reason", e.reason}}; }
ReportWithdrawn report_withdrawn_of(const json& p) {
  return ReportWithdrawn{enum_of<SubmissionType>(p.at("report"), parse_submission_type),
                         p.at("reason").get<std::string>()};
}

json to_json(const PersonalDataBreachAttached& e) { return json{{"awareness_time", time_json(e.awareness)}}; }
PersonalDataBreachAttached breach_attached_of(const json& p) {
  return PersonalDataBreachAttached{time_of(p.at("awareness_time"))};
}

json to_json(const Closed& e) { return json{{"handled_at", time_json(e.handled_at)}, {"summary", e.summary}}; }
Closed closed_of(const json& p) { return Closed{time_of(p.at("handled_at")), p.at("summary").get<std::string>()}; }

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;  // clang 14 (the fuzz build) deduces no aggregate

}  // namespace

std::string_view kind(const Body& body) {
  return std::visit(
      Overloaded{
          [](const Opened&) { return std::string_view("opened"); },
          [](const Assessed&) { return std::string_view("assessed"); },
          [](const Decided&) { return std::string_view("decided"); },
          [](const EvidenceAdded&) { return std::string_view("evidence_added"); },
          [](const Submitted&) { return std::string_view("submitted"); },
          [](const FactsRecorded&) { return std::string_view("facts_recorded"); },
          [](const ReportWithdrawn&) { return std::string_view("report_withdrawn"); },
          [](const PersonalDataBreachAttached&) { return std::string_view("personal_data_breach_attached"); },
          [](const Closed&) { return std::string_view("closed"); },
      },
      body);
}

std::string encode(const Body& body) {
  json payload = std::visit([](const auto& e) { return to_json(e); }, body);
  return payload.dump(-1, ' ', false, json::error_handler_t::replace);
}

EventDraft draft(Body body, std::string by, Instant now) {
  return EventDraft{std::string(kind(body)), std::move(by), now, encode(body)};
}

Result<Body> decode(std::string_view kind_name, std::string_view payload, std::string_view where) {
  try {
    json p = json::parse(payload);
    if (kind_name == "opened") return opened_of(p);
    if (kind_name == "assessed") return assessed_of(p);
    if (kind_name == "decided") return decided_of(p);
    if (kind_name == "evidence_added") return evidence_added_of(p);
    if (kind_name == "submitted") return submitted_of(p);
    if (kind_name == "facts_recorded") return facts_recorded_of(p);
    if (kind_name == "report_withdrawn") return report_withdrawn_of(p);
    if (kind_name == "personal_data_breach_attached") return breach_attached_of(p);
    if (kind_name == "closed") return closed_of(p);
  } catch (const std::exception& ex) {
    return fail(ErrorCode::Internal, std::string(where),
                fmt::format("payload does not describe a '{}' entry: {}", excerpt(kind_name), ex.what()));
  }
  return fail(ErrorCode::Internal, std::string(where), fmt::format("unknown kind of entry '{}'", excerpt(kind_name)));
}

}  // namespace vigil::incident::event
