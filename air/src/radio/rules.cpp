#include "radio/rules.hpp"

#include <algorithm>

#include "onboard/protocol/air/limits.hpp"

namespace onboard::air {

std::optional<Reason> check_ssid(std::string_view ssid) {
  if (ssid.empty()) return Reason::bad_request;
  if (ssid.size() > kMaxSsid) return Reason::ssid_too_long;
  return std::nullopt;
}

std::optional<Reason> check_password(std::string_view password) {
  if (password.empty()) return std::nullopt;
  if (password.size() >= kMinPassword && password.size() <= 63) return std::nullopt;
  if (password.size() == 64 && std::all_of(password.begin(), password.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      })) {
    return std::nullopt;
  }
  return Reason::bad_password;
}

bool is_valid_channel(Band band, int channel) {
  if (band == Band::ghz2_4) return channel >= 1 && channel <= 13;
  if (channel >= 36 && channel <= 64) return channel % 4 == 0;
  if (channel >= 100 && channel <= 144) return channel % 4 == 0;
  if (channel >= 149 && channel <= 165) return (channel - 149) % 4 == 0;
  return false;
}

int default_channel(Band band) {
  return band == Band::ghz2_4 ? 6 : 36;
}

namespace {

bool audible(const AccessPoint& ap, RadioBands bands, std::string_view self) {
  return ap.on && bands.hears(ap.band) && ap.owner != self;
}

}  // namespace

std::vector<const AccessPoint*> scan(const std::vector<const AccessPoint*>& aps, RadioBands bands,
                                     std::string_view self) {
  std::vector<const AccessPoint*> heard;
  for (const AccessPoint* ap : aps) {
    if (audible(*ap, bands, self)) heard.push_back(ap);
  }
  std::stable_sort(heard.begin(), heard.end(), [](const AccessPoint* a, const AccessPoint* b) {
    if (a->rssi != b->rssi) return a->rssi > b->rssi;
    return a->ssid < b->ssid;
  });
  if (heard.size() > kMaxScanEntries) heard.resize(kMaxScanEntries);
  return heard;
}

JoinDecision decide_join(const std::vector<const AccessPoint*>& aps, RadioBands bands, std::string_view self,
                         std::string_view ssid, std::string_view password) {
  JoinDecision decision;
  // Strongest first, as a station picks among APs sharing an SSID.
  for (const AccessPoint* ap : scan(aps, bands, self)) {
    if (ap->ssid != ssid) continue;
    if (ap->security() == Security::open || ap->password == password) {
      decision.ap = ap;
      return decision;
    }
    decision.reason = Reason::wrong_password;
  }
  return decision;
}

ApChannelMove ap_channel_after_join(int ap_channel, int station_channel, bool follow) {
  if (!follow || ap_channel == station_channel) return {ap_channel, false};
  return {station_channel, true};
}

int ap_start_channel(int requested, int station_channel, bool follow) {
  if (follow && station_channel > 0) return station_channel;
  if (requested > 0) return requested;
  return 1;
}

bool is_valid_host_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxHostName) return false;
  if (name == "internet" || name == "router") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

}  // namespace onboard::air
