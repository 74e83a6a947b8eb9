// What kind of NIS2 rule an entity type falls under. Most Annex types follow the
// general size rule; a few have their own article (trust services, DNS/TLD,
// public e-comms, public administration, domain registration, options of Art. 2(5)).
// The catalog holds the types; the rules that single some out live here.
#pragma once

#include <string_view>

#include "catalog/catalog.h"

namespace vigil::scope {

enum class ActivityKind {
  General,                         // Annex I/II: the size rule of Art. 2(1), Art. 3(1)(a)
  TrustService,                    // Art. 2(2)(a)(ii); qualified: Art. 3(1)(b)
  DnsService,                      // Art. 2(2)(a)(iii), Art. 3(1)(b); root name servers excluded
  TldRegistry,                     // Art. 2(2)(a)(iii), Art. 3(1)(b)
  PublicElectronicCommunications,  // Art. 2(2)(a)(i), Art. 3(1)(c)
  CentralGovernment,               // Art. 2(2)(f)(i), Art. 3(1)(d)
  RegionalGovernment,              // Art. 2(2)(f)(ii)
  LocalGovernment,                 // Art. 2(5)(a): Member State option
  Education,                       // Art. 2(5)(b): Member State option
  DomainNameRegistration,          // Art. 2(4): registration duties only
  SpaceGroundInfrastructure,       // Annex I point 11: e-comms network providers excluded
};

namespace type_id {
inline constexpr std::string_view kTrustService = "digital_infrastructure.trust_service_provider";
inline constexpr std::string_view kDns = "digital_infrastructure.dns_service_provider";
inline constexpr std::string_view kTld = "digital_infrastructure.tld_name_registry";
inline constexpr std::string_view kEcommsNetwork =
    "digital_infrastructure.public_electronic_communications_network_provider";
inline constexpr std::string_view kEcommsService = "digital_infrastructure.electronic_communications_service_provider";
inline constexpr std::string_view kCentralGovernment = "public_administration.central_government";
inline constexpr std::string_view kRegionalGovernment = "public_administration.regional";
inline constexpr std::string_view kLocalGovernment = "public_administration.local";
inline constexpr std::string_view kEducation = "education.institution";
inline constexpr std::string_view kDomainRegistration = "domain_name_registration.provider";
inline constexpr std::string_view kSpace = "space.ground_infrastructure_operator";
}  // namespace type_id

ActivityKind kind_of(const catalog::EntityType& type);

// "Annex I point 8", "Annex II point 5(b)", "Art. 2(4)": where the type is listed.
std::string_view annex_point(const catalog::EntityType& type);

// True where the Annex leaves out entities for which the activity is not their
// principal activity or only a non-essential part of it (road authorities,
// drinking water distributors, waste water, waste management). Derived from the
// catalog's annex_exclusion column, less the exclusions with rules of their own.
bool excludes_ancillary_activity(const catalog::EntityType& type);

// Banking and financial market infrastructures: DORA is lex specialis (Art. 4).
bool dora_applies(const catalog::EntityType& type);

}  // namespace vigil::scope
