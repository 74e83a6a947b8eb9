// The supplier analysis as one self-contained HTML page: no script, no
// external resource, every value from the register escaped. The dependency
// graph is laid out in columns (functions, then direct suppliers, then each
// level of subcontracting), each column ordered by the mean position of what
// points at it, which keeps lines short enough to follow at 200 suppliers.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "assess/score.h"
#include "core/html.h"
#include "supplier/graph.h"
#include "supplier/report.h"

namespace vigil::supplier {
namespace {

// Each item as HTML text, with `separator` between each two.
std::string html_joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(separator)) + html_text(item);
  return out;
}

std::string percent(int permille) { return assess::format_tenths(permille) + " %"; }

// At most `max` characters (UTF-8 aware), with an ellipsis when cut.
std::string shorten(std::string_view text, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars++ == max) return std::string(text.substr(0, i)) + "\u2026";
  }
  return std::string(text);
}

constexpr std::string_view kStyle = R"(<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:75em}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.num{text-align:right}.code{font-family:monospace}
.graph{overflow:auto;border:1px solid #ddd}
svg text{font:11px sans-serif}
.fn rect{fill:#eef3ff;stroke:#5470c6}.fn.critical text{font-weight:bold}
.sup rect{fill:#fff;stroke:#888}.sup.conc rect{fill:#fde2e2;stroke:#c00;stroke-width:2}
.sup.spof rect{stroke:#e07000;stroke-width:3}.edge{stroke:#999;stroke-opacity:.45;fill:none}
.edge.hot{stroke:#c00;stroke-opacity:.9}
</style>)";

struct Layout {
  std::vector<int> function_row;
  std::vector<int> supplier_column, supplier_row;
  int columns = 1;
  int rows = 0;
};

Layout lay_out(const Register& reg, const Graph& graph) {
  Layout l;
  const std::size_t n = reg.suppliers.size();
  l.function_row.assign(reg.functions.size(), 0);
  l.supplier_column.assign(n, -1);
  l.supplier_row.assign(n, 0);
  // Functions: critical first, then by id.
  std::vector<std::size_t> fns(reg.functions.size());
  for (std::size_t f = 0; f < fns.size(); ++f) fns[f] = f;
  std::sort(fns.begin(), fns.end(), [&](std::size_t a, std::size_t b) {
    if (reg.functions[a].critical != reg.functions[b].critical) return reg.functions[a].critical;
    return reg.functions[a].id < reg.functions[b].id;
  });
  for (std::size_t i = 0; i < fns.size(); ++i) l.function_row[fns[i]] = static_cast<int>(i);
  // Columns: shortest distance from a function (suppliers nobody points at start at 1).
  std::vector<std::uint32_t> queue;
  for (std::size_t f = 0; f < reg.functions.size(); ++f) {
    for (std::uint32_t s : graph.of_function(f)) {
      if (l.supplier_column[s] < 0) {
        l.supplier_column[s] = 1;
        queue.push_back(s);
      }
    }
  }
  auto spread = [&](std::size_t head) {
    for (; head < queue.size(); ++head) {
      for (std::uint32_t t : graph.of_supplier(queue[head])) {
        if (l.supplier_column[t] >= 0) continue;
        l.supplier_column[t] = l.supplier_column[queue[head]] + 1;
        queue.push_back(t);
      }
    }
  };
  spread(0);
  for (std::uint32_t s = 0; s < n; ++s) {
    if (l.supplier_column[s] >= 0) continue;
    l.supplier_column[s] = 1;
    queue.push_back(s);
    spread(queue.size() - 1);
  }
  for (int c : l.supplier_column) l.columns = std::max(l.columns, c + 1);
  // Order each column by the mean row of its predecessors (one sweep).
  std::vector<double> weight(n, 0.0);
  std::vector<int> count(n, 0);
  for (std::size_t f = 0; f < reg.functions.size(); ++f) {
    for (std::uint32_t s : graph.of_function(f)) {
      weight[s] += l.function_row[f];
      ++count[s];
    }
  }
  l.rows = static_cast<int>(reg.functions.size());
  for (int column = 1; column < l.columns; ++column) {
    std::vector<std::uint32_t> members;
    for (std::uint32_t s = 0; s < n; ++s) {
      if (l.supplier_column[s] == column) members.push_back(s);
    }
    auto key = [&](std::uint32_t s) { return count[s] ? weight[s] / count[s] : 1e9; };
    std::sort(members.begin(), members.end(), [&](std::uint32_t a, std::uint32_t b) {
      if (key(a) != key(b)) return key(a) < key(b);
      return reg.suppliers[a].id < reg.suppliers[b].id;
    });
    for (std::size_t i = 0; i < members.size(); ++i) l.supplier_row[members[i]] = static_cast<int>(i);
    l.rows = std::max(l.rows, static_cast<int>(members.size()));
    for (std::uint32_t s : members) {
      for (std::uint32_t t : graph.of_supplier(s)) {
        if (l.supplier_column[t] <= column) continue;
        weight[t] += l.supplier_row[s];
        ++count[t];
      }
    }
  }
  return l;
}

std::string svg_graph(const Register& reg, const Analysis& a) {
  Graph graph(reg);
  Layout l = lay_out(reg, graph);
  constexpr int kColumnWidth = 250, kBoxWidth = 200, kBoxHeight = 20, kRowHeight = 26, kMargin = 10;
  auto x_of = [&](int column) { return kMargin + column * kColumnWidth; };
  auto y_of = [&](int row) { return kMargin + 20 + row * kRowHeight; };
  std::vector<bool> conc(reg.suppliers.size(), false), spof(reg.suppliers.size(), false);
  std::map<std::string_view, std::size_t> supplier_index;
  for (std::size_t s = 0; s < reg.suppliers.size(); ++s) supplier_index[reg.suppliers[s].id] = s;
  std::set<std::string_view> hot_groups;
  for (const Finding& f : a.findings) {
    if (f.code != "concentration") continue;
    if (!f.supplier.empty()) conc[supplier_index[f.supplier]] = true;
    else hot_groups.insert(f.group);
  }
  for (std::size_t s = 0; s < reg.suppliers.size(); ++s) {
    if (hot_groups.count(reg.suppliers[s].group)) conc[s] = true;
  }
  // Edges on a single point of failure's path are drawn red.
  std::set<std::pair<std::string_view, std::string_view>> hot_edges;
  for (const SinglePointOfFailure& p : a.single_points_of_failure) {
    spof[supplier_index[p.supplier]] = true;
    for (std::size_t i = 0; i + 1 < p.path.size(); ++i) hot_edges.insert({p.path[i], p.path[i + 1]});
  }
  int width = x_of(l.columns - 1) + kBoxWidth + kMargin + 40;  // room for loops to the right
  int height = y_of(l.rows) + kMargin;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"Dependency graph: functions, suppliers and subcontractors\">\n",
      width, height, width, height);
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-weight=\"bold\">Functions</text>\n", x_of(0), kMargin + 10);
  for (int c = 1; c < l.columns; ++c) {
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>\n", x_of(c), kMargin + 10,
                       c == 1 ? std::string("Suppliers") : fmt::format("Subcontractors (level {})", c - 1));
  }
  auto edge = [&](int x1, int y1, int x2, int y2, bool hot) {
    int mid = (x1 + x2) / 2;
    out += fmt::format("<path class=\"edge{}\" d=\"M{} {} C{} {} {} {} {} {}\"/>\n", hot ? " hot" : "", x1, y1, mid, y1,
                       mid, y2, x2, y2);
  };
  for (std::size_t f = 0; f < reg.functions.size(); ++f) {
    for (std::uint32_t s : graph.of_function(f)) {
      edge(x_of(0) + kBoxWidth, y_of(l.function_row[f]) + kBoxHeight / 2, x_of(l.supplier_column[s]),
           y_of(l.supplier_row[s]) + kBoxHeight / 2, hot_edges.count({reg.functions[f].id, reg.suppliers[s].id}) > 0);
    }
  }
  for (std::size_t s = 0; s < reg.suppliers.size(); ++s) {
    for (std::uint32_t t : graph.of_supplier(s)) {
      bool hot = hot_edges.count({reg.suppliers[s].id, reg.suppliers[t].id}) > 0;
      if (l.supplier_column[t] <= l.supplier_column[s]) {
        // Within a column or backwards (a cycle): a loop out to the right, so
        // the line never runs through the boxes between.
        int x1 = x_of(l.supplier_column[s]) + kBoxWidth, y1 = y_of(l.supplier_row[s]) + kBoxHeight / 2;
        int x2 = x_of(l.supplier_column[t]) + kBoxWidth, y2 = y_of(l.supplier_row[t]) + kBoxHeight / 2;
        int bulge = std::max(x1, x2) + 30;
        out += fmt::format("<path class=\"edge{}\" d=\"M{} {} C{} {} {} {} {} {}\"/>\n", hot ? " hot" : "", x1, y1,
                           bulge, y1, bulge, y2, x2, y2);
        continue;
      }
      edge(x_of(l.supplier_column[s]) + kBoxWidth, y_of(l.supplier_row[s]) + kBoxHeight / 2, x_of(l.supplier_column[t]),
           y_of(l.supplier_row[t]) + kBoxHeight / 2, hot);
    }
  }
  auto box = [&](std::string_view cls, int x, int y, const std::string& label, const std::string& title) {
    out += fmt::format(
        "<g class=\"{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\"/>"
        "<text x=\"{}\" y=\"{}\">{}</text></g>\n",
        cls, html_text(title), x, y, kBoxWidth, kBoxHeight, x + 5, y + 14, html_text(shorten(label, 30)));
  };
  for (std::size_t f = 0; f < reg.functions.size(); ++f) {
    const Function& fn = reg.functions[f];
    box(fn.critical ? "fn critical" : "fn", x_of(0), y_of(l.function_row[f]), fn.id,
        fmt::format("{}: {}{}", fn.id, fn.name, fn.critical ? " (critical)" : ""));
  }
  for (std::size_t s = 0; s < reg.suppliers.size(); ++s) {
    const Supplier& sup = reg.suppliers[s];
    std::string cls = "sup";
    if (conc[s]) cls += " conc";
    if (spof[s]) cls += " spof";
    std::string title =
        fmt::format("{}: {} ({}{}{})", sup.id, sup.name, sup.country, sup.group.empty() ? "" : ", group ", sup.group);
    if (conc[s]) title += "; concentration above the threshold";
    if (spof[s]) title += "; single point of failure";
    box(cls, x_of(l.supplier_column[s]), y_of(l.supplier_row[s]), sup.id, title);
  }
  out += "</svg>\n";
  return out;
}

std::string section_graph(const Register& reg, const Analysis& a) {
  std::string out = "<h2 id=\"graph\">Dependency graph</h2>\n";
  if (reg.suppliers.size() > kMaxGraphSuppliers) {
    return out + fmt::format(
                     "<p>The register has {} suppliers: above {} the graph is left out; the tables above "
                     "hold every result.</p>\n",
                     reg.suppliers.size(), kMaxGraphSuppliers);
  }
  out +=
      "<p>Critical functions in bold. Red: a supplier (or a member of a group) above the concentration "
      "threshold. Thick orange border: a single point of failure; red lines: its paths. Hover a box for "
      "its name.</p>\n<div class=\"graph\">\n";
  out += svg_graph(reg, a);
  return out + "</div>\n";
}

// A section with the number of its items in the heading: `none` (a
// sentence) when there are none, else `open`, one row(item) each and `close`.
template <class Items, class Row>
std::string counted_section(std::string_view id, std::string_view title, const Items& items, std::string_view none,
                            std::string_view open, Row row, std::string_view close) {
  std::string out = fmt::format("<h2 id=\"{}\">{} ({})</h2>\n", id, title, items.size());
  if (items.empty()) return out + fmt::format("<p>{}</p>\n", none);
  out += open;
  for (const auto& item : items) out += row(item);
  return out + std::string(close);
}

std::string section_tables(const Analysis& a) {
  std::string out = counted_section(
      "findings", "Findings", a.findings, "None.",
      "<table><tr><th>code</th><th>supplier or group</th><th>detail</th></tr>\n",
      [](const Finding& f) {
        return fmt::format("<tr><td class=\"code\">{}</td><td>{}</td><td>{}</td></tr>\n", html_text(f.code),
                           f.supplier.empty() ? "group " + html_text(f.group) : html_text(f.supplier),
                           html_text(f.detail));
      },
      "</table>\n");
  out += counted_section(
      "spof", "Single points of failure", a.single_points_of_failure,
      "None: every supplier a critical function depends on is substitutable or has an exit plan.",
      "<table><tr><th>critical function</th><th>supplier</th><th>path</th></tr>\n",
      [](const SinglePointOfFailure& p) {
        return fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", html_text(p.function), html_text(p.supplier),
                           html_joined(p.path, " \u2192 "));
      },
      "</table>\n");
  out += "<h2 id=\"concentration\">Concentration</h2>\n";
  std::size_t none = 0;
  std::string rows;
  for (const Concentration& c : a.concentration) {
    if (c.critical_functions.empty()) {
      ++none;
      continue;
    }
    rows += fmt::format("<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                        html_text(percent(c.share_permille)), html_text(to_string(c.kind)), html_text(c.id),
                        html_joined(c.critical_functions, ", "));
  }
  if (rows.empty()) {
    out += "<p>No supplier serves a critical function.</p>\n";
  } else {
    out += "<table><tr><th>share of critical functions</th><th>kind</th><th>id</th><th>critical functions</th></tr>\n" +
           rows + "</table>\n";
  }
  if (none == 1) out += "<p>1 supplier or group serves no critical function.</p>\n";
  if (none > 1) out += fmt::format("<p>{} suppliers or groups serve no critical function.</p>\n", none);
  out += counted_section(
      "cycles", "Cycles of subcontracting", a.cycles, "None.", "<ul>\n",
      [](const Cycle& c) { return "<li>" + html_joined(c.path, " \u2192 ") + "</li>\n"; }, "</ul>\n");
  return out;
}

}  // namespace

std::string render_html(const Register& reg, const Analysis& a) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>Supplier register analysis</title>\n";
  out += kStyle;
  out += "\n</head>\n<body>\n<h1>Supplier register analysis</h1>\n";
  std::string clauses;
  for (Clause c : a.required_clauses) clauses += (clauses.empty() ? "" : ", ") + std::string(to_string(c));
  out += fmt::format(
      "<p>As of {}: {} functions ({} critical), {} suppliers, {} dependencies. Concentration threshold {}; "
      "required contract clauses: {}. Legal basis: NIS2 Art. 21(2)(d), 21(3); IR 2024/2690 Annex 5.</p>\n",
      format_date(a.as_of), a.functions, a.critical_functions, a.suppliers, a.dependencies,
      html_text(percent(a.threshold_permille)), clauses.empty() ? std::string("none") : html_text(clauses));
  if (reg.suppliers.size() <= kGraphFirstSuppliers) {
    out += section_graph(reg, a);
    out += section_tables(a);
  } else {
    out += section_tables(a);
    out += section_graph(reg, a);
  }
  return out + "</body>\n</html>\n";
}

}  // namespace vigil::supplier
