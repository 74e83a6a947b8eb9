# Fails when a domain module includes a header of an adapter module, or reads
# the time-zone database itself (tzdata on disk is the edge's: the domain takes
# incident::Zones, supplied by src/tzdata).
# Run by ctest (test "layering"): cmake -DSOURCE_DIR=<repo> -P tests/layering.cmake
cmake_policy(SET CMP0007 NEW)  # a matched line may hold ";"
cmake_policy(SET CMP0057 NEW)  # if(IN_LIST)
set(domain core catalog scope incident assess exercise supplier)
set(adapters tzdata store application server cli postgres archive libzip plugin)

# Sets <out> to "<file>: <line>" for every line matching <regex> in the .h and
# .cpp files under src/<module> for each of MODULES, but for the files named in
# EXCEPT; with CODE_ONLY, a comment (or a comment after the code, as in
# "x;  // e.g. \"vigil serve --demo\"") is not taken.
function(lines_matching out regex)
  cmake_parse_arguments(ARG "CODE_ONLY" "" "MODULES;EXCEPT" ${ARGN})
  set(found "")
  foreach(module IN LISTS ARG_MODULES)
    file(GLOB_RECURSE files ${SOURCE_DIR}/src/${module}/*.h ${SOURCE_DIR}/src/${module}/*.cpp)
    foreach(file IN LISTS files)
      file(RELATIVE_PATH rel ${SOURCE_DIR} ${file})
      if(rel IN_LIST ARG_EXCEPT)
        continue()
      endif()
      file(STRINGS ${file} lines REGEX "${regex}")
      foreach(line IN LISTS lines)
        string(STRIP "${line}" line)
        if(ARG_CODE_ONLY AND (line MATCHES "^//" OR line MATCHES "^[^\"]*//"))
          continue()
        endif()
        list(APPEND found "${rel}: ${line}")
      endforeach()
    endforeach()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# Fails with <message> and the lines found, if any.
function(fail_on found message)
  if(found)
    list(JOIN found "\n  " shown)
    message(FATAL_ERROR "${message}:\n  ${shown}")
  endif()
endfunction()

list(JOIN adapters "|" adapter_pattern)
lines_matching(violations "^[ \t]*#[ \t]*include[ \t]*\"(${adapter_pattern})/" MODULES ${domain})
fail_on("${violations}" "a domain module includes an adapter's header (the domain must not depend on store, application, server, cli, postgres, archive, libzip or plugin)")

lines_matching(tz_calls "(locate_zone|get_tzdb|current_zone|reload_tzdb|get_tzdb_list)[ \t]*\\(" MODULES ${domain})
fail_on("${tz_calls}" "a domain module reads the time-zone database itself (take incident::Zones from the caller; src/tzdata is the one place that reads tzdata)")

# The domain, the store and the application name fields ("decided_at"), never
# a command line's options ("--time"): each adapter spells fields its way
# (src/cli/output.cpp as_options, the API as body fields) and says a hint's
# next step in its own words (advice()). A string literal holding " --x",
# "--x" or `--x` on a line that is not a comment is taken for an option.
# The one exception is text that exported files carry and that verification
# covers (editing it would break every export already written).
lines_matching(options_named "\"[^\"]*[ \"'`]--[a-z][a-z0-9-]*" CODE_ONLY
               MODULES ${domain} store application postgres EXCEPT src/incident/export.h)
fail_on("${options_named}" "a domain, store or application message names a command-line option (name the field, or give the error a Hint; the adapters spell them)")
message(STATUS "layering: no domain module includes an adapter's header or reads tzdata; no message names an option")
