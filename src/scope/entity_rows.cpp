#include "scope/entity_rows.h"

#include <algorithm>
#include <array>
#include <iterator>

#include <fmt/format.h>

#include "core/errors.h"
#include "core/text.h"
#include "scope/entity_checks.h"

namespace vigil::scope {

namespace {

enum Col {
  kName,
  kEntityTypes,
  kEmployees,
  kTurnover,
  kBalance,
  kLinkedEmployees,
  kLinkedTurnover,
  kLinkedBalance,
  kPartnerEmployees,
  kPartnerTurnover,
  kPartnerBalance,
  kPartnerHolding,
  kGroupTurnover,
  kServicesInEu,
  kQualifiedTsp,
  kDomainRegistration,
  kPaLevel,
  kRegionalAssessment,
  kLocalExtension,
  kNationalSecurity,
  kJudiciary,
  kCer,
  kSoleProvider,
  kPublicSafety,
  kSystemicRisk,
  kNationalImportance,
  kDesignation,
  kOse,
  kArt31g,
  kAncillary,
  kRootNameServer,
  kDecisionsIn,
  kOperationsIn,
  kMostEmployeesIn,
  kRepresentativeIn,
  kColumnCount
};

constexpr std::array<std::string_view, kColumnCount> kColumns{
    "name",
    "entity_types",
    "employees",
    "annual_turnover_eur",
    "balance_sheet_total_eur",
    "linked_employees",
    "linked_annual_turnover_eur",
    "linked_balance_sheet_total_eur",
    "partner_employees",
    "partner_annual_turnover_eur",
    "partner_balance_sheet_total_eur",
    "partner_holding_percent",
    "group_worldwide_turnover_eur",
    "provides_services_in_eu",
    "qualified_trust_service_provider",
    "domain_name_registration_services",
    "public_administration_level",
    "regional_risk_assessment_positive",
    "member_state_extends_to_local_pa",
    "national_security_defence_law_enforcement",
    "judiciary_parliament_or_central_bank",
    "cer_critical_entity",
    "sole_provider_in_member_state",
    "disruption_significant_impact_public_safety_security_health",
    "significant_systemic_risk",
    "critical_national_regional_importance",
    "member_state_designation",
    "identified_as_ose_before_2023_01_16",
    "member_state_applies_art_3_1_g",
    "ancillary_activity",
    "root_name_server_operator",
    "main_establishment_decisions_taken_in",
    "main_establishment_operations_carried_out_in",
    "main_establishment_most_employees_in",
    "main_establishment_representative_in"};
// Every entity flag is read from the column of its name.
static_assert(std::all_of(std::begin(kEntityFlags), std::end(kEntityFlags), [](const EntityFlag& flag) {
  return std::find(kColumns.begin(), kColumns.end(), flag.name) != kColumns.end();
}));

constexpr std::array<Col, 5> kRequired{kEntityTypes, kEmployees, kTurnover, kBalance, kServicesInEu};

std::vector<std::string_view> split_list(std::string_view text) {
  std::vector<std::string_view> out;
  text = trim(text);
  if (text.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find(';', start);
    out.push_back(trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

class RowReader {
 public:
  RowReader(const CsvRow& row, const std::vector<int>& index) : row_(row), index_(index) {}

  std::string_view cell(Col c) const {
    int i = index_[c];
    if (i < 0 || static_cast<std::size_t>(i) >= row_.fields.size()) return {};
    return trim(row_.fields[static_cast<std::size_t>(i)]);
  }
  void problem(Col c, std::string message) { problems.emplace_back(std::string(kColumns[c]), std::move(message)); }

  static Col column(std::string_view name) {
    return static_cast<Col>(std::find(kColumns.begin(), kColumns.end(), name) - kColumns.begin());
  }
  std::string_view cell(std::string_view name) const { return cell(column(name)); }
  bool flag(std::string_view name) { return flag(column(name)); }
  bool flag(Col c) {
    std::string lower = to_lower(cell(c));
    if (lower.empty() && c == kServicesInEu) {  // a required fact: empty is not "no"
      problem(c, std::string(kServicesInEuRequired));
      return false;
    }
    if (lower.empty() || lower == "false" || lower == "no" || lower == "0") return false;
    if (lower == "true" || lower == "yes" || lower == "1") return true;
    problem(c, fmt::format("'{}' is not true or false (also accepted: yes/no, 1/0{})", excerpt(cell(c)),
                           c == kServicesInEu ? "" : ", empty = false"));
    return false;
  }
  std::optional<Cents> money(Col c, std::string_view text, bool required) {
    if (text.empty()) {
      if (required) problem(c, "is required (an amount in euros)");
      return std::nullopt;
    }
    auto parsed = parse_euros(text, kColumns[c]);
    if (!parsed) {
      problem(c, parsed.error().message);
      return std::nullopt;
    }
    return *parsed;
  }
  std::optional<std::int64_t> hundredths(Col c, std::string_view text, bool required, std::string_view what) {
    if (text.empty()) {
      if (required) problem(c, fmt::format("is required ({})", what));
      return std::nullopt;
    }
    auto parsed = parse_hundredths(text);
    if (!parsed) problem(c, fmt::format("expected {}, got '{}'", what, excerpt(text)));
    return parsed;
  }
  std::string member_state(Col c) {
    std::string_view code = cell(c);
    if (code.empty() || is_member_state(code)) return std::string(code);
    problem(c, fmt::format("'{}' is not an EU Member State code (AT, BE, ... SK; EL for Greece)", excerpt(code)));
    return {};
  }

  Problems problems;

 private:
  const CsvRow& row_;
  const std::vector<int>& index_;
};

// The linked_* / partner_* columns: parallel ';' lists, one value per enterprise.
void read_enterprises(RowReader& r, Entity& e) {
  auto le = split_list(r.cell(kLinkedEmployees)), lt = split_list(r.cell(kLinkedTurnover)),
       lb = split_list(r.cell(kLinkedBalance));
  if (le.size() != lt.size() || le.size() != lb.size()) {
    r.problem(kLinkedEmployees,
              "linked_employees, linked_annual_turnover_eur and linked_balance_sheet_total_eur "
              "need one value per linked enterprise, separated by ';'");
  } else {
    for (std::size_t i = 0; i < le.size(); ++i) {
      auto s = r.hundredths(kLinkedEmployees, le[i], true, kWorkUnits);
      auto t = r.money(kLinkedTurnover, lt[i], true);
      auto b = r.money(kLinkedBalance, lb[i], true);
      if (s && t && b) e.linked_enterprises.push_back(Figures{WorkUnits{*s}, *t, *b});
    }
  }
  auto pe = split_list(r.cell(kPartnerEmployees)), pt = split_list(r.cell(kPartnerTurnover)),
       pb = split_list(r.cell(kPartnerBalance)), ph = split_list(r.cell(kPartnerHolding));
  if (pe.size() != pt.size() || pe.size() != pb.size() || pe.size() != ph.size()) {
    r.problem(kPartnerEmployees,
              "partner_employees, partner_annual_turnover_eur, partner_balance_sheet_total_eur "
              "and partner_holding_percent need one value per partner enterprise, separated by ';'");
    return;
  }
  for (std::size_t i = 0; i < pe.size(); ++i) {
    auto s = r.hundredths(kPartnerEmployees, pe[i], true, kWorkUnits);
    auto t = r.money(kPartnerTurnover, pt[i], true);
    auto b = r.money(kPartnerBalance, pb[i], true);
    // -1: missing or not a number (already reported).
    const std::int64_t h = r.hundredths(kPartnerHolding, ph[i], true, "a percentage from 25 to 50").value_or(-1);
    // Rec. 2003/361/EC Annex Art. 3(2)-(3): partners hold 25 % to 50 %.
    const bool holding_ok = h >= 2500 && h <= 5000;
    if (h >= 0 && !holding_ok) {
      r.problem(kPartnerHolding, fmt::format("'{}' is not a partner holding: partners hold 25 % to 50 % (Rec. "
                                             "2003/361/EC Annex Art. 3(2)); above 50 % use the linked_* columns, "
                                             "below 25 % leave it out",
                                             excerpt(ph[i])));
    }
    if (!s || !t || !b || !holding_ok) continue;
    Partner partner;
    partner.figures = Figures{WorkUnits{*s}, *t, *b};
    partner.holding_basis_points = h;
    e.partner_enterprises.push_back(partner);
  }
}

Result<Entity> row_errors(const Problems& problems, std::size_t line, std::string_view source) {
  Errors errors;
  for (const auto& [field, message] : problems) {
    errors.add(Error{ErrorCode::InvalidInput, fmt::format("{}:{}: {}", source, line, field), message, {}});
  }
  return tl::unexpected(errors.result().error());
}

Result<Entity> read_row(const CsvRow& row, const std::vector<int>& index, std::string_view source) {
  RowReader r(row, index);
  // The input rules of every reader (core/text.h unsafe_text, as the JSON
  // reader applies them): no cell may carry a control character, a bidi
  // control or an invisible character into a result or a terminal, and every
  // cell is one-line text (a name, an id, a number, a code): no line feed or
  // tab either. Such a row is refused before anything else is read from it.
  Problems unsafe;
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    if (auto problem = unsafe_text(r.cell(static_cast<Col>(c)), false)) {
      unsafe.emplace_back(std::string(kColumns[c]), std::move(*problem));
    }
  }
  if (!unsafe.empty()) return row_errors(unsafe, row.line, source);
  Entity e;
  e.name = std::string(r.cell(kName));
  Problems type_problems;
  std::vector<std::string> ids;
  for (std::string_view id : split_list(r.cell(kEntityTypes))) ids.emplace_back(id);
  resolve_entity_types(ids, e, type_problems);

  auto staff = r.hundredths(kEmployees, r.cell(kEmployees), true, kWorkUnits);
  auto turnover = r.money(kTurnover, r.cell(kTurnover), true);
  auto balance = r.money(kBalance, r.cell(kBalance), true);
  if (staff && turnover && balance) e.own = Figures{WorkUnits{*staff}, *turnover, *balance};
  read_enterprises(r, e);
  e.group_worldwide_turnover = r.money(kGroupTurnover, r.cell(kGroupTurnover), false);

  for (const EntityFlag& flag : kEntityFlags) {
    if (r.cell(flag.name).empty()) e.not_given.push_back(flag.name);  // no column, or an empty cell
    e.*flag.member = r.flag(flag.name);
  }
  if (std::string_view level = r.cell(kPaLevel); !level.empty()) {
    if (auto parsed = parse_public_administration_level(level)) {
      e.public_administration_level = *parsed;
    } else {
      r.problem(kPaLevel, fmt::format("'{}' is not valid; expected central, regional or local", excerpt(level)));
    }
  }
  if (std::string_view d = r.cell(kDesignation); !d.empty()) {
    if (auto parsed = parse_designation(d)) {
      e.member_state_designation = *parsed;
    } else {
      r.problem(kDesignation, fmt::format("'{}' is not valid; expected essential, important or empty", excerpt(d)));
    }
  }
  MainEstablishment m{r.member_state(kDecisionsIn), r.member_state(kOperationsIn), r.member_state(kMostEmployeesIn),
                      r.member_state(kRepresentativeIn)};
  if (!m.decisions_taken_in.empty() || !m.operations_carried_out_in.empty() || !m.most_employees_in.empty() ||
      !m.representative_in.empty()) {
    e.main_establishment = std::move(m);
  }

  Problems all = std::move(type_problems);
  if (all.empty()) check_entity(e, all);
  for (auto& p : r.problems) all.push_back(std::move(p));
  if (all.empty()) return e;
  return row_errors(all, row.line, source);
}

std::vector<int> column_index(const CsvTable& table, std::string_view source) {
  return match_csv_header(table.header, kColumns, source).index;
}

}  // namespace

std::span<const std::string_view> entity_columns() { return kColumns; }

Result<std::vector<Error>> check_entity_columns(const CsvTable& table, std::string_view source) {
  // Matched as the SoA and register readers match theirs (core/csv.h):
  // any case, spaces for underscores; other columns are ignored, and said to be.
  CsvHeaderMatch header = match_csv_header(table.header, kColumns, source);
  Errors errors;
  for (Error& e : header.errors) errors.add(std::move(e));
  for (Col c : kRequired) {
    if (header.index[c] < 0) {
      errors.add(Error{ErrorCode::InvalidInput,
                       fmt::format("{}:1", source),
                       c == kServicesInEu
                           ? fmt::format("the required column {} is missing: each row must say true or false, "
                                         "whether the entity provides services or carries out activities in the "
                                         "Union (Art. 2(1) NIS2)",
                                         kColumns[c])
                           : fmt::format("the required column {} is missing", kColumns[c]),
                       {}});
    }
  }
  std::vector<Error> notices;
  if (auto notice = csv_delimiter_notice(table, source)) notices.push_back(std::move(*notice));
  for (Error& n : header.notices) notices.push_back(std::move(n));
  if (errors.empty()) return notices;
  // What was ignored may be why a required column is missing: said after the errors.
  for (Error& n : notices) errors.add(std::move(n));
  return tl::unexpected(errors.result().error());
}

std::vector<EntityRow> parse_entity_rows(const CsvTable& table, std::string_view source) {
  const EntityRowReader reader(table, source);
  std::vector<EntityRow> out;
  out.reserve(table.rows.size());
  for (const CsvRow& row : table.rows) out.push_back(EntityRow{row.line, reader.read(row)});
  return out;
}

EntityRowReader::EntityRowReader(const CsvTable& table, std::string_view source)
    : index_(column_index(table, source)), source_(source) {}

Result<Entity> EntityRowReader::read(const CsvRow& row) const { return read_row(row, index_, source_); }

}  // namespace vigil::scope
