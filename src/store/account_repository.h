// The AccountStore over sql::Database: one implementation for every back end.
#pragma once

#include <memory>

#include "store/accounts.h"
#include "store/sql.h"

namespace vigil::store {

std::unique_ptr<AccountStore> account_repository(std::unique_ptr<sql::Database> db);

}  // namespace vigil::store
