// The incident Store on PostgreSQL, for several Vigil servers
// sharing one database: same schema and migrations as SQLite, each write one
// transaction, and appends to one incident serialised on its row so that
// concurrent writers never fork its hash chain.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "store/store.h"

namespace vigil::store {

// Connects and applies the missing workspace migrations.
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url);

}  // namespace vigil::store
