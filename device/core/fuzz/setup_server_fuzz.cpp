// Arbitrary bytes from a setup client, through the whole device (server, request
// policy, /config parsing, replies) on the fake world: nothing may crash, the
// device must keep serving, and no handle may leak once the client is gone.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "onboard/device/testing/world.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  onboard::testing::World w;
  w.wifi.add("Home", "password1");
  w.cloud.tokens.insert(std::string(32, 'A'));
  w.boot();
  const std::size_t base = w.net.open_handles();
  auto pipe = w.net.dial(80);
  // The first byte picks how the bytes trickle in, like a slow phone.
  const std::size_t chunk = size > 0 ? 1 + data[0] % 64 : 1;
  for (std::size_t pos = 1; pos < size; pos += chunk) {
    pipe->to_device.append(reinterpret_cast<const char*>(data) + pos, std::min(chunk, size - pos));
    w.run_for(3);
  }
  w.run_for(100);
  pipe->peer_closed = true;
  w.run_for(300);  // a closed peer is noticed on the next read or write
  if (w.device->ap_active() && w.get("/board_info.json").status != 200) std::abort();
  if (w.device->ap_active() && w.net.open_handles() != base) std::abort();
  return 0;
}
