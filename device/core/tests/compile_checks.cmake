# Misuse that sketch.hpp turns into compile errors, as tests: each case must
# fail with its message, and the good cases must compile.
set(_checks
  "CASE_GOOD_EDGENT_NAMES|ok"
  "CASE_GOOD_CUSTOM|ok"
  "CASE_BAD_TEMPLATE_ID|must start with TMPL"
  "CASE_EMPTY_TEMPLATE_NAME|ONBOARD_TEMPLATE_NAME is empty"
  "CASE_MISSING_TEMPLATE_ID|Define ONBOARD_TEMPLATE_ID"
  "CASE_SHARED_PIN|on the same pin"
  "CASE_SHARED_PIN_RGB|on the same pin")
foreach(_check IN LISTS _checks)
  string(REPLACE "|" ";" _parts "${_check}")
  list(GET _parts 0 _case)
  list(GET _parts 1 _expect)
  add_test(NAME compile_check.${_case}
           COMMAND ${CMAKE_COMMAND} -DCOMPILER=${CMAKE_CXX_COMPILER} -DCASE=${_case} "-DEXPECT=${_expect}"
                   -DSOURCE=${CMAKE_CURRENT_SOURCE_DIR}/tests/compile/sketch_case.cpp
                   -DINCLUDES_CORE=${CMAKE_CURRENT_SOURCE_DIR}/include
                   -DINCLUDES_HAL=${CMAKE_CURRENT_SOURCE_DIR}/../hal/include
                   -DINCLUDES_PROTOCOL=${CMAKE_SOURCE_DIR}/protocol/include
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/expect_compile.cmake)
endforeach()
