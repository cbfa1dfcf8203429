// Secure provisioning end to end: onboard-factory makes the board's verifier and label,
// the wizard provisions with --setup-code or --qr, and a capture on the board's side of
// the air shows neither the Wi-Fi password, nor the token, nor the setup code.
#include <gtest/gtest.h>

#include <cctype>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <thread>

#include "onboard/protocol/pake/handshake.hpp"
#include "onboard/protocol/pake/messages.hpp"
#include "onboard/protocol/pake/openssl_crypto.hpp"
#include "onboard/wizard/http_client.hpp"
#include "scenario_fixture.hpp"

namespace onboard::e2e {
namespace {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Label {
  std::string verifier;  // path
  std::string code;
  std::string qr;
};

class SecureSetup : public Provisioning {
 protected:
  void SetUp() override {
    Provisioning::SetUp();
    if (IsSkipped()) return;
    if (std::system("command -v tcpdump >/dev/null 2>&1") != 0) GTEST_SKIP() << "tcpdump is not installed";
  }

  Label make_label() {
    const std::string dir = world_->run_dir() + "/labels";
    const auto r = world_->run({"onboard-factory", "codes", "--template-id", world_->template_id(), "--count",
                                "1", "--out", dir, "--iterations", "1000"});
    EXPECT_EQ(r.code, 0) << r.err;
    Label label;
    label.verifier = dir + "/device-0001.verifier.json";
    const std::string text = read_file(dir + "/device-0001.label.txt");
    const auto code_at = text.find("setup code: ");
    const auto qr_at = text.find("qr: ");
    EXPECT_NE(code_at, std::string::npos);
    EXPECT_NE(qr_at, std::string::npos);
    label.code = text.substr(code_at + 12, 4) + text.substr(code_at + 17, 4);
    label.qr = text.substr(qr_at + 4, text.find('\n', qr_at) - qr_at - 4);
    EXPECT_TRUE(fs::exists(dir + "/device-0001.qr.png"));
    EXPECT_EQ(read_file(label.verifier).find(label.code), std::string::npos);
    return label;
  }

  // tcpdump in the board's network namespace, on its access point's subnet only (the
  // board's own link to the cloud is plain TCP in these worlds); returns its process id.
  int start_capture(const std::string& board, const std::string& pcap) {
    const std::string log = pcap + ".log";
    const auto r = world_->air({"exec", board, "--", "sh", "-c",
                                "tcpdump -i any --immediate-mode -U -s 0 -w '" + pcap +
                                    "' net 192.168.4.0/24 </dev/null >/dev/null 2>'" + log + "' & echo $!"});
    EXPECT_EQ(r.code, 0) << r.err;
    const int pid = std::atoi(r.out.c_str());
    EXPECT_TRUE(eventually([&] { return read_file(log).find("listening on") != std::string::npos; },
                           std::chrono::seconds(20)))
        << read_file(log);
    return pid;
  }

  // Every run of exactly 32 token characters in the boards' stored configurations.
  std::vector<std::string> saved_tokens() {
    std::vector<std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(world_->run_dir())) {
      if (entry.path().filename() != "config.bin") continue;
      const std::string bytes = read_file(entry.path().string());
      std::size_t run = 0;
      for (std::size_t i = 0; i <= bytes.size(); ++i) {
        const char c = i < bytes.size() ? bytes[i] : '\0';
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') {
          ++run;
          continue;
        }
        if (run == 32) out.push_back(bytes.substr(i - 32, 32));
        run = 0;
      }
    }
    return out;
  }

  static std::string stop_capture(int pid, const std::string& pcap) {
    if (pid > 0) kill(pid, SIGINT);
    eventually([&] { return kill(pid, 0) != 0; }, std::chrono::seconds(10));
    return read_file(pcap);
  }
};

TEST_F(SecureSetup, SetupCodeProvisionsAndTheCaptureHoldsNoSecret) {
  const Label label = make_label();
  world_->add_board("lamp", {"--setup-verifier", label.verifier});
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  const std::string pcap = world_->run_dir() + "/board.pcap";
  const int capture = start_capture("lamp", pcap);

  CommandResult raw;
  auto out = add_device(*ap, World::kHomePassword, {"--setup-code", label.code}, &raw);
  const std::string captured = stop_capture(capture, pcap);
  ASSERT_TRUE(out.value("ok", false)) << raw.out << raw.err << world_->board_log("lamp");
  const std::string device_id = out.value("deviceId", "");

  // The capture saw the handshake and the sealed requests, and nothing in clear.
  const std::string why =
      "pcap of " + std::to_string(captured.size()) + " bytes; tcpdump said: " + read_file(pcap + ".log");
  EXPECT_NE(captured.find("POST /pake/1"), std::string::npos) << why;
  EXPECT_NE(captured.find("POST /secure"), std::string::npos) << why;
  EXPECT_EQ(captured.find(World::kHomePassword), std::string::npos);
  EXPECT_EQ(captured.find(label.code), std::string::npos);
  EXPECT_EQ(captured.find("GET /config"), std::string::npos);
  // The token the board saved (32 characters in its stored configuration).
  const std::vector<std::string> tokens = saved_tokens();
  ASSERT_FALSE(tokens.empty());
  for (const auto& token : tokens) EXPECT_EQ(captured.find(token), std::string::npos) << token;
  EXPECT_TRUE(eventually([&] { return listed_online(device_id); }));
}

TEST_F(SecureSetup, QrPayloadProvisionsAndAWrongCodeSaysAttemptsLeft) {
  const Label label = make_label();
  world_->add_board("lamp", {"--setup-verifier", label.verifier});
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  const std::string wrong = label.code == "13572468" ? "24681357" : "13572468";
  CommandResult raw;
  auto refused = add_device(*ap, World::kHomePassword, {"--setup-code", wrong}, &raw);
  EXPECT_FALSE(refused.value("ok", true));
  EXPECT_EQ(refused.value("reason", ""), "wrong_setup_code") << raw.out << raw.err;
  EXPECT_NE(refused.value("message", "").find("19 more attempts"), std::string::npos) << refused.dump();

  auto out = world_->wizard(
      {"add-device", "--device", *ap, "--ssid", "Home", "--password", World::kHomePassword, "--qr", label.qr},
      &raw);
  ASSERT_TRUE(out.value("ok", false)) << raw.out << raw.err << world_->board_log("lamp");
}

// The control: the same listener on an open board does read the password, so the
// secure test's empty findings mean something.
TEST_F(SecureSetup, OpenBoardsCaptureShowsThePasswordInClear) {
  world_->add_board("lamp");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  const std::string pcap = world_->run_dir() + "/open.pcap";
  const int capture = start_capture("lamp", pcap);
  CommandResult raw;
  auto out = add_device(*ap, World::kHomePassword, {}, &raw);
  const std::string captured = stop_capture(capture, pcap);
  ASSERT_TRUE(out.value("ok", false)) << raw.out << raw.err;
  EXPECT_NE(captured.find("GET /config"), std::string::npos);
  EXPECT_NE(captured.find(World::kHomePassword), std::string::npos);
  EXPECT_NE(raw.err.find("clear text"), std::string::npos) << raw.err;  // the wizard warned
}

// The phone's side by hand, from inside the phone's network namespace (a thread of this
// test moved there with setns), so the test can replay and alter what it sends.
class HandPhone {
 public:
  explicit HandPhone(std::string code) : code_(std::move(code)) {}

  wizard::HttpResponse post(const std::string& target, const std::string& body) {
    wizard::HttpRequest req;
    req.method = "POST";
    req.target = target;
    req.body = body;
    req.headers.emplace_back("Content-Type", "application/json");
    auto r = wizard::http_send(device_, req, std::chrono::seconds(5));
    return r.ok() ? r.response() : wizard::HttpResponse{0, r.error().message};
  }
  wizard::HttpResponse get(const std::string& target) {
    wizard::HttpRequest req;
    req.target = target;
    auto r = wizard::http_send(device_, req, std::chrono::seconds(5));
    return r.ok() ? r.response() : wizard::HttpResponse{0, r.error().message};
  }

  // /pake/params, /pake/1, /pake/2 with `code`; the /pake/2 (or failing earlier) answer.
  wizard::HttpResponse handshake(const std::string& code) {
    auto params_r = get("/pake/params");
    if (params_r.status != 200) return params_r;
    pake::Params params;
    if (!pake::read_params(params_r.body, params)) return {0, "bad params"};
    std::uint8_t input[pake::kPbkdfInputSize];
    pake::write_pbkdf_input(code, input);
    std::uint8_t ws[pake::kPbkdfOutputSize];
    pake::Scalar w0;
    pake::Scalar w1;
    pake::Scalar x;
    pake::pbkdf2_sha256({input, sizeof input}, {params.salt, params.salt_size}, params.iterations, ws,
                        sizeof ws);
    pake::derive_w0_w1(ws, w0, w1);
    pake::random_scalar(crypto_, x);
    prover_ = std::make_unique<pake::Prover>(crypto_);
    pake::Point share_p;
    prover_->start(w0, w1, x, share_p);
    char body[512];
    auto one = post("/pake/1", std::string(body, pake::write_pake1_request(share_p, body, sizeof body)));
    if (one.status != 200) return one;
    pake::Pake1Response response;
    if (!pake::read_pake1_response(one.body, response)) return {0, "bad pake1"};
    pake::Pake2Request two;
    two.session = response.session;
    session_ = response.session;
    const bool right =
        prover_->finish(response.share_v, response.confirm_v, two.confirm_p) == pake::HandshakeError::none;
    auto answer = post("/pake/2", std::string(body, pake::write_pake2_request(two, body, sizeof body)));
    if (right && answer.status == 200)
      channel_ = std::make_unique<pake::PhoneChannel>(session_, prover_->keys());
    return answer;
  }

  // A sealed request; `sealed_out` gets the body sent, for replaying.
  wizard::HttpResponse secure(const std::string& line, std::string& body_out, bool tamper = false) {
    std::vector<std::uint8_t> sealed(line.size() + pake::kCcmTagSize);
    std::size_t size = 0;
    std::uint32_t n = 0;
    channel_->seal_request(crypto_, pake::view_of(line), sealed.data(), sealed.size(), size, n);
    if (tamper) sealed[0] ^= 0x01;
    std::string body(pake::kMaxSecureBody, '\0');
    body.resize(pake::write_secure_request(session_, n, {sealed.data(), size}, body.data(), body.size()));
    body_out = body;
    return post("/secure", body);
  }

  bool has_session() const { return channel_ != nullptr; }

 private:
  std::string code_;
  wizard::Endpoint device_{"192.168.4.1", 80};
  pake::OpenSslCrypto crypto_;
  std::unique_ptr<pake::Prover> prover_;
  std::unique_ptr<pake::PhoneChannel> channel_;
  pake::SessionId session_;
};

// Runs `body` on a thread inside the network namespace `ns`.
void in_namespace(const std::string& ns, const std::function<void()>& body) {
  std::thread t([&] {
    const int fd = open(("/var/run/netns/" + ns).c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(fd, 0) << "no namespace " << ns;
    ASSERT_EQ(setns(fd, CLONE_NEWNET), 0);
    close(fd);
    body();
  });
  t.join();
}

TEST_F(SecureSetup, ReplayedAndTamperedRequestsAreRefusedAndThe21stAttemptIsLocked) {
  const Label label = make_label();
  world_->add_board("lamp", {"--setup-verifier", label.verifier});
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  ASSERT_EQ(world_->air({"join", "phone", "--ssid", *ap}).code, 0);
  const auto ns = world_->air({"exec", "phone", "--", "ip", "netns", "identify"});
  ASSERT_EQ(ns.code, 0) << ns.err;
  const std::string name = ns.out.substr(0, ns.out.find('\n'));
  const std::string wrong = label.code == "13572468" ? "24681357" : "13572468";
  in_namespace(name, [&] {
    HandPhone phone(label.code);
    ASSERT_TRUE(
        eventually([&] { return phone.get("/board_info.json").status == 200; }, std::chrono::seconds(20)));
    // In clear, secrets are refused.
    EXPECT_EQ(phone.get("/wifi_scan.json").status, 403);
    auto done = phone.handshake(label.code);
    ASSERT_EQ(done.status, 200) << done.body;
    ASSERT_TRUE(phone.has_session());
    std::string sent;
    auto first = phone.secure("GET /board_info.json", sent);
    EXPECT_EQ(first.status, 200) << first.body;
    auto replay = phone.post("/secure", sent);
    EXPECT_EQ(replay.status, 400);
    EXPECT_EQ(replay.body, R"({"error":"replayed"})");
    std::string tampered;
    auto bad = phone.secure("GET /board_info.json", tampered, true);
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.body, R"({"error":"bad_ciphertext"})");
    auto again = phone.secure("GET /wifi_scan.json", sent);
    EXPECT_EQ(again.status, 200) << again.body;  // the session went on

    for (int i = 1; i <= 20; ++i) {
      auto refused = phone.handshake(wrong);
      ASSERT_EQ(refused.status, 401) << i << " " << refused.body;
      EXPECT_EQ(refused.body,
                R"({"error":"wrong_setup_code","attemptsLeft":)" + std::to_string(20 - i) + "}");
    }
    auto locked = phone.handshake(label.code);
    EXPECT_EQ(locked.status, 423);
    EXPECT_EQ(locked.body, R"({"error":"locked"})");
  });
}

TEST_F(SecureSetup, OpenBoardIsRefusedWithRequireSecure) {
  world_->add_board("lamp");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  CommandResult raw;
  auto out = add_device(*ap, World::kHomePassword, {"--require-secure"}, &raw);
  EXPECT_FALSE(out.value("ok", true));
  EXPECT_EQ(out.value("reason", ""), "device_not_secure") << raw.out << raw.err;
}

}  // namespace
}  // namespace onboard::e2e
