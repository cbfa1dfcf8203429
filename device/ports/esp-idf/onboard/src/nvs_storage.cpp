#include <cstring>

#include "esp_log.h"
#include "nvs.h"
#include "nvs_flash.h"
#include "onboard/device/ports/esp_idf/esp_idf_hal.hpp"

namespace onboard::esp_idf {

namespace {
const char* const kTag = "onboard.nvs";
const char* const kNamespace = "onboard";
const char* const kKey = "config";
}  // namespace

bool NvsStorage::begin() {
  std::memset(mirror_, 0xFF, kSize);  // erased flash, as the core expects of a blank part
  esp_err_t rc = nvs_flash_init();
  if (rc == ESP_ERR_NVS_NO_FREE_PAGES || rc == ESP_ERR_NVS_NEW_VERSION_FOUND) {
    // The partition is full or from a newer layout: ESP-IDF's documented recovery.
    nvs_flash_erase();
    rc = nvs_flash_init();
  }
  if (rc != ESP_OK) {
    ESP_LOGE(kTag, "nvs_flash_init: %s", esp_err_to_name(rc));
    return false;
  }
  nvs_handle_t handle = 0;
  if (nvs_open(kNamespace, NVS_READWRITE, &handle) != ESP_OK) return false;
  handle_ = handle;
  open_ = true;
  std::size_t length = kSize;
  rc = nvs_get_blob(handle, kKey, mirror_, &length);
  if (rc != ESP_OK && rc != ESP_ERR_NVS_NOT_FOUND)
    ESP_LOGW(kTag, "config unreadable: %s", esp_err_to_name(rc));
  return true;
}

bool NvsStorage::read(std::size_t offset, std::uint8_t* out, std::size_t length) {
  if (offset > kSize || length > kSize - offset) return false;
  std::memcpy(out, mirror_ + offset, length);
  return true;
}

bool NvsStorage::write(std::size_t offset, const std::uint8_t* data, std::size_t length) {
  if (!open_ || offset > kSize || length > kSize - offset) return false;
  std::memcpy(mirror_ + offset, data, length);
  dirty_ = true;
  return true;
}

bool NvsStorage::flush() {
  if (!open_) return false;
  if (!dirty_) return true;
  if (nvs_set_blob(handle_, kKey, mirror_, kSize) != ESP_OK || nvs_commit(handle_) != ESP_OK) return false;
  dirty_ = false;
  return true;
}

}  // namespace onboard::esp_idf
