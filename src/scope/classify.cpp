#include "scope/classify.h"

#include <algorithm>

#include "scope/activity.h"
#include "scope/consequences.h"
#include "scope/entity_checks.h"
#include "scope/size.h"

namespace vigil::scope {

namespace {

using C = Classification;

// Plain-word reasons. Each names the article it rests on.
namespace why {
constexpr std::string_view kNotInUnion =
    "It neither provides services nor carries out activities in the Union, so NIS2 does not apply (Art. 2(1)).";
constexpr std::string_view kRootNameServer =
    "Operators of root name servers are excluded from the DNS service provider type (Annex I point 8).";
constexpr std::string_view kAncillary =
    "This is not its principal activity, or only a non-essential part of it, and the Annex leaves such "
    "entities out of this type.";
constexpr std::string_view kSpaceEcomms =
    "Providers of public electronic communications networks are excluded from the space ground-infrastructure "
    "type (Annex I point 11); their e-comms activity is assessed on its own line.";
constexpr std::string_view kNationalSecurity =
    "Public administration entities carrying out activities in national security, public security, defence or "
    "law enforcement are excluded (Art. 2(7)).";
constexpr std::string_view kJudiciary =
    "The judiciary, parliaments and central banks are not public administration entities under NIS2 "
    "(Art. 6(35)).";
constexpr std::string_view kCentral =
    "Public administration entities of central government are essential whatever their size "
    "(Art. 2(2)(f)(i), Art. 3(1)(d)).";
constexpr std::string_view kRegionalIn =
    "The Member State's risk-based assessment found that disrupting its services could significantly impact "
    "critical societal or economic activities, so it is in scope (Art. 2(2)(f)(ii)) and important (Art. 3(2)).";
constexpr std::string_view kRegionalOut =
    "A regional public administration entity is in scope only after a Member State risk-based assessment finds "
    "its services critical (Art. 2(2)(f)(ii)); no positive assessment was given.";
constexpr std::string_view kLocalIn =
    "The Member State has extended NIS2 to local public administration (Art. 2(5)(a)); shown as important, "
    "as national law decides.";
constexpr std::string_view kLocalOut =
    "Local public administration is in scope only where the Member State extends NIS2 to it (Art. 2(5)(a)).";
constexpr std::string_view kEducation =
    "Education institutions are in scope only where the Member State extends NIS2 to them (Art. 2(5)(b)); "
    "check national law.";
constexpr std::string_view kRegistrar =
    "Entities providing domain name registration services are covered whatever their size, but only for the "
    "registration and database duties (Art. 2(4), Arts 3(3), 27 and 28); Art. 3 does not make them essential "
    "or important.";
constexpr std::string_view kQualifiedTsp =
    "Qualified trust service providers are essential whatever their size (Art. 3(1)(b)).";
constexpr std::string_view kDnsTld =
    "TLD name registries and DNS service providers are in scope whatever their size (Art. 2(2)(a)(iii)) and "
    "essential (Art. 3(1)(b)).";
constexpr std::string_view kTspBelowLarge =
    "Trust service providers are in scope whatever their size (Art. 2(2)(a)(ii)); a non-qualified one that "
    "does not exceed the medium-sized ceilings is important (Art. 3(2)).";
constexpr std::string_view kEcommsSmall =
    "Providers of public electronic communications networks or publicly available services are in scope "
    "whatever their size (Art. 2(2)(a)(i)); a micro or small one is important (Art. 3(2)).";
constexpr std::string_view kEcommsMedium =
    "A medium-sized provider of public electronic communications networks or services is essential "
    "(Art. 3(1)(c)).";
constexpr std::string_view kLargeAnnexI =
    "It exceeds the ceilings for medium-sized enterprises and carries out an Annex I activity, so it is "
    "essential (Art. 2(1), Art. 3(1)(a)).";
constexpr std::string_view kMediumAnnexI =
    "It is a medium-sized enterprise carrying out an Annex I activity: in scope (Art. 2(1)) and important "
    "(Art. 3(2)).";
constexpr std::string_view kAnnexIIBySize =
    "It is medium-sized or larger and carries out an Annex II activity: in scope (Art. 2(1)) and important, "
    "since size alone never makes an Annex II entity essential (Art. 3(2)).";
constexpr std::string_view kTooSmall =
    "It is a micro or small enterprise (below the medium-sized ceilings) and no size-independent ground "
    "applies, so this activity is out of scope (Art. 2(1)).";
constexpr std::string_view kSoleProvider =
    "It is the sole provider in a Member State of a service essential for critical societal or economic "
    "activities (Art. 2(2)(b)).";
constexpr std::string_view kPublicSafety =
    "A disruption of its service could significantly affect public safety, public security or public health "
    "(Art. 2(2)(c)).";
constexpr std::string_view kSystemicRisk =
    "A disruption of its service could induce a significant systemic risk (Art. 2(2)(d)).";
constexpr std::string_view kNationalImportance =
    "It is critical because of its specific importance at national or regional level (Art. 2(2)(e)).";
constexpr std::string_view kDesignatedEssential =
    "The Member State has identified it as essential on that ground (Art. 3(1)(e)).";
constexpr std::string_view kDesignatedImportant =
    "The Member State has identified it as important on that ground (Art. 3(2)).";
constexpr std::string_view kGroundNotDesignated =
    "Unless the Member State identifies it as essential, such an entity is important (Art. 3(2)).";
constexpr std::string_view kCer =
    "It is identified as a critical entity under the CER Directive (EU) 2022/2557: in scope whatever its size "
    "(Art. 2(3)) and essential (Art. 3(1)(f)).";
constexpr std::string_view kOes =
    "It was identified as an operator of essential services before 16 January 2023 and the Member State keeps "
    "such entities essential (Art. 3(1)(g)).";
constexpr std::string_view kNoActivity =
    "It carries out no activity of a type listed in Annex I or II and no size-independent ground applies "
    "(Art. 2(1)).";
constexpr std::string_view kSizeNotAsked = "The size was not asked because it cannot change this result.";
}  // namespace why

struct Builder {
  ActivityResult line;
  void basis(std::string_view citation) {
    if (!citation.empty() &&
        std::find(line.legal_basis.begin(), line.legal_basis.end(), citation) == line.legal_basis.end()) {
      line.legal_basis.push_back(citation);
    }
  }
  void reason(std::string_view text) { line.reasons.push_back(text); }
  void raise(C to) { line.classification = std::max(line.classification, to); }
  // A rule that applies: why, the articles it rests on, and the class it
  // brings the activity to (at least).
  void rule(std::string_view why, std::initializer_list<std::string_view> citations, C to = C::OutOfScope) {
    reason(why);
    for (std::string_view c : citations) basis(c);
    raise(to);
  }
};

bool has_type(const Entity& e, std::string_view id) {
  return std::any_of(e.entity_types.begin(), e.entity_types.end(),
                     [&](const catalog::EntityType* t) { return t->id == id; });
}

// Art. 2(2)(b)-(e) with Art. 3(1)(e): grounds that bring an Annex I/II entity
// into scope whatever its size; essential only when the Member State says so.
void apply_grounds(const Entity& e, Builder& b) {
  if (!any_ground(e)) return;
  if (e.sole_provider_in_member_state) {
    b.rule(why::kSoleProvider, {"Art. 2(2)(b)"});
  }
  if (e.disruption_significant_impact_public_safety_security_health) {
    b.rule(why::kPublicSafety, {"Art. 2(2)(c)"});
  }
  if (e.significant_systemic_risk) {
    b.rule(why::kSystemicRisk, {"Art. 2(2)(d)"});
  }
  if (e.critical_national_regional_importance) {
    b.rule(why::kNationalImportance, {"Art. 2(2)(e)"});
  }
  switch (e.member_state_designation) {
    case Designation::Essential: b.rule(why::kDesignatedEssential, {"Art. 3(1)(e)"}, C::Essential); break;
    case Designation::Important:
      b.reason(why::kDesignatedImportant);
      if (b.line.classification < C::Essential) b.basis("Art. 3(2)");
      b.raise(C::Important);
      break;
    case Designation::None:
      if (b.line.classification < C::Essential) {
        b.rule(why::kGroundNotDesignated, {"Art. 3(2)"});
      }
      b.raise(C::Important);
      break;
  }
}

// The general rule for Annex I and II types (Art. 2(1), Art. 3(1)(a), 3(2)).
void apply_size_rule(const catalog::EntityType& t, std::optional<SizeCategory> size, Builder& b) {
  if (!size) return;
  const bool annex_one = t.annex == "I";
  if (*size == SizeCategory::Large && annex_one) {
    b.rule(why::kLargeAnnexI, {"Art. 2(1)", "Art. 3(1)(a)"}, C::Essential);
  } else if (*size >= SizeCategory::Medium) {
    b.rule(annex_one ? why::kMediumAnnexI : why::kAnnexIIBySize, {"Art. 2(1)", "Art. 3(2)"}, C::Important);
  }
}

// Exclusions that take this activity out before any rule applies.
bool excluded(const Entity& e, const catalog::EntityType& t, ActivityKind kind, Builder& b) {
  if (kind == ActivityKind::DnsService && e.root_name_server_operator) {
    b.rule(why::kRootNameServer, {"Annex I point 8"});
    return true;
  }
  if (e.ancillary_activity && excludes_ancillary_activity(t)) {
    b.reason(why::kAncillary);
    return true;
  }
  if (kind == ActivityKind::SpaceGroundInfrastructure && has_type(e, type_id::kEcommsNetwork)) {
    b.reason(why::kSpaceEcomms);
    return true;
  }
  const bool public_administration = kind == ActivityKind::CentralGovernment ||
                                     kind == ActivityKind::RegionalGovernment || kind == ActivityKind::LocalGovernment;
  if (public_administration && e.judiciary_parliament_or_central_bank) {
    b.rule(why::kJudiciary, {"Art. 6(35)"});
    return true;
  }
  if (public_administration && e.national_security_defence_law_enforcement) {
    b.rule(why::kNationalSecurity, {"Art. 2(7)"});
    return true;
  }
  return false;
}

ActivityResult classify_one(const Entity& e, const catalog::EntityType& t, std::optional<SizeCategory> size) {
  Builder b;
  b.line.type = &t;
  b.line.legal_basis.reserve(6);
  b.line.reasons.reserve(4);
  const ActivityKind kind = kind_of(t);
  b.basis(annex_point(t));
  if (!e.provides_services_in_eu) {
    b.rule(why::kNotInUnion, {"Art. 2(1)"});
    return std::move(b.line);
  }
  if (excluded(e, t, kind, b)) return std::move(b.line);

  switch (kind) {
    case ActivityKind::CentralGovernment:
      b.rule(why::kCentral, {"Art. 2(2)(f)(i)", "Art. 3(1)(d)"}, C::Essential);
      return std::move(b.line);
    case ActivityKind::RegionalGovernment:
      if (!e.regional_risk_assessment_positive) {
        b.rule(why::kRegionalOut, {"Art. 2(2)(f)(ii)"});
        return std::move(b.line);
      }
      b.rule(why::kRegionalIn, {"Art. 2(2)(f)(ii)", "Art. 3(2)"}, C::Important);
      // Art. 3(1)(e) covers only Art. 2(2)(b)-(e): a designation can still lift it.
      apply_grounds(e, b);
      return std::move(b.line);
    case ActivityKind::LocalGovernment:
      b.reason(e.member_state_extends_to_local_pa ? why::kLocalIn : why::kLocalOut);
      if (e.member_state_extends_to_local_pa) b.raise(C::Important);
      return std::move(b.line);
    case ActivityKind::Education: b.reason(why::kEducation); return std::move(b.line);
    case ActivityKind::DomainNameRegistration:
      b.rule(why::kRegistrar, {"Art. 3(3)", "Art. 27"}, C::RegistrationOnly);
      return std::move(b.line);
    case ActivityKind::DnsService:
    case ActivityKind::TldRegistry:
      b.rule(why::kDnsTld, {"Art. 2(2)(a)(iii)", "Art. 3(1)(b)"}, C::Essential);
      return std::move(b.line);
    case ActivityKind::TrustService:
      if (e.qualified_trust_service_provider) {
        b.rule(why::kQualifiedTsp, {"Art. 2(2)(a)(ii)", "Art. 3(1)(b)"}, C::Essential);
        return std::move(b.line);
      }
      if (size && *size == SizeCategory::Large) {
        apply_size_rule(t, size, b);
      } else {
        b.rule(why::kTspBelowLarge, {"Art. 2(2)(a)(ii)", "Art. 3(2)"}, C::Important);
      }
      apply_grounds(e, b);
      return std::move(b.line);
    case ActivityKind::PublicElectronicCommunications:
      if (size && *size == SizeCategory::Medium) {
        b.rule(why::kEcommsMedium, {"Art. 2(1)", "Art. 3(1)(c)"}, C::Essential);
      } else if (size && *size == SizeCategory::Large) {
        apply_size_rule(t, size, b);
      } else {
        b.rule(why::kEcommsSmall, {"Art. 2(2)(a)(i)", "Art. 3(2)"}, C::Important);
      }
      apply_grounds(e, b);
      return std::move(b.line);
    case ActivityKind::General:
    case ActivityKind::SpaceGroundInfrastructure: break;
  }
  apply_size_rule(t, size, b);
  apply_grounds(e, b);
  if (b.line.classification == C::OutOfScope) {
    b.rule(why::kTooSmall, {"Art. 2(1)"});
  }
  return std::move(b.line);
}

ActivityResult entity_wide(std::string_view ground, std::string_view reason,
                           std::initializer_list<std::string_view> basis, C classification) {
  ActivityResult line;
  line.ground = ground;
  line.classification = classification;
  line.legal_basis.assign(basis.begin(), basis.end());
  line.reasons.push_back(reason);
  return line;
}

}  // namespace

std::vector<ActivityResult> classify_activities(const Entity& e, std::optional<SizeCategory> size) {
  std::vector<ActivityResult> lines;
  lines.reserve(e.entity_types.size() + 1);
  for (const catalog::EntityType* t : e.entity_types) {
    lines.push_back(classify_one(e, *t, size));
    if (!size && lines.back().classification == C::OutOfScope && kind_of(*t) == ActivityKind::General) {
      lines.back().reasons.push_back(why::kSizeNotAsked);
    }
  }
  if (e.provides_services_in_eu && e.cer_critical_entity) {
    lines.push_back(entity_wide("cer_critical_entity", why::kCer, {"Art. 2(3)", "Art. 3(1)(f)"}, C::Essential));
  }
  if (e.provides_services_in_eu && e.identified_as_ose_before_2023_01_16 && e.member_state_applies_art_3_1_g) {
    lines.push_back(entity_wide("identified_as_ose_before_2023_01_16", why::kOes, {"Art. 3(1)(g)"}, C::Essential));
  }
  if (lines.empty()) {
    lines.push_back(entity_wide("entity_types", e.provides_services_in_eu ? why::kNoActivity : why::kNotInUnion,
                                {"Art. 2(1)"}, C::OutOfScope));
  }
  return lines;
}

ScopeResult classify(const Entity& entity) {
  ScopeResult result;
  result.name = entity.name;
  if (entity.own) result.size = aggregated_size(entity);
  std::optional<SizeCategory> category;
  if (result.size) category = result.size->category;
  result.activities = classify_activities(entity, category);
  for (const ActivityResult& line : result.activities) {
    result.classification = std::max(result.classification, line.classification);
  }
  // The overall basis: the citations of every line that reached the result.
  for (const ActivityResult& line : result.activities) {
    if (line.classification != result.classification) continue;
    for (std::string_view citation : line.legal_basis) {
      if (std::find(result.legal_basis.begin(), result.legal_basis.end(), citation) == result.legal_basis.end()) {
        result.legal_basis.push_back(citation);
      }
    }
  }
  add_consequences(entity, result);
  if (!entity.not_given.empty()) result.assumed_no = assumed_no(entity, result.classification, category);
  return result;
}

namespace {

// The straightforward answer for one fact, as the interview judges a question
// (provisional()): the entity with this one answer changed, checked as any
// input is, then classified. One copy of the entity, each fact set and undone
// in turn (a batch row may leave out most).
class Trials {
 public:
  Trials(const Entity& entity, std::optional<SizeCategory> size) : entity_(entity), variant_(entity), size_(size) {
    variant_.not_given.clear();
  }

  // Whether check_entity finds nothing in the entity and adds nothing to it,
  // as after any reader. Only then do the FlagEffects below hold.
  bool settled() {
    Problems problems;
    check_entity(variant_, problems);
    const bool same = problems.empty() && variant_.entity_types.size() == entity_.entity_types.size() &&
                      variant_.public_administration_level == entity_.public_administration_level &&
                      variant_.domain_name_registration_services == entity_.domain_name_registration_services;
    undo();
    return same;
  }

  // Whether `flag` alone set to true changes `classification`; false where
  // "yes" would contradict what is given. No flag changes the size, so only
  // the activities are classified again.
  bool changes(const EntityFlag& flag, Classification classification) {
    variant_.*flag.member = true;
    Problems contradictions;
    check_entity(variant_, contradictions);
    Classification changed = classification;
    if (contradictions.empty()) {
      changed = Classification::OutOfScope;
      for (const ActivityResult& line : classify_activities(variant_, size_)) {
        changed = std::max(changed, line.classification);
      }
    }
    variant_.*flag.member = false;
    undo();
    return changed != classification;
  }

 private:
  // Undoes what check_entity derives: implied entity types, the public
  // administration level, the domain name registration flag.
  void undo() {
    variant_.entity_types.resize(entity_.entity_types.size());
    variant_.public_administration_level = entity_.public_administration_level;
    variant_.domain_name_registration_services = entity_.domain_name_registration_services;
  }

  const Entity& entity_;
  Entity variant_;
  std::optional<SizeCategory> size_;
};

// What a yes/no fact, set alone, can do to the classification of a settled
// entity (Trials::settled), read off the rules above and check_entity, so that
// assumed_no() classifies again only where these leave the answer open.
// tests/scope/assumed_no_test.cpp compares the result with trying every fact.
enum class Effect {
  Exclusion,      // it only takes lines out of scope (excluded()), never raises one
  Raises,         // it only raises lines or adds one, none above `ceiling`
  EssentialLine,  // it adds an essential entity-wide line (classify_activities)
};

struct FlagEffect {
  bool Entity::*member;
  Effect effect;
  Classification ceiling;  // for Effect::Raises
  // Whether "yes" is read at all for this entity without contradicting what
  // is given (check_entity); where not, the classification stays.
  bool (*read)(const Entity&);
  // The Art. 2(2)(b)-(e) grounds: when none is given, each alone raises the
  // same lines the same way (apply_grounds: Important, Designation::None), so
  // one trial answers for the four.
  bool ground = false;
};

bool read_always(const Entity&) { return true; }
bool ground_read(const Entity& e) { return !any_ground(e) && has_annex_type(e); }
bool in_public_administration(const Entity& e) {
  return e.public_administration_level != PublicAdministrationLevel::None;
}

// Each row's legal basis is the rule it summarises (the reasons above).
constexpr FlagEffect kFlagEffects[] = {
    // Art. 3(1)(b): qualified trust service providers are essential.
    {&Entity::qualified_trust_service_provider, Effect::Raises, C::Essential,
     [](const Entity& e) { return has_kind(e, ActivityKind::TrustService); }},
    // Art. 2(4), Art. 3(3): registration and database duties only.
    {&Entity::domain_name_registration_services, Effect::Raises, C::RegistrationOnly, read_always},
    // Art. 2(2)(f)(ii): regional public administration after a positive risk assessment.
    {&Entity::regional_risk_assessment_positive, Effect::Raises, C::Essential,
     [](const Entity& e) { return e.public_administration_level == PublicAdministrationLevel::Regional; }},
    // Art. 2(5)(a): local public administration where the Member State extends NIS2.
    {&Entity::member_state_extends_to_local_pa, Effect::Raises, C::Important,
     [](const Entity& e) { return has_kind(e, ActivityKind::LocalGovernment); }},
    // Art. 2(7); Art. 6(35): excluded public administration activities and bodies.
    {&Entity::national_security_defence_law_enforcement, Effect::Exclusion, C::OutOfScope, in_public_administration},
    {&Entity::judiciary_parliament_or_central_bank, Effect::Exclusion, C::OutOfScope, in_public_administration},
    // Art. 2(3), Art. 3(1)(f): CER critical entities.
    {&Entity::cer_critical_entity, Effect::EssentialLine, C::Essential, read_always},
    // Art. 2(2)(b)-(e), Art. 3(2): the grounds, important unless designated essential.
    {&Entity::sole_provider_in_member_state, Effect::Raises, C::Important, ground_read, true},
    {&Entity::disruption_significant_impact_public_safety_security_health, Effect::Raises, C::Important, ground_read,
     true},
    {&Entity::significant_systemic_risk, Effect::Raises, C::Important, ground_read, true},
    {&Entity::critical_national_regional_importance, Effect::Raises, C::Important, ground_read, true},
    // Art. 3(1)(g): operators of essential services identified under Directive (EU) 2016/1148.
    {&Entity::identified_as_ose_before_2023_01_16, Effect::EssentialLine, C::Essential,
     [](const Entity& e) { return e.member_state_applies_art_3_1_g; }},
    {&Entity::member_state_applies_art_3_1_g, Effect::EssentialLine, C::Essential,
     [](const Entity& e) { return e.identified_as_ose_before_2023_01_16; }},
    // The Annex types that leave out an ancillary activity (catalog data); Annex I point 8: root name servers.
    {&Entity::ancillary_activity, Effect::Exclusion, C::OutOfScope,
     [](const Entity& e) {
       return std::any_of(e.entity_types.begin(), e.entity_types.end(),
                          [](const catalog::EntityType* t) { return excludes_ancillary_activity(*t); });
     }},
    {&Entity::root_name_server_operator, Effect::Exclusion, C::OutOfScope,
     [](const Entity& e) { return has_kind(e, ActivityKind::DnsService); }},
};

// The effect of the flag `member`, or nullptr (provides_services_in_eu: always tried).
const FlagEffect* effect_of(bool Entity::*member) {
  for (const FlagEffect& effect : kFlagEffects) {
    if (effect.member == member) return &effect;
  }
  return nullptr;
}

// Whether "yes" changes `classification` (the settled entity's), where the
// effect settles it without classifying again; nullopt where it does not.
std::optional<bool> settled_change(const Entity& e, const FlagEffect& effect, Classification classification) {
  // Outside the Union every line is out of scope, whatever else is true.
  if (!e.provides_services_in_eu || !effect.read(e)) return false;
  switch (effect.effect) {
    case Effect::Exclusion:
      if (classification == C::OutOfScope) return false;
      break;
    case Effect::Raises:
      if (classification >= effect.ceiling) return false;
      break;
    case Effect::EssentialLine: return classification != C::Essential;
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string_view> assumed_no(const Entity& entity, Classification classification,
                                         std::optional<SizeCategory> size) {
  std::vector<std::string_view> out;
  Trials trials(entity, size);
  const bool settled = trials.settled();
  std::optional<bool> ground_changes;  // the one trial of the four grounds
  for (std::string_view name : entity.not_given) {
    const EntityFlag* flag = find_entity_flag(name);
    if (!flag || entity.*flag->member) continue;
    const FlagEffect* effect = settled ? effect_of(flag->member) : nullptr;
    std::optional<bool> changes;
    if (effect) changes = settled_change(entity, *effect, classification);
    if (!changes && effect && effect->ground) {
      if (!ground_changes) ground_changes = trials.changes(*flag, classification);
      changes = ground_changes;
    }
    if (!changes) changes = trials.changes(*flag, classification);
    if (*changes) out.push_back(flag->name);
  }
  return out;
}

}  // namespace vigil::scope
