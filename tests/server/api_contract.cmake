# The API contract test: runs the server's route tests with
# VIGIL_RECORD_RESPONSES set, so that every answer they receive is recorded
# (tests/server/test_client.h), then validates each recorded answer against
# the OpenAPI document the server served (tests/server/validate_responses.py,
# Debian's python3-jsonschema) and checks every operation was answered with
# success at least once. Fails on any finding, naming it.
#   cmake -DTESTS=<vigil_server_tests> -DSCRIPT=<validate_responses.py> -DDIR=<scratch> [-DFILTER=...] -P api_contract.cmake
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
if(NOT FILTER)
  set(FILTER "*")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env VIGIL_RECORD_RESPONSES=${DIR} "${TESTS}" --gtest_filter=${FILTER} --gtest_brief=1
  RESULT_VARIABLE tests_failed
  OUTPUT_VARIABLE tests_output
  ERROR_VARIABLE tests_output)
if(tests_failed)
  message(FATAL_ERROR "the route tests failed while recording their answers:\n${tests_output}")
endif()
execute_process(COMMAND /usr/bin/python3 "${SCRIPT}" "${DIR}" RESULT_VARIABLE invalid)
if(invalid)
  message(FATAL_ERROR "answers of the server do not match its OpenAPI document (above)")
endif()
