/* lwIP's compiler and platform hooks for the mps2-an386 firmware (newlib). */
#pragma once

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
void onboard_lwip_assert(const char* text, const char* file, int line);
#ifdef __cplusplus
}
#endif

#define LWIP_PLATFORM_DIAG(x) \
  do {                        \
  } while (0)
#define LWIP_PLATFORM_ASSERT(x) onboard_lwip_assert((x), __FILE__, __LINE__)
