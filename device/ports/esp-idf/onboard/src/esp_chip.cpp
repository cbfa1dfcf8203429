#include "esp_log.h"
#include "esp_mac.h"
#include "esp_system.h"
#include "esp_timer.h"
#include "onboard/device/ports/esp_idf/esp_idf_hal.hpp"

namespace onboard::esp_idf {

std::uint64_t EspClock::now_ms() const {
  return static_cast<std::uint64_t>(esp_timer_get_time()) / 1000;
}

std::uint64_t EspSystem::chip_id() const {
  std::uint8_t mac[6] = {};
  esp_efuse_mac_get_default(mac);
  std::uint64_t id = 0;
  for (std::uint8_t byte : mac) id = (id << 8) | byte;
  return id;
}

void EspSystem::restart() {
  esp_restart();
}

std::size_t EspSystem::free_memory() const {
  return esp_get_free_heap_size();
}

void EspSystem::log_line(std::string_view line) {
  ESP_LOGI("onboard", "%.*s", static_cast<int>(line.size()), line.data());
}

}  // namespace onboard::esp_idf
