# Cross toolchain for the ESP32-C3 (RISC-V RV32IMC, no atomics or FPU) with Debian's
# gcc-riscv64-unknown-elf and picolibc (its rv32im multilib: the same code without
# compressed instructions, which the C3 runs as well).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_CXX_COMPILER riscv64-unknown-elf-g++)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
include(${CMAKE_CURRENT_LIST_DIR}/libstdcxx-headers.cmake)

# Size (scripts/size-report; budget 40 KB flash): shared prologue/epilogue routines
# instead of inline register saves (ESP-IDF's CONFIG_COMPILER_SAVE_RESTORE_LIBCALLS),
# instruction choice for size, compare chains instead of jump tables in rodata, and
# constants at their natural alignment instead of padded to a word. 45.2 -> 40.4 KB.
set(ONBOARD_RV32_SIZE_FLAGS "-msave-restore -mtune=size -fno-jump-tables -malign-data=natural")
set(ONBOARD_RV32_FLAGS "-march=rv32imc -mabi=ilp32 ${ONBOARD_RV32_SIZE_FLAGS} -ffunction-sections -fdata-sections --specs=picolibc.specs")
set(CMAKE_C_FLAGS_INIT "${ONBOARD_RV32_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${ONBOARD_RV32_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${ONBOARD_RV32_FLAGS} ${ONBOARD_BORROWED_CXX_FLAGS} -fno-exceptions -fno-rtti -fno-threadsafe-statics")
set(CMAKE_C_FLAGS_MINSIZEREL_INIT "-Os -DNDEBUG")
set(CMAKE_CXX_FLAGS_MINSIZEREL_INIT "-Os -DNDEBUG")

# There is no libstdc++ to link (the core needs none): link C++ with the C driver,
# which does not ask for -lstdc++.
set(CMAKE_CXX_LINK_EXECUTABLE "riscv64-unknown-elf-gcc <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES>")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
