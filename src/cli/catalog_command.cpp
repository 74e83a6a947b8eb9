// The knowledge-base commands: catalog, show, map, coverage, search, standard.
// Each resolves ids and computes in the catalog module and only renders here:
// JSON (built by catalog/catalog_json, the same as the API's; shapes documented
// in each command's --help), or a "report" (title, fields, tables) as aligned
// text, Markdown, or CSV (the report's main table).
#include <utility>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "catalog/catalog_json.h"
#include "catalog/coverage.h"
#include "catalog/resolve.h"
#include "catalog/search.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "core/text.h"

namespace vigil::cli {
namespace {

using namespace vigil::catalog;
using Json = OrderedJson;

std::string join(Ids ids, std::string_view separator = " ") {
  std::string out;
  for (std::string_view id : ids) {
    if (!out.empty()) out += separator;
    out += id;
  }
  return out;
}

std::string yes_no(bool value) { return value ? "yes" : "no"; }

// On a terminal a long list of ISO ids is cut ("A.8.6 A.8.7 A.8.8 +10 more");
// the machine formats keep every id.
std::string id_list(Ids ids, bool compact, std::size_t keep = 3) {
  if (ids.empty()) return compact ? "-" : "";
  if (!compact || ids.size() <= keep + 2) return join(ids);
  return fmt::format("{} +{} more", join(ids.first(keep)), ids.size() - keep);
}
std::vector<std::string> requirement_row(const Requirement& r, Format format) {
  return {std::string(r.id),
          std::string(r.article),
          std::string(to_string(r.coverage)),
          std::string(to_string(r.relationship)),
          std::string(r.title),
          id_list(r.iso27001, format == Format::Text)};
}
const std::vector<std::string> kRequirementColumns = {"requirement",  "article", "coverage",
                                                      "relationship", "title",   "iso27001"};

// --- reports: a title, fields and tables ----------------------------------------

struct Section {
  std::string heading;
  Table table;
};

struct CatalogPage {
  std::string title;
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<Section> sections;
  Table csv;  // the main table, what --format csv prints
};

// Wraps text to `width` columns; continuation lines start with `indent` spaces.
std::string wrap(std::string_view text, std::size_t indent, std::size_t width = 80) {
  std::string out, line;
  std::size_t start = 0;
  auto flush_word = [&](std::string_view word) {
    if (!line.empty() && indent + line.size() + 1 + word.size() > width) {
      out += line + "\n" + std::string(indent, ' ');
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  };
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) flush_word(text.substr(start, end - start));
    start = end + 1;
  }
  return out + line;
}

// An aligned table whose last column (a title, a text) wraps so that lines
// stay within `width` columns; continuation lines start under that column.
std::string render_text_wrapped(const Table& table, std::size_t width = 110) {
  std::size_t prefix = 0;
  std::size_t last = table.columns.size() - 1;
  std::vector<std::size_t> widths(last, 0);
  auto cell_width = [](std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
  };
  for (std::size_t i = 0; i < last; ++i) {
    widths[i] = cell_width(table.columns[i]);
    for (const auto& row : table.rows) widths[i] = std::max(widths[i], cell_width(row[i]));
    prefix += widths[i] + 2;
  }
  std::size_t longest = cell_width(table.columns[last]);
  for (const auto& row : table.rows) longest = std::max(longest, cell_width(row[last]));
  if (prefix + longest <= width) return render_text(table);
  std::size_t room = std::max<std::size_t>(40, width > prefix ? width - prefix : 0);
  std::string out;
  auto line = [&](const std::vector<std::string>& cells, bool wrap_last) {
    std::string text;
    for (std::size_t i = 0; i < last; ++i) text += cells[i] + std::string(widths[i] - cell_width(cells[i]) + 2, ' ');
    text += wrap_last ? wrap(cells[last], prefix, prefix + room) : cells[last];
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  };
  line(table.columns, false);
  std::vector<std::string> rule;
  for (std::size_t w : widths) rule.push_back(std::string(w, '-'));
  rule.push_back(std::string(std::min(room, longest), '-'));
  line(rule, false);
  for (const auto& row : table.rows) line(row, true);
  return out;
}

std::string render_page(const CatalogPage& report, Format format) {
  if (format == Format::Csv) return render_csv(report.csv);
  std::string out;
  if (format == Format::Markdown) {
    out += "# " + report.title + "\n\n";
    for (const auto& [label, value] : report.fields) out += "- **" + label + "**: " + value + "\n";
    for (const Section& s : report.sections) {
      out += "\n## " + s.heading + "\n\n";
      out += s.table.rows.empty() ? "(none)\n" : render_markdown(s.table);
    }
    return out;
  }
  out += colour(report.title, "1") + "\n";
  std::size_t label_width = 0;
  for (const auto& field : report.fields) label_width = std::max(label_width, field.first.size());
  for (const auto& [label, value] : report.fields)
    out += fmt::format("  {:<{}}  {}\n", label + ":", label_width + 1, wrap(value, label_width + 5));
  for (const Section& s : report.sections) {
    out += "\n" + colour(s.heading, "1") + "\n";
    out += s.table.rows.empty() ? "(none)\n" : render_text_wrapped(s.table);
  }
  return out;
}

void emit(const Json& json) { print(json.dump(2) + "\n"); }

// --- vigil show -----------------------------------------------------------------

std::vector<std::string> step_row(const RoadmapStep& s) {
  return {std::to_string(s.number), std::string(s.id), std::string(s.title), yes_no(s.achieved_by_iso27001)};
}
const std::vector<std::string> kStepColumns = {"step", "id", "title", "achieved_by_iso27001"};

// Annex points as a table (id, reference, title): the links to the IR 2024/2690 Annex.
Table ir_table(const std::vector<const IrRequirement*>& points) {
  Table t{{"id", "reference", "title"}, {}};
  for (const IrRequirement* r : points)
    t.rows.push_back({std::string(r->id), std::string(r->reference), std::string(r->title)});
  return t;
}

void show_iso(const IsoItem& item, Format format) {
  // A heading (A.8, 6.1) serves what the items under it serve.
  auto items = iso_item_and_children(item);
  std::vector<const Requirement*> requirements;
  for (const IsoItem* i : items)
    for (const Requirement* r : requirements_for_iso(i->id))
      if (std::find(requirements.begin(), requirements.end(), r) == requirements.end()) requirements.push_back(r);
  auto steps = steps_with_iso(item.id);
  CatalogPage report{fmt::format("{}  {}", item.id, item.title), {}, {}, {}};
  report.fields.push_back({"reference", fmt::format("ISO/IEC 27001:2022 {}", item.id)});
  report.fields.push_back({"kind", std::string(to_string(item.kind))});
  report.fields.push_back({item.kind == IsoKind::Clause ? "clause" : "theme", std::string(item.group)});
  report.fields.push_back(
      {"assessable", yes_no(item.assessable) + (item.assessable ? "" : " (a heading, not a line of the SoA)")});
  if (!item.summary.empty()) report.fields.push_back({"summary", std::string(item.summary)});
  Table reqs{kRequirementColumns, {}};
  for (const Requirement* r : requirements) reqs.rows.push_back(requirement_row(*r, format));
  report.sections.push_back({"NIS2 requirements it serves", reqs});
  if (auto points = ir_requirements_for_iso(item.id); !points.empty())
    report.sections.push_back({"IR 2024/2690 Annex points that ENISA relates to it", ir_table(points)});
  if (items.size() > 1) {
    Table children{{"id", "title"}, {}};
    for (std::size_t i = 1; i < items.size(); ++i)
      children.rows.push_back({std::string(items[i]->id), std::string(items[i]->title)});
    report.sections.push_back({"Items under it", children});
  }
  Table step_table{kStepColumns, {}};
  for (const RoadmapStep* s : steps) step_table.rows.push_back(step_row(*s));
  report.sections.push_back({"Roadmap steps it evidences", step_table});
  report.csv = reqs;
  print(render_page(report, format));
}

void show_requirement(const Requirement& r, Format format) {
  auto steps = steps_for_requirement(r.id);
  // "Art. 23(4)(d)(e)" names two obligations: collect each one it covers.
  std::vector<const Obligation*> obligations;
  for (const Obligation& o : find_article(r.article)->obligations)
    if (reference_covers(r.article, o.reference)) obligations.push_back(&o);
  CatalogPage report{fmt::format("{}  {}", r.id, r.title), {}, {}, {}};
  report.fields = {{"article", std::string(r.article)},
                   {"group", std::string(to_string(r.group))},
                   {"summary", std::string(r.summary)},
                   {"coverage", std::string(to_string(r.coverage))},
                   {"relationship", std::string(to_string(r.relationship))},
                   {"rationale", std::string(r.rationale)},
                   {"documents", join(r.documents, "; ")}};
  Table counterparts{{"iso27001", "title", "also serves"}, {}};
  for (std::string_view id : r.iso27001) {
    std::string others;
    for (const Requirement* other : requirements_for_iso(id))
      if (other != &r) others += (others.empty() ? "" : " ") + std::string(other->id);
    counterparts.rows.push_back(
        {std::string(id), std::string(find_iso(id)->title), others.empty() && format == Format::Text ? "-" : others});
  }
  report.sections.push_back({"ISO/IEC 27001:2022 counterparts", counterparts});
  Table obligation_table{{"reference", "obligation"}, {}};
  for (const Obligation* o : obligations)
    obligation_table.rows.push_back({std::string(o->reference), std::string(o->text)});
  report.sections.push_back({"NIS2 obligations it implements", obligation_table});
  Table step_table{kStepColumns, {}};
  for (const RoadmapStep* s : steps) step_table.rows.push_back(step_row(*s));
  report.sections.push_back({"Roadmap steps", step_table});
  if (auto points = ir_requirements_for(r.id); !points.empty())
    report.sections.push_back({"IR 2024/2690 Annex points that implement it", ir_table(points)});
  report.csv = counterparts;
  print(render_page(report, format));
}

// A table of ids (in the column `id_column`) beside their titles; `find`
// looks an id up in the catalog.
template <class Ids, class Find>
Table with_titles(std::string id_column, const Ids& ids, Find find) {
  Table table{{std::move(id_column), "title"}, {}};
  for (std::string_view id : ids) table.rows.push_back({std::string(id), std::string(find(id)->title)});
  return table;
}

void show_article(const Article& article, const std::string& reference, Format format) {
  auto obligations = obligations_under(article, reference);
  auto requirements = requirements_for_article(reference);
  bool whole = reference == article.id;
  CatalogPage report{whole ? fmt::format("{}  {}", article.id, article.title)
                           : fmt::format("{}  (in {} {})", reference, article.id, article.title),
                     {},
                     {},
                     {}};
  report.fields.push_back({"source", "Directive (EU) 2022/2555 (NIS2) " + reference});
  report.fields.push_back({whole ? "summary" : "article summary", std::string(article.summary)});
  Table obligation_table{{"reference", "obligation"}, {}};
  for (const Obligation* o : obligations)
    obligation_table.rows.push_back({std::string(o->reference), std::string(o->text)});
  report.sections.push_back({"What it obliges", obligation_table});
  Table reqs{kRequirementColumns, {}};
  for (const Requirement* r : requirements) reqs.rows.push_back(requirement_row(*r, format));
  report.sections.push_back({"Requirements and their ISO/IEC 27001 counterparts", reqs});
  if (article.number == 0) {
    Table types{{"entity_type", "sector", "type"}, {}};
    std::string_view annex = article.id.substr(6);  // "Annex I" -> "I"
    for (const EntityType& e : builtin().entity_types)
      if (e.annex == annex)
        types.rows.push_back({std::string(e.id), std::string(e.sector), std::string(e.entity_type)});
    report.sections.push_back({"Entity types it lists", types});
  }
  if (!article.see_also.empty()) {
    report.sections.push_back({"See also", with_titles("article", article.see_also, find_article)});
  }
  report.csv = reqs;
  print(render_page(report, format));
}

void show_ir_requirement(const IrRequirement& r, Format format) {
  const IrSection& section = builtin().ir_sections[static_cast<std::size_t>(r.section - 1)];
  const Requirement* nis2 = find_requirement(r.requirement);
  CatalogPage report{fmt::format("{}  {}", r.reference, r.title), {}, {}, {}};
  report.fields = {{"id", std::string(r.id)},
                   {"section", fmt::format("{} {}", section.number, section.title)},
                   {"summary", std::string(r.summary)},
                   {"implements", fmt::format("{} {} ({})", nis2->article, nis2->title, nis2->id)},
                   {"relationship", std::string(to_string(r.relationship))},
                   {"coverage", std::string(to_string(r.coverage))}};
  for (std::string_view id : r.mapping_sources) {
    const MappingSource* m = find_mapping_source(id);
    report.fields.push_back({"source", fmt::format("{} {}", m->citation, m->note)});
  }
  if (!r.parts.empty()) {
    Table parts{{"point", "title"}, {}};
    for (const IrPart& p : r.parts) parts.rows.push_back({std::string(p.id), std::string(p.title)});
    report.sections.push_back({"Sub-points", parts});
  }
  Table counterparts = with_titles("iso27001", r.iso27001, find_iso);
  report.sections.push_back({"ISO/IEC 27001:2022 correspondences (ENISA; not equivalences)", counterparts});
  report.csv = counterparts;
  print(render_page(report, format));
}

void show_ir_section(const IrSection& s, Format format) {
  CatalogPage report{fmt::format("{}  {}", s.reference, s.title), {}, {}, {}};
  report.fields = {{"id", std::string(s.id)}, {"implements", join(s.articles, ", ")}};
  Table points{{"id", "requirement", "coverage", "iso27001", "title"}, {}};
  for (const IrRequirement& r : builtin().ir_requirements)
    if (r.section == s.number)
      points.rows.push_back({std::string(r.id), std::string(r.requirement), std::string(to_string(r.coverage)),
                             id_list(r.iso27001, format == Format::Text), std::string(r.title)});
  report.sections.push_back({"Points", points});
  report.csv = points;
  print(render_page(report, format));
}

void show_entity_type(const EntityType& e, Format format) {
  CatalogPage report{fmt::format("{}  {}", e.id, e.entity_type), {}, {}, {}};
  std::string annex = e.annex == "I" || e.annex == "II" ? "Annex " + std::string(e.annex) : std::string(e.annex);
  report.fields = {
      {"annex", annex},
      {"sector", std::string(e.sector)},
      {"subsector", e.subsector.empty() ? "-" : std::string(e.subsector)},
      {"defined in", std::string(e.defined_in)},
      {"in scope regardless of size", e.size_independent_basis.empty() ? "-" : std::string(e.size_independent_basis)},
      {"excluded from the type", e.annex_exclusion.empty() ? "-" : std::string(e.annex_exclusion)},
      {"IR 2024/2690 applies", yes_no(e.ir_2024_2690)},
      {"jurisdiction (Art. 26)", std::string(e.jurisdiction)}};
  report.csv = {{"field", "value"}, {}};
  report.csv.rows.push_back({"id", std::string(e.id)});
  for (const auto& [label, value] : report.fields) report.csv.rows.push_back({label, value});
  print(render_page(report, format));
}

void show_step(const RoadmapStep& s, Format format) {
  CatalogPage report{fmt::format("Step {}  {}", s.number, s.title), {}, {}, {}};
  report.fields = {{"id", std::string(s.id)},
                   {"description", std::string(s.description)},
                   {"achieved by ISO 27001", yes_no(s.achieved_by_iso27001)},
                   {"documents", s.documents.empty() ? "-" : join(s.documents, "; ")}};
  Table reqs{kRequirementColumns, {}};
  for (std::string_view id : s.requirements) reqs.rows.push_back(requirement_row(*find_requirement(id), format));
  report.sections.push_back({"Requirements it serves", reqs});
  report.sections.push_back({"ISO/IEC 27001:2022 evidence", with_titles("iso27001", s.iso27001, find_iso)});
  report.csv = reqs;
  print(render_page(report, format));
}

void show_standard(const StandardProfile& s, Format format) {
  if (format == Format::Json) return emit(standard_json(s));
  CatalogPage report{std::string(s.name), {}, {}, {}};
  report.fields = {{"overview", std::string(s.overview)}, {"applicability", std::string(s.applicability)}};
  for (const QuickFact& f : s.quick_facts) report.fields.push_back({std::string(f.label), std::string(f.value)});
  Table areas{{"area", "iso27001", "description"}, {}};
  for (const CoverageArea& a : s.coverage_areas)
    areas.rows.push_back({std::string(a.name), join(a.iso27001), std::string(a.description)});
  report.sections.push_back({"Key coverage areas", areas});
  Table articles{{"article", "requirements", "guidance"}, {}};
  for (const StandardArticle& a : s.related_articles)
    articles.rows.push_back(
        {std::string(a.article), id_list(a.requirements, format == Format::Text, 1), std::string(a.guidance)});
  report.sections.push_back({"Related NIS2 articles", articles});
  report.csv = articles;
  print(render_page(report, format));
}

int run_show(const std::string& query, Format format) {
  auto found = resolve(query);
  if (!found) return report(found.error());
  if (format == Format::Json) {
    emit(show_json(*found));
    return 0;
  }
  switch (found->kind) {
    case Found::Kind::Iso: show_iso(*found->iso, format); break;
    case Found::Kind::Requirement: show_requirement(*found->requirement, format); break;
    case Found::Kind::Article: show_article(*found->article, found->reference, format); break;
    case Found::Kind::EntityType: show_entity_type(*found->entity_type, format); break;
    case Found::Kind::RoadmapStep: show_step(*found->step, format); break;
    case Found::Kind::Standard: show_standard(*found->standard, format); break;
    case Found::Kind::IrRequirement: show_ir_requirement(*found->ir_requirement, format); break;
    case Found::Kind::IrSection: show_ir_section(*found->ir_section, format); break;
  }
  return 0;
}

// --- vigil map ------------------------------------------------------------------

int run_map(const std::string& query, Format format) {
  auto found = resolve(query);
  if (!found) return report(found.error());
  if (format == Format::Json) {
    auto mapped = map_json(*found);
    if (!mapped) return report(mapped.error());
    emit(*mapped);
    return 0;
  }
  auto links = links_of(*found);
  if (!links) return report(links.error());
  // Both directions: each requirement with all its ISO counterparts, and each
  // ISO item with every requirement it serves (not only the ones asked about).
  std::vector<const Requirement*> requirements;
  std::vector<const IsoItem*> items;
  for (const Link& l : *links) {
    if (std::find(requirements.begin(), requirements.end(), l.requirement) == requirements.end())
      requirements.push_back(l.requirement);
    if (l.iso && std::find(items.begin(), items.end(), l.iso) == items.end()) items.push_back(l.iso);
  }
  CatalogPage report{"Mapping of " + found_id(*found), {}, {}, {}};
  Table forward{kRequirementColumns, {}};
  for (const Requirement* r : requirements) forward.rows.push_back(requirement_row(*r, format));
  report.sections.push_back({"NIS2 -> ISO/IEC 27001:2022", forward});
  Table backward{{"iso27001", "title", "requirements"}, {}};
  for (const IsoItem* i : items) {
    std::string ids;
    for (const Requirement* r : requirements_for_iso(i->id)) ids += (ids.empty() ? "" : " ") + std::string(r->id);
    backward.rows.push_back({std::string(i->id), std::string(i->title), ids});
  }
  report.sections.push_back({"ISO/IEC 27001:2022 -> NIS2", backward});
  report.csv = {{"requirement", "article", "relationship", "coverage", "iso27001", "iso27001_title"}, {}};
  for (const Link& l : *links)
    report.csv.rows.push_back({std::string(l.requirement->id), std::string(l.requirement->article),
                               std::string(to_string(l.requirement->relationship)),
                               std::string(to_string(l.requirement->coverage)), l.iso ? std::string(l.iso->id) : "",
                               l.iso ? std::string(l.iso->title) : ""});
  print(render_page(report, format));
  return 0;
}

// --- vigil coverage ---------------------------------------------------------------

int run_ir_coverage(Format format) {
  const Catalog& c = builtin();
  if (format == Format::Json) {
    emit(ir_coverage_json(c));
    return 0;
  }
  CatalogPage report{"How far ISO/IEC 27001:2022 carries an entity through the IR 2024/2690 Annex", {}, {}, {}};
  report.fields = {{"applies to",
                    "DNS, TLD, cloud, data centre, CDN, managed and managed security service providers, "
                    "online marketplaces, search engines, social networks, trust service providers "
                    "(IR 2024/2690 Art. 1)"},
                   {"mapping",
                    "ENISA's correspondences between Annex points and ISO/IEC 27001:2022: pointers to "
                    "relevant ISO requirements, not equivalences, so no point is fully covered by ISO alone"}};
  for (const MappingSource& m : c.mapping_sources)
    report.fields.push_back({"source " + std::string(m.id), std::string(m.citation)});
  Table sections{{"section", "articles", "coverage", "points", "full", "partial", "none", "title"}, {}};
  for (const IrSectionCoverage& s : coverage_by_ir_section(c)) {
    std::string articles;
    for (std::string_view a : s.section->articles)
      articles += (articles.empty() ? "" : " ") + std::string(a.substr(a.size() - 3));  // "Art. 21(2)(d)" -> "(d)"
    sections.rows.push_back({std::to_string(s.section->number), articles, std::string(to_string(s.verdict)),
                             std::to_string(s.total), std::to_string(s.full), std::to_string(s.partial),
                             std::to_string(s.none), std::string(s.section->title)});
  }
  report.sections.push_back({"By Annex section (Art. 21(2) points)", sections});
  report.csv = {{"point", "reference", "section", "requirement", "relationship", "coverage", "iso27001"}, {}};
  for (const IrRequirement& r : c.ir_requirements)
    report.csv.rows.push_back({std::string(r.id), std::string(r.reference), std::to_string(r.section),
                               std::string(r.requirement), std::string(to_string(r.relationship)),
                               std::string(to_string(r.coverage)), join(r.iso27001)});
  print(render_page(report, format));
  return 0;
}

int run_coverage(Format format) {
  const Catalog& c = builtin();
  auto groups = coverage_by_group(c);
  if (format == Format::Json) {
    emit(coverage_json(c));
    return 0;
  }
  CatalogPage report{"How far ISO/IEC 27001:2022 carries an entity towards NIS2", {}, {}, {}};
  Table summary{{"group", "articles", "total", "full", "partial", "none", "uncovered"}, {}};
  for (const GroupCoverage& g : groups) {
    std::string uncovered;
    for (std::string_view id : g.uncovered) uncovered += (uncovered.empty() ? "" : " ") + std::string(id);
    summary.rows.push_back({std::string(to_string(g.group)),
                            g.group == Group::RiskManagement ? "Arts 20, 21" : "Art. 23", std::to_string(g.total),
                            std::to_string(g.full), std::to_string(g.partial), std::to_string(g.none),
                            uncovered.empty() ? "-" : uncovered});
  }
  report.sections.push_back({"By group", summary});
  Table reqs{kRequirementColumns, {}};
  for (const Requirement& r : c.requirements) reqs.rows.push_back(requirement_row(r, format));
  report.sections.push_back({"By requirement", reqs});
  report.csv = {{"requirement", "article", "group", "coverage", "relationship", "iso27001"}, {}};
  for (const Requirement& r : c.requirements)
    report.csv.rows.push_back({std::string(r.id), std::string(r.article), std::string(to_string(r.group)),
                               std::string(to_string(r.coverage)), std::string(to_string(r.relationship)),
                               join(r.iso27001)});
  print(render_page(report, format));
  return 0;
}

// --- vigil search ---------------------------------------------------------------

std::string shorten(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = text.rfind(' ', limit - 3);
  if (cut == std::string_view::npos || cut < limit / 2) cut = limit - 3;
  return std::string(text.substr(0, cut)) + "...";
}

int run_search(const std::string& query, std::size_t limit, Format format) {
  auto hits = search(builtin(), query, limit);
  if (!hits) return report(hits.error());
  if (format == Format::Json) {
    emit(search_json(query, *hits));
    return 0;
  }
  if (hits->empty() && format == Format::Text) {
    print(fmt::format("Nothing in the catalog matches '{}'.\n", excerpt(query)));
    return 0;
  }
  Table table{{"rank", "score", "kind", "id", "title"}, {}};
  int rank = 0;
  for (const SearchHit& h : *hits)
    table.rows.push_back({std::to_string(++rank), fmt::format("{:.2f}", h.score), std::string(h.kind),
                          std::string(h.id), format == Format::Text ? shorten(h.title, 60) : std::string(h.title)});
  print(render(table, format));
  return 0;
}

// --- vigil catalog ---------------------------------------------------------------

const std::vector<std::string> kSections = {"iso27001",     "requirements",   "articles",  "obligations",
                                            "entity_types", "roadmap",        "standards", "ir_2024_2690_sections",
                                            "ir_2024_2690", "mapping_sources"};

Table section_table(const std::string& section, Format format) {
  const Catalog& c = builtin();
  Table t;
  if (section == "iso27001") {
    t.columns = {"id", "kind", "group", "assessable", "title"};
    for (const IsoItem& i : c.iso27001)
      t.rows.push_back({std::string(i.id), std::string(to_string(i.kind)), std::string(i.group), yes_no(i.assessable),
                        std::string(i.title)});
  } else if (section == "requirements") {
    t.columns = {"id", "article", "group", "coverage", "relationship", "iso27001", "title"};
    if (format != Format::Text) t.columns.insert(t.columns.end(), {"summary", "rationale", "documents"});
    for (const Requirement& r : c.requirements) {
      t.rows.push_back({std::string(r.id), std::string(r.article), std::string(to_string(r.group)),
                        std::string(to_string(r.coverage)), std::string(to_string(r.relationship)), join(r.iso27001),
                        std::string(r.title)});
      if (format != Format::Text)
        t.rows.back().insert(t.rows.back().end(),
                             {std::string(r.summary), std::string(r.rationale), join(r.documents, "; ")});
    }
  } else if (section == "articles") {
    t.columns = {"id", "title", "obligations", "requirements"};
    for (const Article& a : c.articles)
      t.rows.push_back({std::string(a.id), std::string(a.title), std::to_string(a.obligations.size()),
                        std::to_string(a.requirements.size())});
  } else if (section == "obligations") {
    t.columns = {"reference", "obligation"};
    for (const Article& a : c.articles)
      for (const Obligation& o : a.obligations)
        t.rows.push_back(
            {std::string(o.reference), format == Format::Text ? shorten(o.text, 90) : std::string(o.text)});
  } else if (section == "entity_types") {
    t.columns = {"id",
                 "annex",
                 "sector",
                 "subsector",
                 "entity_type",
                 "defined_in",
                 "size_independent_basis",
                 "annex_exclusion",
                 "ir_2024_2690",
                 "jurisdiction"};
    if (format == Format::Text) t.columns = {"id", "annex", "sector", "ir_2024_2690", "jurisdiction"};
    for (const EntityType& e : c.entity_types) {
      if (format == Format::Text) {
        t.rows.push_back({std::string(e.id), std::string(e.annex), std::string(e.sector), yes_no(e.ir_2024_2690),
                          std::string(e.jurisdiction)});
        continue;
      }
      t.rows.push_back({std::string(e.id), std::string(e.annex), std::string(e.sector), std::string(e.subsector),
                        std::string(e.entity_type), std::string(e.defined_in), std::string(e.size_independent_basis),
                        std::string(e.annex_exclusion), yes_no(e.ir_2024_2690), std::string(e.jurisdiction)});
    }
  } else if (section == "roadmap") {
    t.columns = {"step", "id", "title", "achieved_by_iso27001", "requirements", "iso27001", "documents"};
    if (format == Format::Text) t.columns.resize(4);
    for (const RoadmapStep& s : c.roadmap) {
      t.rows.push_back(
          {std::to_string(s.number), std::string(s.id), std::string(s.title), yes_no(s.achieved_by_iso27001)});
      if (format != Format::Text)
        t.rows.back().insert(t.rows.back().end(), {join(s.requirements), join(s.iso27001), join(s.documents, "; ")});
    }
  } else if (section == "ir_2024_2690_sections") {
    t.columns = {"id", "reference", "articles", "title"};
    for (const IrSection& s : c.ir_sections)
      t.rows.push_back({std::string(s.id), std::string(s.reference), join(s.articles, " "), std::string(s.title)});
  } else if (section == "ir_2024_2690") {
    t.columns = {"id", "article", "requirement", "coverage", "iso27001", "title"};
    if (format != Format::Text) t.columns.insert(t.columns.end(), {"summary", "relationship", "mapping_sources"});
    for (const IrRequirement& r : c.ir_requirements) {
      t.rows.push_back({std::string(r.id), std::string(r.article), std::string(r.requirement),
                        std::string(to_string(r.coverage)), id_list(r.iso27001, format == Format::Text),
                        std::string(r.title)});
      if (format != Format::Text)
        t.rows.back().insert(t.rows.back().end(),
                             {std::string(r.summary), std::string(to_string(r.relationship)), join(r.mapping_sources)});
    }
  } else if (section == "mapping_sources") {
    t.columns = {"id", "citation", "note"};
    for (const MappingSource& m : c.mapping_sources)
      t.rows.push_back({std::string(m.id), std::string(m.citation), std::string(m.note)});
  } else {
    t.columns = {"id", "name"};
    for (const StandardProfile& s : c.standards) t.rows.push_back({std::string(s.id), std::string(s.name)});
  }
  return t;
}

int run_catalog(const std::string& section, Format format) {
  if (!section.empty()) {
    if (format == Format::Json) emit(catalog_json(builtin(), section));
    else print(render(section_table(section, format), format));
    return 0;
  }
  if (format == Format::Json) {
    emit(catalog_json(builtin()));
    return 0;
  }
  const Catalog& c = builtin();
  std::size_t obligations = 0;
  for (const Article& a : c.articles) obligations += a.obligations.size();
  Table t{{"section", "items", "contents"}, {}};
  t.rows = {{"iso27001", std::to_string(c.iso27001.size()),
             "ISO/IEC 27001:2022 clauses 4-10, the 4 Annex A themes and 93 controls"},
            {"requirements", std::to_string(c.requirements.size()),
             "NIS2 requirements (Arts 20, 21, 23) mapped to ISO 27001"},
            {"articles", std::to_string(c.articles.size()), "NIS2 articles an entity deals with"},
            {"obligations", std::to_string(obligations), "what each article obliges, paragraph by paragraph"},
            {"entity_types", std::to_string(c.entity_types.size()),
             "entity types of NIS2 Annexes I and II (and Art. 2(4), 2(5))"},
            {"roadmap", std::to_string(c.roadmap.size()), "steps of the NIS2 implementation roadmap on ISO 27001"},
            {"standards", std::to_string(c.standards.size()), "standard profiles"},
            {"ir_2024_2690_sections", std::to_string(c.ir_sections.size()), "sections of the IR 2024/2690 Annex"},
            {"ir_2024_2690", std::to_string(c.ir_requirements.size()),
             "IR 2024/2690 Annex points mapped to ISO 27001 (ENISA)"},
            {"mapping_sources", std::to_string(c.mapping_sources.size()), "where the IR mapping comes from"}};
  print(render(t, format));
  if (format == Format::Text)
    print("\nRun 'vigil catalog <section>' to list a section, 'vigil show <id>' for one item.\n");
  return 0;
}

int run_standard(const std::string& id, Format format) {
  const StandardProfile* profile = find_standard(id);
  if (!profile) {
    std::string known;
    for (const StandardProfile& s : builtin().standards) known += (known.empty() ? "" : ", ") + std::string(s.id);
    return report(
        Error{ErrorCode::NotFound, id, fmt::format("no standard profile with this id; known: {}", known), {}});
  }
  show_standard(*profile, format);
  return 0;
}

// A command of the "Knowledge base" group: its footer (the ids it takes, its
// JSON), its own options (`own`), then --format; `run` runs it.
void add_knowledge_command(CLI::App& app, const char* name, const char* description, const char* footer, Format& format,
                           const std::function<void(CLI::App&)>& own, std::function<void()> run) {
  CLI::App* command = app.add_subcommand(name, description);
  command->footer(footer);
  command->group("Knowledge base");
  own(*command);
  add_format_option(*command, format);
  command->callback(std::move(run));
}

// An id or query of one or more words (joined by a space when run):
// `vigil show Art. 21(2)(h)` without quotes.
void add_words(CLI::App& command, const char* name, std::vector<std::string>& words, const char* help) {
  command.add_option(name, words, help)->required()->expected(1, -1);
}

}  // namespace

void add_catalog_commands(CLI::App& app, int& exit_code) {
  struct Options {
    Format format = Format::Text;
    std::string section;
    std::vector<std::string> words;
    std::size_t limit = 10;
    bool ir_2024_2690 = false;
  };
  auto options = std::make_shared<Options>();

  add_knowledge_command(
      app, "catalog", "List the knowledge base: ISO 27001, NIS2 requirements, articles, entity types, roadmap",
      "Sections: iso27001, requirements, articles, obligations, entity_types, roadmap, standards,\n"
      "ir_2024_2690_sections, ir_2024_2690, mapping_sources.\n"
      "--format json without a section dumps everything as one object with the arrays iso27001,\n"
      "requirements, articles, entity_types, roadmap, standards, ir_2024_2690_sections, ir_2024_2690 and\n"
      "mapping_sources; with a section, {<section>: [...]}.",
      options->format,
      [&](CLI::App& c) {
        c.add_option("section", options->section, "One section to list")
            ->check(CLI::IsMember(kSections))
            ->option_text("SECTION");
      },
      [options, &exit_code] { exit_code = run_catalog(options->section, options->format); });

  // show and map: an id of one or more words.
  auto add_id_command = [&](const char* name, const char* description, const char* footer, const char* id_help,
                            int (*run)(const std::string&, Format)) {
    add_knowledge_command(
        app, name, description, footer, options->format,
        [&](CLI::App& c) { add_words(c, "id", options->words, id_help); },
        [options, &exit_code, run] { exit_code = run(joined(options->words, " "), options->format); });
  };

  add_id_command(
      "show", "Show one item and what it maps to: requirement, article, ISO clause or control, ...",
      "Ids: a requirement (rm.cryptography), an article or paragraph ('Art. 21(2)(h)', Art. 21), an annex\n"
      "('Annex I'), an ISO clause or control (6.1.3, A.8.24), an IR 2024/2690 Annex point or section\n"
      "(ir.5.1.4, 'IR 2024/2690 Annex 5.1.4', ir.5), an entity type, a roadmap step (incident_notification)\n"
      "or a standard (iso27001), in any case. An unknown id exits with 3 and suggests the nearest ids.\n"
      "JSON: the item's fields with a \"type\" and its links; CSV: the item's main table.",
      "The id (words are joined; quote parentheses: 'Art. 21(2)(h)')", run_show);

  add_id_command("map", "The NIS2 <-> ISO/IEC 27001 mapping of an id, in both directions",
                 "Ids: a requirement, an article or paragraph, an ISO clause, control or theme, or a roadmap step.\n"
                 "JSON: {id, nis2_to_iso27001: [{id, article, title, coverage, relationship, iso27001}],\n"
                 "iso27001_to_nis2: [{iso27001, title, requirements}], links: [{requirement, article,\n"
                 "relationship, coverage, iso27001}]}; CSV: one row per link.",
                 "Requirement, article, ISO clause or control, or roadmap step", run_map);

  add_knowledge_command(
      app, "coverage", "How far ISO/IEC 27001 carries an entity towards NIS2",
      "Groups: risk_management (Arts 20, 21) and reporting (Art. 23). Coverage follows the OSCAL\n"
      "relationship of each requirement to its ISO counterparts: equal/subset full, superset/intersect\n"
      "partial, none without a counterpart.\n"
      "JSON: {groups: [{name, total, full, partial, none, uncovered}],\n"
      "requirements: [{id, article, coverage, iso27001}]}.\n"
      "--ir-2024-2690: per Annex section, coverage full when every point is, none when no point has an\n"
      "ISO counterpart, partial otherwise. JSON: {regulation, sections: [{section, id, title, articles,\n"
      "coverage, total, full, partial, none, uncovered, iso27001}], points: [...], sources: [...]}.",
      options->format,
      [&](CLI::App& c) {
        c.add_flag("--ir-2024-2690", options->ir_2024_2690,
                   "Per section of the IR 2024/2690 Annex instead (entities of IR Art. 1)");
      },
      [options, &exit_code] {
        exit_code = options->ir_2024_2690 ? run_ir_coverage(options->format) : run_coverage(options->format);
      });

  add_knowledge_command(
      app, "search", "Ranked full-text search over the whole catalog",
      "Ranking: BM25 over ids, titles and texts; items matching every word first; an exact id first.\n"
      "JSON: {query, results: [{rank, kind, id, title, reference, score}]}.",
      options->format,
      [&](CLI::App& c) {
        add_words(c, "words", options->words, "What to look for");
        c.add_option("--limit,-n", options->limit, "At most this many results (default 10)")
            ->check(CLI::Range(1, 1000));
      },
      [options, &exit_code] { exit_code = run_search(joined(options->words, " "), options->limit, options->format); });

  add_knowledge_command(
      app, "standard", "The profile of a standard (iso27001) and how it carries an entity towards NIS2",
      "Overview, applicability, key coverage areas, the related NIS2 articles with implementation\n"
      "guidance and the requirements they map to, and quick facts.\n"
      "JSON: {id, name, overview, applicability, coverage_areas, related_articles, quick_facts}.",
      options->format,
      [&](CLI::App& c) { c.add_option("id", options->section, "The standard")->required()->option_text("iso27001"); },
      [options, &exit_code] { exit_code = run_standard(options->section, options->format); });
}

}  // namespace vigil::cli
