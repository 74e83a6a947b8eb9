// Loading a plugin: a shared object beside the binary that carries a library
// only some commands need, so that the others do not pay for loading and
// relocating it at start-up (docs/PERFORMANCE.md, "Process start-up"). The
// PostgreSQL back end (vigil-postgres.so, store/postgres_backend.h) and the
// ZIP reader (vigil-zip.so, archive/zip_backend.h) are such plugins.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/error.h"

namespace vigil::plugin {

// A plugin's entry point, found with dlsym, and where it was loaded from (for
// errors about what it returned).
struct Entry {
  void* function = nullptr;
  std::string origin;
};

// Looks for `file` in $VIGIL_PLUGIN_DIR, beside the executable, in
// <executable's directory>/../lib/vigil and in the installed library directory,
// in that order, and returns the entry point `symbol` of the first that loads
// (never unloaded: what it creates lives as long as the process). Error (Io,
// at `where`): "<what> (<file>) could not be loaded; looked in:" and each place
// with why it failed, then how to provide it.
Result<Entry> load_entry(std::string_view file, const char* symbol, std::string_view what, std::string_view where);

// The table of functions a plugin's entry point returns (`const Table*
// symbol()`): from `linked_in` when the program links the plugin's code itself
// (a weak symbol, null otherwise: the tests), else from `file` (load_entry).
// A table whose `abi` is not `Table::kAbi`, or that `complete` refuses, is an
// error (Internal) at where it came from: "is a <kind> plugin of another
// Vigil version; ...". Loaded once per process and Table: later calls return
// the first answer.
template <class Table>
Result<const Table*> load_table_once(const Table* (*linked_in)(), std::string_view file, const char* symbol,
                                     std::string_view what, std::string_view kind, std::string_view where,
                                     bool (*complete)(const Table&));

template <class Table>
Result<const Table*> load_table(const Table* (*linked_in)(), std::string_view file, const char* symbol,
                                std::string_view what, std::string_view kind, std::string_view where,
                                bool (*complete)(const Table&)) {
  const Table* table = nullptr;
  std::string origin;
  if (linked_in != nullptr) {
    table = linked_in();
    origin = fmt::format("the linked-in {} back end", kind);
  } else {
    const Entry entry = TRY(load_entry(file, symbol, what, where));
    table = reinterpret_cast<const Table* (*)()>(entry.function)();
    origin = entry.origin;
  }
  if (table == nullptr || table->abi != Table::kAbi || !complete(*table)) {
    return fail(
        ErrorCode::Internal, origin,
        fmt::format("is a plugin for {} of another Vigil version; install the one built with this binary", what));
  }
  return table;
}

template <class Table>
Result<const Table*> load_table_once(const Table* (*linked_in)(), std::string_view file, const char* symbol,
                                     std::string_view what, std::string_view kind, std::string_view where,
                                     bool (*complete)(const Table&)) {
  static std::once_flag once;
  static Result<const Table*> loaded = fail(ErrorCode::Internal, "", "not loaded");
  std::call_once(once, [&] { loaded = load_table<Table>(linked_in, file, symbol, what, kind, where, complete); });
  return loaded;
}

}  // namespace vigil::plugin
