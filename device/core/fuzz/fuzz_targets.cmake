# libFuzzer targets of the device core (fuzz preset); seeds in fuzz/corpus/<name>.
onboard_fuzz_target(fuzz_http_request_parser SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_request_parser_fuzz.cpp
                    LIBS onboard_device_core)
onboard_fuzz_target(fuzz_dns_query SOURCES ${CMAKE_CURRENT_LIST_DIR}/dns_query_fuzz.cpp LIBS onboard_device_core)
