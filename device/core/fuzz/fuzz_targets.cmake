# libFuzzer targets of the device core (fuzz preset); seeds in fuzz/corpus/<name>.
# The unit under test is compiled into the target itself so that libFuzzer's
# coverage instrumentation sees it (the library is built without it).
onboard_fuzz_target(fuzz_http_request_parser
                    SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_request_parser_fuzz.cpp
                            ${CMAKE_CURRENT_LIST_DIR}/../src/http_request_parser.cpp
                    LIBS onboard_device_hal)
onboard_fuzz_target(fuzz_dns_query
                    SOURCES ${CMAKE_CURRENT_LIST_DIR}/dns_query_fuzz.cpp ${CMAKE_CURRENT_LIST_DIR}/../src/captive_dns.cpp
                    LIBS onboard_device_hal)
foreach(_t fuzz_http_request_parser fuzz_dns_query)
  target_include_directories(${_t} PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../include)
endforeach()

# The whole device behind a setup client; every core source is instrumented.
file(GLOB _core_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/../src/*.cpp)
onboard_fuzz_target(fuzz_setup_server SOURCES ${CMAKE_CURRENT_LIST_DIR}/setup_server_fuzz.cpp ${_core_sources}
                    LIBS onboard_device_hal onboard_protocol)
target_include_directories(fuzz_setup_server PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../include
                                                     ${CMAKE_CURRENT_LIST_DIR}/../testing)
target_compile_options(fuzz_setup_server PRIVATE -fno-sanitize=vptr)
