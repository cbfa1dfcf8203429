// The device core's HAL on ESP-IDF: esp_wifi in APSTA mode, lwIP sockets, esp-tls,
// an NVS blob, esp_timer, GPIO and LEDC. One EspIdfHal object per firmware.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/hal/hal.hpp"

struct esp_tls;
struct esp_netif_obj;

namespace onboard::esp_idf {

// The radio: the open setup access point (192.168.4.1/24, ESP-IDF's default for
// the AP interface) and the station side at once, so scans work while the phone
// is connected. esp_wifi's events arrive on the event task; begin() registers
// them, and the state they change is guarded by a spinlock.
class EspWifi final : public hal::Wifi {
 public:
  // Initialises NVS-backed Wi-Fi, netifs and the default event loop. Call once
  // before the Device's begin(); false (and a log line) if ESP-IDF refuses.
  bool begin();

  bool start_ap(std::string_view ssid) override;
  void stop_ap() override;
  bool ap_active() const override;
  bool start_scan() override;
  hal::ScanState scan_state() const override;
  std::size_t scan_results(hal::ScanResult* out, std::size_t capacity) const override;
  bool join(const hal::StationConfig& config) override;
  void leave() override;
  hal::StationStatus station_status() const override;
  hal::MacAddress ap_mac() const override;
  hal::MacAddress station_mac() const override;

  // Called by ESP-IDF's event task (public so the C callback can reach it).
  void on_event(const char* base, std::int32_t id, void* data);

 private:
  bool apply_mode();

  esp_netif_obj* sta_netif_ = nullptr;
  bool ap_on_ = false;
  bool station_wanted_ = false;
  bool joining_ = false;  // a join was asked for and has not ended yet
  hal::ScanState scan_ = hal::ScanState::Idle;
  hal::StationStatus station_;
  static constexpr std::size_t kMaxResults = 16;
  hal::ScanResult results_[kMaxResults] = {};
  std::size_t result_count_ = 0;
};

// Non-blocking TCP and UDP on lwIP's BSD sockets. Names are resolved with lwIP's
// asynchronous DNS, started on lwIP's own task (tcpip_callback: ESP-IDF builds
// without core locking by default), so connect() never blocks the loop.
class LwipNet final : public hal::Net {
 public:
  static constexpr std::size_t kMaxSockets = 12;  // LWIP_MAX_SOCKETS is 10-16

  hal::Handle connect(std::string_view host, std::uint16_t port) override;
  hal::StreamState state(hal::Handle stream) const override;
  hal::StreamFailure failure(hal::Handle stream) const override;
  hal::IoResult send(hal::Handle stream, const std::uint8_t* data, std::size_t length) override;
  hal::IoResult receive(hal::Handle stream, std::uint8_t* out, std::size_t capacity) override;
  void close(hal::Handle handle) override;
  hal::Handle listen(std::uint16_t port) override;
  hal::Handle accept(hal::Handle listener) override;
  hal::Handle udp_bind(std::uint16_t port) override;
  hal::IoResult udp_receive(hal::Handle socket, std::uint8_t* out, std::size_t capacity,
                            hal::Endpoint* from) override;
  hal::IoResult udp_send(hal::Handle socket, const std::uint8_t* data, std::size_t length,
                         const hal::Endpoint& to) override;

  enum class Phase : std::uint8_t { Resolving, Connecting, Done };
  struct Entry {
    bool used = false;
    int fd = -1;
    bool listener = false;
    Phase phase = Phase::Done;
    std::uint16_t port = 0;
    std::uint16_t generation = 0;         // tells a late DNS answer for a reused entry
    char host[64] = {};                   // read by the DNS lookup on lwIP's task
    volatile std::uint32_t resolved = 0;  // set by lwIP's DNS callback (tcpip task)
    volatile bool resolve_failed = false;
    hal::StreamState state = hal::StreamState::Closed;
    hal::StreamFailure failure = hal::StreamFailure::None;
  };

 private:
  hal::Handle allocate();
  Entry* find(hal::Handle handle) const;
  void advance(Entry& entry) const;
  void start_connect(Entry& entry, std::uint32_t ip) const;

  mutable Entry entries_[kMaxSockets] = {};
  std::uint16_t generations_ = 0;
};

// TLS client streams through esp-tls (mbedTLS inside ESP-IDF), non-blocking.
// The CA is the PEM the maker gives (ESP-IDF's certificate bundle when empty).
class EspTls final : public hal::Tls {
 public:
  static constexpr std::size_t kMaxSessions = 2;
  // pem must outlive the object and include its terminating NUL.
  explicit EspTls(std::string_view ca_pem = {}) : ca_pem_(ca_pem) {}

  hal::Handle connect(std::string_view host, std::uint16_t port) override;
  hal::StreamState state(hal::Handle stream) const override;
  hal::StreamFailure failure(hal::Handle stream) const override;
  hal::IoResult send(hal::Handle stream, const std::uint8_t* data, std::size_t length) override;
  hal::IoResult receive(hal::Handle stream, std::uint8_t* out, std::size_t capacity) override;
  void close(hal::Handle stream) override;

 private:
  struct Session {
    esp_tls* tls = nullptr;
    char host[64] = {};
    std::uint16_t port = 0;
    hal::StreamState state = hal::StreamState::Closed;
    hal::StreamFailure failure = hal::StreamFailure::None;
  };
  Session* find(hal::Handle handle) const;
  void advance(Session& session) const;

  std::string_view ca_pem_;
  mutable Session sessions_[kMaxSessions] = {};
};

// The core's configuration region as one NVS blob, mirrored in RAM: read() serves
// the mirror, flush() writes the blob and commits. NVS replaces a blob atomically,
// which is stronger than the core needs (it tolerates torn writes).
class NvsStorage final : public hal::Storage {
 public:
  static constexpr std::size_t kSize = 2048;
  // Opens (and, on a fresh or full partition, erases and re-inits) NVS.
  bool begin();

  std::size_t size() const override { return kSize; }
  bool read(std::size_t offset, std::uint8_t* out, std::size_t length) override;
  bool write(std::size_t offset, const std::uint8_t* data, std::size_t length) override;
  bool flush() override;

 private:
  std::uint32_t handle_ = 0;
  bool open_ = false;
  bool dirty_ = false;
  std::uint8_t mirror_[kSize];
};

// Pins through the GPIO driver; PWM through LEDC channels given out in order of
// first use. Addressable pixels need the led_strip managed component: not here.
class EspGpio final : public hal::Gpio {
 public:
  void set_mode(std::uint8_t pin, hal::PinMode mode) override;
  bool read(std::uint8_t pin) override;
  void write(std::uint8_t pin, bool high) override;
  void write_pwm(std::uint8_t pin, std::uint8_t duty) override;
  void write_pixel(std::uint8_t pin, std::uint8_t r, std::uint8_t g, std::uint8_t b) override;

 private:
  static constexpr std::size_t kChannels = 6;  // LEDC channels on the ESP32-C3
  int channel_for(std::uint8_t pin);
  std::uint8_t channel_pin_[kChannels] = {};
  std::uint8_t channels_used_ = 0;
  bool timer_ready_ = false;
};

// esp_timer's microseconds since boot, as milliseconds.
class EspClock final : public hal::Clock {
 public:
  std::uint64_t now_ms() const override;
};

// The chip: eFuse MAC as chip id, esp_restart, free heap, ESP_LOG lines.
class EspSystem final : public hal::System {
 public:
  std::uint64_t chip_id() const override;
  void restart() override;
  std::size_t free_memory() const override;
  void log_line(std::string_view line) override;
};

// The whole port. Call begin() in app_main before Device::begin(); hal() is what
// Device takes (it keeps a reference, so this object must outlive it).
class EspIdfHal {
 public:
  explicit EspIdfHal(std::string_view cloud_ca_pem = {}) : tls_(cloud_ca_pem) {}
  bool begin() { return storage_.begin() && wifi_.begin(); }
  const hal::Hal& hal() const { return hal_; }

 private:
  EspWifi wifi_;
  NvsStorage storage_;
  EspGpio gpio_;
  EspClock clock_;
  LwipNet net_;
  EspTls tls_;
  EspSystem system_;
  hal::Hal hal_{wifi_, storage_, gpio_, clock_, net_, &tls_, system_, nullptr};
};

}  // namespace onboard::esp_idf
