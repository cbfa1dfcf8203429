#include "driver/gpio.h"
#include "driver/ledc.h"
#include "onboard/device/ports/esp_idf/esp_idf_hal.hpp"

namespace onboard::esp_idf {

namespace {
constexpr ledc_mode_t kMode = LEDC_LOW_SPEED_MODE;  // the only mode the C3 has
constexpr ledc_timer_t kTimer = LEDC_TIMER_0;
}  // namespace

void EspGpio::set_mode(std::uint8_t pin, hal::PinMode mode) {
  const auto gpio = static_cast<gpio_num_t>(pin);
  gpio_reset_pin(gpio);
  switch (mode) {
    case hal::PinMode::Output: gpio_set_direction(gpio, GPIO_MODE_OUTPUT); break;
    case hal::PinMode::Input:
      gpio_set_direction(gpio, GPIO_MODE_INPUT);
      gpio_set_pull_mode(gpio, GPIO_FLOATING);
      break;
    case hal::PinMode::InputPullUp:
      gpio_set_direction(gpio, GPIO_MODE_INPUT);
      gpio_set_pull_mode(gpio, GPIO_PULLUP_ONLY);
      break;
    case hal::PinMode::InputPullDown:
      gpio_set_direction(gpio, GPIO_MODE_INPUT);
      gpio_set_pull_mode(gpio, GPIO_PULLDOWN_ONLY);
      break;
  }
}

bool EspGpio::read(std::uint8_t pin) {
  return gpio_get_level(static_cast<gpio_num_t>(pin)) != 0;
}

void EspGpio::write(std::uint8_t pin, bool high) {
  gpio_set_level(static_cast<gpio_num_t>(pin), high ? 1 : 0);
}

int EspGpio::channel_for(std::uint8_t pin) {
  for (std::uint8_t i = 0; i < channels_used_; ++i)
    if (channel_pin_[i] == pin) return i;
  if (channels_used_ == kChannels) return -1;
  if (!timer_ready_) {
    ledc_timer_config_t timer = {};
    timer.speed_mode = kMode;
    timer.duty_resolution = LEDC_TIMER_8_BIT;
    timer.timer_num = kTimer;
    timer.freq_hz = 5000;
    timer.clk_cfg = LEDC_AUTO_CLK;
    if (ledc_timer_config(&timer) != ESP_OK) return -1;
    timer_ready_ = true;
  }
  ledc_channel_config_t channel = {};
  channel.gpio_num = pin;
  channel.speed_mode = kMode;
  channel.channel = static_cast<ledc_channel_t>(channels_used_);
  channel.timer_sel = kTimer;
  channel.duty = 0;
  if (ledc_channel_config(&channel) != ESP_OK) return -1;
  channel_pin_[channels_used_] = pin;
  return channels_used_++;
}

void EspGpio::write_pwm(std::uint8_t pin, std::uint8_t duty) {
  const int channel = channel_for(pin);
  if (channel < 0) {
    write(pin, duty >= 128);  // out of LEDC channels: plain on/off rather than nothing
    return;
  }
  ledc_set_duty(kMode, static_cast<ledc_channel_t>(channel), duty);
  ledc_update_duty(kMode, static_cast<ledc_channel_t>(channel));
}

void EspGpio::write_pixel(std::uint8_t, std::uint8_t, std::uint8_t, std::uint8_t) {
  // WS2812 timing needs RMT and the led_strip component (a managed component, not
  // part of ESP-IDF itself): boards with a pixel LED use a board preset with a
  // plain LED until that port exists.
}

}  // namespace onboard::esp_idf
