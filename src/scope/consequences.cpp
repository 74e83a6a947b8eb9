#include "scope/consequences.h"

#include <algorithm>
#include <array>

#include "scope/activity.h"
#include "scope/entity_checks.h"

namespace vigil::scope {

namespace {

using C = Classification;

// Registration, information, governance, risk-management and reporting duties.
namespace duty {
constexpr Duty kInformation{
    "information_art_3_4", "Art. 3(4)", "2025-04-17", "within two weeks",
    "Give the competent authority your name, address and up-to-date contact details (e-mail addresses, IP "
    "ranges, telephone numbers), your Annex I or II sector and subsector, and the Member States where you "
    "provide services in scope, in time for the Member State's list due by 17 April 2025 (Art. 3(3)); "
    "notify changes without delay."};
constexpr Duty kRegistry{
    "registry_art_27", "Art. 27(2)", "2025-01-17", "within three months",
    "Submit to the competent authority by 17 January 2025: your name; your sector, subsector and entity type; "
    "the address of your main establishment and other establishments in the Union, or of your representative; "
    "up-to-date contact details; the Member States where you provide services; your IP ranges. ENISA keeps the "
    "registry."};
constexpr Duty kRegistrationData{
    "registration_data_art_28", "Art. 28", "", "",
    "Collect and keep accurate and complete domain name registration data in a dedicated database, with due "
    "care for personal data, and give access to it under the conditions Art. 28 sets."};
constexpr Duty kGovernance{
    "governance_art_20", "Art. 20", "", "",
    "Your management body approves the cybersecurity risk-management measures, oversees their implementation "
    "and can be held liable for infringements of Art. 21; its members must follow training, and staff should "
    "be offered similar training regularly."};
constexpr Duty kMeasures{
    "measures_art_21", "Art. 21", "", "",
    "Take appropriate and proportionate technical, operational and organisational measures on an all-hazards "
    "basis, covering at least the ten areas of Art. 21(2)(a)-(j); correct any shortfall without undue delay "
    "(Art. 21(4))."};
constexpr Duty kMeasuresIr{
    "measures_ir_2024_2690", "IR 2024/2690 Art. 2 and Annex", "", "",
    "Meet the technical and methodological requirements of the Annex to Implementing Regulation (EU) "
    "2024/2690 for the Art. 21(2) measures; document why, where a requirement applies only 'where "
    "appropriate' and you do not apply it."};
constexpr Duty kReporting{
    "reporting_art_23", "Art. 23", "", "",
    "Report significant incidents to the CSIRT or competent authority: an early warning within 24 hours of "
    "becoming aware, an incident notification within 72 hours, and a final report within one month of the "
    "notification (Art. 23(4)); inform affected recipients where appropriate."};
constexpr Duty kReportingTsp{
    "reporting_art_23", "Art. 23", "", "",
    "Report significant incidents to the CSIRT or competent authority: an early warning within 24 hours of "
    "becoming aware, an incident notification within 72 hours (within 24 hours for incidents impacting the "
    "provision of your trust services), and a final report within one month of the notification (Art. "
    "23(4)); inform affected recipients where appropriate."};
constexpr Duty kDoraMeasures{
    "measures_dora", "Art. 4; Reg. (EU) 2022/2554", "", "",
    "As a credit institution or financial market infrastructure, meet the ICT risk-management and "
    "incident-reporting rules of DORA (Reg. (EU) 2022/2554), which take the place of Arts 21 and 23 (Art. 4)."};
}  // namespace duty

namespace note {
constexpr Note kDora{
    "Art. 4",
    "DORA (Reg. (EU) 2022/2554) is a sector-specific Union act for banking and financial market infrastructures: "
    "where it requires equivalent measures, NIS2's risk-management (Art. 21) and reporting (Art. 23) duties and "
    "the related supervision do not apply (lex specialis)."};
constexpr Note kDoraMixed{
    "Art. 4",
    "DORA replaces Arts 21 and 23 only for the banking and financial market infrastructure activities; the "
    "entity's other activities keep the NIS2 duties listed."};
constexpr Note kRecArt34{
    "Art. 2(1)",
    "Art. 3(4) of the Annex to Recommendation 2003/361/EC (no SME status when public bodies control 25 % or "
    "more) does not apply under NIS2: the size is judged on the figures alone."};
constexpr Note kAggregation{
    "Rec. 2003/361/EC Annex Arts 3-6",
    "Size figures include linked enterprises in full and partner enterprises in proportion to the holding; the "
    "shown totals are rounded down, the thresholds are compared exactly. A Member State may take account of an "
    "entity's independence from its partner and linked enterprises (recital 16)."};
constexpr Note kFineFloor{
    "Art. 34(4), 34(5)",
    "The amount is the floor for the national maximum fine for infringing Art. 21 or 23, not a fine: Member "
    "States set a maximum of at least this amount."};
constexpr Note kFineNeedsTurnover{
    "Art. 34",
    "Give group_worldwide_turnover_eur (the worldwide annual turnover of the undertaking the entity belongs to) "
    "to compute the Art. 34 maximum fine floor."};
constexpr Note kPaFines{"Art. 34(7)",
                        "The Member State decides whether and how far administrative fines apply to public "
                        "administration entities."};
constexpr Note kPaExemption{"Art. 2(8)",
                            "A Member State may exempt specific entities carrying out activities in national security, "
                            "public security, defence or law enforcement."};
constexpr Note kRegionalLarge{
    "Art. 3(1)(a)",
    "Whether exceeding the medium-sized ceilings makes a regional public administration entity essential is not "
    "settled by the text (public administration entities are not enterprises); shown as important."};
constexpr Note kLocal{"Art. 2(5)(a)",
                      "National law decides whether a local public administration entity is essential or important; "
                      "shown as important."};
constexpr Note kGroundsUndesignated{
    "Art. 3(1)(e), 3(3)",
    "The Member State may identify the entity as essential on a ground of Art. 2(2)(b)-(e); give "
    "member_state_designation once it has. Until then the entity is shown as important."};
constexpr Note kOesNoOption{
    "Art. 3(1)(g)",
    "Identified as an operator of essential services before 16 January 2023, but the Member State has not "
    "chosen to keep such entities essential, so this has no effect."};
constexpr Note kRegistrarDns{
    "Annex I point 8",
    "A registrar that also offers DNS resolution to third parties is a DNS service provider, and essential: add "
    "digital_infrastructure.dns_service_provider if that is the case."};
constexpr Note kClosedTrust{"Recital 11", "Trust services used only inside closed systems are outside NIS2."};
constexpr Note kList{"Art. 3(3)",
                     "The Member State lists essential, important and domain name registration entities by 17 April "
                     "2025 and reviews the list at least every two years."};
constexpr Note kEducation{"Art. 2(5)(b)",
                          "A Member State may extend NIS2 to education institutions, in particular those carrying out "
                          "critical research activities; check national law."};
}  // namespace note

bool in_scope(C c) { return c == C::Essential || c == C::Important; }

template <class T>
void add_once(std::vector<const T*>& list, const T* item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

void add_duties(ScopeResult& r, bool any_dora, bool only_dora, bool trust_service, bool art_27, bool art_28) {
  const bool covered = in_scope(r.classification);
  if (covered || r.classification == C::RegistrationOnly) r.duties.push_back(&duty::kInformation);
  if (art_27) r.duties.push_back(&duty::kRegistry);
  if (art_28) r.duties.push_back(&duty::kRegistrationData);
  if (!covered) return;
  if (any_dora) r.duties.push_back(&duty::kDoraMeasures);
  // Art. 4: where DORA covers every activity, NIS2's governance of the Art. 21
  // measures, the measures and the reporting give way to it.
  if (only_dora) return;
  r.duties.push_back(&duty::kGovernance);
  r.duties.push_back(&duty::kMeasures);
  if (r.implementing_regulation_2024_2690) r.duties.push_back(&duty::kMeasuresIr);
  r.duties.push_back(trust_service ? &duty::kReportingTsp : &duty::kReporting);
}

struct RuleText {
  std::string_view rule, reference, text;
};
constexpr std::array<RuleText, 4> kRules{{
    {"establishment", "Art. 26(1)", "The Member State in which the entity is established."},
    {"services_provided", "Art. 26(1)(a)", "The Member State in which it provides its services."},
    {"main_establishment", "Art. 26(1)(b) and 26(2)",
     "The Member State of its main establishment in the Union: where cybersecurity risk-management decisions "
     "are predominantly taken; else where cybersecurity operations are carried out; else where it has the "
     "establishment with the most employees in the Union. Without an establishment in the Union: the Member "
     "State of its representative (Art. 26(3))."},
    {"established_by", "Art. 26(1)(c)", "The Member State that established it."},
}};

void add_jurisdiction(const Entity& e, ScopeResult& r) {
  for (const ActivityResult& line : r.activities) {
    if (!line.type || line.classification == C::OutOfScope) continue;
    auto rule = std::find_if(kRules.begin(), kRules.end(),
                             [&](const RuleText& t) { return t.rule == line.type->jurisdiction; });
    if (rule == kRules.end()) rule = kRules.begin();  // the default of Art. 26(1)
    auto existing = std::find_if(r.jurisdiction.begin(), r.jurisdiction.end(),
                                 [&](const JurisdictionRule& j) { return j.rule == rule->rule; });
    if (existing == r.jurisdiction.end()) {
      JurisdictionRule j;
      j.rule = rule->rule;
      j.reference = rule->reference;
      j.text = rule->text;
      if (rule->rule == "main_establishment" && e.main_establishment) {
        MainEstablishmentState state = main_establishment_state(*e.main_establishment);
        j.member_state = std::move(state.member_state);
        j.member_state_basis = state.basis;
      }
      r.jurisdiction.push_back(std::move(j));
      existing = r.jurisdiction.end() - 1;
    }
    existing->entity_types.push_back(line.type);
  }
  // Entity-wide grounds with no activity line of their own fall under the default rule.
  if (r.jurisdiction.empty() && in_scope(r.classification)) {
    JurisdictionRule j;
    j.rule = kRules[0].rule;
    j.reference = kRules[0].reference;
    j.text = kRules[0].text;
    r.jurisdiction.push_back(std::move(j));
  }
}

}  // namespace

std::optional<Cents> max_fine_floor(Classification classification, Cents turnover) {
  // Art. 34(4): essential, at least EUR 10 M or 2 %; Art. 34(5): important,
  // at least EUR 7 M or 1.4 %; whichever is higher.
  std::int64_t fixed = 0, per_mille = 0;
  if (classification == C::Essential) {
    fixed = euros(10'000'000).value;
    per_mille = 20;
  } else if (classification == C::Important) {
    fixed = euros(7'000'000).value;
    per_mille = 14;
  } else {
    return std::nullopt;
  }
  __int128 share = (__int128(turnover.value) * per_mille + 999) / 1000;  // rounded up to the cent
  __int128 floor = std::max<__int128>(fixed, share);
  if (floor > INT64_MAX) floor = INT64_MAX;
  return Cents{static_cast<std::int64_t>(floor)};
}

MainEstablishmentState main_establishment_state(const MainEstablishment& f) {
  if (!f.decisions_taken_in.empty()) return {f.decisions_taken_in, "Art. 26(2): cybersecurity decisions"};
  if (!f.operations_carried_out_in.empty()) {
    return {f.operations_carried_out_in, "Art. 26(2): cybersecurity operations"};
  }
  if (!f.most_employees_in.empty()) return {f.most_employees_in, "Art. 26(2): most employees"};
  if (!f.representative_in.empty()) return {f.representative_in, "Art. 26(3): representative"};
  return {};
}

void add_consequences(const Entity& e, ScopeResult& r) {
  const C c = r.classification;
  if (c == C::Essential) {
    r.supervision = Supervision::ExAnteAndExPost;  // Art. 32
  } else if (c == C::Important) {
    r.supervision = Supervision::ExPost;  // Art. 33
  }
  if (in_scope(c) && e.group_worldwide_turnover) {
    r.max_fine_floor = max_fine_floor(c, *e.group_worldwide_turnover);
    r.max_fine_basis = c == C::Essential ? "Art. 34(4)" : "Art. 34(5)";
  }

  bool any_dora = false, only_dora = true, trust_service = false, art_27 = false, art_28 = false;
  bool public_administration = false, education = false, registrar_only = false;
  for (const ActivityResult& line : r.activities) {
    if (!line.type) {
      if (in_scope(line.classification)) only_dora = false;
      continue;
    }
    const ActivityKind kind = kind_of(*line.type);
    if (kind == ActivityKind::Education) education = true;
    if (line.classification == C::OutOfScope) continue;
    if (kind == ActivityKind::CentralGovernment || kind == ActivityKind::RegionalGovernment ||
        kind == ActivityKind::LocalGovernment) {
      public_administration = true;
    }
    if (in_scope(line.classification)) {
      if (dora_applies(*line.type)) {
        any_dora = true;
      } else {
        only_dora = false;
      }
      if (line.type->ir_2024_2690) r.implementing_regulation_2024_2690 = true;
      if (kind == ActivityKind::TrustService) trust_service = true;
    }
    // Art. 27(1): the entity types judged by their main establishment (Art. 26(1)(b)).
    if (line.type->jurisdiction == "main_establishment") art_27 = true;
    // Art. 28: TLD name registries and entities providing domain name registration services.
    if (kind == ActivityKind::TldRegistry || kind == ActivityKind::DomainNameRegistration) art_28 = true;
    if (kind == ActivityKind::DomainNameRegistration && c == C::RegistrationOnly) registrar_only = true;
  }
  add_duties(r, any_dora, any_dora && only_dora, trust_service, art_27, art_28);
  add_jurisdiction(e, r);

  if (any_dora) r.notes.push_back(only_dora ? &note::kDora : &note::kDoraMixed);
  if (in_scope(c) || c == C::RegistrationOnly) r.notes.push_back(&note::kList);
  if (r.size) {
    r.notes.push_back(&note::kRecArt34);
    if (r.size->partners_or_linked) r.notes.push_back(&note::kAggregation);
  }
  if (r.max_fine_floor) r.notes.push_back(&note::kFineFloor);
  if (in_scope(c) && !e.group_worldwide_turnover) r.notes.push_back(&note::kFineNeedsTurnover);
  if (public_administration) {
    r.notes.push_back(&note::kPaFines);
    r.notes.push_back(&note::kPaExemption);
  }
  for (const ActivityResult& line : r.activities) {
    if (!line.type || line.classification == C::OutOfScope) continue;
    const ActivityKind kind = kind_of(*line.type);
    if (kind == ActivityKind::RegionalGovernment && r.size && r.size->category == SizeCategory::Large) {
      add_once(r.notes, &note::kRegionalLarge);
    }
    if (kind == ActivityKind::LocalGovernment) add_once(r.notes, &note::kLocal);
    if (kind == ActivityKind::TrustService) add_once(r.notes, &note::kClosedTrust);
  }
  if (e.provides_services_in_eu && any_ground(e) && e.member_state_designation == Designation::None &&
      c != C::Essential) {
    r.notes.push_back(&note::kGroundsUndesignated);
  }
  if (e.identified_as_ose_before_2023_01_16 && !e.member_state_applies_art_3_1_g) {
    r.notes.push_back(&note::kOesNoOption);
  }
  if (registrar_only) r.notes.push_back(&note::kRegistrarDns);
  if (education) r.notes.push_back(&note::kEducation);
}

}  // namespace vigil::scope
