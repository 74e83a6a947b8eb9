#include "scope/activity.h"

#include <array>
#include <utility>

namespace vigil::scope {

ActivityKind kind_of(const catalog::EntityType& type) {
  using namespace type_id;
  const std::string_view id = type.id;
  if (id == kTrustService) return ActivityKind::TrustService;
  if (id == kDns) return ActivityKind::DnsService;
  if (id == kTld) return ActivityKind::TldRegistry;
  if (id == kEcommsNetwork || id == kEcommsService) return ActivityKind::PublicElectronicCommunications;
  if (id == kCentralGovernment) return ActivityKind::CentralGovernment;
  if (id == kRegionalGovernment) return ActivityKind::RegionalGovernment;
  if (id == kLocalGovernment) return ActivityKind::LocalGovernment;
  if (id == kEducation) return ActivityKind::Education;
  if (id == kDomainRegistration) return ActivityKind::DomainNameRegistration;
  if (id == kSpace) return ActivityKind::SpaceGroundInfrastructure;
  return ActivityKind::General;
}

namespace {

// Id prefix -> where Annex I or II lists the type (longest prefix first where
// they nest). Our own table: the catalog names sectors but not Annex points.
constexpr std::array<std::pair<std::string_view, std::string_view>, 33> kAnnexPoints{{
    {"energy.electricity.", "Annex I point 1(a)"},
    {"energy.district_heating_cooling.", "Annex I point 1(b)"},
    {"energy.oil.", "Annex I point 1(c)"},
    {"energy.gas.", "Annex I point 1(d)"},
    {"energy.hydrogen.", "Annex I point 1(e)"},
    {"transport.air.", "Annex I point 2(a)"},
    {"transport.rail.", "Annex I point 2(b)"},
    {"transport.water.", "Annex I point 2(c)"},
    {"transport.road.", "Annex I point 2(d)"},
    {"banking.", "Annex I point 3"},
    {"financial_market_infrastructure.", "Annex I point 4"},
    {"health.", "Annex I point 5"},
    {"drinking_water.", "Annex I point 6"},
    {"waste_water.", "Annex I point 7"},
    {"digital_infrastructure.", "Annex I point 8"},
    {"ict_service_management.", "Annex I point 9"},
    {"public_administration.local", "Art. 2(5)(a)"},
    {"public_administration.", "Annex I point 10"},
    {"space.", "Annex I point 11"},
    {"postal_courier.", "Annex II point 1"},
    {"waste_management.", "Annex II point 2"},
    {"chemicals.", "Annex II point 3"},
    {"food.", "Annex II point 4"},
    {"manufacturing.medical_devices", "Annex II point 5(a)"},
    {"manufacturing.computer_electronic_optical", "Annex II point 5(b)"},
    {"manufacturing.electrical_equipment", "Annex II point 5(c)"},
    {"manufacturing.machinery", "Annex II point 5(d)"},
    {"manufacturing.motor_vehicles", "Annex II point 5(e)"},
    {"manufacturing.other_transport_equipment", "Annex II point 5(f)"},
    {"digital_providers.", "Annex II point 6"},
    {"research.", "Annex II point 7"},
    {"domain_name_registration.", "Art. 2(4)"},
    {"education.", "Art. 2(5)(b)"},
}};

}  // namespace

std::string_view annex_point(const catalog::EntityType& type) {
  for (const auto& [prefix, point] : kAnnexPoints) {
    if (type.id.substr(0, prefix.size()) == prefix) return point;
  }
  return {};
}

bool excludes_ancillary_activity(const catalog::EntityType& type) {
  if (type.annex_exclusion.empty()) return false;
  switch (kind_of(type)) {
    case ActivityKind::DnsService:         // root name servers: their own flag
    case ActivityKind::CentralGovernment:  // Art. 2(7), Art. 6(35): their own flags
    case ActivityKind::RegionalGovernment:
    case ActivityKind::SpaceGroundInfrastructure:  // e-comms network providers: by type
      return false;
    default: return true;
  }
}

bool dora_applies(const catalog::EntityType& type) {
  return type.id.starts_with("banking.") || type.id.starts_with("financial_market_infrastructure.");
}

}  // namespace vigil::scope
