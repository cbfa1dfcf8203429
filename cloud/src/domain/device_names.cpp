#include "onboard/cloud/domain/device_names.hpp"

#include <algorithm>
#include <charconv>
#include <random>
#include <string_view>

#include <fmt/format.h>

namespace onboard::cloud {

namespace {

// The number N when `name` is "base N" (N >= 2, digits only).
std::optional<long> suffix_number(std::string_view name, std::string_view base) {
  if (name.size() < base.size() + 2 || name.substr(0, base.size()) != base || name[base.size()] != ' ') {
    return std::nullopt;
  }
  const auto suffix = name.substr(base.size() + 1);
  long n = 0;
  auto [ptr, ec] = std::from_chars(suffix.data(), suffix.data() + suffix.size(), n);
  if (ec != std::errc() || ptr != suffix.data() + suffix.size() || n < 2) return std::nullopt;
  return n;
}

void advance(long& lowest_free, std::set<long>& above) {
  while (!above.empty() && *above.begin() == lowest_free) {
    above.erase(above.begin());
    ++lowest_free;
  }
}

}  // namespace

StoreResult<std::string> DeviceNames::choose(Records& records, Id org_id, const std::string& base) {
  std::lock_guard lock(mutex_);
  auto key = std::make_pair(org_id, base);
  auto it = slots_.find(key);
  if (it == slots_.end()) {
    auto names = records.device_names_like(org_id, base);
    if (!names) return names.error();
    Slots slots;
    for (const auto& name : *names) {
      if (name == base) {
        slots.base_taken = true;
      } else if (const auto n = suffix_number(name, base)) {
        slots.above.insert(*n);
      }
    }
    advance(slots.lowest_free, slots.above);
    it = slots_.emplace(std::move(key), std::move(slots)).first;
  }
  auto& slots = it->second;
  std::string name = base;
  if (slots.base_taken) {
    long n = std::max(slots.lowest_free, slots.cursor);
    while (slots.above.count(n) != 0) ++n;
    name = fmt::format("{} {}", base, n);
  }
  taken_locked(org_id, name);
  return name;
}

void DeviceNames::conflicted(Id org_id, const std::string& name, int attempt) {
  std::lock_guard lock(mutex_);
  // Past the number another writer took: the next one after a first conflict, then by a
  // random step in a window that doubles with each further conflict of the same activation,
  // so nodes filling one template leapfrog each other instead of colliding on every name.
  // (Counted per activation: a node's concurrent activations would reset an org's count.)
  // The name stays marked taken here (choose() took it), so nothing is reloaded.
  long jump = 1;
  if (attempt >= 1) jump += static_cast<long>(std::random_device{}() % (8UL << std::min(attempt - 1, 9)));
  for (auto it = slots_.lower_bound({org_id, std::string()}); it != slots_.end() && it->first.first == org_id;
       ++it) {
    if (const auto n = suffix_number(name, it->first.second)) {
      it->second.cursor = std::max(it->second.cursor, *n + jump);
    } else if (name == it->first.second) {
      it->second.cursor = std::max(it->second.cursor, it->second.lowest_free + jump);
    }
  }
}

// Every base the name counts against learns it (a template "Lamp 2" takes a number from "Lamp" too).
void DeviceNames::taken_locked(Id org_id, const std::string& name) {
  for (auto it = slots_.lower_bound({org_id, std::string()}); it != slots_.end() && it->first.first == org_id;
       ++it) {
    const auto& base = it->first.second;
    auto& slots = it->second;
    if (name == base) {
      slots.base_taken = true;
    } else if (const auto n = suffix_number(name, base); n && *n >= slots.lowest_free) {
      slots.above.insert(*n);
      advance(slots.lowest_free, slots.above);
    }
  }
}

void DeviceNames::forget(Id org_id) {
  std::lock_guard lock(mutex_);
  slots_.erase(slots_.lower_bound({org_id, std::string()}), slots_.lower_bound({org_id + 1, std::string()}));
}

}  // namespace onboard::cloud
