// The power-cut-safe configuration store: two slots in hal::Storage, each record
// with a schema version, a sequence number and a CRC-32; writes go to the older slot.
#pragma once

#include <cstddef>
#include <cstdint>

#include "onboard/device/hal/storage.hpp"
#include "onboard/device/network_config.hpp"

namespace onboard::device {

// Record: "ONBD", schema u16, payload length u16, sequence u32, payload, CRC-32 of
// all before it; little-endian. A torn write fails its CRC, so the reader falls
// back to the other slot, which still holds the previous record.
class ConfigStore {
 public:
  static constexpr std::size_t kSlotSize = 512;
  static constexpr std::size_t kStorageNeeded = 2 * kSlotSize;
  static constexpr std::uint16_t kSchema = 2;  // 1: first release, read and migrated

  enum class Load : std::uint8_t { Found, Empty, StorageError };

  explicit ConfigStore(hal::Storage& storage) : storage_(storage) {}

  // The newest valid record. Empty when none is valid or the newest is an erase mark.
  Load load(NetworkConfig& out);
  // Writes a new record over the older slot; the newer one is untouched, so a
  // cut at any byte leaves either record readable. False when storage failed.
  bool save(const NetworkConfig& config);
  // Erases both slots: first an erase mark that outranks the old record, then
  // both slots are zeroed, so no cut can bring the old configuration back.
  bool erase();

 private:
  struct SlotInfo {
    bool valid = false;
    bool erased = false;
    std::uint16_t schema = 0;
    std::uint32_t sequence = 0;
  };
  SlotInfo inspect(std::size_t slot);
  bool write_record(std::size_t slot, std::uint32_t sequence, const NetworkConfig* config);
  bool zero_slot(std::size_t slot);
  int newest(const SlotInfo* info) const;

  hal::Storage& storage_;
};

}  // namespace onboard::device
