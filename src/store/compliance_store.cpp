#include "store/compliance_store.h"
#include "store/compliance_repository.h"
#include "store/open_sql.h"

namespace vigil::store {

Result<std::unique_ptr<ComplianceStore>> open_compliance(const std::string& location, SealerRef sealer) {
  return compliance_repository(TRY(open_sql(location, std::move(sealer))));
}

}  // namespace vigil::store
