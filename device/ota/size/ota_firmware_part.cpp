// Linked into scripts/size-report's minimal firmware as a second variant: an OtaUpdater on
// stub slots and checks, attached to the device, so the report can count device/ota (and
// protocol/ota) apart from the core.
#include <new>

#include "onboard/device/device.hpp"
#include "onboard/device/ota/ota_updater.hpp"

namespace {

using namespace onboard;

struct StubSlots final : hal::FirmwareSlots {
  std::size_t capacity() const override { return 0; }
  bool erase_inactive() override { return false; }
  bool write(std::size_t, const std::uint8_t*, std::size_t) override { return false; }
  bool read(std::size_t, std::uint8_t*, std::size_t) override { return false; }
  bool flush() override { return false; }
  bool save_progress(std::uint32_t, std::uint32_t) override { return false; }
  void load_progress(std::uint32_t& key, std::uint32_t& bytes) override { key = bytes = 0; }
  bool mark_pending(std::size_t, std::size_t) override { return false; }
  hal::BootState boot_state() const override { return hal::BootState::normal; }
  bool mark_valid() override { return false; }
  bool acknowledge_rollback() override { return false; }
};
struct StubCheck final : hal::ImageCheck {
  void begin() override {}
  void signed_bytes(const std::uint8_t*, std::size_t) override {}
  void payload_bytes(const std::uint8_t*, std::size_t) override {}
  void payload_sha256(std::uint8_t*) override {}
  bool signature_valid(const std::uint8_t*, const std::uint8_t*) override { return false; }
};

StubSlots g_slots;
StubCheck g_check;
device::OtaSettings g_ota;

}  // namespace

// The updater's RAM, sized by the report like the Device (a buffer, so the size is exact).
alignas(device::OtaUpdater) unsigned char onboard_ota_instance[sizeof(device::OtaUpdater)];

device::CoreExtension& onboard_ota_part(const device::Settings& settings, const hal::Hal& hal) {
  return *new (onboard_ota_instance) device::OtaUpdater(settings, g_ota, hal, g_slots, g_check);
}
