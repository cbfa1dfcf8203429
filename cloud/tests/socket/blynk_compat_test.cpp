// What the public Blynk C++ library sends and expects, over real sockets:
// Arduino-style info ("mcu" instead of "fw"), time requests, metadata, grouped
// writes, device buffer limits, and the device HTTP API's further calls.
#include <gtest/gtest.h>

#include <chrono>

#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

using blynk::Command;
using namespace std::chrono_literals;

std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class BlynkCompat : public CloudTest {
 protected:
  long device_id_of(long session) const {
    return api.get("/api/v1/provisioning/" + std::to_string(session)).json().value("deviceId", 0L);
  }
  HttpResult external(const std::string& call, const std::string& token, const std::string& rest = {}) const {
    return client().get("/external/api/" + call + "?token=" + token + rest);
  }
  // The next INTERNAL frame's fields (other frames are skipped).
  std::vector<std::string> next_internal(BlynkClient& d) const {
    for (int i = 0; i < 10; ++i) {
      auto f = d.read();
      if (!f) return {};
      if (f->command == Command::Internal) return f->fields();
    }
    return {};
  }
};

TEST_P(BlynkCompat, McuIsTheFirmwareVersionWhenFwIsAbsent) {
  auto p = provision();
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  ASSERT_EQ(d.login(p.token), 200);
  // As BlynkApiArduino.h sends it from an ESP32 build with BLYNK_FIRMWARE_VERSION "2.4.1".
  const auto info = d.send_info({{"mcu", "2.4.1"},
                                 {"fw-type", template_id},
                                 {"build", "Dec  1 2026 10:00:00"},
                                 {"blynk", "1.3.2"},
                                 {"h-beat", "45"},
                                 {"buff-in", "1024"},
                                 {"dev", "ESP32"},
                                 {"cpu", "240000000"},
                                 {"con", "WiFi"},
                                 {"tmpl", template_id}});
  ASSERT_EQ(d.wait_response(info), 200);
  const auto device = api.get("/api/v1/devices/" + std::to_string(device_id_of(p.id))).json();
  EXPECT_EQ(device.value("firmware", std::string()), "2.4.1") << device.dump();
}

TEST_P(BlynkCompat, RtcSyncIsAnsweredWithUnixSeconds) {
  auto p = provision();
  auto d = activated_device(p.token);
  const auto before = unix_ms() / 1000;
  d->send(Command::Internal, {"rtc", "sync"});  // WidgetRTC::requestTimeSync
  const auto fields = next_internal(*d);
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0], "rtc");
  const long long seconds = std::stoll(fields[1]);
  EXPECT_GE(seconds, before - 1);
  EXPECT_LE(seconds, unix_ms() / 1000 + 1);
}

TEST_P(BlynkCompat, UtcRequestsGetTheAnswersTheLibraryParses) {
  auto p = provision();
  auto d = activated_device(p.token);
  const auto before = unix_ms();
  d->send(Command::Internal, {"utc", "time"});
  auto f = next_internal(*d);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0], "utc");
  EXPECT_EQ(f[1], "time");
  EXPECT_GE(std::stoll(f[2]), before - 1000);  // milliseconds: the example divides by 1000
  EXPECT_LE(std::stoll(f[2]), unix_ms() + 1000);

  d->send(Command::Internal, {"utc", "iso"});
  f = next_internal(*d);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[1], "iso");
  EXPECT_EQ(f[2].size(), 20u) << f[2];  // 2026-12-01T21:40:52Z
  EXPECT_EQ(f[2].back(), 'Z');

  d->send(Command::Internal, {"utc", "tz"});
  EXPECT_EQ(next_internal(*d), (std::vector<std::string>{"utc", "tz", "0", "0"}));
  d->send(Command::Internal, {"utc", "tz_name"});
  EXPECT_EQ(next_internal(*d), (std::vector<std::string>{"utc", "tz_name", "UTC"}));
  d->send(Command::Internal, {"utc", "tz_rule"});
  EXPECT_EQ(next_internal(*d), (std::vector<std::string>{"utc", "tz_rule", "UTC0"}));
}

TEST_P(BlynkCompat, MetadataAndGroupedWritesAreAccepted) {
  auto p = provision();
  auto d = activated_device(p.token);
  // Edgent after its first connection, then Blynk.beginGroup() / endGroup() with and without a timestamp.
  d->send(Command::Internal, {"meta", "set", "Hotspot Name", "Blynk Lamp-1A2B"});
  d->send(Command::Group, {"b"});
  d->send(Command::Hardware, vw(1, "10"));
  d->send(Command::Hardware, vw(2, "20"));
  d->send(Command::Group, {"e"});
  d->send(Command::Group, {"t", std::to_string(unix_ms())});
  d->send(Command::Hardware, vw(3, "30"));
  d->send(Command::Group, {"e"});
  ASSERT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
  for (const auto& f : d->other) {
    EXPECT_NE(f.command, Command::Response) << "unexpected RESPONSE status " << f.length;
  }
  const auto r = external("get", p.token, "&V1&V2&V3");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), (nlohmann::json{{"V1", "10"}, {"V2", "20"}, {"V3", "30"}}));
  EXPECT_FALSE(d->closed());
}

TEST_P(BlynkCompat, AValueTooLargeForTheDeviceBufferIsAnErrorNot200) {
  auto p = provision();
  auto d = activated_device(p.token, "256");  // an ESP8266-sized buff-in
  // 5 header bytes + "vw" NUL "1" NUL + value: 247 bytes fit, 248 do not.
  const std::string fits(256 - 5 - 5, 'a');
  const std::string too_big(fits.size() + 1, 'b');
  auto r = external("update", p.token, "&V1=" + too_big);
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_NE(r.body.find("buff-in"), std::string::npos) << r.body;
  EXPECT_EQ(external("get", p.token, "&V1").status, 400);  // nothing stored either

  r = external("update", p.token, "&V1=" + fits);
  EXPECT_EQ(r.status, 200) << r.body;
  auto f = d->read();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->fields(), (std::vector<std::string>{"vw", "1", fits}));
}

TEST_P(BlynkCompat, DeviceHttpApiBatchPropertyEventAndPostForms) {
  auto p = provision();
  auto d = activated_device(p.token);

  EXPECT_EQ(external("batch/update", p.token, "&V1=1&V2=2").status, 200);
  auto r = external("get", p.token, "&V1&V2&V9");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json(), (nlohmann::json{{"V1", "1"}, {"V2", "2"}, {"V9", nullptr}}));

  EXPECT_EQ(external("update/property", p.token, "&pin=V1&label=Kitchen&color=%23D3435C").status, 200);
  EXPECT_EQ(external("update/property", p.token, "&label=Kitchen").status, 400);  // no pin
  EXPECT_EQ(external("update/property", p.token, "&pin=V1").status, 400);         // no property

  EXPECT_EQ(external("logEvent", p.token, "&code=overheat&description=Too%20hot").status, 200);
  EXPECT_EQ(external("logEvent", p.token, "").status, 400);
  const auto timeline_path = "/api/v1/devices/" + std::to_string(device_id_of(p.id)) + "/timeline";
  EXPECT_TRUE(eventually([&] {
    for (const auto& e : api.get(timeline_path).json()) {
      if (e.value("code", "") == "overheat" && e.value("description", "") == "Too hot") return true;
    }
    return false;
  }));

  // POST: form fields in the body, or the body as the value of pin=.
  r = client().request("POST", "/external/api/update?token=" + p.token, "V4=44&V5=55",
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 200) << r.body;
  r = client().request("POST", "/external/api/update?token=" + p.token + "&pin=V6", "hello world",
                       {{"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 200) << r.body;
  r = client().request("POST", "/external/api/batch/update", "token=" + p.token + "&V7=77",
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 200) << r.body;
  r = external("get", p.token, "&V4&V5&V6&V7");
  EXPECT_EQ(r.json(), (nlohmann::json{{"V4", "44"}, {"V5", "55"}, {"V6", "hello world"}, {"V7", "77"}}));
}

TEST_P(BlynkCompat, AMultiValuePinReadsAsAJsonArray) {
  auto p = provision();
  auto d = activated_device(p.token);
  d->send(Command::Hardware, {"vw", "8", "red", "255"});
  ASSERT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
  auto r = external("get", p.token, "&V8");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find('\0'), std::string::npos);
  EXPECT_EQ(r.json(), (nlohmann::json{"red", "255"}));
  r = external("get", p.token, "&V8&V9");
  EXPECT_EQ(r.json(), (nlohmann::json{{"V8", {"red", "255"}}, {"V9", nullptr}}));
}

INSTANTIATE_TEST_SUITE_P(Transports, BlynkCompat, ::testing::Values(false, true), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
