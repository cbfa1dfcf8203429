// Whatever a download server sends, the updater stays inside its bounds: the bytes are fed as
// the HTTP response (in chunks of a data-driven size) to an OtaUpdater on fake slots. It must
// never write past the slot or the image, never report more written than received, and end
// idle, waiting to retry or verifying.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "onboard/device/ota/ota_updater.hpp"
#include "onboard/device/testing/fake_basics.hpp"
#include "onboard/device/testing/fake_net.hpp"
#include "onboard/device/testing/fake_storage.hpp"
#include "onboard/device/testing/fake_wifi.hpp"

namespace {

using namespace onboard;

constexpr std::size_t kCapacity = 8192;

struct Slots final : hal::FirmwareSlots {
  std::vector<std::uint8_t> data = std::vector<std::uint8_t>(kCapacity);
  std::uint32_t key = 0, bytes = 0;
  std::size_t capacity() const override { return kCapacity; }
  bool erase_inactive() override { return true; }
  bool write(std::size_t offset, const std::uint8_t* in, std::size_t size) override {
    if (offset + size > kCapacity) std::abort();  // the updater must check before writing
    std::memcpy(data.data() + offset, in, size);
    return true;
  }
  bool read(std::size_t offset, std::uint8_t* out, std::size_t size) override {
    if (offset + size > kCapacity) return false;
    std::memcpy(out, data.data() + offset, size);
    return true;
  }
  bool flush() override { return true; }
  bool save_progress(std::uint32_t k, std::uint32_t b) override {
    key = k;
    bytes = b;
    return true;
  }
  void load_progress(std::uint32_t& k, std::uint32_t& b) override {
    k = key;
    b = bytes;
  }
  bool mark_pending(std::size_t, std::size_t) override { return true; }
  hal::BootState boot_state() const override { return hal::BootState::normal; }
  bool mark_valid() override { return true; }
  bool acknowledge_rollback() override { return true; }
};

struct Check final : hal::ImageCheck {
  void begin() override {}
  void signed_bytes(const std::uint8_t*, std::size_t) override {}
  void payload_bytes(const std::uint8_t*, std::size_t) override {}
  void payload_sha256(std::uint8_t* out) override { std::memset(out, 0, kSha256Size); }
  bool signature_valid(const std::uint8_t*, const std::uint8_t*) override { return false; }
};

struct Link final : device::CoreLink {
  bool cloud_ready() const override { return true; }
  bool send_internal(std::string_view) override { return true; }
  void restart() override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t chunk = 1 + data[0] % 97;
  testing::FakeClock clock;
  testing::FakeStorage storage{1024};
  testing::FakeWifi wifi{clock};
  testing::FakeGpio gpio;
  testing::FakeNet net;
  testing::FakeSystem system;
  hal::Hal hal{wifi, storage, gpio, clock, net, nullptr, system, nullptr};
  device::Settings settings;
  settings.template_id = "TMPL1";
  settings.firmware_version = "1.0.0";
  device::OtaSettings ota;
  ota.max_attempts = 1;
  Slots slots;
  Check check;
  Link link;
  device::OtaUpdater updater(settings, ota, hal, slots, check);
  updater.start("http://files.test/ota/1", clock.now);
  if (net.outgoing.empty()) return 0;
  testing::Pipe& pipe = *net.outgoing.back();
  std::size_t pos = 1;
  for (int step = 0; step < 5000 && updater.phase() != device::OtaUpdater::Phase::idle; ++step) {
    if (pos < size && pipe.to_device.empty()) {
      const std::size_t n = size - pos < chunk ? size - pos : chunk;
      pipe.to_device.append(reinterpret_cast<const char*>(data + pos), n);
      pos += n;
    } else if (pos >= size) {
      pipe.peer_closed = true;
    }
    updater.poll(clock.now, link);
    if (updater.phase() == device::OtaUpdater::Phase::waiting) break;
    if (updater.written() > updater.bytes_received() && slots.bytes == 0) std::abort();
    if (updater.image_size() != 0 && updater.written() > updater.image_size()) std::abort();
    if (updater.written() > kCapacity) std::abort();
    clock.now += 50;
  }
  return 0;
}
