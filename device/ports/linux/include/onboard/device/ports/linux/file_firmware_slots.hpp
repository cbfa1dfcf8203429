// onboard-device's firmware slots: files in the state directory's firmware/ folder. The
// inactive slot's image is written in place; its executable and the boot record change only
// by rename, so a power cut at any moment leaves the old program or the new one bootable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "onboard/device/hal/firmware.hpp"
#include "onboard/device/ports/linux/boot_record.hpp"

namespace onboard::port {

class FileFirmwareSlots final : public hal::FirmwareSlots {
 public:
  // dir: created if missing. running: the slot this process is ("factory", "a" or "b", as
  // choose_boot() said). capacity: the largest image accepted.
  FileFirmwareSlots(std::string dir, std::string running, std::size_t capacity,
                    std::function<void(std::string_view)> log);
  FileFirmwareSlots(const FileFirmwareSlots&) = delete;
  FileFirmwareSlots& operator=(const FileFirmwareSlots&) = delete;
  ~FileFirmwareSlots();

  std::size_t capacity() const override { return capacity_; }
  bool erase_inactive() override;
  bool write(std::size_t offset, const std::uint8_t* data, std::size_t size) override;
  bool read(std::size_t offset, std::uint8_t* out, std::size_t size) override;
  bool flush() override;
  bool save_progress(std::uint32_t key, std::uint32_t bytes) override;
  void load_progress(std::uint32_t& key, std::uint32_t& bytes) override;
  bool mark_pending(std::size_t offset, std::size_t size) override;
  hal::BootState boot_state() const override;
  bool mark_valid() override;
  bool acknowledge_rollback() override;

  // "a" or "b": where the next image goes.
  const std::string& inactive() const { return inactive_; }
  std::string image_path() const { return dir_ + "/slot-" + inactive_ + ".img"; }

 private:
  bool open_image();
  bool update_record(const std::function<void(BootRecord&)>& change);

  std::string dir_;
  std::string running_;
  std::string inactive_;
  std::size_t capacity_;
  std::function<void(std::string_view)> log_;
  int fd_ = -1;
};

}  // namespace onboard::port
