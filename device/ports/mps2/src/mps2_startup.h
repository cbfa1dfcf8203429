/* What the C startup of the mps2-an386 firmware offers the C++ port: the
   SysTick interrupt count, sleeping until an interrupt, and reset. */
#pragma once

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

extern volatile uint32_t mps2_milliseconds;
void mps2_wait_for_interrupt(void);
void mps2_system_reset(void);

#ifdef __cplusplus
}
#endif
