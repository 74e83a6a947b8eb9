#include "store/sqlite_backup.h"

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>

namespace vigil::store {

namespace {

struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close(db); }
};

}  // namespace

Result<BackupStats> backup_sqlite(const std::string& from, const std::string& to) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(from, ec)) return fail(ErrorCode::NotFound, from, "no such workspace database");
  if (fs::equivalent(from, to, ec)) return invalid(to, "is the workspace itself; choose another file");
  Handle source, target;
  if (sqlite3_open_v2(from.c_str(), &source.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    return fail(ErrorCode::Io, from, std::string("cannot open: ") + sqlite3_errmsg(source.db));
  }
  sqlite3_busy_timeout(source.db, 5000);
  const std::string partial = to + ".partial";
  fs::remove(partial, ec);
  if (sqlite3_open_v2(partial.c_str(), &target.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    return fail(ErrorCode::Io, to, std::string("cannot create: ") + sqlite3_errmsg(target.db));
  }
  sqlite3_backup* backup = sqlite3_backup_init(target.db, "main", source.db, "main");
  if (!backup) return fail(ErrorCode::Io, to, std::string("cannot start the backup: ") + sqlite3_errmsg(target.db));
  int rc;
  // Copy in steps of 256 pages, yielding between them so writers can proceed;
  // the API restarts on its own when a writer changes a copied page.
  while ((rc = sqlite3_backup_step(backup, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    sqlite3_sleep(rc == SQLITE_OK ? 0 : 10);
  }
  BackupStats stats;
  stats.pages = sqlite3_backup_pagecount(backup);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    fs::remove(partial, ec);
    return fail(ErrorCode::Io, to, std::string("backup failed: ") + sqlite3_errstr(rc));
  }
  // A self-contained file: no WAL beside the copy.
  sqlite3_exec(target.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  sqlite3_close(target.db);
  target.db = nullptr;
  fs::rename(partial, to, ec);
  if (ec) return fail(ErrorCode::Io, to, "cannot move the copy into place: " + ec.message());
  stats.bytes = static_cast<long long>(fs::file_size(to, ec));
  return stats;
}

}  // namespace vigil::store
