// A freestanding smoke test of the real Device on an emulated chip (no
// GoogleTest, no heap, no C++ library): a fake HAL in static memory, the fake
// clock moved by the loop. It checks that a fresh device opens its access point
// and serves GET /board_info.json, and that the double formatting (which the
// ESP8266 does with ROM arithmetic) gives the host's digits.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "console.hpp"
#include "onboard/device/device.hpp"

namespace {

using namespace onboard;

constexpr const char* kTemplateId = "TMPLsmoke001";
constexpr const char* kTemplateName = "Smoke";

struct FakeClock final : hal::Clock {
  std::uint64_t now = 1000;
  std::uint64_t now_ms() const override { return now; }
};

struct FakeGpio final : hal::Gpio {
  void set_mode(std::uint8_t, hal::PinMode) override {}
  bool read(std::uint8_t) override { return true; }  // buttons idle high
  void write(std::uint8_t, bool) override {}
  void write_pwm(std::uint8_t, std::uint8_t) override {}
  void write_pixel(std::uint8_t, std::uint8_t, std::uint8_t, std::uint8_t) override {}
};

// Erased flash: a device that was never set up.
struct FakeStorage final : hal::Storage {
  std::uint8_t bytes[8192];
  FakeStorage() { std::memset(bytes, 0xFF, sizeof bytes); }
  std::size_t size() const override { return sizeof bytes; }
  bool read(std::size_t offset, std::uint8_t* out, std::size_t length) override {
    if (offset > sizeof bytes || length > sizeof bytes - offset) return false;
    std::memcpy(out, bytes + offset, length);
    return true;
  }
  bool write(std::size_t offset, const std::uint8_t* data, std::size_t length) override {
    if (offset > sizeof bytes || length > sizeof bytes - offset) return false;
    std::memcpy(bytes + offset, data, length);
    return true;
  }
  bool flush() override { return true; }
};

struct FakeSystem final : hal::System {
  std::uint64_t chip_id() const override { return 0x00C0FFEEull; }
  void restart() override {}
  std::size_t free_memory() const override { return 16384; }
  void log_line(std::string_view line) override {
    char text[160];
    const std::size_t n = line.size() < sizeof text - 2 ? line.size() : sizeof text - 2;
    std::memcpy(text, line.data(), n);
    text[n] = '\n';
    text[n + 1] = '\0';
    smoke_print("  serial: ");
    smoke_print(text);
  }
};

struct FakeWifi final : hal::Wifi {
  char ap_ssid[40] = {};
  bool ap_on = false;
  bool scanned = false;
  bool start_ap(std::string_view ssid) override {
    if (ssid.size() >= sizeof ap_ssid) return false;
    std::memcpy(ap_ssid, ssid.data(), ssid.size());
    ap_ssid[ssid.size()] = '\0';
    ap_on = true;
    return true;
  }
  void stop_ap() override { ap_on = false; }
  bool ap_active() const override { return ap_on; }
  bool start_scan() override { return scanned = true; }
  hal::ScanState scan_state() const override { return scanned ? hal::ScanState::Done : hal::ScanState::Idle; }
  std::size_t scan_results(hal::ScanResult* out, std::size_t capacity) const override {
    if (capacity == 0) return 0;
    hal::ScanResult home;
    std::memcpy(home.ssid, "Home", 4);
    home.ssid_len = 4;
    home.rssi = -50;
    home.channel = 6;
    home.security = hal::Security::Wpa2;
    out[0] = home;
    return 1;
  }
  bool join(const hal::StationConfig&) override { return false; }
  void leave() override {}
  hal::StationStatus station_status() const override { return {}; }
  hal::MacAddress ap_mac() const override { return {{0x02, 0, 0, 0xC0, 0xFF, 0xEE}}; }
  hal::MacAddress station_mac() const override { return {{0x02, 0, 0, 0xC0, 0xFF, 0xEF}}; }
};

// One listener per port and a single scripted client on port 80.
struct FakeNet final : hal::Net {
  static constexpr hal::Handle kClient = 40;
  std::uint16_t listening[4] = {};
  const char* request = nullptr;  // what the client sends once accepted
  std::size_t request_left = 0;
  bool client_waiting = false;
  bool client_open = false;
  char response[4096] = {};
  std::size_t response_length = 0;

  bool is_listening(std::uint16_t port) const {
    for (auto p : listening)
      if (p == port) return true;
    return false;
  }
  void dial(const char* text) {
    request = text;
    request_left = std::strlen(text);
    client_waiting = true;
    response_length = 0;
  }

  hal::Handle connect(std::string_view, std::uint16_t) override { return hal::kNoHandle; }
  hal::StreamState state(hal::Handle h) const override {
    return h == kClient && client_open ? hal::StreamState::Connected : hal::StreamState::Closed;
  }
  hal::StreamFailure failure(hal::Handle) const override { return hal::StreamFailure::None; }
  hal::IoResult send(hal::Handle h, const std::uint8_t* data, std::size_t length) override {
    if (h != kClient || !client_open) return hal::kIoError;
    const std::size_t room = sizeof response - 1 - response_length;
    const std::size_t n = length < room ? length : room;
    std::memcpy(response + response_length, data, n);
    response_length += n;
    response[response_length] = '\0';
    return static_cast<hal::IoResult>(n);
  }
  hal::IoResult receive(hal::Handle h, std::uint8_t* out, std::size_t capacity) override {
    if (h != kClient || !client_open) return hal::kIoError;
    const std::size_t n = request_left < capacity ? request_left : capacity;
    std::memcpy(out, request, n);
    request += n;
    request_left -= n;
    return static_cast<hal::IoResult>(n);
  }
  void close(hal::Handle h) override {
    if (h == kClient) client_open = false;
    for (std::size_t i = 0; i < 4; ++i)
      if (h == static_cast<hal::Handle>(i + 1)) listening[i] = 0;
  }
  hal::Handle listen(std::uint16_t port) override {
    for (std::size_t i = 0; i < 4; ++i)
      if (listening[i] == 0) {
        listening[i] = port;
        return static_cast<hal::Handle>(i + 1);
      }
    return hal::kNoHandle;
  }
  hal::Handle accept(hal::Handle listener) override {
    if (listener < 1 || listener > 4 || listening[listener - 1] != 80 || !client_waiting)
      return hal::kNoHandle;
    client_waiting = false;
    client_open = true;
    return kClient;
  }
  hal::Handle udp_bind(std::uint16_t port) override { return static_cast<hal::Handle>(20 + (port & 7)); }
  hal::IoResult udp_receive(hal::Handle, std::uint8_t*, std::size_t, hal::Endpoint*) override { return 0; }
  hal::IoResult udp_send(hal::Handle, const std::uint8_t*, std::size_t length,
                         const hal::Endpoint&) override {
    return static_cast<hal::IoResult>(length);
  }
};

int passed = 0;
int failed = 0;

void check(bool ok, const char* what) {
  smoke_print(ok ? "ok   " : "FAIL ");
  smoke_print(what);
  smoke_print("\n");
  ++(ok ? passed : failed);
}

bool contains(const char* text, const char* part) {
  return std::strstr(text, part) != nullptr;
}

void print_number(int value) {
  char digits[12];
  char* p = digits + sizeof digits;
  *--p = '\0';
  unsigned v = static_cast<unsigned>(value);
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  smoke_print(p);
}

bool formats(double value, std::string_view expected) {
  return device::PinValue(value).text() == expected;
}

}  // namespace

extern "C" [[noreturn]] void smoke_main() {
  // Everything on the stack: no static constructors to run on a bare chip.
  FakeClock clock;
  FakeGpio gpio;
  FakeStorage storage;
  FakeSystem system;
  FakeWifi wifi;
  FakeNet net;
  const hal::Hal hal{wifi, storage, gpio, clock, net, nullptr, system, nullptr};
  device::Settings settings;
  settings.template_id = kTemplateId;
  settings.template_name = kTemplateName;
  device::Device device(settings, hal);

  auto run_for = [&](std::uint64_t ms) {
    for (std::uint64_t end = clock.now + ms; clock.now < end; clock.now += 10) device.run();
  };

  smoke_print("device smoke test: the real Device on a fake HAL\n");
  device.begin();
  run_for(2000);

  check(wifi.ap_active(), "a fresh device opens its access point");
  const std::string_view ssid(wifi.ap_ssid);
  check(ssid.substr(0, 14) == "Onboard Smoke-" && ssid.size() == 18,
        "the access point is named 'Onboard Smoke-XXXX'");
  check(net.is_listening(80), "the setup server listens on port 80");

  net.dial("GET /board_info.json HTTP/1.1\r\nHost: 192.168.4.1\r\nConnection: close\r\n\r\n");
  run_for(500);
  check(std::strncmp(net.response, "HTTP/1.1 200", 12) == 0, "GET /board_info.json answers 200");
  check(contains(net.response, "\"tmpl_id\":\"TMPLsmoke001\""), "board info carries the template id");
  char ssid_field[64] = "\"ssid\":\"";
  std::strcat(ssid_field, wifi.ap_ssid);
  std::strcat(ssid_field, "\"");
  check(contains(net.response, ssid_field), "board info names the access point");
  check(!net.client_open, "the server closes after Connection: close");

  check(formats(3.5, "3.5") && formats(-0.25, "-0.25") && formats(123456.789, "123456.789") &&
            formats(0.1 + 0.2, "0.3") && formats(1e-7, "0"),
        "doubles format as on the host");

  print_number(passed);
  smoke_print(" passed, ");
  print_number(failed);
  smoke_print(" failed\n");
  smoke_exit(failed == 0 ? 0 : 1);
}
