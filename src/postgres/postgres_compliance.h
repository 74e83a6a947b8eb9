// The compliance records (store/compliance_store.h) on PostgreSQL: gap
// assessments, the documents register and management approvals, in the same
// schema and migrations as SQLite, for several servers sharing one database.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "store/compliance_store.h"

namespace vigil::store {

// Connects and applies the missing workspace migrations.
Result<std::unique_ptr<ComplianceStore>> open_postgres_compliance(const std::string& url);

}  // namespace vigil::store
