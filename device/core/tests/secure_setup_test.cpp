// The secure setup session over the fake network, with the phone's side played by the
// shared protocol code on OpenSSL: handshake, /secure, lockout, replay and tampering.
#include <gtest/gtest.h>

#include <string>

#include "onboard/device/testing/world.hpp"
#include "onboard/protocol/pake/handshake.hpp"
#include "onboard/protocol/pake/messages.hpp"
#include "onboard/protocol/pake/openssl_crypto.hpp"
#include "onboard/protocol/pake/rfc9383_vectors.hpp"

namespace onboard::device {
namespace {

using testing::HttpReply;
using testing::World;
namespace vectors = pake::vectors;

constexpr char kCode[] = "24681357";  // the registration in rfc9383_vectors.hpp

SetupVerifier verifier_for_vectors() {
  SetupVerifier v;
  for (std::size_t i = 0; i < 16; ++i) v.salt[i] = static_cast<std::uint8_t>(i);
  v.salt_size = 16;
  v.iterations = 1000;
  v.record = {vectors::scalar(vectors::kRegistrationW0), vectors::point(vectors::kRegistrationL)};
  return v;
}

class Secure : public ::testing::Test {
 protected:
  void SetUp() override {
    w.wifi.add("Home", "password1");
    w.boot();
    ASSERT_TRUE(w.device->enable_secure_setup(device_crypto, verifier_for_vectors()));
    w.run_for(300);
  }

  HttpReply post(const std::string& path, const std::string& body) {
    return w.http_raw(
        "POST " + path + " HTTP/1.1\r\nHost: 192.168.4.1\r\nContent-Type: application/json\r\n" +
        "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  }

  // The phone's side of /pake/params, /pake/1 and /pake/2 with `code`. Returns the
  // /pake/2 reply (or the /pake/1 one when that failed).
  HttpReply handshake(const std::string& code) {
    const HttpReply params = w.get("/pake/params");
    if (params.status != 200) return params;
    pake::Params p;
    EXPECT_TRUE(pake::read_params(params.body, p));
    std::uint8_t input[pake::kPbkdfInputSize];
    pake::write_pbkdf_input(code, input);
    std::uint8_t ws[pake::kPbkdfOutputSize];
    EXPECT_TRUE(
        pake::pbkdf2_sha256({input, sizeof input}, {p.salt, p.salt_size}, p.iterations, ws, sizeof ws));
    pake::Scalar w0;
    pake::Scalar w1;
    EXPECT_TRUE(pake::derive_w0_w1(ws, w0, w1));
    pake::Scalar x;
    EXPECT_TRUE(pake::random_scalar(phone_crypto, x));
    prover = std::make_unique<pake::Prover>(phone_crypto);
    pake::Point share_p;
    EXPECT_EQ(prover->start(w0, w1, x, share_p), pake::HandshakeError::none);
    char body[256];
    const HttpReply one =
        post("/pake/1", std::string(body, pake::write_pake1_request(share_p, body, sizeof body)));
    if (one.status != 200) return one;
    pake::Pake1Response response;
    EXPECT_TRUE(pake::read_pake1_response(one.body, response));
    session = response.session;
    pake::Pake2Request two;
    two.session = session;
    const pake::HandshakeError finished = prover->finish(response.share_v, response.confirm_v, two.confirm_p);
    confirm_v_verified = finished == pake::HandshakeError::none;
    // With a wrong code the phone still sends something, to hear the device's count.
    return post("/pake/2", std::string(body, pake::write_pake2_request(two, body, sizeof body)));
  }

  // One request through /secure; returns the HTTP reply and, when 200, the plaintext.
  HttpReply secure(const std::string& request_line, std::string* plaintext, std::uint32_t counter = 0,
                   bool tamper = false) {
    pake::PhoneChannel& ch = channel();
    std::uint8_t sealed[2048];
    std::size_t size = 0;
    std::uint32_t n = 0;
    EXPECT_EQ(ch.seal_request(phone_crypto, pake::view_of(request_line), sealed, sizeof sealed, size, n),
              pake::ChannelError::none);
    if (counter != 0) n = counter;
    if (tamper) sealed[0] ^= 0x01;
    last_sealed.assign(reinterpret_cast<char*>(sealed), size);
    last_counter = n;
    static char body[pake::kMaxSecureBody];
    const HttpReply reply =
        post("/secure",
             std::string(body, pake::write_secure_request(session, n, {sealed, size}, body, sizeof body)));
    if (reply.status == 200 && plaintext != nullptr) {
      pake::SecureEnvelope envelope;
      EXPECT_TRUE(pake::read_secure_response(reply.body, envelope));
      EXPECT_EQ(envelope.counter, n);
      std::uint8_t bytes[2048];
      std::size_t bytes_size = 0;
      EXPECT_TRUE(pake::hex_decode(envelope.sealed_hex, bytes, sizeof bytes, bytes_size));
      std::uint8_t plain[2048];
      std::size_t plain_size = 0;
      EXPECT_EQ(ch.open_response(phone_crypto, n, {bytes, bytes_size}, plain, sizeof plain, plain_size),
                pake::ChannelError::none);
      plaintext->assign(reinterpret_cast<char*>(plain), plain_size);
    }
    return reply;
  }

  pake::PhoneChannel& channel() {
    if (!phone_channel) phone_channel = std::make_unique<pake::PhoneChannel>(session, prover->keys());
    return *phone_channel;
  }

  World w;
  pake::OpenSslCrypto device_crypto;
  pake::OpenSslCrypto phone_crypto;
  std::unique_ptr<pake::Prover> prover;
  std::unique_ptr<pake::PhoneChannel> phone_channel;
  pake::SessionId session;
  bool confirm_v_verified = false;
  std::string last_sealed;
  std::uint32_t last_counter = 0;
};

TEST_F(Secure, BoardInfoSaysSpake2pAndSecretsAreRefusedInClear) {
  EXPECT_NE(w.get("/board_info.json").body.find("\"security\":\"spake2p\""), std::string::npos);
  for (const char* path : {"/config?ssid=Home&pass=password1&blynk=0123456789abcdef0123456789abcdef&host=h",
                           "/wifi_scan.json", "/reset", "/reboot", "/update"}) {
    const HttpReply reply = w.get(path);
    EXPECT_EQ(reply.status, 403) << path;
    EXPECT_EQ(reply.body, R"({"error":"secure_session_required"})") << path;
  }
  EXPECT_EQ(w.device->state(), State::Configuring);  // nothing was configured
}

TEST_F(Secure, OpenModeSaysOpenAndHasNoPake) {
  World open;
  open.boot();
  open.run_for(300);
  EXPECT_NE(open.get("/board_info.json").body.find("\"security\":\"open\""), std::string::npos);
  // No /pake/ API: the captive portal sends the browser to the setup page instead.
  EXPECT_EQ(open.get("/pake/params").status, 302);
  EXPECT_EQ(open.get("/pake/params").body.find("attemptsLeft"), std::string::npos);
  EXPECT_EQ(open.get("/wifi_scan.json").status, 200);
}

TEST_F(Secure, RightCodeOpensASessionThatCarriesTheSetupApi) {
  const HttpReply params = w.get("/pake/params");
  EXPECT_EQ(params.status, 200);
  EXPECT_NE(params.body.find("\"attemptsLeft\":20"), std::string::npos);
  const HttpReply done = handshake(kCode);
  EXPECT_TRUE(confirm_v_verified);
  ASSERT_EQ(done.status, 200);
  EXPECT_EQ(done.body, R"({"ok":true})");
  // A confirmed handshake gives its attempt back.
  EXPECT_NE(w.get("/pake/params").body.find("\"attemptsLeft\":20"), std::string::npos);

  std::string plain;
  ASSERT_EQ(secure("GET /wifi_scan.json", &plain).status, 200);
  EXPECT_EQ(plain.substr(0, 4), "200 ");
  EXPECT_NE(plain.find("\"ssid\":\"Home\""), std::string::npos);
  ASSERT_EQ(
      secure("GET /config?ssid=Home&pass=password1&blynk=0123456789abcdef0123456789abcdef&host=cloud.test"
             "&port_ssl=443",
             &plain)
          .status,
      200);
  EXPECT_EQ(plain.substr(0, 4), "200 ");
  EXPECT_NE(plain.find("\"status\":\"ok\""), std::string::npos);
  EXPECT_TRUE(w.run_until([&] { return w.device->connect_state() != "idle"; }, 5000));
}

TEST_F(Secure, InvalidRequestsInsideTheSessionGetTheOpenModeAnswer) {
  ASSERT_EQ(handshake(kCode).status, 200);
  std::string plain;
  ASSERT_EQ(secure("GET /config?ssid=Home", &plain).status, 200);
  EXPECT_EQ(plain.substr(0, 4), "500 ");
  ASSERT_EQ(secure("GET /nothing.json", &plain).status, 200);
  EXPECT_EQ(plain.substr(0, 4), "404 ");
}

TEST_F(Secure, ReplayedAndTamperedRequestsAreRefusedAndTheSessionGoesOn) {
  ASSERT_EQ(handshake(kCode).status, 200);
  std::string plain;
  ASSERT_EQ(secure("GET /board_info.json", &plain).status, 200);
  // The same sealed request again under its counter.
  static char body[pake::kMaxSecureBody];
  const std::string replay(
      body, pake::write_secure_request(
                session, last_counter,
                {reinterpret_cast<const std::uint8_t*>(last_sealed.data()), last_sealed.size()}, body,
                sizeof body));
  HttpReply reply = post("/secure", replay);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body, R"({"error":"replayed"})");
  reply = secure("GET /board_info.json", nullptr, 0, true);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body, R"({"error":"bad_ciphertext"})");
  ASSERT_EQ(secure("GET /board_info.json", &plain).status, 200);
  EXPECT_NE(plain.find("\"security\":\"spake2p\""), std::string::npos);
}

TEST_F(Secure, UnknownSessionsAreRefused) {
  std::string plain;
  prover = std::make_unique<pake::Prover>(phone_crypto);
  const HttpReply reply =
      post("/secure", R"({"session":"0011223344556677","n":1,"c":"00112233445566778899aabbccddeeff"})");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.body, R"({"error":"no_session"})");
  EXPECT_EQ(
      post("/pake/2", R"({"session":"0011223344556677","confirmP":")" + std::string(64, '0') + "\"}").body,
      R"({"error":"no_session"})");
  EXPECT_EQ(post("/pake/1", R"({"shareP":")" + std::string(130, '0') + "\"}").status, 400);
}

TEST_F(Secure, WrongCodesCountDownAndThe21stAttemptIsLocked) {
  for (int i = 1; i <= 20; ++i) {
    const HttpReply reply = handshake("13572468");
    EXPECT_FALSE(confirm_v_verified);
    ASSERT_EQ(reply.status, 401) << i;
    EXPECT_EQ(reply.body, R"({"error":"wrong_setup_code","attemptsLeft":)" + std::to_string(20 - i) + "}");
  }
  EXPECT_EQ(w.get("/pake/params").status, 423);
  const HttpReply locked = handshake(kCode);
  EXPECT_EQ(locked.status, 423);
  EXPECT_EQ(locked.body, R"({"error":"locked"})");
  // Restarting setup mode (the button, or power) gives the attempts back.
  w.device->start_config_mode();
  w.run_for(100);
  EXPECT_NE(w.get("/pake/params").body.find("\"attemptsLeft\":20"), std::string::npos);
  EXPECT_EQ(handshake(kCode).status, 200);
}

TEST_F(Secure, ANewHandshakeReplacesTheSessionBeforeIt) {
  ASSERT_EQ(handshake(kCode).status, 200);
  std::string plain;
  ASSERT_EQ(secure("GET /board_info.json", &plain).status, 200);
  const pake::SessionId first = session;
  std::unique_ptr<pake::PhoneChannel> first_channel = std::move(phone_channel);

  // A second phone (or the same one again) runs /pake/1 and /pake/2: its session wins.
  ASSERT_EQ(handshake(kCode).status, 200);
  ASSERT_NE(std::string_view(reinterpret_cast<const char*>(first.bytes), pake::kSessionIdSize),
            std::string_view(reinterpret_cast<const char*>(session.bytes), pake::kSessionIdSize));
  ASSERT_EQ(secure("GET /board_info.json", &plain).status, 200);
  EXPECT_EQ(plain.substr(0, 4), "200 ");

  // The first session is gone: its next request is refused, the new one goes on.
  const pake::SessionId second = session;
  std::unique_ptr<pake::PhoneChannel> second_channel = std::move(phone_channel);
  session = first;
  phone_channel = std::move(first_channel);
  const HttpReply old = secure("GET /board_info.json", nullptr);
  EXPECT_EQ(old.status, 401);
  EXPECT_EQ(old.body, R"({"error":"no_session"})");
  session = second;
  phone_channel = std::move(second_channel);
  ASSERT_EQ(secure("GET /board_info.json", &plain).status, 200);

  // A /pake/1 alone already ends the open session, and its own /pake/2 is the only one that counts.
  pake::Scalar x;
  ASSERT_TRUE(pake::random_scalar(phone_crypto, x));
  pake::Prover other(phone_crypto);
  pake::Point share_p;
  ASSERT_EQ(other.start(vectors::scalar(vectors::kW0), vectors::scalar(vectors::kW1), x, share_p),
            pake::HandshakeError::none);
  char body[256];
  ASSERT_EQ(post("/pake/1", std::string(body, pake::write_pake1_request(share_p, body, sizeof body))).status,
            200);
  EXPECT_EQ(secure("GET /board_info.json", nullptr).status, 401);
}

TEST_F(Secure, AnAbandonedHandshakeKeepsItsAttempt) {
  const HttpReply params = w.get("/pake/params");
  ASSERT_EQ(params.status, 200);
  pake::Scalar x;
  ASSERT_TRUE(pake::random_scalar(phone_crypto, x));
  pake::Prover p(phone_crypto);
  pake::Point share_p;
  ASSERT_EQ(p.start(vectors::scalar(vectors::kW0), vectors::scalar(vectors::kW1), x, share_p),
            pake::HandshakeError::none);
  char body[256];
  ASSERT_EQ(post("/pake/1", std::string(body, pake::write_pake1_request(share_p, body, sizeof body))).status,
            200);
  EXPECT_NE(w.get("/pake/params").body.find("\"attemptsLeft\":19"), std::string::npos);
}

}  // namespace
}  // namespace onboard::device

namespace onboard::device {
namespace {

TEST(EdgentConfig, TakesItsFieldsByPostAsWellAsGet) {
  testing::World w;
  w.wifi.add("Home", "password1");
  w.boot();
  w.run_for(300);
  const std::string form = "ssid=Home&pass=password1&blynk=0123456789abcdef0123456789abcdef&host=cloud.test";
  const testing::HttpReply reply = w.http_raw(
      "POST /config HTTP/1.1\r\nHost: 192.168.4.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: " +
      std::to_string(form.size()) + "\r\nConnection: close\r\n\r\n" + form);
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("\"status\":\"ok\""), std::string::npos);
  EXPECT_TRUE(w.run_until([&] { return w.device->connect_state() != "idle"; }, 5000));
}

}  // namespace
}  // namespace onboard::device
