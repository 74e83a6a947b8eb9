// catalog_gen: compiles the knowledge base (data/*.toml) into C++ static data
// behind vigil::catalog::builtin(), so the binary answers without data files
// and without parsing anything at start-up. It validates the data first: every
// error names file:line, all errors are reported together, and nothing is
// written when there is one (the build fails).
//
// usage: vigil_catalog_gen <data dir> <out.cpp>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>
#include <toml++/toml.h>

#include "core/text.h"

namespace {

// --- the data as read, with where each item came from -----------------------

struct Where {
  std::string file;
  int line = 0;
  std::string str() const { return fmt::format("{}:{}", file, line); }
};

using Strings = std::vector<std::string>;

struct Iso {
  Where at;
  std::string id, title, kind, group;
  bool assessable = false;
  std::string summary;
};
struct Requirement {
  Where at;
  std::string id, article, title, summary, group;
  Strings iso27001;
  std::string relationship, coverage, rationale;
  Strings documents;
};
struct Obligation {
  Where at;
  std::string reference, text;
};
struct Article {
  Where at;
  std::string id;
  long long number = 0;
  std::string title, summary;
  std::vector<Obligation> obligations;
  Strings requirements;
  Strings see_also;
};
struct EntityType {
  Where at;
  std::string id, annex, sector, subsector, entity_type, defined_in, size_independent_basis, annex_exclusion;
  bool ir_2024_2690 = false;
  std::string jurisdiction;
};
struct Step {
  Where at;
  long long number = 0;
  std::string id, title, description;
  Strings requirements, iso27001, documents;
  bool achieved_by_iso27001 = false;
};
struct Area {
  Where at;
  std::string name, description;
  Strings iso27001;
};
struct StandardArticle {
  Where at;
  std::string article, guidance;
  Strings requirements;
};
struct Fact {
  Where at;
  std::string label, value;
};
struct Standard {
  Where at;
  std::string id, name, overview, applicability;
  std::vector<Area> areas;
  std::vector<StandardArticle> articles;
  std::vector<Fact> facts;
};

struct Iso2013 {
  Where at;
  std::string id;
  Strings iso27001;
  std::string relationship;
};

struct Source {
  Where at;
  std::string id, citation, note;
};
struct IrSection {
  Where at;
  long long number = 0;
  std::string title;
  Strings articles;
};
struct IrPart {
  Where at;
  std::string id, title;
};
struct IrPoint {
  Where at;
  std::string id;  // "5.1.4"
  long long section = 0;
  std::string article, title, summary, requirement;
  Strings iso27001;
  std::string relationship, coverage;
  Strings mapping_sources;
  std::vector<IrPart> parts;
};

struct Synonym {
  Where at;
  Strings terms, means;
};

struct Data {
  std::vector<Synonym> synonyms;
  std::vector<Source> sources;
  std::vector<IrSection> ir_sections;
  std::vector<IrPoint> ir_points;
  std::vector<Iso> iso;
  std::vector<Iso2013> iso2013;
  std::vector<Requirement> requirements;
  std::vector<Article> articles;
  std::vector<EntityType> entity_types;
  std::vector<Step> roadmap;
  std::vector<Standard> standards;
};

std::vector<std::string> errors;

void error(const Where& at, const std::string& message) { errors.push_back(at.str() + ": " + message); }

// --- strict reading of one TOML table ----------------------------------------

class Fields {
 public:
  Fields(const toml::table& table, std::string file, std::string what)
      : table_(table), at_{std::move(file), static_cast<int>(table.source().begin.line)}, what_(std::move(what)) {}

  const Where& at() const { return at_; }

  std::string text(std::string_view key, bool may_be_empty = false) {
    const toml::node* node = get(key);
    if (!node) return {};
    auto value = node->value<std::string>();
    if (!node->is_string() || !value) {
      error(where(*node), fmt::format("{}: '{}' must be a string", what_, key));
      return {};
    }
    if (!may_be_empty && value->empty()) error(where(*node), fmt::format("{}: '{}' must not be empty", what_, key));
    return *value;
  }

  // A string that may be left out (empty when it is).
  std::string optional_text(std::string_view key) {
    read_.insert(std::string(key));
    if (!table_.get(key)) return {};
    return text(key);
  }

  // A list that may be left out (empty when it is).
  Strings optional_list(std::string_view key) {
    read_.insert(std::string(key));
    if (!table_.get(key)) return {};
    return list(key);
  }

  Strings list(std::string_view key) {
    Strings out;
    const toml::node* node = get(key);
    if (!node) return out;
    const toml::array* array = node->as_array();
    if (!array) {
      error(where(*node), fmt::format("{}: '{}' must be an array of strings (write [] for none)", what_, key));
      return out;
    }
    for (const toml::node& element : *array) {
      auto value = element.value<std::string>();
      if (!element.is_string() || !value || value->empty()) {
        error(where(element), fmt::format("{}: '{}' must hold non-empty strings", what_, key));
        continue;
      }
      out.push_back(*value);
    }
    return out;
  }

  bool flag(std::string_view key) {
    const toml::node* node = get(key);
    if (!node) return false;
    if (!node->is_boolean()) {
      error(where(*node), fmt::format("{}: '{}' must be true or false", what_, key));
      return false;
    }
    return *node->value<bool>();
  }

  long long number(std::string_view key) {
    const toml::node* node = get(key);
    if (!node) return 0;
    if (!node->is_integer()) {
      error(where(*node), fmt::format("{}: '{}' must be an integer", what_, key));
      return 0;
    }
    return *node->value<long long>();
  }

  const toml::array* tables(std::string_view key) {
    const toml::node* node = get(key, /*optional=*/true);
    if (!node) return nullptr;
    const toml::array* array = node->as_array();
    if (!array || !array->is_array_of_tables()) {
      error(where(*node), fmt::format("{}: '{}' must be an array of tables ([[...]])", what_, key));
      return nullptr;
    }
    return array;
  }

  // Call last: any key not read is a mistake (a typo would otherwise vanish).
  void no_other_keys() {
    for (const auto& [key, node] : table_) {
      if (!read_.count(std::string(key.str())))
        error(where(node), fmt::format("{}: unknown key '{}'", what_, key.str()));
    }
  }

 private:
  Where where(const toml::node& node) const {
    int line = static_cast<int>(node.source().begin.line);
    return {at_.file, line ? line : at_.line};
  }

  const toml::node* get(std::string_view key, bool optional = false) {
    read_.insert(std::string(key));
    const toml::node* node = table_.get(key);
    if (!node && !optional) error(at_, fmt::format("{}: missing key '{}'", what_, key));
    return node;
  }

  const toml::table& table_;
  Where at_;
  std::string what_;
  std::set<std::string> read_;
};

// Runs `read` on each table of `array` (none when it is null), named `what`
// in errors; a key `read` did not ask for is an error.
template <class Read>
void read_tables(const toml::array* array, const std::string& file, const std::string& what, Read read) {
  if (!array) return;
  for (const toml::node& node : *array) {
    Fields f(*node.as_table(), file, what);
    read(f);
    f.no_other_keys();
  }
}

std::optional<toml::table> parse(const std::filesystem::path& path) {
  try {
    return toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    error({path.filename().string(), static_cast<int>(e.source().begin.line)}, std::string(e.description()));
    return std::nullopt;
  }
}

std::string display(const std::filesystem::path& path) { return "data/" + path.filename().string(); }

// An error for each top-level key of a parsed file other than the `expected`
// ones (listed in the message as `listing`).
void only_keys(const toml::table& root, const std::string& file, std::initializer_list<std::string_view> expected,
               std::string_view listing) {
  for (const auto& [name, node] : root) {
    if (std::find(expected.begin(), expected.end(), name.str()) == expected.end()) {
      error({file, static_cast<int>(node.source().begin.line)},
            fmt::format("unknown top-level key '{}' (expected {})", name.str(), listing));
    }
  }
}

// The [[key]] tables at the top level of a parsed file; null, after an
// error, when there are none.
const toml::array* top_level(const toml::table& root, const std::string& file, std::string_view key) {
  const toml::array* array = root[key].as_array();
  if (!array || !array->is_array_of_tables()) {
    error({file, 1}, fmt::format("expected [[{}]] tables", key));
    return nullptr;
  }
  return array;
}

// Runs `read` on each [[key]] table of a file that holds only those.
template <class Read>
void read_file(const std::filesystem::path& path, std::string_view key, const std::string& what, Read read) {
  auto root = parse(path);
  if (!root) return;
  const std::string file = display(path);
  only_keys(*root, file, {key}, fmt::format("[[{}]]", key));
  read_tables(top_level(*root, file, key), file, what, read);
}

void read_iso(const std::filesystem::path& path, Data& data) {
  read_file(path, "item", "ISO item", [&](Fields& f) {
    data.iso.push_back(Iso{f.at(), f.text("id"), f.text("title"), f.text("kind"), f.text("group"), f.flag("assessable"),
                           f.text("summary")});
  });
}

void read_iso2013(const std::filesystem::path& path, Data& data) {
  read_file(path, "control", "ISO 27001:2013 control", [&](Fields& f) {
    data.iso2013.push_back(Iso2013{f.at(), f.text("id"), f.list("iso27001"), f.text("relationship")});
  });
}

void read_requirements(const std::filesystem::path& path, Data& data) {
  read_file(path, "requirement", "requirement", [&](Fields& f) {
    data.requirements.push_back(Requirement{f.at(), f.text("id"), f.text("article"), f.text("title"), f.text("summary"),
                                            f.text("group"), f.list("iso27001"), f.text("relationship"),
                                            f.text("coverage"), f.text("rationale"), f.list("documents")});
  });
}

void read_articles(const std::filesystem::path& path, Data& data) {
  const std::string file = display(path);
  read_file(path, "article", "article", [&](Fields& f) {
    Article a;
    a.at = f.at();
    a.id = f.text("id");
    a.number = f.number("number");
    a.title = f.text("title");
    a.summary = f.text("summary");
    a.requirements = f.list("requirements");
    a.see_also = f.optional_list("see_also");
    read_tables(f.tables("obligation"), file, "obligation of " + a.id, [&](Fields& o) {
      a.obligations.push_back({o.at(), o.text("reference"), o.text("text")});
    });
    data.articles.push_back(std::move(a));
  });
}

void read_ir_2024_2690(const std::filesystem::path& path, Data& data) {
  auto root = parse(path);
  if (!root) return;
  const std::string file = display(path);
  only_keys(*root, file, {"source", "section", "point"}, "[[source]], [[section]] or [[point]]");
  auto tables = [&](std::string_view key) { return top_level(*root, file, key); };
  read_tables(tables("source"), file, "mapping source", [&](Fields& f) {
    data.sources.push_back({f.at(), f.text("id"), f.text("citation"), f.text("note")});
  });
  read_tables(tables("section"), file, "IR 2024/2690 Annex section", [&](Fields& f) {
    data.ir_sections.push_back({f.at(), f.number("number"), f.text("title"), f.list("articles")});
  });
  read_tables(tables("point"), file, "IR 2024/2690 Annex point", [&](Fields& f) {
    IrPoint p;
    p.at = f.at();
    p.id = f.text("id");
    p.section = f.number("section");
    p.article = f.text("article");
    p.title = f.text("title");
    p.summary = f.text("summary");
    p.requirement = f.text("requirement");
    p.iso27001 = f.list("iso27001");
    p.relationship = f.text("relationship");
    p.coverage = f.text("coverage");
    p.mapping_sources = f.list("mapping_sources");
    read_tables(f.tables("part"), file, "sub-point of " + p.id, [&](Fields& g) {
      p.parts.push_back({g.at(), g.text("id"), g.text("title")});
    });
    data.ir_points.push_back(std::move(p));
  });
}

void read_synonyms(const std::filesystem::path& path, Data& data) {
  read_file(path, "synonym", "synonym", [&](Fields& f) {
    data.synonyms.push_back({f.at(), f.list("terms"), f.list("means")});
  });
}

void read_entity_types(const std::filesystem::path& path, Data& data) {
  read_file(path, "entity_type", "entity type", [&](Fields& f) {
    EntityType e;
    e.at = f.at();
    e.id = f.text("id");
    e.annex = f.text("annex");
    e.sector = f.text("sector");
    e.subsector = f.text("subsector", true);
    e.entity_type = f.text("entity_type");
    e.defined_in = f.text("defined_in");
    e.size_independent_basis = f.text("size_independent_basis", true);
    e.annex_exclusion = f.text("annex_exclusion", true);
    e.ir_2024_2690 = f.flag("ir_2024_2690");
    e.jurisdiction = f.text("jurisdiction");
    data.entity_types.push_back(std::move(e));
  });
}

void read_roadmap(const std::filesystem::path& path, Data& data) {
  read_file(path, "step", "roadmap step", [&](Fields& f) {
    Step s;
    s.at = f.at();
    s.number = f.number("number");
    s.id = f.text("id");
    s.title = f.text("title");
    s.description = f.text("description");
    s.requirements = f.list("requirements");
    s.iso27001 = f.list("iso27001");
    s.documents = f.list("documents");
    s.achieved_by_iso27001 = f.flag("achieved_by_iso27001");
    data.roadmap.push_back(std::move(s));
  });
}

void read_standards(const std::filesystem::path& path, Data& data) {
  const std::string file = display(path);
  read_file(path, "standard", "standard", [&](Fields& f) {
    Standard s;
    s.at = f.at();
    s.id = f.text("id");
    s.name = f.text("name");
    s.overview = f.text("overview");
    s.applicability = f.text("applicability");
    read_tables(f.tables("coverage_area"), file, "coverage area", [&](Fields& a) {
      s.areas.push_back({a.at(), a.text("name"), a.text("description"), a.list("iso27001")});
    });
    read_tables(f.tables("related_article"), file, "related article", [&](Fields& a) {
      s.articles.push_back({a.at(), a.text("article"), a.text("guidance"), a.list("requirements")});
    });
    read_tables(f.tables("quick_fact"), file, "quick fact", [&](Fields& a) {
      s.facts.push_back({a.at(), a.text("label"), a.text("value")});
    });
    data.standards.push_back(std::move(s));
  });
}

// --- validation --------------------------------------------------------------

bool one_of(const std::string& value, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (value == a) return true;
  return false;
}

std::string list_of(std::initializer_list<std::string_view> allowed) {
  std::string out;
  for (auto a : allowed) out += (out.empty() ? "" : " | ") + std::string(a);
  return out;
}

void check_enum(const Where& at, const std::string& what, const std::string& value,
                std::initializer_list<std::string_view> allowed) {
  if (!value.empty() && !one_of(value, allowed))
    error(at, fmt::format("{} '{}' is not valid (expected {})", what, value, list_of(allowed)));
}

// "Art. 21(2)(h)" -> 21; 0 when it does not start with "Art. <n>".
long long article_number(std::string_view reference) {
  if (reference.substr(0, 5) != "Art. ") return 0;
  long long n = 0;
  std::size_t i = 5;
  for (; i < reference.size() && reference[i] >= '0' && reference[i] <= '9'; ++i) n = n * 10 + (reference[i] - '0');
  if (i == 5 || (i < reference.size() && reference[i] != '(')) return 0;
  return n;
}

void validate(const Data& d) {
  std::map<std::string, Where> all_ids;  // ids must be unique across kinds: `vigil show <id>` takes any
  auto claim = [&](const std::string& id, const Where& at, std::string_view kind) {
    if (id.empty()) return;
    auto [it, inserted] = all_ids.emplace(id, at);
    if (!inserted) error(at, fmt::format("duplicate id '{}' ({}; first defined at {})", id, kind, it->second.str()));
  };

  std::set<std::string> iso_ids, theme_groups;
  for (const auto& i : d.iso) {
    claim(i.id, i.at, "ISO item");
    iso_ids.insert(i.id);
    check_enum(i.at, "kind", i.kind, {"clause", "control_theme", "control"});
    if (i.kind == "control_theme") theme_groups.insert(i.group);
  }
  for (const auto& i : d.iso) {
    if (i.kind == "control" && !theme_groups.count(i.group))
      error(i.at, fmt::format("control '{}' is in group '{}', which no control_theme defines", i.id, i.group));
    if (i.kind == "clause" && i.id.substr(0, i.group.size()) != i.group)
      error(i.at, fmt::format("clause '{}' is not under its group '{}'", i.id, i.group));
  }
  auto iso_exists = [&](const Strings& ids, const Where& at, std::string_view owner) {
    for (const auto& id : ids)
      if (!iso_ids.count(id)) error(at, fmt::format("{} refers to unknown ISO 27001 id '{}'", owner, id));
  };
  auto no_duplicates = [&](const Strings& ids, const Where& at, std::string_view owner, std::string_view list) {
    std::set<std::string> seen;
    for (const auto& id : ids)
      if (!seen.insert(id).second) error(at, fmt::format("{} lists '{}' twice in {}", owner, id, list));
  };

  std::set<std::string> requirement_ids;
  std::map<std::string, long long> requirement_article;
  for (const auto& r : d.requirements) {
    claim(r.id, r.at, "requirement");
    requirement_ids.insert(r.id);
    std::string owner = "requirement " + r.id;
    check_enum(r.at, "group", r.group, {"risk_management", "reporting"});
    check_enum(r.at, "relationship", r.relationship, {"equal", "subset", "superset", "intersect", "no_relationship"});
    check_enum(r.at, "coverage", r.coverage, {"full", "partial", "none"});
    iso_exists(r.iso27001, r.at, owner);
    no_duplicates(r.iso27001, r.at, owner, "iso27001");
    no_duplicates(r.documents, r.at, owner, "documents");
    if (r.documents.empty()) error(r.at, owner + " names no document that evidences it");
    long long n = article_number(r.article);
    requirement_article[r.id] = n;
    if (n == 0) error(r.at, fmt::format("{}: article '{}' must read like 'Art. 21(2)(h)'", owner, r.article));
    // Arts 20 and 21 are the risk-management obligations, Art. 23 the reporting ones.
    if ((n == 20 || n == 21) && r.group != "risk_management")
      error(r.at, owner + ": Arts 20 and 21 belong to group risk_management");
    if (n == 23 && r.group != "reporting") error(r.at, owner + ": Art. 23 belongs to group reporting");
    // A requirement maps to ISO items or says explicitly that it has none.
    if (r.iso27001.empty() != (r.relationship == "no_relationship"))
      error(r.at, owner + ": relationship no_relationship goes with iso27001 = [] and only with it");
    std::string expected = one_of(r.relationship, {"equal", "subset"})         ? "full"
                           : one_of(r.relationship, {"superset", "intersect"}) ? "partial"
                                                                               : "none";
    bool known = one_of(r.relationship, {"equal", "subset", "superset", "intersect", "no_relationship"});
    if (known && !r.coverage.empty() && r.coverage != expected)
      error(r.at,
            fmt::format("{}: relationship {} gives coverage {}, not {}", owner, r.relationship, expected, r.coverage));
  }
  auto requirements_exist = [&](const Strings& ids, const Where& at, std::string_view owner) {
    for (const auto& id : ids)
      if (!requirement_ids.count(id)) error(at, fmt::format("{} refers to unknown requirement '{}'", owner, id));
  };

  std::set<long long> article_numbers;
  std::set<std::string> annex_ids, article_ids;
  for (const auto& a : d.articles) {
    claim(a.id, a.at, "article");
    article_ids.insert(a.id);
    std::string owner = "article " + a.id;
    bool annex = a.id == "Annex I" || a.id == "Annex II";
    if (annex) {
      annex_ids.insert(a.id);
      if (a.number != 0) error(a.at, fmt::format("{}: an annex has number = 0", owner));
    } else {
      article_numbers.insert(a.number);
      if (a.id != fmt::format("Art. {}", a.number))
        error(a.at, fmt::format("{}: id must be 'Art. {}' to match number {} (or 'Annex I' / 'Annex II' with number 0)",
                                owner, a.number, a.number));
    }
    if (a.obligations.empty()) error(a.at, owner + " lists no obligation");
    for (const auto& o : a.obligations) {
      // An annex's obligations are its points: "Annex I, point 8".
      bool belongs = annex ? o.reference.rfind(a.id + ", ", 0) == 0 : article_number(o.reference) == a.number;
      if (!belongs) error(o.at, fmt::format("obligation '{}' does not belong to {}", o.reference, a.id));
    }
    requirements_exist(a.requirements, a.at, owner);
    no_duplicates(a.requirements, a.at, owner, "requirements");
    for (const auto& id : a.requirements)
      if (requirement_article.count(id) && requirement_article[id] != a.number)
        error(a.at, fmt::format("{} lists requirement '{}' of another article", owner, id));
  }
  for (const auto& a : d.articles)
    for (const auto& id : a.see_also)
      if (!article_ids.count(id) || id == a.id)
        error(a.at,
              fmt::format("article {}: see_also '{}' is not another article or annex of articles.toml", a.id, id));
  for (const auto& r : d.requirements) {
    long long n = article_number(r.article);
    if (n && !article_numbers.count(n))
      error(r.at, fmt::format("requirement {}: no article Art. {} in articles.toml", r.id, n));
    bool listed = false;
    for (const auto& a : d.articles)
      for (const auto& id : a.requirements) listed = listed || id == r.id;
    if (n && article_numbers.count(n) && !listed)
      error(r.at, fmt::format("requirement {} is not listed under its article Art. {}", r.id, n));
  }

  for (const auto& e : d.entity_types) {
    claim(e.id, e.at, "entity type");
    check_enum(e.at, "annex", e.annex, {"I", "II", "none", "option"});
    check_enum(e.at, "jurisdiction", e.jurisdiction,
               {"establishment", "main_establishment", "services_provided", "established_by"});
  }

  std::set<std::string> step_ids;
  for (std::size_t i = 0; i < d.roadmap.size(); ++i) {
    const auto& s = d.roadmap[i];
    std::string owner = fmt::format("roadmap step {}", s.number);
    if (s.number != static_cast<long long>(i + 1))
      error(s.at, fmt::format("{}: steps must be numbered 1, 2, 3 ... in order (expected {})", owner, i + 1));
    if (!s.id.empty() && !step_ids.insert(s.id).second)
      error(s.at, fmt::format("duplicate roadmap step id '{}'", s.id));
    requirements_exist(s.requirements, s.at, owner);
    iso_exists(s.iso27001, s.at, owner);
    no_duplicates(s.requirements, s.at, owner, "requirements");
    no_duplicates(s.iso27001, s.at, owner, "iso27001");
    no_duplicates(s.documents, s.at, owner, "documents");
    if (s.requirements.empty()) error(s.at, owner + " serves no requirement");
    if (s.iso27001.empty() && s.documents.empty()) error(s.at, owner + " has no ISO id and no document as evidence");
  }

  // The 2013 numbering: three levels (A.12.6.1), each id once, successors
  // that are 2022 controls, and a relationship the successors bear out.
  std::set<std::string> ids_2013;
  std::map<std::string, int> predecessors;
  for (const auto& c : d.iso2013) {
    for (const auto& id : c.iso27001) ++predecessors[id];
  }
  for (const auto& c : d.iso2013) {
    std::string owner = "2013 control " + c.id;
    if (!ids_2013.insert(c.id).second) error(c.at, fmt::format("duplicate 2013 control '{}'", c.id));
    if (std::count(c.id.begin(), c.id.end(), '.') != 3 || c.id.rfind("A.", 0) != 0)
      error(c.at, owner + ": expected a 2013 Annex A number such as A.12.6.1");
    if (c.iso27001.empty()) error(c.at, owner + ": has no 2022 successor");
    iso_exists(c.iso27001, c.at, owner);
    no_duplicates(c.iso27001, c.at, owner, "iso27001");
    for (const auto& id : c.iso27001) {
      if (const auto* item = [&]() -> const Iso* {
            for (const auto& i : d.iso)
              if (i.id == id) return &i;
            return nullptr;
          }();
          item && item->kind != "control")
        error(c.at, fmt::format("{}: '{}' is not an Annex A control", owner, id));
    }
    check_enum(c.at, "relationship", c.relationship, {"one_to_one", "merged", "split"});
    bool split = c.iso27001.size() > 1;
    bool merged = !split && !c.iso27001.empty() && predecessors[c.iso27001.front()] > 1;
    std::string expected = split ? "split" : merged ? "merged" : "one_to_one";
    if (c.relationship != expected)
      error(c.at,
            fmt::format("{}: relationship is '{}', but its successors make it '{}'", owner, c.relationship, expected));
  }

  // IR 2024/2690 Annex: 13 sections in order; each point in a known section,
  // with a summary, a NIS2 requirement of the Art. 21(2) point its section
  // cites, ISO ids that exist, a relationship that agrees with its coverage and
  // a recorded source; sub-points numbered under their point.
  std::set<std::string> source_ids;
  for (const auto& s : d.sources) {
    if (!source_ids.insert(s.id).second) error(s.at, fmt::format("duplicate mapping source '{}'", s.id));
  }
  std::map<long long, const IrSection*> sections;
  for (std::size_t i = 0; i < d.ir_sections.size(); ++i) {
    const auto& s = d.ir_sections[i];
    if (s.number != static_cast<long long>(i + 1))
      error(s.at,
            fmt::format("IR section {}: sections must be numbered 1 to 13 in order (expected {})", s.number, i + 1));
    sections[s.number] = &s;
    if (s.articles.empty()) error(s.at, fmt::format("IR section {} cites no Art. 21(2) point", s.number));
    for (const auto& a : s.articles)
      if (article_number(a) != 21)
        error(s.at, fmt::format("IR section {}: '{}' is not a point of Art. 21(2)", s.number, a));
  }
  if (!d.ir_sections.empty() && d.ir_sections.size() != 13)
    error(d.ir_sections.back().at, fmt::format("the IR 2024/2690 Annex has 13 sections, not {}", d.ir_sections.size()));
  std::set<std::string> points, parts;
  for (const auto& p : d.ir_points) {
    std::string owner = "IR 2024/2690 Annex " + p.id;
    claim("ir." + p.id, p.at, "IR 2024/2690 Annex point");
    if (!points.insert(p.id).second) error(p.at, fmt::format("duplicate point '{}'", p.id));
    bool shape = !p.id.empty() && std::isdigit(static_cast<unsigned char>(p.id.front())) &&
                 std::isdigit(static_cast<unsigned char>(p.id.back())) &&
                 p.id.find_first_not_of("0123456789.") == std::string::npos && p.id.find("..") == std::string::npos;
    if (!shape) error(p.at, fmt::format("{}: a point number reads like 5.1.4", owner));
    if (p.id.substr(0, p.id.find('.')) != std::to_string(p.section))
      error(p.at, fmt::format("{}: is not in section {}", owner, p.section));
    auto section = sections.find(p.section);
    if (section == sections.end()) error(p.at, fmt::format("{}: no section {}", owner, p.section));
    else if (std::find(section->second->articles.begin(), section->second->articles.end(), p.article) ==
             section->second->articles.end())
      error(p.at, fmt::format("{}: article '{}' is not one its section's heading cites", owner, p.article));
    // The summary says what the point requires, as one sentence of its own:
    // not the short title repeated or extended with a list of sub-point titles.
    if (!p.summary.empty() && !p.title.empty() && p.summary.rfind(p.title, 0) == 0)
      error(p.at, fmt::format("{}: the summary repeats the title; say in a sentence what the point requires", owner));
    if (!p.summary.empty() && p.summary.back() != '.')
      error(p.at, fmt::format("{}: the summary is one sentence ending with '.'", owner));
    if (!requirement_ids.count(p.requirement))
      error(p.at, fmt::format("{} refers to unknown requirement '{}'", owner, p.requirement));
    else
      for (const auto& r : d.requirements)
        if (r.id == p.requirement && r.article != p.article)
          error(p.at, fmt::format("{}: requirement {} implements {}, not {}", owner, r.id, r.article, p.article));
    check_enum(p.at, "relationship", p.relationship, {"equal", "subset", "superset", "intersect", "no_relationship"});
    check_enum(p.at, "coverage", p.coverage, {"full", "partial", "none"});
    if (p.relationship.empty()) error(p.at, owner + ": has no relationship");
    if (p.iso27001.empty() != (p.relationship == "no_relationship"))
      error(p.at, owner + ": relationship no_relationship goes with iso27001 = [] and only with it");
    std::string expected = one_of(p.relationship, {"equal", "subset"})         ? "full"
                           : one_of(p.relationship, {"superset", "intersect"}) ? "partial"
                                                                               : "none";
    if (!p.coverage.empty() && p.coverage != expected)
      error(p.at,
            fmt::format("{}: relationship {} gives coverage {}, not {}", owner, p.relationship, expected, p.coverage));
    iso_exists(p.iso27001, p.at, owner);
    no_duplicates(p.iso27001, p.at, owner, "iso27001");
    if (!p.iso27001.empty() && p.mapping_sources.empty()) error(p.at, owner + ": its mapping names no source");
    for (const auto& s : p.mapping_sources)
      if (!source_ids.count(s)) error(p.at, fmt::format("{} refers to unknown mapping source '{}'", owner, s));
    for (const auto& part : p.parts) {
      if (part.id.rfind(p.id + "(", 0) != 0 || part.id.back() != ')')
        error(part.at, fmt::format("sub-point '{}' is not numbered under {} (like {}(a))", part.id, p.id, p.id));
      if (!parts.insert(part.id).second) error(part.at, fmt::format("duplicate sub-point '{}'", part.id));
    }
  }
  for (const auto& [number, section] : sections) {
    bool any = false;
    for (const auto& p : d.ir_points) any = any || p.section == number;
    if (!any) error(section->at, fmt::format("IR section {} has no point", number));
  }

  // Search synonyms: lower-case words (what search folds queries to), each
  // term in one entry only, and something to expand to.
  std::map<std::string, Where> synonym_terms;
  for (const auto& syn : d.synonyms) {
    if (syn.terms.empty() || syn.means.empty()) error(syn.at, "synonym: needs terms and means");
    for (const auto* list : {&syn.terms, &syn.means})
      for (const auto& t : *list) {
        bool ok = t.front() != ' ' && t.back() != ' ' && t.find("  ") == std::string::npos;
        for (char c : t)
          ok = ok &&
               (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == ' ');
        if (!ok)
          error(syn.at, fmt::format("synonym: '{}' must be lower-case words (a-z, 0-9) separated by one space", t));
      }
    for (const auto& t : syn.terms) {
      auto [it, inserted] = synonym_terms.emplace(t, syn.at);
      if (!inserted) error(syn.at, fmt::format("synonym term '{}' is already defined at {}", t, it->second.str()));
    }
  }

  std::set<std::string> standard_ids;
  for (const auto& s : d.standards) {
    if (!standard_ids.insert(s.id).second) error(s.at, fmt::format("duplicate standard '{}'", s.id));
    for (const auto& a : s.areas) iso_exists(a.iso27001, a.at, "coverage area " + a.name);
    for (const auto& a : s.articles) {
      requirements_exist(a.requirements, a.at, "related article " + a.article);
      long long n = article_number(a.article);
      if (!article_numbers.count(n) && !annex_ids.count(a.article))
        error(a.at, fmt::format("related article '{}' is not an article of articles.toml", a.article));
    }
  }
}

// --- emitting C++ ------------------------------------------------------------

std::string literal(std::string_view text) {
  static constexpr vigil::CharEscape kCpp[] = {{'"', "\\\""}, {'\\', "\\\\"}, {'\n', "\\n"}, {'\t', "\\t"}};
  return "\"" + vigil::escape_chars(text, kCpp, "\\{:03o}") + "\"sv";
}

class Emitter {
 public:
  // Emits a named array of string views; returns the expression for an Ids span.
  std::string ids(const Strings& values) {
    if (values.empty()) return "Ids{}";
    std::string name = fmt::format("kIds{}", counter_++);
    out_ << "constexpr std::string_view " << name << "[] = {";
    for (std::size_t i = 0; i < values.size(); ++i) out_ << (i ? ", " : "") << literal(values[i]);
    out_ << "};\n";
    return "Ids(" + name + ")";
  }
  std::string fresh(std::string_view prefix) { return fmt::format("{}{}", prefix, counter_++); }
  // Emits `constexpr type name[] = {...};`, one row ("  {...},\n") a line.
  void array(std::string_view type, std::string_view name, const std::vector<std::string>& rows,
             std::string_view end = "};\n\n") {
    out_ << "constexpr " << type << " " << name << "[] = {\n";
    for (const auto& row : rows) out_ << row;
    out_ << end;
  }
  std::ostringstream& out() { return out_; }

 private:
  std::ostringstream out_;
  int counter_ = 0;
};

std::string iso_kind(const std::string& k) {
  return k == "clause" ? "IsoKind::Clause" : k == "control_theme" ? "IsoKind::ControlTheme" : "IsoKind::Control";
}
std::string relationship(const std::string& r) {
  if (r == "equal") return "Relationship::Equal";
  if (r == "subset") return "Relationship::Subset";
  if (r == "superset") return "Relationship::Superset";
  if (r == "intersect") return "Relationship::Intersect";
  return "Relationship::NoRelationship";
}
std::string coverage(const std::string& c) {
  return c == "full" ? "Coverage::Full" : c == "partial" ? "Coverage::Partial" : "Coverage::None";
}
std::string group(const std::string& g) { return g == "reporting" ? "Group::Reporting" : "Group::RiskManagement"; }
const char* boolean(bool b) { return b ? "true" : "false"; }

std::string emit(const Data& d) {
  Emitter e;
  auto& o = e.out();
  o << "// Generated by tools/catalog_gen.cpp from data/*.toml. Do not edit: edit the data.\n"
       "#include <span>\n#include <string_view>\n\n#include \"catalog/catalog.h\"\n\n"
       "namespace vigil::catalog {\nnamespace {\nusing namespace std::string_view_literals;\n\n";

  o << "constexpr IsoItem kIso[] = {\n";
  for (const auto& i : d.iso)
    o << "  {" << literal(i.id) << ", " << literal(i.title) << ", " << iso_kind(i.kind) << ", " << literal(i.group)
      << ", " << boolean(i.assessable) << ", " << literal(i.summary) << "},\n";
  o << "};\n\n";

  std::vector<std::string> rows;
  for (const auto& c : d.iso2013) {
    std::string successors = e.ids(c.iso27001);
    std::string kind = c.relationship == "split"    ? "Correspondence::Split"
                       : c.relationship == "merged" ? "Correspondence::Merged"
                                                    : "Correspondence::OneToOne";
    rows.push_back(fmt::format("  {{{}, {}, {}}},\n", literal(c.id), successors, kind));
  }
  e.array("Iso2013Control", "kIso2013", rows);
  rows.clear();

  for (const auto& r : d.requirements) {
    std::string iso = e.ids(r.iso27001), docs = e.ids(r.documents);
    rows.push_back(fmt::format("  {{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}}},\n", literal(r.id), literal(r.article),
                               literal(r.title), literal(r.summary), group(r.group), iso, relationship(r.relationship),
                               coverage(r.coverage), literal(r.rationale), docs));
  }
  o << "\n";
  e.array("Requirement", "kRequirements", rows);

  rows.clear();
  for (const auto& a : d.articles) {
    std::string obligations = e.fresh("kObligations");
    o << "constexpr Obligation " << obligations << "[] = {\n";
    for (const auto& ob : a.obligations) o << "  {" << literal(ob.reference) << ", " << literal(ob.text) << "},\n";
    o << "};\n";
    std::string reqs = e.ids(a.requirements), see_also = e.ids(a.see_also);
    rows.push_back(fmt::format("  {{{}, {}, {}, {}, std::span<const Obligation>({}), {}, {}}},\n", literal(a.id),
                               a.number, literal(a.title), literal(a.summary), obligations, reqs, see_also));
  }
  o << "\n";
  e.array("Article", "kArticles", rows);

  o << "constexpr EntityType kEntityTypes[] = {\n";
  for (const auto& t : d.entity_types)
    o << "  {" << literal(t.id) << ", " << literal(t.annex) << ", " << literal(t.sector) << ", " << literal(t.subsector)
      << ", " << literal(t.entity_type) << ", " << literal(t.defined_in) << ", " << literal(t.size_independent_basis)
      << ", " << literal(t.annex_exclusion) << ", " << boolean(t.ir_2024_2690) << ", " << literal(t.jurisdiction)
      << "},\n";
  o << "};\n\n";

  rows.clear();
  for (const auto& s : d.roadmap) {
    std::string reqs = e.ids(s.requirements), iso = e.ids(s.iso27001), docs = e.ids(s.documents);
    rows.push_back(fmt::format("  {{{}, {}, {}, {}, {}, {}, {}, {}}},\n", s.number, literal(s.id), literal(s.title),
                               literal(s.description), reqs, iso, docs, boolean(s.achieved_by_iso27001)));
  }
  o << "\n";
  e.array("RoadmapStep", "kRoadmap", rows);

  rows.clear();
  for (const auto& s : d.standards) {
    std::string areas = e.fresh("kAreas"), articles = e.fresh("kStandardArticles"), facts = e.fresh("kFacts");
    std::vector<std::string> area_rows, article_rows;
    for (const auto& a : s.areas)
      area_rows.push_back(
          fmt::format("  {{{}, {}, {}}},\n", literal(a.name), literal(a.description), e.ids(a.iso27001)));
    for (const auto& a : s.articles)
      article_rows.push_back(
          fmt::format("  {{{}, {}, {}}},\n", literal(a.article), literal(a.guidance), e.ids(a.requirements)));
    e.array("CoverageArea", areas, area_rows, "};\n");
    e.array("StandardArticle", articles, article_rows, "};\n");
    o << "constexpr QuickFact " << facts << "[] = {\n";
    for (const auto& f : s.facts) o << "  {" << literal(f.label) << ", " << literal(f.value) << "},\n";
    o << "};\n";
    rows.push_back(fmt::format(
        "  {{{}, {}, {}, {}, std::span<const CoverageArea>({}), "
        "std::span<const StandardArticle>({}), std::span<const QuickFact>({})}},\n",
        literal(s.id), literal(s.name), literal(s.overview), literal(s.applicability), areas, articles, facts));
  }
  o << "\n";
  e.array("StandardProfile", "kStandards", rows);

  o << "constexpr MappingSource kSources[] = {\n";
  for (const auto& src : d.sources)
    o << "  {" << literal(src.id) << ", " << literal(src.citation) << ", " << literal(src.note) << "},\n";
  o << "};\n\n";
  rows.clear();
  for (const auto& sec : d.ir_sections)
    rows.push_back(fmt::format("  {{{}, {}, {}, {}, {}}},\n", sec.number, literal(fmt::format("ir.{}", sec.number)),
                               literal(fmt::format("IR 2024/2690 Annex {}", sec.number)), literal(sec.title),
                               e.ids(sec.articles)));
  e.array("IrSection", "kIrSections", rows);
  rows.clear();
  for (const auto& p : d.ir_points) {
    std::string parts = "std::span<const IrPart>{}";
    if (!p.parts.empty()) {
      std::string name = e.fresh("kIrParts");
      o << "constexpr IrPart " << name << "[] = {\n";
      for (const auto& part : p.parts) o << "  {" << literal(part.id) << ", " << literal(part.title) << "},\n";
      o << "};\n";
      parts = fmt::format("std::span<const IrPart>({})", name);
    }
    std::string iso = e.ids(p.iso27001), sources = e.ids(p.mapping_sources);
    rows.push_back(fmt::format("  {{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}}},\n", literal("ir." + p.id),
                               literal(p.id), literal("IR 2024/2690 Annex " + p.id), p.section, literal(p.article),
                               literal(p.requirement), literal(p.title), literal(p.summary), iso,
                               relationship(p.relationship), coverage(p.coverage), sources, parts));
  }
  o << "\n";
  e.array("IrRequirement", "kIrRequirements", rows);

  rows.clear();
  for (const auto& syn : d.synonyms) rows.push_back(fmt::format("  {{{}, {}}},\n", e.ids(syn.terms), e.ids(syn.means)));
  e.array("Synonym", "kSynonyms", rows);

  o << "constexpr Catalog kCatalog{std::span<const IsoItem>(kIso), std::span<const Requirement>(kRequirements),\n"
       "                           std::span<const Article>(kArticles), std::span<const EntityType>(kEntityTypes),\n"
       "                           std::span<const RoadmapStep>(kRoadmap), std::span<const "
       "StandardProfile>(kStandards),\n"
       "                           std::span<const Iso2013Control>(kIso2013), std::span<const "
       "IrSection>(kIrSections),\n"
       "                           std::span<const IrRequirement>(kIrRequirements),\n"
       "                           std::span<const MappingSource>(kSources), std::span<const Synonym>(kSynonyms)};\n"
       "\n}  // namespace\n\nconst Catalog& builtin() { return kCatalog; }\n\n}  // namespace vigil::catalog\n";
  return o.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: vigil_catalog_gen <data dir> <out.cpp>\n");
    return 2;
  }
  std::filesystem::path dir = argv[1];
  Data data;
  struct Source {
    const char* file;
    void (*read)(const std::filesystem::path&, Data&);
  };
  const Source sources[] = {{"iso27001.toml", read_iso},
                            {"requirements.toml", read_requirements},
                            {"articles.toml", read_articles},
                            {"entity_types.toml", read_entity_types},
                            {"roadmap.toml", read_roadmap},
                            {"standards.toml", read_standards},
                            {"iso27001_2013.toml", read_iso2013},
                            {"ir_2024_2690.toml", read_ir_2024_2690},
                            {"search_synonyms.toml", read_synonyms}};
  for (const auto& source : sources) {
    std::filesystem::path path = dir / source.file;
    if (!std::filesystem::exists(path)) {
      error({"data/" + std::string(source.file), 0}, "file missing");
      continue;
    }
    source.read(path, data);
  }
  validate(data);  // also after read errors, so that every problem is reported at once
  if (!errors.empty()) {
    for (const auto& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
    std::fprintf(stderr, "catalog_gen: %zu error(s) in the knowledge base; nothing written\n", errors.size());
    return 1;
  }
  std::string code = emit(data);
  std::filesystem::path out = argv[2];
  std::filesystem::create_directories(out.parent_path());
  std::filesystem::path tmp = out;
  tmp += ".tmp";
  {
    std::ofstream file(tmp, std::ios::binary);
    file << code;
    if (!file) {
      std::fprintf(stderr, "catalog_gen: cannot write %s\n", tmp.c_str());
      return 1;
    }
  }
  std::filesystem::rename(tmp, out);
  return 0;
}
