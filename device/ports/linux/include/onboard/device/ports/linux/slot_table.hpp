// A fixed table that maps the core's small Handle numbers to a port's entries
// (sockets, TLS sessions), so the core never sees an OS file descriptor.
#pragma once

#include <array>
#include <cstddef>

#include "onboard/device/hal/types.hpp"

namespace onboard::port {

// Entry needs a bool `used`. Capacity is fixed: a full table refuses new
// entries (kNoHandle) instead of growing, like the microcontroller ports.
template <typename Entry, std::size_t Capacity>
class SlotTable {
  static_assert(Capacity < 32000, "handles are int16_t");

 public:
  // A fresh entry marked used, or kNoHandle when full.
  hal::Handle allocate() {
    for (std::size_t i = 0; i < Capacity; ++i) {
      if (!slots_[i].used) {
        slots_[i] = Entry{};
        slots_[i].used = true;
        return static_cast<hal::Handle>(i);
      }
    }
    return hal::kNoHandle;
  }
  void release(hal::Handle handle) {
    if (Entry* entry = find(handle)) *entry = Entry{};
  }
  // nullptr for kNoHandle, out-of-range or unused handles.
  Entry* find(hal::Handle handle) {
    if (handle < 0 || static_cast<std::size_t>(handle) >= Capacity) return nullptr;
    Entry& entry = slots_[static_cast<std::size_t>(handle)];
    return entry.used ? &entry : nullptr;
  }
  const Entry* find(hal::Handle handle) const { return const_cast<SlotTable*>(this)->find(handle); }

  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (const Entry& entry : slots_)
      if (entry.used) fn(entry);
  }
  template <typename Fn>
  void for_each_mut(Fn&& fn) {
    for (Entry& entry : slots_)
      if (entry.used) fn(entry);
  }
  static constexpr std::size_t capacity() { return Capacity; }

 private:
  std::array<Entry, Capacity> slots_{};
};

}  // namespace onboard::port
