# libFuzzer target of device/ota (fuzz preset); the updater's sources are compiled into it so
# that the instrumentation sees them. Seeds in fuzz/corpus/ota_download.
file(GLOB _ota_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/../src/*.cpp)
onboard_fuzz_target(fuzz_ota_download SOURCES ${CMAKE_CURRENT_LIST_DIR}/ota_download_fuzz.cpp ${_ota_sources}
                    LIBS onboard_device_core onboard_protocol)
target_include_directories(fuzz_ota_download PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../include
                                                     ${CMAKE_CURRENT_LIST_DIR}/../../core/testing)
