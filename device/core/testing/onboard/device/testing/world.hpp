// A whole fake world around one device for flow tests: every HAL fake, a fake
// cloud, and helpers that run the device on the fake clock and talk HTTP/DNS to it.
#pragma once

#include <memory>
#include <string>

#include "onboard/device/device.hpp"
#include "onboard/device/testing/fake_basics.hpp"
#include "onboard/device/testing/fake_cloud.hpp"
#include "onboard/device/testing/fake_net.hpp"
#include "onboard/device/testing/fake_storage.hpp"
#include "onboard/device/testing/fake_wifi.hpp"

namespace onboard::testing {

struct HttpReply {
  int status = 0;
  std::string headers;
  std::string body;
  bool closed = false;
};

class World {
 public:
  World() {
    settings.template_id = "TMPL12345678";
    settings.template_name = "Smart Lamp";
    settings.firmware_version = "1.2.3";
    settings.cloud_host = "cloud.test";
    settings.cloud_port = 443;
  }

  FakeClock clock;
  FakeStorage storage{1024};
  FakeWifi wifi{clock};
  FakeGpio gpio;
  FakeNet net;
  FakeTls tls{net};
  FakeSystem system;
  FakeLed led;
  FakeCloud cloud{net};
  device::Settings settings;
  bool use_led = false;
  hal::Hal hal{wifi, storage, gpio, clock, net, &tls, system, nullptr};
  std::unique_ptr<device::Device> device;

  // Builds and begins a device (again: a reboot keeps storage, drops RAM).
  device::Device& boot() {
    device.reset();
    net.power_cycle();
    wifi.stop_ap();
    wifi.leave();
    hal.led = use_led ? &led : nullptr;
    device = std::make_unique<device::Device>(settings, hal);
    device->begin();
    return *device;
  }

  // Runs the device for ms of fake time, jumping from wakeup to wakeup.
  void run_for(std::uint64_t ms) {
    const std::uint64_t end = clock.now + ms;
    while (clock.now < end) {
      device->run();
      cloud.pump();
      std::uint64_t next = device->next_wakeup_ms();
      if (next <= clock.now) next = clock.now + 1;
      clock.now = next < end ? next : end;
    }
    device->run();
    cloud.pump();
  }

  // Runs until pred() or the time limit; returns pred().
  template <typename Pred>
  bool run_until(Pred pred, std::uint64_t limit_ms = 600000) {
    const std::uint64_t end = clock.now + limit_ms;
    while (!pred() && clock.now < end) run_for(10);
    return pred();
  }

  // Sends raw bytes as one client and collects the reply (until the device
  // closes or a whole response with its Content-Length arrived).
  HttpReply http_raw(const std::string& request, std::shared_ptr<Pipe> pipe = nullptr) {
    if (!pipe) pipe = net.dial(80);
    HttpReply reply;
    if (!pipe) return reply;
    pipe->to_device += request;
    for (int i = 0; i < 500; ++i) {
      run_for(5);
      if (parse(pipe->from_device, reply) || pipe->device_closed) break;
    }
    parse(pipe->from_device, reply);
    reply.closed = pipe->device_closed;
    pipe->from_device.clear();
    return reply;
  }
  HttpReply get(const std::string& target) {
    return http_raw("GET " + target + " HTTP/1.1\r\nHost: 192.168.4.1\r\nConnection: close\r\n\r\n");
  }

  std::string token(char c = 'A') const { return std::string(32, c); }
  std::string config_query(const std::string& ssid, const std::string& pass, const std::string& tok) const {
    return "/config?ssid=" + ssid + "&pass=" + pass + "&blynk=" + tok + "&host=cloud.test&port_ssl=443";
  }

  static bool parse(const std::string& raw, HttpReply& reply) {
    const std::size_t end = raw.find("\r\n\r\n");
    if (end == std::string::npos || raw.size() < 12) return false;
    reply.status = std::stoi(raw.substr(9, 3));
    reply.headers = raw.substr(0, end);
    std::size_t length = 0;
    const std::size_t cl = reply.headers.find("Content-Length: ");
    if (cl != std::string::npos) length = std::stoul(reply.headers.substr(cl + 16));
    if (raw.size() < end + 4 + length) return false;
    reply.body = raw.substr(end + 4, length);
    return true;
  }
};

}  // namespace onboard::testing
