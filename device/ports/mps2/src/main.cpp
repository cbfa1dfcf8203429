// The Onboard device as bare-metal firmware for QEMU's mps2-an386 (Cortex-M4):
// the device core on lwIP over the LAN9118, its radio run by onboard-air over
// UART0, its flash a semihosted file. "onboard-air board add NAME --qemu
// onboard-mps2-board.elf" powers it on in the air.
#include <cstdio>
#include <cstring>

#include "lwip/init.h"
#include "lwip/timeouts.h"
#include "mps2_startup.h"
#include "onboard/device/device.hpp"
#include "onboard/device/ports/mps2/air_pins.hpp"
#include "onboard/device/ports/mps2/air_radio.hpp"
#include "onboard/device/ports/mps2/board_options.hpp"
#include "onboard/device/ports/mps2/cmsdk_uart.hpp"
#include "onboard/device/ports/mps2/lan9118.hpp"
#include "onboard/device/ports/mps2/lwip_net.hpp"
#include "onboard/device/ports/mps2/mps2_system.hpp"
#include "onboard/device/ports/mps2/radio_interfaces.hpp"
#include "onboard/device/ports/mps2/semihosted_storage.hpp"
#include "onboard/device/ports/mps2/semihosting.hpp"

namespace {

using namespace onboard;

constexpr std::uintptr_t kUart0 = 0x40004000u;
constexpr std::uintptr_t kLan9118 = 0x40200000u;
// Room for the core's two configuration slots and growth, as onboard-device.
constexpr std::size_t kFlashSize = 4096;

std::uint32_t g_random_state = 0x12345678u;

void log(std::string_view line) {
  mps2::serial_line(line);
}

int fail(const char* why) {
  char line[160];
  std::snprintf(line, sizeof line, "onboard-mps2: cannot start: %s", why);
  log(line);
  return 1;
}

}  // namespace

extern "C" unsigned int onboard_lwip_random(void) {
  // xorshift32: TCP ports and sequence numbers only need to differ between boots.
  std::uint32_t x = g_random_state ^ static_cast<std::uint32_t>(mps2::board_now_ms());
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  g_random_state = x;
  return x;
}

extern "C" void onboard_lwip_assert(const char* text, const char* file, int line) {
  char message[200];
  std::snprintf(message, sizeof message, "lwip: assertion \"%s\" failed at %s:%d", text, file, line);
  log(message);
  mps2_system_reset();
}

extern "C" u32_t sys_now(void) {
  return static_cast<u32_t>(mps2::board_now_ms());
}

int main() {
  static char command_line[1024];
  static char* argv[32];
  if (mps2::host_command_line(command_line, sizeof command_line) < 0) command_line[0] = '\0';
  const int argc = mps2::split_command_line(command_line, argv, 32);
  mps2::start_board_clock();
  static mps2::BoardOptions options;
  const char* why = "";
  if (!mps2::parse_board_options(argc, argv, &options, &why)) return fail(why);
  g_random_state ^= static_cast<std::uint32_t>(options.chip_id * 2654435761u);
  char reason[120];
  if (!device::validate(options.settings, reason, sizeof reason)) return fail(reason);

  static mps2::SemihostedStorage storage(options.storage, kFlashSize);
  if (!storage.begin()) return fail("the flash file cannot be opened");

  lwip_init();
  static mps2::Lan9118 wire(kLan9118);
  static mps2::CmsdkUart uart(kUart0);
  uart.begin();
  static mps2::UartAirLink link(uart);
  static mps2::RadioInterfaces interfaces(wire);
  static mps2::TimerClock clock;
  static mps2::AirRadio radio(link, interfaces, clock, options.chip_id, log);
  interfaces.begin(radio.station_mac(), radio.ap_mac());
  if (!wire.begin(radio.station_mac().bytes)) return fail("no LAN9118 at 0x40200000");
  static mps2::AirButton button(options.settings.board.button_pin, options.settings.board.button_active_low);
  link.add_listener(&button);
  static mps2::AirLed led(link);
  if (options.host[0] != '\0') link.begin(options.host);

  static mps2::LwipNet net;
  static mps2::Mps2System system(options.chip_id);
  static const hal::Hal hal{radio, storage, button, clock, net, nullptr, system, &led};
  static device::Device device(options.settings, hal);

  // newlib-nano's printf has no %llx.
  char chip[17];
  std::size_t digits = 0;
  for (int shift = 60; shift >= 0; shift -= 4) {
    const unsigned nibble = static_cast<unsigned>(options.chip_id >> shift) & 0xFu;
    if (nibble == 0 && digits == 0 && shift > 0) continue;
    chip[digits++] = "0123456789abcdef"[nibble];
  }
  chip[digits] = '\0';
  char banner[256];
  std::snprintf(banner, sizeof banner,
                "onboard-mps2 %s: template %s \"%s\", host %s, chip id %s, flash %s, cloud %s:%u %s",
                options.settings.firmware_version, options.settings.template_id,
                options.settings.template_name, options.host[0] != '\0' ? options.host : "(none: no air)",
                chip, options.storage, options.settings.cloud_host,
                static_cast<unsigned>(options.settings.cloud_port),
                options.settings.cloud_tls ? "tls" : "plain");
  log(banner);
  if (options.settings.cloud_tls)
    log("onboard-mps2: this board has no TLS: give --cloud-plain, or provision a plain port");

  device.begin();
  for (;;) {
    const std::size_t frames = interfaces.poll();
    sys_check_timeouts();
    link.pump();
    device.run();
    // Nothing arrived: sleep until the next SysTick (1 ms) instead of spinning the host's CPU.
    if (frames == 0) mps2_wait_for_interrupt();
  }
}
