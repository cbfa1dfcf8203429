#include "onboard/protocol/setup/scan_entry.hpp"

#include "onboard/protocol/codec/name_list.hpp"
#include "onboard/protocol/setup/json_writer.hpp"

namespace onboard::setup {

namespace {

// In Security's order.
constexpr char kSecurityNames[] = "OPEN\0WEP\0WPA\0WPA2\0WPA+WPA2\0WPA2-EAP\0WPA3\0WPA2+WPA3\0WAPI\0unknown";
static_assert(codec::count_names(kSecurityNames) == static_cast<std::size_t>(Security::unknown) + 1,
              "one name per Security value");

// Keeps the indices of the strongest entries seen so far, strongest first. Insertion goes
// after equals, so ties keep the radio's order.
class TopEntries {
 public:
  explicit TopEntries(const ScanEntry* entries) : entries_(entries) {}

  void offer(std::size_t index) {
    std::size_t at = count_;
    while (at > 0 && entries_[index].rssi > entries_[top_[at - 1]].rssi) --at;
    if (at >= kMaxScanEntries) return;
    const std::size_t last = count_ < kMaxScanEntries ? count_ : kMaxScanEntries - 1;
    for (std::size_t i = last; i > at; --i) top_[i] = top_[i - 1];
    top_[at] = index;
    if (count_ < kMaxScanEntries) ++count_;
  }

  std::size_t count() const { return count_; }
  const ScanEntry& operator[](std::size_t i) const { return entries_[top_[i]]; }

 private:
  const ScanEntry* entries_;
  std::size_t top_[kMaxScanEntries] = {};
  std::size_t count_ = 0;
};

}  // namespace

std::string_view to_string(Security security) {
  return codec::name_at(codec::name_list(kSecurityNames), static_cast<std::size_t>(security), "unknown");
}

bool security_from_string(std::string_view text, Security& out) {
  std::size_t index = 0;
  if (!codec::index_of(codec::name_list(kSecurityNames), text, index)) return false;
  out = static_cast<Security>(index);
  return true;
}

void ScanEntry::set_ssid(std::string_view value) {
  ssid_len = static_cast<std::uint8_t>(value.size() < kSsidMaxLength ? value.size() : kSsidMaxLength);
  for (std::size_t i = 0; i < ssid_len; ++i) ssid[i] = value[i];
}

void write_scan_entry(JsonWriter& json, const ScanEntry& entry) {
  char bssid[kMacTextLength];
  write_mac(entry.bssid, bssid);
  json.begin_object();
  json.member("ssid", entry.ssid_view());
  json.member("bssid", std::string_view(bssid, sizeof(bssid)));
  json.member("rssi", static_cast<std::int64_t>(entry.rssi));
  json.member("sec", to_string(entry.security));
  json.member("ch", static_cast<std::int64_t>(entry.channel));
  // As Edgent's ESP8266 firmware writes it ("hidden":%d of isHidden()): 0 or 1, not a JSON boolean.
  json.member("hidden", static_cast<std::int64_t>(entry.hidden ? 1 : 0));
  json.end_object();
}

std::size_t write_scan_entry_json(const ScanEntry& entry, char* out, std::size_t cap) {
  JsonWriter json(out, cap);
  write_scan_entry(json, entry);
  return json.complete() ? json.size() : 0;
}

std::size_t write_scan_json(const ScanEntry* entries, std::size_t n, char* out, std::size_t cap) {
  TopEntries top(entries);
  for (std::size_t i = 0; i < n; ++i) top.offer(i);

  JsonWriter json(out, cap);
  json.begin_array();
  for (std::size_t i = 0; i < top.count(); ++i) write_scan_entry(json, top[i]);
  json.end_array();
  return json.complete() ? json.size() : 0;
}

}  // namespace onboard::setup
