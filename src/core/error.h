// Error: what went wrong and where, as a value. Every fallible call in Vigil
// returns Result<T>; exceptions never cross a module boundary. One place maps an
// Error to a CLI exit code (cli/output) and one to an HTTP status (server).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace vigil {

enum class ErrorCode {
  InvalidInput,   // the user's input is wrong: fix it and retry
  NotFound,       // an id, file or record that does not exist
  Conflict,       // the record changed or already exists (ETag, duplicate)
  Unauthorized,   // not signed in
  Forbidden,      // signed in, but the role does not allow it
  LimitExceeded,  // a size, rate or time limit
  Io,             // a file or database could not be read or written
  Internal,       // a bug: never the user's fault
};

// A next step that would help, named by what it does. Each adapter says it
// in its own words (the CLI names a command, the API a route: one table in
// each), so no domain, store or application message names either.
enum class HintKind {
  None,
  ShowEntityType,         // the entity type `subject` (it has no ISO mapping)
  ShowStandard,           // the standard profile `subject` and how it maps
  ShowIrPoint,            // the IR 2024/2690 Annex point `subject`'s counterparts
  ShowIrSection,          // the Annex section `subject`'s points and coverage
  ListExercises,          // the organisation's exercises
  ShowScenario,           // the scenario `subject` and its expectations
  ExerciseScoreJson,      // where an exercise score as JSON comes from
  ImportArchive,          // an OpenAEV export is read as the ZIP archive it is
  SealKeyFormat,          // how a seal key (and so its public key) is made
  GiveSealKey,            // a write to sealed chains needs the seal key
  VerifyChains,           // verify the workspace's chains
  StoreSupplierRegister,  // organisation `subject` has no supplier register yet
  ListSupplierIds,        // the ids of organisation `subject`'s suppliers
};
struct Hint {
  HintKind kind = HintKind::None;
  std::string subject;  // the id the hint is about, when it is about one
};

struct Error {
  ErrorCode code = ErrorCode::InvalidInput;
  // Where: "soa.csv:12: control", "entity.json: employees", "timezone" (a
  // field, which each adapter spells its way: core/error.h respelled).
  // Empty when the error has no location.
  std::string where;
  std::string message;
  // Further errors found in the same input, so a user sees them all at once.
  std::vector<Error> more;
  // What would help, said by the adapter (HintKind); none by default.
  Hint hint = {};
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string where, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(where), std::move(message), {}});
}
inline tl::unexpected<Error> invalid(std::string where, std::string message) {
  return fail(ErrorCode::InvalidInput, std::move(where), std::move(message));
}
// An error with the next step that would help (see Hint).
inline tl::unexpected<Error> fail(ErrorCode code, std::string where, std::string message, Hint hint) {
  return tl::unexpected<Error>(Error{code, std::move(where), std::move(message), {}, std::move(hint)});
}

// Folds a list of errors into one (the first, carrying the rest in `more`).
// Precondition: errors is non-empty.
Error combine(std::vector<Error> errors);

// The error with `prefix` put before its location and each of `more`'s:
// prefixed(e, "body: ") turns "title" into "body: title", prefixed(e,
// "soa.csv:") "12: control" into "soa.csv:12: control". An empty location
// becomes the prefix without its trailing separator (": ", ".", ":").
Error prefixed(Error error, std::string_view prefix);

// A field's name as one adapter spells it: {"awareness_time", "--awareness"}.
struct Spelling {
  std::string_view field;
  std::string_view spelled;
};
// The error with each location whose field, the text before any '[', '.' or
// ':' ("options" in "options[2]"), is in `spellings` respelled, the rest of
// the location kept: the domain names fields, each adapter says them its way.
Error respelled(Error error, std::initializer_list<Spelling> spellings);

// "where: message" for the error and each of `more`, one per line.
std::string describe(const Error& error);

const char* code_name(ErrorCode code);  // "invalid_input", "not_found", ...

namespace detail {
// TRY's value: the contained value, or nothing for Result<void>.
template <class T>
T try_value(tl::expected<T, Error>&& result) {
  return std::move(result).value();
}
template <class T>
T try_value(const tl::expected<T, Error>& result) {
  return result.value();
}
inline void try_value(tl::expected<void, Error>&&) {}
inline void try_value(const tl::expected<void, Error>&) {}
}  // namespace detail

}  // namespace vigil

// Carries an error up one level: `auto x = TRY(parse(...));`. GNU statement
// expressions are available on g++ and clang, the only compilers we build with.
#define VIGIL_TRY_CONCAT_(a, b) a##b
#define VIGIL_TRY_CONCAT(a, b) VIGIL_TRY_CONCAT_(a, b)
// Never use TRY inside a braced initialiser or a function's argument list
// next to other values: an early return from there skips the destructors of
// the values already built (a leak that LeakSanitizer reports). Bind the
// value to a variable first.
// Each use gets its own variable name, so a TRY nested inside another TRY's
// expression (a lambda passed to a transaction) does not shadow the outer one.
#define VIGIL_TRY(expr) VIGIL_TRY_NAMED(expr, VIGIL_TRY_CONCAT(vigil_try_result_, __COUNTER__))
#define VIGIL_TRY_NAMED(expr, name)                            \
  ({                                                           \
    auto&& name = (expr);                                      \
    if (!name) return tl::unexpected(std::move(name).error()); \
    ::vigil::detail::try_value(std::move(name));               \
  })
#define TRY(expr) VIGIL_TRY(expr)
