# Cross toolchain for the ESP8266 (Xtensa LX106) with Debian's gcc-xtensa-lx106 and picolibc.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR xtensa)
set(CMAKE_C_COMPILER xtensa-lx106-elf-gcc)
set(CMAKE_CXX_COMPILER xtensa-lx106-elf-g++)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
include(${CMAKE_CURRENT_LIST_DIR}/libstdcxx-headers.cmake)

# Debian keeps this compiler's picolibc.specs outside its search path.
# -mlongcalls: the ESP8266's code sits in flash mapped far from IRAM, out of reach of CALL0's range.
# Size (scripts/size-report): no assembler padding to align branch targets, compare
# chains instead of jump tables in rodata. 44.4 -> 43.8 KB.
set(ONBOARD_LX106_SIZE_FLAGS "-mno-target-align -fno-jump-tables")
set(ONBOARD_LX106_FLAGS "-mlongcalls -mtext-section-literals ${ONBOARD_LX106_SIZE_FLAGS} -ffunction-sections -fdata-sections --specs=/usr/lib/xtensa-lx106-elf/picolibc.specs")
set(CMAKE_C_FLAGS_INIT "${ONBOARD_LX106_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${ONBOARD_LX106_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${ONBOARD_LX106_FLAGS} ${ONBOARD_BORROWED_CXX_FLAGS} -fno-exceptions -fno-rtti -fno-threadsafe-statics")
set(CMAKE_C_FLAGS_MINSIZEREL_INIT "-Os -DNDEBUG")
set(CMAKE_CXX_FLAGS_MINSIZEREL_INIT "-Os -DNDEBUG")

# There is no libstdc++ to link (the core needs none): link C++ with the C driver,
# which does not ask for -lstdc++.
set(CMAKE_CXX_LINK_EXECUTABLE "xtensa-lx106-elf-gcc <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES>")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
