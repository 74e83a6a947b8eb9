// The regulatory knowledge base: ISO/IEC 27001:2022, the NIS2 requirements and
// how they map, the NIS2 articles, the Annex I/II entity types, the 15-step
// roadmap and the ISO 27001 standard profile. The content lives in data/*.toml
// and is compiled into the binary (tools/catalog_gen), so looking something up
// costs no parsing and no file access. Everything here is immutable and
// static: views into it stay valid for the life of the program.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace vigil::catalog {

using Ids = std::span<const std::string_view>;

enum class IsoKind { Clause, ControlTheme, Control };

struct IsoItem {
  std::string_view id;  // "6.1.3", "A.8.24", "A.8" (theme)
  std::string_view title;
  IsoKind kind;
  std::string_view group;    // clause: "6"; control: "organizational" | "people" | "physical" | "technological"
  bool assessable;           // false for headings such as "6.1" or "A.8" (not a line of an SoA)
  std::string_view summary;  // one sentence in our own words on what it asks (never the standard's text)
};

// OSCAL control-mapping relationship of the NIS2 requirement (source) to its
// ISO 27001 counterparts (target), taken together.
enum class Relationship { Equal, Subset, Superset, Intersect, NoRelationship };
enum class Coverage { Full, Partial, None };

enum class Group { RiskManagement, Reporting };  // Arts 20+21, Art. 23

struct Requirement {
  std::string_view id;       // "rm.cryptography" (ids of shared/reference/nis2-iso27001-mapping.csv)
  std::string_view article;  // "Art. 21(2)(h)"
  std::string_view title;    // short name: "Cryptography and encryption"
  std::string_view summary;  // own words
  Group group;
  Ids iso27001;  // counterpart ids, empty when none
  Relationship relationship;
  Coverage coverage;
  std::string_view rationale;  // why that relationship
  Ids documents;               // suggested documents that evidence it
};

struct Obligation {
  std::string_view reference;  // "Art. 23(4)(a)"
  std::string_view text;       // own words
};

struct Article {
  std::string_view id;       // "Art. 21", or "Annex I" / "Annex II" (the Directive's annexes)
  int number;                // 21; 0 for an annex
  std::string_view title;    // "Cybersecurity risk-management measures"
  std::string_view summary;  // own words
  std::span<const Obligation> obligations;
  Ids requirements;  // requirement ids that implement it
  Ids see_also;      // ids of related articles ("Art. 2", "Annex I")
};

struct EntityType {  // columns of shared/reference/nis2-entity-types.csv
  std::string_view id;
  std::string_view annex;  // "I" | "II" | "none" | "option"
  std::string_view sector;
  std::string_view subsector;
  std::string_view entity_type;
  std::string_view defined_in;
  std::string_view size_independent_basis;
  std::string_view annex_exclusion;
  bool ir_2024_2690;
  std::string_view jurisdiction;  // "establishment" | "main_establishment" | "services_provided" | "established_by"
};

struct RoadmapStep {
  int number;           // 1..15
  std::string_view id;  // "management_commitment"
  std::string_view title;
  std::string_view description;
  Ids requirements;           // requirement ids it serves
  Ids iso27001;               // clauses/controls that evidence it
  Ids documents;              // documents that evidence it
  bool achieved_by_iso27001;  // false for step 11 (Art. 23 reporting)
};

struct StandardArticle {
  std::string_view article;   // "Art. 21(2)"
  std::string_view guidance;  // implementation guidance, own words
  Ids requirements;           // obligations it maps to
};

struct CoverageArea {
  std::string_view name;
  std::string_view description;
  Ids iso27001;
};

struct QuickFact {
  std::string_view label;
  std::string_view value;
};

struct StandardProfile {
  std::string_view id;    // "iso27001"
  std::string_view name;  // "ISO/IEC 27001:2022"
  std::string_view overview;
  std::string_view applicability;
  std::span<const CoverageArea> coverage_areas;
  std::span<const StandardArticle> related_articles;
  std::span<const QuickFact> quick_facts;
};

// How a 2013 control carries over to the 2022 edition (ISO/IEC 27002:2022 Annex B).
enum class Correspondence {
  OneToOne,  // renumbered
  Merged,    // its successor also replaces other 2013 controls
  Split,     // several 2022 controls cover it (A.18.2.3)
};

// An ISO/IEC 27001:2013 Annex A control and its 2022 successors
// (data/iso27001_2013.toml). Ids only.
struct Iso2013Control {
  std::string_view id;  // "A.12.6.1"
  Ids successors;       // {"A.8.8"}
  Correspondence relationship;
};

// Where a mapping comes from (data/ir_2024_2690.toml [[source]]).
struct MappingSource {
  std::string_view id;        // "enisa_tig_2025"
  std::string_view citation;  // the attribution to show with the mapping
  std::string_view note;      // how it was derived and what it claims (own words)
};

// A section of the Annex of Implementing Regulation (EU) 2024/2690.
struct IrSection {
  int number;                  // 1..13
  std::string_view id;         // "ir.5"
  std::string_view reference;  // "IR 2024/2690 Annex 5"
  std::string_view title;      // "Supply chain security"
  Ids articles;                // the Art. 21(2) points its heading cites: "Art. 21(2)(d)"
};

// A lettered or roman sub-point of an Annex point, with our own short title.
struct IrPart {
  std::string_view id;  // "5.1.4(a)", "9.2(c)(iv)" (the Annex's numbering)
  std::string_view title;
};

// A numbered point of the IR 2024/2690 Annex: a technical or methodological
// requirement for the entities of IR Art. 1 (NIS2 Art. 21(5)).
struct IrRequirement {
  std::string_view id;           // "ir.5.1.4"
  std::string_view number;       // "5.1.4" (the Annex's numbering; "5.2" has no third level)
  std::string_view reference;    // "IR 2024/2690 Annex 5.1.4"
  int section;                   // 5
  std::string_view article;      // the Art. 21(2) point it implements: "Art. 21(2)(d)"
  std::string_view requirement;  // the NIS2 requirement (requirements.toml) for that point: "rm.supply_chain"
  std::string_view title;        // short, own words
  std::string_view summary;      // one sentence, own words
  Ids iso27001;                  // ISO/IEC 27001:2022 counterparts (ENISA's correspondences)
  Relationship relationship;     // "intersect" for every ENISA pair: correspondence, not equivalence
  Coverage coverage;
  Ids mapping_sources;  // MappingSource ids
  std::span<const IrPart> parts;
};

// A search synonym (data/search_synonyms.toml): what practitioners type and
// what the catalog calls it. Lower-case words separated by one space.
struct Synonym {
  Ids terms;  // "2fa", "two factor", "mfa"
  Ids means;  // "multi factor authentication", "secure authentication"
};

// The whole compiled-in knowledge base.
struct Catalog {
  std::span<const IsoItem> iso27001;
  std::span<const Requirement> requirements;
  std::span<const Article> articles;
  std::span<const EntityType> entity_types;
  std::span<const RoadmapStep> roadmap;
  std::span<const StandardProfile> standards;
  std::span<const Iso2013Control> iso27001_2013;
  std::span<const IrSection> ir_sections;
  std::span<const IrRequirement> ir_requirements;
  std::span<const MappingSource> mapping_sources;
  std::span<const Synonym> synonyms;
};

const Catalog& builtin();

// Lookups by exact id (case-sensitive); nullptr when unknown.
const IsoItem* find_iso(std::string_view id);
const Requirement* find_requirement(std::string_view id);
// "Art. 21"; "Art. 21(2)(h)" finds Art. 21; "Annex I" and "Annex I, point 8" find Annex I
// (case-insensitive for annexes).
const Article* find_article(std::string_view id);
const EntityType* find_entity_type(std::string_view id);
const StandardProfile* find_standard(std::string_view id);  // case-insensitive ("ISO27001")
// An IR 2024/2690 Annex point or section, case-insensitive, by any of its
// spellings: "ir.5.1.4", "5.1.4" (with ir=true only), "IR 2024/2690 Annex 5.1.4",
// "Annex 5.1.4"; sections as "ir.5", "IR 2024/2690 Annex 5". nullptr when unknown.
const IrRequirement* find_ir_requirement(std::string_view id);
const IrSection* find_ir_section(std::string_view id);
const MappingSource* find_mapping_source(std::string_view id);
// The Annex points that implement a NIS2 requirement ("rm.supply_chain"), or whose
// counterparts include an ISO id ("A.5.19").
std::vector<const IrRequirement*> ir_requirements_for(std::string_view requirement_id);
std::vector<const IrRequirement*> ir_requirements_for_iso(std::string_view iso_id);
// A 2013 Annex A control by its number, case-insensitive ("a.12.6.1"); nullptr when unknown.
const Iso2013Control* find_iso2013(std::string_view id);

// Requirements whose counterparts include the ISO id.
std::vector<const Requirement*> requirements_for_iso(std::string_view iso_id);
// Requirements whose article starts with the given reference ("Art. 21(2)" finds (a)..(j)).
std::vector<const Requirement*> requirements_for_article(std::string_view reference);

// Roadmap steps that serve the requirement.
std::vector<const RoadmapStep*> steps_for_requirement(std::string_view requirement_id);
// Roadmap steps whose ISO counterparts include the ISO id.
std::vector<const RoadmapStep*> steps_with_iso(std::string_view iso_id);
// The obligation with exactly this reference ("Art. 23(4)(a)"); nullptr when none.
const Obligation* find_obligation(std::string_view reference);
// Whether a requirement's article reference covers `reference`: "Art. 23(4)(d)(e)"
// covers "Art. 23(4)(e)", "Art. 23(4)" and "Art. 23"; "Art. 23(1)(2)" (paragraphs
// 1 and 2) covers "Art. 23(2)".
bool reference_covers(std::string_view article, std::string_view reference);

// All valid ids of each kind, for "did you mean" suggestions.
std::vector<std::string_view> iso_ids(bool assessable_only);
std::vector<std::string_view> entity_type_ids();
// Every id `vigil show` accepts: ISO ids, requirement ids, article ids and
// obligation references, entity type ids, roadmap step ids, standard ids.
std::vector<std::string_view> all_ids();

std::string_view to_string(IsoKind);
std::string_view to_string(Relationship);
std::string_view to_string(Coverage);
std::string_view to_string(Group);           // "risk_management" | "reporting"
std::string_view to_string(Correspondence);  // "one_to_one" | "merged" | "split"

}  // namespace vigil::catalog
