// Firmware updates over real sockets: image uploads and their checks, shipments
// to online and offline devices, the `ota` command as the Blynk library reads
// it, ranged downloads with x-MD5/x-sha256, and what the next login means.
#include <gtest/gtest.h>

#include <openssl/evp.h>

#include "onboard/protocol/ota/sodium_image.hpp"
#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

using blynk::Command;
using namespace std::chrono_literals;

std::string fmt_hex(unsigned char byte) {
  static constexpr char kHex[] = "0123456789abcdef";
  return {kHex[byte >> 4], kHex[byte & 0xf]};
}

std::string hex_md5(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_md5(), nullptr);
  std::string out;
  for (unsigned int i = 0; i < length; ++i) out += fmt_hex(digest[i]);
  return out;
}

class Ota : public CloudTest {
 protected:
  // Above the 64 KiB of every other request, so an image between the two limits is accepted.
  std::vector<std::string> serve_flags() const override { return {"--firmware-max-bytes", "131072"}; }

  std::string image(const std::string& version, const std::string& for_template = {},
                    std::size_t payload = 3000) {
    static const auto key = ota::generate_signing_key();
    std::vector<std::uint8_t> bytes(payload);
    for (std::size_t i = 0; i < bytes.size(); ++i)
      bytes[i] = static_cast<std::uint8_t>(i * 7 + version.size());
    auto signed_image = ota::make_signed_image(
        ota::ImageFields{for_template.empty() ? template_id : for_template, version, "b" + version, false},
        bytes, *key);
    EXPECT_TRUE(signed_image.error.empty()) << signed_image.error;
    return std::string(signed_image.bytes.begin(), signed_image.bytes.end());
  }

  HttpResult upload(const std::string& bytes) const {
    return api.request("POST", "/api/v1/templates/" + template_id + "/firmware", bytes,
                       {{"Content-Type", "application/octet-stream"}});
  }

  long upload_ok(const std::string& bytes) const {
    auto r = upload(bytes);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", 0L);
  }

  // An activated device running `fw`, and its id.
  std::pair<std::unique_ptr<BlynkClient>, long> device(const std::string& fw, std::string& token) {
    auto p = provision();
    token = p.token;
    auto d = std::make_unique<BlynkClient>();
    EXPECT_TRUE(d->connect(endpoint(), tls()));
    EXPECT_EQ(d->login(p.token), 200);
    EXPECT_EQ(d->wait_response(d->send_info({{"tmpl", template_id}, {"fw", fw}, {"build", "b" + fw}})), 200);
    auto s = api.get("/api/v1/provisioning/" + std::to_string(p.id)).json();
    return {std::move(d), s.value("deviceId", 0L)};
  }

  // Logs in again with `token` reporting `fw`.
  std::unique_ptr<BlynkClient> relogin(const std::string& token, const std::string& fw) {
    auto d = std::make_unique<BlynkClient>();
    EXPECT_TRUE(d->connect(endpoint(), tls()));
    EXPECT_EQ(d->login(token), 200);
    EXPECT_EQ(d->wait_response(d->send_info({{"tmpl", template_id}, {"fw", fw}, {"build", "b" + fw}})), 200);
    return d;
  }

  // The URL of the next `ota` command the device receives (empty if none comes).
  static std::string ota_url(BlynkClient& d) {
    auto take = [](const ReceivedFrame& f) -> std::optional<std::string> {
      if (f.command != Command::Internal) return std::nullopt;
      auto fields = f.fields();
      if (fields.size() != 2 || fields[0] != "ota") return std::nullopt;
      return fields[1];
    };
    for (auto& f : d.other)
      if (auto url = take(f)) return *url;
    while (auto f = d.read(3s))
      if (auto url = take(*f)) return *url;
    return {};
  }

  HttpResult fetch(const std::string& url, const std::string& range = {}) const {
    const auto path = url.substr(url.find('/', url.find("//") + 2));
    std::map<std::string, std::string> headers;
    if (!range.empty()) headers["Range"] = range;
    return client().request("GET", path, {}, headers);
  }

  nlohmann::json device_status(long shipment, long device) const {
    auto s = api.get("/api/v1/shipments/" + std::to_string(shipment)).json();
    for (auto& d : s["devices"])
      if (d["deviceId"] == device) return d;
    return {};
  }

  long ship(const nlohmann::json& body) const {
    auto r = api.post("/api/v1/shipments", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", 0L);
  }
};

TEST_P(Ota, UploadChecksTheHeaderAndListsTheTemplatesImages) {
  const auto good = image("2.0.0");
  auto r = upload(good);
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["version"], "2.0.0");
  EXPECT_EQ(j["build"], "b2.0.0");
  EXPECT_EQ(j["size"], good.size());
  EXPECT_EQ(j["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(upload(good).status, 409);

  auto tampered = good;
  tampered[200] = static_cast<char>(tampered[200] ^ 1);
  r = upload(tampered);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.json().value("reason", "").find("SHA-256"), std::string::npos) << r.body;

  r = upload(image("2.0.0", "TMPLother000"));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.json().value("reason", "").find("for template TMPLother000"), std::string::npos) << r.body;

  r = upload(good.substr(0, good.size() - 1));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.json().value("reason", "").find("header says"), std::string::npos) << r.body;

  r = upload(std::string(1000, 'x'));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.json().value("reason", "").find("not a readable Onboard image"), std::string::npos) << r.body;

  r = upload(image("3.0.0", {}, 140000));  // over --firmware-max-bytes
  EXPECT_EQ(r.status, 413) << r.body;
  // Over the other requests' 64 KiB but under --firmware-max-bytes: an image, accepted.
  r = upload(image("3.1.0", {}, 100000));
  EXPECT_EQ(r.status, 201) << r.body;
  // The larger limit is the upload's alone.
  r = api.request("POST", "/api/v1/templates", std::string(100000, ' '),
                  {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413) << r.body;

  auto list = api.get("/api/v1/templates/" + template_id + "/firmware");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json().size(), 2u);
  EXPECT_EQ(list.json()[0]["version"], "3.1.0");  // newest first
  EXPECT_EQ(list.json()[1]["version"], "2.0.0");
  EXPECT_EQ(api.get("/api/v1/templates/TMPLnothere0/firmware").status, 404);
}

TEST_P(Ota, AnInfoEndingInAnEmptyBuildStillRecordsTheFirmware) {
  // The device core ends its info with "build" and the build, which is empty for a
  // firmware not installed over the air: the body ends in a NUL the protocol lets drop.
  auto p = provision();
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  ASSERT_EQ(d.login(p.token), 200);
  EXPECT_EQ(d.wait_response(d.send_info(
                {{"ver", "0.1.0"}, {"h-beat", "45"}, {"tmpl", template_id}, {"fw", "1.0.0"}, {"build", ""}})),
            200);
  const long id = api.get("/api/v1/provisioning/" + std::to_string(p.id)).json().value("deviceId", 0L);
  const auto record = api.get("/api/v1/devices/" + std::to_string(id)).json();
  EXPECT_EQ(record.value("firmware", ""), "1.0.0") << record.dump();
  EXPECT_EQ(record.value("heartbeat", 0), 45) << record.dump();
}

TEST_P(Ota, AnOnlineDeviceGetsTheCommandDownloadsInRangesAndSucceedsOnItsNextLogin) {
  const auto bytes = image("2.0.0");
  const long fw = upload_ok(bytes);
  std::string token;
  auto [d, id] = device("1.0.0", token);
  const long shipment = ship({{"firmwareId", fw}, {"deviceIds", {id}}});

  const auto url = ota_url(*d);
  ASSERT_FALSE(url.empty()) << "no ota command";
  EXPECT_EQ(url.rfind("http://", 0), 0u) << url;
  EXPECT_EQ(device_status(shipment, id)["status"], "request_sent");

  auto first = fetch(url, "bytes=0-999");
  ASSERT_EQ(first.status, 206) << first.body;
  EXPECT_EQ(first.body, bytes.substr(0, 1000));
  EXPECT_EQ(first.headers["content-range"], "bytes 0-999/" + std::to_string(bytes.size()));
  EXPECT_EQ(first.headers["x-md5"], hex_md5(bytes));
  EXPECT_EQ(first.headers["x-sha256"].size(), 64u);
  auto status = device_status(shipment, id);
  EXPECT_EQ(status["status"], "downloading");
  EXPECT_EQ(status["progress"], 1000 * 100 / static_cast<long>(bytes.size()));

  // A cut download resumes where it stopped.
  auto rest = fetch(url, "bytes=1000-");
  ASSERT_EQ(rest.status, 206);
  EXPECT_EQ(first.body + rest.body, bytes);
  EXPECT_EQ(fetch(url, "bytes=" + std::to_string(bytes.size()) + "-").status, 416);
  status = device_status(shipment, id);
  EXPECT_EQ(status["status"], "downloaded");
  EXPECT_EQ(status["progress"], 100);
  EXPECT_EQ(status["bytesServed"], bytes.size());

  d.reset();
  auto back = relogin(token, "2.0.0");
  EXPECT_TRUE(eventually([&] { return device_status(shipment, id)["status"] == "success"; }));
  EXPECT_EQ(api.get("/api/v1/shipments/" + std::to_string(shipment)).json()["state"], "done");
  EXPECT_EQ(fetch(url).status, 404);  // the link ends with the update
}

TEST_P(Ota, AnOfflineDeviceGetsTheCommandAtLoginAgainAfterADownloadUntilItReportsARollback) {
  const auto bytes = image("2.0.0");
  const long fw = upload_ok(bytes);
  std::string token;
  auto [d, id] = device("1.0.0", token);
  d.reset();
  ASSERT_TRUE(eventually(
      [&] { return !api.get("/api/v1/devices/" + std::to_string(id)).json()["online"].get<bool>(); }));
  const long shipment = ship({{"firmwareId", fw}, {"condition", "lower_version"}});
  EXPECT_EQ(device_status(shipment, id)["status"], "pending");

  auto again = relogin(token, "1.0.0");
  const auto url = ota_url(*again);
  ASSERT_FALSE(url.empty());
  auto whole = fetch(url);
  ASSERT_EQ(whole.status, 200);
  EXPECT_EQ(whole.body, bytes);
  EXPECT_EQ(whole.headers["content-length"], std::to_string(bytes.size()));
  EXPECT_EQ(device_status(shipment, id)["status"], "downloaded");

  // Back on 1.0.0: served whole may not have been received whole (a power cut), so the
  // command comes again for the same image; the device resumes or reports what happened.
  again.reset();
  auto old = relogin(token, "1.0.0");
  const auto resent = ota_url(*old);
  EXPECT_EQ(resent.substr(0, resent.find('?')), url.substr(0, url.find('?')));
  EXPECT_EQ(device_status(shipment, id)["status"], "downloaded");
  old->send(Command::Internal, {"ota", "failed", "rolled_back"});
  ASSERT_TRUE(eventually([&] { return device_status(shipment, id)["status"] == "rollback"; }));
  EXPECT_EQ(device_status(shipment, id).value("reason", ""), "rolled_back");
  EXPECT_EQ(api.get("/api/v1/shipments/" + std::to_string(shipment)).json()["state"], "done");
}

TEST_P(Ota, FailureReportsConditionsAndTheAttemptLimitSettleEachDevice) {
  const long fw = upload_ok(image("2.0.0"));
  std::string t1, t2, t3;
  auto [a, ida] = device("1.0.0", t1);
  auto [b, idb] = device("3.0.0", t2);
  auto [c, idc] = device("1.5.0", t3);
  const long shipment = ship({{"firmwareId", fw}, {"attemptsPerDay", 1}});

  ASSERT_FALSE(ota_url(*a).empty());
  a->send(Command::Internal, {"ota", "failed", "signature"});
  EXPECT_TRUE(eventually([&] { return device_status(shipment, ida)["status"] == "failed"; }));
  EXPECT_EQ(device_status(shipment, ida)["reason"], "signature");

  EXPECT_EQ(device_status(shipment, idb)["status"], "failed");  // runs a higher version
  EXPECT_NE(device_status(shipment, idb).value("reason", "").find("not lower than 2.0.0"), std::string::npos);

  // c got its one attempt and came back without downloading: no second command today.
  ASSERT_FALSE(ota_url(*c).empty());
  c.reset();
  auto c2 = relogin(t3, "1.5.0");
  EXPECT_TRUE(eventually([&] { return device_status(shipment, idc)["status"] == "download_limit_reached"; }));
  EXPECT_EQ(api.get("/api/v1/shipments/" + std::to_string(shipment)).json()["state"], "done");

  auto bad = api.post("/api/v1/shipments", {{"firmwareId", fw}, {"condition", "newest"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(api.post("/api/v1/shipments", {{"firmwareId", 999}}).status, 404);
  EXPECT_EQ(api.get("/api/v1/shipments/999").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Transports, Ota, ::testing::Values(false, true), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
