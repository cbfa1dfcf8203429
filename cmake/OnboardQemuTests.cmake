# The protocol and device core GoogleTest suites as Cortex-M4 machine code, run
# by ctest on QEMU's mps2-an386 board (cortex-m4 preset, ONBOARD_QEMU_TESTS).
# The libraries under test keep the firmware flags (-Os, no exceptions, no RTTI);
# only the test programs and GoogleTest itself are built with exceptions, which
# EXPECT_NO_THROW needs. GoogleTest comes from Debian's googletest sources.

find_path(ONBOARD_GOOGLETEST_SOURCE CMakeLists.txt PATHS /usr/src/googletest NO_DEFAULT_PATH
          NO_CMAKE_FIND_ROOT_PATH)
if(NOT ONBOARD_GOOGLETEST_SOURCE)
  message(FATAL_ERROR "ONBOARD_QEMU_TESTS needs GoogleTest's sources (Debian package googletest)")
endif()
find_program(ONBOARD_QEMU_ARM qemu-system-arm REQUIRED)

# newlib has no threads, no POSIX regex, no fork (death tests) and no dup2.
set(ONBOARD_GTEST_SETTINGS GTEST_HAS_PTHREAD=0 GTEST_HAS_POSIX_RE=0 GTEST_HAS_DEATH_TEST=0
    GTEST_HAS_STREAM_REDIRECTION=0)
set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
set(BUILD_GMOCK ON CACHE BOOL "" FORCE)
add_subdirectory(${ONBOARD_GOOGLETEST_SOURCE} ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
# GoogleTest defines the GTest:: aliases itself.
foreach(lib gtest gtest_main gmock gmock_main)
  target_compile_definitions(${lib} PUBLIC ${ONBOARD_GTEST_SETTINGS})
endforeach()
# newlib's <limits.h> has no PATH_MAX (gtest-filepath.cc sizes its getcwd buffer with it).
target_compile_definitions(gtest PRIVATE PATH_MAX=256)

# nlohmann-json is header-only: the tests that check JSON output read it from
# the host's headers through a directory holding just that one folder.
find_path(ONBOARD_NLOHMANN_INCLUDE nlohmann/json.hpp PATHS /usr/include NO_DEFAULT_PATH
          NO_CMAKE_FIND_ROOT_PATH)
set(ONBOARD_MCU_TEST_INCLUDE ${CMAKE_BINARY_DIR}/mcu-test-include)
file(MAKE_DIRECTORY ${ONBOARD_MCU_TEST_INCLUDE})
if(ONBOARD_NLOHMANN_INCLUDE AND NOT EXISTS ${ONBOARD_MCU_TEST_INCLUDE}/nlohmann)
  file(CREATE_LINK ${ONBOARD_NLOHMANN_INCLUDE}/nlohmann ${ONBOARD_MCU_TEST_INCLUDE}/nlohmann SYMBOLIC)
endif()

# Reset, vector table and semihosting hooks of the test programs.
set(ONBOARD_MPS2_DIR ${CMAKE_SOURCE_DIR}/tests/mcu/mps2)
add_library(onboard_mps2_startup OBJECT ${ONBOARD_MPS2_DIR}/startup.c)
target_compile_options(onboard_mps2_startup PRIVATE -Wall -Wextra -Werror)

set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_SOURCE_DIR}/tests/mcu/run-on-mps2-an386)

# A GoogleTest program for mps2-an386, registered test by test with ctest.
function(onboard_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES} $<TARGET_OBJECTS:onboard_mps2_startup>)
  set_target_properties(${name} PROPERTIES SUFFIX .elf)
  onboard_host_target(${name})
  target_compile_options(${name} PRIVATE -fexceptions)
  # Strict C++20 hides POSIX names (fileno, strdup) in newlib's headers; gtest-port.h uses them.
  target_compile_definitions(${name} PRIVATE _POSIX_C_SOURCE=200809L)
  target_include_directories(${name} SYSTEM PRIVATE ${ONBOARD_MCU_TEST_INCLUDE})
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests/support)
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_link_options(${name} PRIVATE -nostartfiles --specs=rdimon.specs -u _printf_float
                      -T${ONBOARD_MPS2_DIR}/mps2_an386.ld -Wl,--gc-sections)
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${ONBOARD_MPS2_DIR}/mps2_an386.ld)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
endfunction()
