// `vigil backup`: a consistent copy of a live SQLite workspace, taken with
// SQLite's online backup API while the server keeps writing (readers and the
// writer are not blocked for the whole copy; pages changed meanwhile are
// copied again). The copy is written beside the target and renamed into place.
#pragma once

#include <string>

#include "core/error.h"

namespace vigil::store {

struct BackupStats {
  long long pages = 0;
  long long bytes = 0;
};

Result<BackupStats> backup_sqlite(const std::string& from, const std::string& to);

}  // namespace vigil::store
