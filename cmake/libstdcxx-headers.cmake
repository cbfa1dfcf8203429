# Debian's xtensa-lx106 and riscv64-unknown-elf compilers ship no C++ library
# headers. The core needs only the freestanding ones (<cstdint>, <cstddef>,
# <cstring>, <string_view>), so it borrows GCC 12's from the arm-none-eabi newlib
# build (package libstdc++-arm-none-eabi-newlib); picolibc supplies the C headers.
file(GLOB ONBOARD_BORROWED_CXX_ROOT LIST_DIRECTORIES true /usr/include/newlib/c++/*)
list(GET ONBOARD_BORROWED_CXX_ROOT 0 ONBOARD_BORROWED_CXX_ROOT)
if(NOT EXISTS "${ONBOARD_BORROWED_CXX_ROOT}/string_view")
  message(FATAL_ERROR "C++ headers not found: install libstdc++-arm-none-eabi-newlib")
endif()
set(ONBOARD_BORROWED_CXX_FLAGS
    "-isystem ${ONBOARD_BORROWED_CXX_ROOT} -isystem ${ONBOARD_BORROWED_CXX_ROOT}/arm-none-eabi")
