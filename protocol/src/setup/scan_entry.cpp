#include "onboard/protocol/setup/scan_entry.hpp"

#include "onboard/protocol/setup/json_writer.hpp"

namespace onboard::setup {

namespace {

constexpr std::string_view kSecurityNames[] = {"OPEN",     "WEP",  "WPA",       "WPA2", "WPA+WPA2",
                                               "WPA2-EAP", "WPA3", "WPA2+WPA3", "WAPI", "unknown"};
static_assert(sizeof(kSecurityNames) / sizeof(kSecurityNames[0]) ==
                  static_cast<std::size_t>(Security::unknown) + 1,
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
  const auto index = static_cast<std::size_t>(security);
  return index < sizeof(kSecurityNames) / sizeof(kSecurityNames[0]) ? kSecurityNames[index] : "unknown";
}

bool security_from_string(std::string_view text, Security& out) {
  for (std::size_t i = 0; i < sizeof(kSecurityNames) / sizeof(kSecurityNames[0]); ++i) {
    if (kSecurityNames[i] == text) {
      out = static_cast<Security>(i);
      return true;
    }
  }
  return false;
}

void ScanEntry::set_ssid(std::string_view value) {
  ssid_len = static_cast<std::uint8_t>(value.size() < kSsidMaxLength ? value.size() : kSsidMaxLength);
  for (std::size_t i = 0; i < ssid_len; ++i) ssid[i] = value[i];
}

std::size_t write_scan_json(const ScanEntry* entries, std::size_t n, char* out, std::size_t cap) {
  TopEntries top(entries);
  for (std::size_t i = 0; i < n; ++i) top.offer(i);

  JsonWriter json(out, cap);
  json.begin_array();
  for (std::size_t i = 0; i < top.count(); ++i) {
    const ScanEntry& entry = top[i];
    char bssid[kMacTextLength];
    write_mac(entry.bssid, bssid);
    json.begin_object();
    json.key("ssid").string(entry.ssid_view());
    json.key("bssid").string(std::string_view(bssid, sizeof(bssid)));
    json.key("rssi").integer(entry.rssi);
    json.key("sec").string(to_string(entry.security));
    json.key("ch").integer(entry.channel);
    json.key("hidden").boolean(entry.hidden);
    json.end_object();
  }
  json.end_array();
  return json.complete() ? json.size() : 0;
}

}  // namespace onboard::setup
