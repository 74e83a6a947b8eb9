// assumed_no() classifies again only the left-out facts whose effect the rules
// leave open (classify.cpp, kFlagEffects). Here it must answer exactly as the
// plain loop it replaced, which tries every left-out fact, over generated
// entities: each entity type alone and pairs of the types with rules of their
// own, every size, every combination of at most two facts given as true (one
// for triples of those types), Member State designations, public
// administration levels, entities outside the Union, and inputs check_entity
// would reject or complete (for which no shortcut is taken).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "scope/classify.h"
#include "scope/entity_checks.h"
#include "scope/scope.h"

namespace vigil::scope {
namespace {

// The plain loop: each left-out fact set alone on a fresh copy, the copy
// checked as any input is, then classified.
std::vector<std::string_view> assumed_no_trying_each(const Entity& entity, Classification classification,
                                                     std::optional<SizeCategory> size) {
  std::vector<std::string_view> out;
  for (std::string_view name : entity.not_given) {
    const EntityFlag* flag = find_entity_flag(name);
    if (!flag || entity.*flag->member) continue;
    Entity variant = entity;
    variant.not_given.clear();
    variant.*flag->member = true;
    Problems contradictions;
    check_entity(variant, contradictions);
    if (!contradictions.empty()) continue;
    Classification changed = Classification::OutOfScope;
    for (const ActivityResult& line : classify_activities(variant, size)) {
      changed = std::max(changed, line.classification);
    }
    if (changed != classification) out.push_back(flag->name);
  }
  return out;
}

using TypeSet = std::vector<const catalog::EntityType*>;

const catalog::EntityType* known_type(std::string_view id) {
  const catalog::EntityType* t = catalog::find_entity_type(id);
  EXPECT_NE(t, nullptr) << id;
  return t;
}

// No type, each type alone, and pairs and triples of the types the rules
// single out (one of each ActivityKind, a general Annex I and II type, one
// with the ancillary exclusion, one judged by its main establishment).
std::vector<TypeSet> type_sets() {
  std::vector<TypeSet> sets{{}};
  for (const catalog::EntityType& t : catalog::builtin().entity_types) sets.push_back({&t});
  const TypeSet special{known_type("digital_infrastructure.trust_service_provider"),
                        known_type("digital_infrastructure.dns_service_provider"),
                        known_type("digital_infrastructure.tld_name_registry"),
                        known_type("digital_infrastructure.public_electronic_communications_network_provider"),
                        known_type("digital_infrastructure.electronic_communications_service_provider"),
                        known_type("public_administration.central_government"),
                        known_type("public_administration.regional"),
                        known_type("public_administration.local"),
                        known_type("education.institution"),
                        known_type("domain_name_registration.provider"),
                        known_type("space.ground_infrastructure_operator"),
                        known_type("energy.electricity.producer"),
                        known_type("postal_courier.postal_service_provider"),
                        known_type("waste_water.undertaking"),
                        known_type("digital_infrastructure.cloud_computing_service_provider")};
  for (std::size_t i = 0; i < special.size(); ++i) {
    for (std::size_t j = i + 1; j < special.size(); ++j) {
      sets.push_back({special[i], special[j]});
      for (std::size_t k = j + 1; k < special.size(); k += 3) sets.push_back({special[i], special[j], special[k]});
    }
  }
  return sets;
}

// The facts given as true: none, each alone, each pair.
std::vector<std::vector<const EntityFlag*>> true_sets() {
  std::vector<const EntityFlag*> flags;
  for (const EntityFlag& flag : kEntityFlags) {
    if (&flag != &kServicesInEuFlag) flags.push_back(&flag);
  }
  std::vector<std::vector<const EntityFlag*>> sets{{}};
  for (std::size_t i = 0; i < flags.size(); ++i) {
    sets.push_back({flags[i]});
    for (std::size_t j = i + 1; j < flags.size(); ++j) sets.push_back({flags[i], flags[j]});
  }
  return sets;
}

struct Tally {
  std::int64_t entities = 0;
  std::int64_t unsettled = 0;  // check_entity rejects or completes them
  std::int64_t listed = 0;     // facts listed in all
};

// Compares the two for `e`, and with its left-out facts in reverse when `reverse`.
void expect_answers_alike(const Entity& e, std::optional<SizeCategory> size, Tally& tally, bool reverse = false) {
  Classification classification = Classification::OutOfScope;
  for (const ActivityResult& line : classify_activities(e, size)) {
    classification = std::max(classification, line.classification);
  }
  const std::vector<std::string_view> expected = assumed_no_trying_each(e, classification, size);
  const std::vector<std::string_view> actual = assumed_no(e, classification, size);
  ++tally.entities;
  tally.listed += static_cast<std::int64_t>(expected.size());
  if (actual != expected) {
    std::vector<std::string_view> types;
    for (const catalog::EntityType* t : e.entity_types) types.push_back(t->id);
    std::vector<std::string_view> given;
    for (const EntityFlag& flag : kEntityFlags) {
      if (e.*flag.member) given.push_back(flag.name);
    }
    ADD_FAILURE() << fmt::format(
        "types {}; size {}; true: {}; designation {}; level {}\n  trying each: {}\n  assumed_no:  {}",
        fmt::join(types, ", "), size ? to_string(*size) : std::string_view("none"), fmt::join(given, ", "),
        to_string(e.member_state_designation), to_string(e.public_administration_level), fmt::join(expected, ", "),
        fmt::join(actual, ", "));
  }
  if (!reverse) return;
  Entity reversed = e;
  std::reverse(reversed.not_given.begin(), reversed.not_given.end());
  EXPECT_EQ(assumed_no(reversed, classification, size), assumed_no_trying_each(reversed, classification, size));
}

const std::optional<SizeCategory> kSizes[] = {std::nullopt, SizeCategory::Micro, SizeCategory::Small,
                                              SizeCategory::Medium, SizeCategory::Large};

TEST(AssumedNo, AnswersAsTryingEachFact) {
  Tally tally;
  const auto truths = true_sets();
  for (const TypeSet& types : type_sets()) {
    for (const auto& truth : truths) {
      if (types.size() > 2 && truth.size() > 1) continue;  // triples: at most one fact true
      const bool ground = std::any_of(truth.begin(), truth.end(), [](const EntityFlag* f) {
        Entity probe;
        probe.*f->member = true;
        return any_ground(probe);
      });
      // A designation without a ground is rejected; tried for one fact set only.
      std::vector<Designation> designations{Designation::None};
      if (ground || truth.empty()) designations = {Designation::None, Designation::Essential, Designation::Important};
      for (Designation designation : designations) {
        Entity e;
        e.entity_types = types;
        e.provides_services_in_eu = true;
        e.member_state_designation = designation;
        for (const EntityFlag* f : truth) e.*f->member = true;
        const Entity raw = e;
        Problems problems;
        check_entity(e, problems);  // as a reader does; rejected ones are kept too
        for (const EntityFlag& flag : kEntityFlags) {
          if (!(e.*flag.member)) e.not_given.push_back(flag.name);
        }
        tally.unsettled += problems.empty() ? 0 : 1;
        for (const std::optional<SizeCategory>& size : kSizes) {
          expect_answers_alike(e, size, tally, truth.size() <= 1);
        }
        if (types.size() <= 1 && truth.size() <= 1) {
          // Not completed by check_entity (an implied type or flag missing).
          Entity incomplete = raw;
          incomplete.not_given = e.not_given;
          ++tally.unsettled;
          for (const std::optional<SizeCategory>& size : kSizes) expect_answers_alike(incomplete, size, tally);
        }
      }
    }
  }
  // The generated space is what it claims to be, and the answers are not all empty.
  EXPECT_GT(tally.entities, 100'000);
  EXPECT_GT(tally.unsettled, 1'000);
  EXPECT_GT(tally.listed, 100'000);
  RecordProperty("entities", static_cast<int>(tally.entities));
}

// Outside the Union, at each public administration level set without its
// type (check_entity adds it), and with provides_services_in_eu left out too.
TEST(AssumedNo, AnswersAsTryingEachFactOutsideTheUnionAndByLevel) {
  Tally tally;
  const PublicAdministrationLevel levels[] = {PublicAdministrationLevel::None, PublicAdministrationLevel::Central,
                                              PublicAdministrationLevel::Regional, PublicAdministrationLevel::Local};
  for (const TypeSet& types : type_sets()) {
    if (types.size() > 1) continue;
    for (PublicAdministrationLevel level : levels) {
      for (const auto& truth : true_sets()) {
        if (truth.size() > 1) continue;
        for (int in_eu = 0; in_eu < 3; ++in_eu) {  // false, true, left out
          Entity e;
          e.entity_types = types;
          e.public_administration_level = level;
          e.provides_services_in_eu = in_eu == 1;
          for (const EntityFlag* f : truth) e.*f->member = true;
          Problems problems;
          check_entity(e, problems);
          for (const EntityFlag& flag : kEntityFlags) {
            if (!(e.*flag.member) && (&flag != &kServicesInEuFlag || in_eu == 2)) e.not_given.push_back(flag.name);
          }
          for (const std::optional<SizeCategory>& size : kSizes) expect_answers_alike(e, size, tally);
        }
      }
    }
  }
  EXPECT_GT(tally.entities, 10'000);
}

// Through classify(), as the readers' entities reach it: a small electricity
// producer with everything else left out.
TEST(AssumedNo, ClassifyListsWhatTryingEachFactLists) {
  Entity e;
  e.entity_types = {known_type("energy.electricity.producer")};
  e.provides_services_in_eu = true;
  e.own = Figures{work_units(10), Cents{100}, Cents{100}};
  for (const EntityFlag& flag : kEntityFlags) {
    if (&flag != &kServicesInEuFlag) e.not_given.push_back(flag.name);
  }
  const ScopeResult r = classify(e);
  EXPECT_EQ(r.assumed_no, assumed_no_trying_each(e, r.classification, SizeCategory::Micro));
  EXPECT_EQ(r.assumed_no.size(), 6u);
}

}  // namespace
}  // namespace vigil::scope
