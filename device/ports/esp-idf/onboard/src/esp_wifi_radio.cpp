#include <cstring>

#include "esp_event.h"
#include "esp_log.h"
#include "esp_netif.h"
#include "esp_wifi.h"
#include "freertos/FreeRTOS.h"
#include "lwip/ip4_addr.h"
#include "onboard/device/ports/esp_idf/esp_idf_hal.hpp"

namespace onboard::esp_idf {

namespace {

const char* const kTag = "onboard.wifi";

// One radio per chip, so one lock: event task vs. the loop's task.
portMUX_TYPE radio_lock = portMUX_INITIALIZER_UNLOCKED;

struct Locked {
  Locked() { portENTER_CRITICAL(&radio_lock); }
  ~Locked() { portEXIT_CRITICAL(&radio_lock); }
};

void on_wifi_event(void* self, esp_event_base_t base, std::int32_t id, void* data) {
  static_cast<EspWifi*>(self)->on_event(base, id, data);
}

hal::Security security_of(wifi_auth_mode_t mode) {
  switch (mode) {
    case WIFI_AUTH_OPEN: return hal::Security::Open;
    case WIFI_AUTH_WEP: return hal::Security::Wep;
    case WIFI_AUTH_WPA_PSK: return hal::Security::Wpa;
    case WIFI_AUTH_WPA2_PSK: return hal::Security::Wpa2;
    case WIFI_AUTH_WPA_WPA2_PSK: return hal::Security::WpaWpa2;
    case WIFI_AUTH_WPA2_ENTERPRISE: return hal::Security::Wpa2Enterprise;
    case WIFI_AUTH_WPA3_PSK: return hal::Security::Wpa3;
    case WIFI_AUTH_WPA2_WPA3_PSK: return hal::Security::Wpa2Wpa3;
    case WIFI_AUTH_WAPI_PSK: return hal::Security::Wapi;
    default: return hal::Security::Unknown;
  }
}

// The disconnect reasons ESP-IDF documents for a join that cannot succeed.
hal::LinkFailure failure_of(std::uint8_t reason) {
  switch (reason) {
    case WIFI_REASON_AUTH_FAIL:
    case WIFI_REASON_4WAY_HANDSHAKE_TIMEOUT:
    case WIFI_REASON_HANDSHAKE_TIMEOUT: return hal::LinkFailure::WrongPassword;
    case WIFI_REASON_NO_AP_FOUND: return hal::LinkFailure::NetworkNotFound;
    case WIFI_REASON_BEACON_TIMEOUT: return hal::LinkFailure::LinkLost;
    default: return hal::LinkFailure::Other;
  }
}

hal::Ip4 ip4(std::uint32_t network_order) {
  return hal::Ip4{lwip_ntohl(network_order)};
}

}  // namespace

bool EspWifi::begin() {
  if (esp_netif_init() != ESP_OK) return false;
  const esp_err_t loop = esp_event_loop_create_default();
  if (loop != ESP_OK && loop != ESP_ERR_INVALID_STATE) return false;  // already made: fine
  esp_netif_create_default_wifi_ap();
  sta_netif_ = esp_netif_create_default_wifi_sta();
  wifi_init_config_t config = WIFI_INIT_CONFIG_DEFAULT();
  if (esp_wifi_init(&config) != ESP_OK) return false;
  // The core keeps the configuration itself; ESP-IDF's own NVS copy would be a
  // second, unsynchronised one.
  esp_wifi_set_storage(WIFI_STORAGE_RAM);
  esp_event_handler_register(WIFI_EVENT, ESP_EVENT_ANY_ID, on_wifi_event, this);
  esp_event_handler_register(IP_EVENT, IP_EVENT_STA_GOT_IP, on_wifi_event, this);
  esp_wifi_set_mode(WIFI_MODE_STA);
  return esp_wifi_start() == ESP_OK;
}

bool EspWifi::apply_mode() {
  // The station interface stays on even without a join: scans need it.
  const wifi_mode_t mode = ap_on_ ? WIFI_MODE_APSTA : WIFI_MODE_STA;
  return esp_wifi_set_mode(mode) == ESP_OK;
}

bool EspWifi::start_ap(std::string_view ssid) {
  if (ssid.empty() || ssid.size() > sizeof(wifi_ap_config_t::ssid)) return false;
  wifi_config_t config = {};
  std::memcpy(config.ap.ssid, ssid.data(), ssid.size());
  config.ap.ssid_len = static_cast<std::uint8_t>(ssid.size());
  config.ap.authmode = WIFI_AUTH_OPEN;
  config.ap.max_connection = 4;
  config.ap.channel = 1;
  ap_on_ = true;
  if (!apply_mode() || esp_wifi_set_config(WIFI_IF_AP, &config) != ESP_OK) {
    ap_on_ = false;
    apply_mode();
    ESP_LOGE(kTag, "access point refused");
    return false;
  }
  return true;
}

void EspWifi::stop_ap() {
  ap_on_ = false;
  apply_mode();
}

bool EspWifi::ap_active() const {
  return ap_on_;
}

bool EspWifi::start_scan() {
  wifi_scan_config_t config = {};
  config.show_hidden = true;
  {
    Locked lock;
    if (scan_ == hal::ScanState::Running) return true;
    scan_ = hal::ScanState::Running;
  }
  if (esp_wifi_scan_start(&config, false) == ESP_OK) return true;
  Locked lock;
  scan_ = hal::ScanState::Failed;
  return false;
}

hal::ScanState EspWifi::scan_state() const {
  Locked lock;
  return scan_;
}

std::size_t EspWifi::scan_results(hal::ScanResult* out, std::size_t capacity) const {
  Locked lock;
  const std::size_t n = result_count_ < capacity ? result_count_ : capacity;
  for (std::size_t i = 0; i < n; ++i) out[i] = results_[i];
  return n;
}

bool EspWifi::join(const hal::StationConfig& config) {
  wifi_config_t wifi = {};
  if (config.ssid_len > sizeof(wifi.sta.ssid)) return false;
  std::memcpy(wifi.sta.ssid, config.ssid, config.ssid_len);
  std::strncpy(reinterpret_cast<char*>(wifi.sta.password), config.password, sizeof(wifi.sta.password) - 1);
  // Accept whatever the network offers, WEP and open included, as Edgent does.
  wifi.sta.threshold.authmode = WIFI_AUTH_OPEN;
  if (config.static_ip) {
    esp_netif_dhcpc_stop(sta_netif_);
    esp_netif_ip_info_t info = {};
    info.ip.addr = lwip_htonl(config.ip.value);
    info.netmask.addr = lwip_htonl(config.mask.value);
    info.gw.addr = lwip_htonl(config.gateway.value);
    esp_netif_set_ip_info(sta_netif_, &info);
    esp_netif_dns_info_t dns = {};
    dns.ip.type = ESP_IPADDR_TYPE_V4;
    dns.ip.u_addr.ip4.addr = lwip_htonl(config.dns.value);
    esp_netif_set_dns_info(sta_netif_, ESP_NETIF_DNS_MAIN, &dns);
  } else {
    esp_netif_dhcpc_start(sta_netif_);
  }
  esp_wifi_disconnect();
  {
    Locked lock;
    station_ = hal::StationStatus{};
    station_.state = hal::JoinState::Joining;
    joining_ = true;
    station_wanted_ = true;
  }
  if (esp_wifi_set_config(WIFI_IF_STA, &wifi) == ESP_OK && esp_wifi_connect() == ESP_OK) return true;
  Locked lock;
  station_.state = hal::JoinState::Failed;
  station_.failure = hal::LinkFailure::Other;
  joining_ = false;
  return false;
}

void EspWifi::leave() {
  {
    Locked lock;
    station_wanted_ = false;
    joining_ = false;
    station_ = hal::StationStatus{};
  }
  esp_wifi_disconnect();
}

hal::StationStatus EspWifi::station_status() const {
  Locked lock;
  return station_;
}

hal::MacAddress EspWifi::ap_mac() const {
  hal::MacAddress mac;
  esp_wifi_get_mac(WIFI_IF_AP, mac.bytes);
  return mac;
}

hal::MacAddress EspWifi::station_mac() const {
  hal::MacAddress mac;
  esp_wifi_get_mac(WIFI_IF_STA, mac.bytes);
  return mac;
}

void EspWifi::on_event(const char* base, std::int32_t id, void* data) {
  if (base == IP_EVENT && id == IP_EVENT_STA_GOT_IP) {
    const auto* got = static_cast<const ip_event_got_ip_t*>(data);
    wifi_ap_record_t ap = {};
    const bool have_ap = esp_wifi_sta_get_ap_info(&ap) == ESP_OK;
    Locked lock;
    station_.state = hal::JoinState::Joined;
    station_.failure = hal::LinkFailure::None;
    station_.ip = ip4(got->ip_info.ip.addr);
    station_.gateway = ip4(got->ip_info.gw.addr);
    if (have_ap) {
      station_.channel = ap.primary;
      station_.rssi = ap.rssi;
    }
    joining_ = false;
    return;
  }
  if (base != WIFI_EVENT) return;
  if (id == WIFI_EVENT_SCAN_DONE) {
    wifi_ap_record_t records[kMaxResults];
    std::uint16_t count = kMaxResults;
    const bool ok = esp_wifi_scan_get_ap_records(&count, records) == ESP_OK;
    Locked lock;
    result_count_ = 0;
    for (std::uint16_t i = 0; ok && i < count; ++i) {
      hal::ScanResult& r = results_[result_count_++];
      r = hal::ScanResult{};
      const std::size_t len = strnlen(reinterpret_cast<const char*>(records[i].ssid), 32);
      std::memcpy(r.ssid, records[i].ssid, len);
      r.ssid_len = static_cast<std::uint8_t>(len);
      std::memcpy(r.bssid.bytes, records[i].bssid, 6);
      r.rssi = records[i].rssi;
      r.channel = records[i].primary;
      r.band = records[i].primary > 14 ? hal::Band::Ghz5 : hal::Band::Ghz2_4;
      r.security = security_of(records[i].authmode);
    }
    scan_ = ok ? hal::ScanState::Done : hal::ScanState::Failed;
    return;
  }
  if (id == WIFI_EVENT_STA_DISCONNECTED) {
    const auto* gone = static_cast<const wifi_event_sta_disconnected_t*>(data);
    Locked lock;
    if (!station_wanted_) return;
    station_.state = hal::JoinState::Failed;
    station_.failure = joining_ ? failure_of(gone->reason) : hal::LinkFailure::LinkLost;
    joining_ = false;
  }
}

}  // namespace onboard::esp_idf
