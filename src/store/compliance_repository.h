// The ComplianceStore over sql::Database: one implementation for every back end.
#pragma once

#include <memory>

#include "store/compliance_store.h"
#include "store/sql.h"

namespace vigil::store {

std::unique_ptr<ComplianceStore> compliance_repository(std::unique_ptr<sql::Database> db);

}  // namespace vigil::store
