# Helpers that give every Onboard target the same language level and warnings.
# Warnings are errors in the project's own code only (never in Debian headers,
# which are included as SYSTEM by their imported targets).

set(ONBOARD_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wnull-dereference -Werror)

# Heap-free, exception-free, RTTI-free code that also builds for Cortex-M.
function(onboard_embedded_target target)
  target_compile_features(${target} PUBLIC cxx_std_17)
  set_target_properties(${target} PROPERTIES CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON)
  target_compile_options(${target} PRIVATE ${ONBOARD_WARNINGS} -fno-exceptions -fno-rtti)
endfunction()

# Server, tools and tests: C++20. GCC 12's -O2 null-dereference analysis (release preset only;
# it is inactive at -O0) reports libstdc++, Asio and CLI11 code once inlined into ours
# (std::istreambuf_iterator, asio's scheduler, std::string moves): false positives in the
# Debian headers, so on host code it stays a warning instead of failing the release build.
function(onboard_host_target target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_compile_options(${target} PRIVATE ${ONBOARD_WARNINGS} -Wno-error=null-dereference)
endfunction()

# A GoogleTest executable registered with ctest.
function(onboard_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  onboard_host_target(${name})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  # tests/support: what tests of every part share (condition waits).
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests/support)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 30)
endfunction()

# A libFuzzer target (fuzz preset only).
function(onboard_fuzz_target name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_features(${name} PRIVATE cxx_std_20)
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(${name} PRIVATE ${ARG_LIBS})
endfunction()
