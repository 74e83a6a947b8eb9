#include "exercise/openaev_import.h"

#include <algorithm>
#include <array>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/json_input.h"
#include "core/text.h"

namespace vigil::exercise {

namespace {

using nlohmann::json;

std::string string_of(const json& object, std::string_view key) {
  if (!object.is_object()) return {};
  auto it = object.find(std::string(key));
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

const json& list_of(const json& object, std::string_view key) {
  static const json kEmpty = json::array();
  if (!object.is_object()) return kEmpty;
  auto it = object.find(std::string(key));
  return it != object.end() && it->is_array() ? *it : kEmpty;
}

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_string(std::string_view text) {
  static constexpr CharEscape kToml[] = {{'"', "\\\""}, {'\\', "\\\\"}, {'\n', "\\n"}, {'\t', "\\t"}, {'\r', "\\r"}};
  return "\"" + escape_chars(text, kToml, "\\u{:04X}") + "\"";
}

// OpenAEV bodies are HTML: tags dropped, the common entities decoded, blank
// runs collapsed, so the inject reads as text.
std::string plain(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (std::size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (c == '<') {
      in_tag = true;
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (c == '>' && in_tag) {
      in_tag = false;
      continue;
    }
    if (in_tag) continue;
    if (c == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {{"&amp;", '&'},  {"&lt;", '<'},   {"&gt;", '>'},
                                                                    {"&quot;", '"'}, {"&#39;", '\''}, {"&nbsp;", ' '}};
      bool done = false;
      for (auto [entity, value] : kEntities) {
        if (html.substr(i, entity.size()) == entity) {
          out += value;
          i += entity.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return std::string(trim(out));
}

std::string slug(std::string_view text) {
  std::string out;
  for (char c : to_lower(text)) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) out += c;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 60) out.resize(60);
  return out.empty() ? "imported" : out;
}

// Whether `lower` contains one of `words`: a phrase or a prefix ("communication"
// finds "communications") at the start of a word, so "audit" never reads as "it".
bool has_word(const std::string& lower, std::initializer_list<std::string_view> words) {
  auto is_alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (std::string_view w : words) {
    for (std::size_t at = lower.find(w); at != std::string::npos; at = lower.find(w, at + 1)) {
      if (at == 0 || !is_alnum(lower[at - 1])) return true;
    }
  }
  return false;
}

// A short word that must stand alone ("it", "hr", "soc", "ops").
bool has_token(const std::string& lower, std::string_view token) {
  auto is_alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (std::size_t at = lower.find(token); at != std::string::npos; at = lower.find(token, at + 1)) {
    bool start = at == 0 || !is_alnum(lower[at - 1]);
    bool end = at + token.size() == lower.size() || !is_alnum(lower[at + token.size()]);
    if (start && end) return true;
  }
  return false;
}

// The role a team's name names, or "".
std::string role_of_team(std::string_view name) {
  std::string n = to_lower(name);
  if (has_word(n, {"legal", "lawyer", "counsel"})) return "legal";
  if (has_word(n, {"dpo", "privacy", "data protection"})) return "dpo";
  if (has_word(n, {"communication", "press", "media", "public relations"})) return "communications";
  if (has_word(n, {"compliance", "regulat"})) return "compliance";
  if (has_word(n, {"management", "executive", "board", "crisis", "ceo", "director"})) return "management";
  if (has_word(n, {"security", "cert", "csirt", "cyber", "blue team"}) || has_token(n, "soc")) return "security";
  if (has_word(n, {"procurement", "purchasing", "vendor"})) return "procurement";
  if (has_word(n, {"finance"})) return "finance";
  if (has_word(n, {"human resources"}) || has_token(n, "hr")) return "hr";
  if (has_word(n, {"operations"}) || has_token(n, "ops")) return "operations";
  if (has_word(n, {"infrastructure", "helpdesk", "service desk"}) || has_token(n, "it")) return "it";
  return {};
}

struct Mapped {
  std::string lines;  // the TOML of the expectation after id/objective
  bool matched = false;
};

Mapped map_expectation(const std::string& name, const std::string& inject_id, long long expiration) {
  std::string n = to_lower(name);
  std::string window =
      fmt::format("after = \"{}\"\nwithin = \"{}\"\n", inject_id, format_duration(Seconds{expiration}));
  auto submit = [&](std::string_view report, std::string_view by) {
    return Mapped{fmt::format("action = \"submit\"\nreport = \"{}\"\nby = \"{}\"\n", report, by), true};
  };
  if (has_word(n, {"early warning", "early-warning"})) return submit("early-warning", "early_warning_due");
  if (has_word(n, {"final report"})) return submit("final", "final_report_due");
  if (has_word(n, {"notification", "notify the csirt", "notify csirt"}))
    return submit("notification", "notification_due");
  if (has_word(n, {"decide", "decision"})) {
    return Mapped{fmt::format("action = \"decide\"\ntag = \"{}\"\n", slug(name)) + window, true};
  }
  if (has_word(n, {"evidence", "forensic"})) return Mapped{"action = \"evidence\"\n" + window, true};
  if (has_word(n, {"significan", "assess"})) return Mapped{"action = \"assess\"\n" + window, true};
  return Mapped{"action = \"custom\"\n" + window, false};
}

}  // namespace

Result<ImportResult> import_openaev(std::string_view json_text, std::string_view file, const ImportOptions& options,
                                    const incident::ZoneLocator& locate) {
  if (json_text.substr(0, 2) == "PK") {
    return fail(ErrorCode::InvalidInput, std::string(file), "this is a ZIP archive, not the JSON inside it",
                {HintKind::ImportArchive, {}});
  }
  json root = TRY(parse_json(json_text, file));
  if (!root.is_object() || !root.contains("scenario_information")) {
    return invalid(std::string(file), "not an OpenAEV (OpenBAS) scenario export: no scenario_information");
  }
  const json& info = root["scenario_information"];
  ImportResult out;
  std::map<std::string, std::string> team_names;  // id -> name
  for (const auto& team : list_of(root, "scenario_teams"))
    team_names[string_of(team, "team_id")] = string_of(team, "team_name");

  // Injects in time order; OpenAEV ids become I1, I2, ...
  struct Item {
    const json* inject;
    long long at;
  };
  std::vector<Item> items;
  for (const auto& inject : list_of(root, "scenario_injects")) {
    long long at = 0;
    if (auto it = inject.find("inject_depends_duration"); it != inject.end() && !it->is_null()) {
      // Seconds from the scenario's start; anything else is said, and the inject starts the exercise.
      if (it->is_number_integer() && it->get<long long>() >= 0 && it->get<long long>() <= kMaxDuration.count()) {
        at = it->get<long long>();
      } else {
        out.not_mapped.push_back(fmt::format(
            "inject '{}': inject_depends_duration {} is not a number of seconds from 0 to 10 years; placed at PT0S",
            excerpt(string_of(inject, "inject_title")), excerpt(it->dump(), 40)));
      }
    }
    items.push_back({&inject, at});
  }
  if (items.empty()) return invalid(fmt::format("{}: scenario_injects", file), "the export has no injects to import");
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.at < b.at; });

  std::string name = string_of(info, "scenario_name");
  std::string description = plain(string_of(info, "scenario_description"));
  const auto& objectives = list_of(root, "scenario_objectives");
  std::string objective_title = objectives.size() == 1 ? string_of(objectives[0], "objective_title")
                                                       : std::string("Expectations imported from OpenAEV");
  if (objectives.size() > 1) {
    for (const auto& o : objectives) {
      out.not_mapped.push_back(
          fmt::format("objective '{}': OpenAEV objectives are not linked to expectations; all "
                      "expectations serve objective O1",
                      excerpt(string_of(o, "objective_title"))));
    }
  }
  std::string injects_toml, expectations_toml;
  long long end = 0;
  int expectation_count = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& inject = *items[i].inject;
    std::string id = fmt::format("I{}", i + 1);
    std::string title = string_of(inject, "inject_title");
    const json& content = inject.contains("inject_content") && inject["inject_content"].is_object()
                              ? inject["inject_content"]
                              : json::object();
    std::string text = plain(string_of(inject, "inject_description"));
    if (text.empty()) {
      std::string subject = string_of(content, "subject"), body = plain(string_of(content, "body"));
      text = std::string(trim(subject + (subject.empty() || body.empty() ? "" : ": ") + body));
    }
    if (text.empty()) text = title.empty() ? "(no text in the OpenAEV export)" : title;
    std::vector<std::string> roles;
    bool all = inject.contains("inject_all_teams") && inject["inject_all_teams"].is_boolean() &&
               inject["inject_all_teams"].get<bool>();
    for (const auto& team : list_of(inject, "inject_teams")) {
      std::string team_id = team.is_string() ? team.get<std::string>() : string_of(team, "team_id");
      std::string team_name = team_names.count(team_id) ? team_names[team_id] : team_id;
      std::string role = role_of_team(team_name);
      if (role.empty()) {
        out.not_mapped.push_back(fmt::format("{} ({}): team '{}' names no role; the inject goes to all", id,
                                             excerpt(title), excerpt(team_name)));
        all = true;
      } else if (std::find(roles.begin(), roles.end(), role) == roles.end()) {
        roles.push_back(role);
      }
    }
    std::string to = "\"all\"";
    if (!all && !roles.empty()) {
      to.clear();
      for (const auto& r : roles) to += (to.empty() ? "" : ", ") + toml_string(r);
    }
    if (!list_of(inject, "inject_depends_on").empty() || inject.contains("inject_depends_from_another")) {
      if (!list_of(inject, "inject_depends_on").empty() ||
          (inject.contains("inject_depends_from_another") && !inject["inject_depends_from_another"].is_null())) {
        out.not_mapped.push_back(
            fmt::format("{} ({}): its condition on another inject is not imported; it is "
                        "timed from the start",
                        id, excerpt(title)));
      }
    }
    injects_toml += fmt::format(
        "\n# OpenAEV inject {}\n[[injects]]\nid = \"{}\"\nat = \"{}\"\nchannel = \"openaev\"\n"
        "to = [{}]\ntitle = {}\ntext = {}\n",
        excerpt(string_of(inject, "inject_id"), 60), id, format_duration(Seconds{items[i].at}), to, toml_string(title),
        toml_string(text));
    end = std::max(end, items[i].at);
    for (const auto& e : list_of(content, "expectations")) {
      std::string e_name = string_of(e, "expectation_name");
      std::string type = string_of(e, "expectation_type");
      long long expiration = 3600;
      if (auto it = e.find("expectation_expiration_time");
          it != e.end() && it->is_number_integer() && it->get<long long>() > 0) {
        expiration = std::min<long long>(it->get<long long>(), kMaxDuration.count());
      } else {
        out.not_mapped.push_back(
            fmt::format("{}: expectation '{}' has no expiration time; given PT1H", id, excerpt(e_name)));
      }
      Mapped m = map_expectation(e_name + " " + string_of(e, "expectation_description"), id, expiration);
      ++expectation_count;
      std::string e_id = fmt::format("E{}", expectation_count);
      if (m.matched) {
        ++out.mapped_expectations;
      } else {
        out.not_mapped.push_back(
            fmt::format("{} ({} '{}'): no matching Vigil action; imported as custom (an observer rates it)", e_id,
                        type.empty() ? "expectation" : type, excerpt(e_name)));
      }
      if (type == "PREVENTION" || type == "DETECTION" || type == "VULNERABILITY") {
        out.not_mapped.push_back(
            fmt::format("{}: {} is scored by OpenAEV's agents, not by a team's actions", e_id, type));
      }
      if (!m.lines.starts_with("action = \"submit\"")) end = std::max(end, items[i].at + expiration);
      expectations_toml += fmt::format("\n[[expectations]]\nid = \"{}\"\nobjective = \"O1\"\ntitle = {}\n{}", e_id,
                                       toml_string(e_name.empty() ? type : e_name), m.lines);
    }
  }
  if (expectation_count == 0) {
    // A scenario needs an objective served by an expectation: one custom per inject's end.
    out.not_mapped.push_back(
        "the export has no expectations; one custom expectation was added to rate the whole exercise");
    expectations_toml = fmt::format(
        "\n[[expectations]]\nid = \"E1\"\nobjective = \"O1\"\ntitle = \"Overall performance "
        "(rated by an observer)\"\naction = \"custom\"\nafter = \"I1\"\nwithin = \"{}\"\n",
        format_duration(Seconds{std::max<long long>(end, 3600)}));
    end = std::max<long long>(end, 3600);
  }
  for (std::string_view key : {"scenario_documents", "scenario_channels", "scenario_articles", "scenario_challenges",
                               "scenario_lessons_questions", "scenario_variables"}) {
    if (!list_of(root, key).empty())
      out.not_mapped.push_back(fmt::format("{}: not imported ({} items)", key, list_of(root, key).size()));
  }
  // Long enough for the final report (one month after the notification).
  long long duration = std::max<long long>(end, 35LL * 86400);
  std::string id = options.id.empty() ? slug(name) : options.id;
  out.injects = static_cast<int>(items.size());
  out.expectations = std::max(expectation_count, 1);
  out.toml = fmt::format(
      "# EXERCISE scenario, imported from the OpenAEV scenario export {} by `vigil exercise import`.\n"
      "# Review the roles, windows and Art. 23 expectations before running it.\n"
      "id = {}\ntitle = {}\ndescription = {}\nentity_type = {}\ntimezone = {}\nstart = {}\nduration = \"{}\"\n"
      "\n[[objectives]]\nid = \"O1\"\ntitle = {}\n{}{}",
      excerpt(std::string(file), 200), toml_string(id), toml_string(name.empty() ? id : name),
      toml_string(description.empty() ? "Imported from OpenAEV." : description), toml_string(options.entity_type),
      toml_string(options.timezone), toml_string(options.start), format_duration(Seconds{duration}),
      toml_string(objective_title.empty() ? "Imported objective" : objective_title), injects_toml, expectations_toml);
  // What we write must be a scenario Vigil accepts.
  TRY(parse_scenario(out.toml, "imported scenario", locate));
  return out;
}

}  // namespace vigil::exercise
