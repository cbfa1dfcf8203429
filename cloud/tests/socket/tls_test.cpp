// TLS over real sockets: AEAD-only suites, session resumption by tickets whose
// keys live in the data directory, and certificate reload on SIGHUP.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

using blynk::Command;
namespace fs = std::filesystem;

// One HTTP request over conn, read to the end: on TLS 1.3 the ticket arrives
// after the handshake, so something must be read before session() has it.
std::string healthz(Connection& conn) {
  if (!conn.write_all("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")) return {};
  std::string out;
  char buf[1024];
  // 0 is "nothing yet" (e.g. only a ticket record came): read on until closed or the deadline.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline) {
    const long n = conn.read_some(buf, sizeof buf, std::chrono::milliseconds(200));
    if (n < 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

std::string fingerprint_line(const std::string& stdout_text) {
  const auto at = stdout_text.find("sha256=");
  if (at == std::string::npos) return {};
  return stdout_text.substr(at + 7, stdout_text.find('\n', at) - at - 7);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class Tls : public CloudTest {
 protected:
  std::string fingerprint_of_new_connection() const {
    Connection c;
    return c.open(server.tls(), true) ? c.peer_fingerprint() : std::string();
  }
};

TEST_P(Tls, Tls12OffersOnlyAeadSuitesAndOlderVersionsAreRefused) {
  Connection cbc;
  TlsOptions only_cbc;
  only_cbc.max_version = TLS1_2_VERSION;
  only_cbc.tls12_ciphers = "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:AES128-SHA";
  EXPECT_FALSE(cbc.open_tls(server.tls(), only_cbc)) << "negotiated " << cbc.cipher();

  Connection old;
  TlsOptions tls11;
  tls11.min_version = TLS1_VERSION;
  tls11.max_version = TLS1_1_VERSION;
  tls11.tls12_ciphers = "ALL:@SECLEVEL=0";
  EXPECT_FALSE(old.open_tls(server.tls(), tls11)) << "negotiated " << old.protocol();

  Connection tls12;
  TlsOptions any12;
  any12.max_version = TLS1_2_VERSION;
  any12.tls12_ciphers = "ALL";
  ASSERT_TRUE(tls12.open_tls(server.tls(), any12)) << tls12.error();
  EXPECT_EQ(tls12.protocol(), "TLSv1.2");
  const auto cipher = tls12.cipher();
  EXPECT_TRUE(cipher.find("GCM") != std::string::npos || cipher.find("CHACHA20") != std::string::npos)
      << cipher;

  Connection tls13;
  ASSERT_TRUE(tls13.open(server.tls(), true)) << tls13.error();
  EXPECT_EQ(tls13.protocol(), "TLSv1.3");
}

void expect_resumes(const std::string& endpoint, int max_version, ServerProcess& server) {
  TlsOptions options;
  options.max_version = max_version;
  Connection first;
  ASSERT_TRUE(first.open_tls(endpoint, options)) << first.error();
  EXPECT_FALSE(first.resumed());
  EXPECT_NE(healthz(first).find("200"), std::string::npos);
  options.resume = first.session();
  ASSERT_TRUE(options.resume);

  Connection second;
  ASSERT_TRUE(second.open_tls(endpoint, options)) << second.error();
  EXPECT_TRUE(second.resumed()) << "a second connection with the ticket made a full handshake";
  EXPECT_NE(healthz(second).find("200"), std::string::npos);
  // TLS 1.3 tickets are single-use: the server sent a fresh one, which the client offers next.
  options.resume = second.session();
  ASSERT_TRUE(options.resume);

  // The ticket keys are in the data directory: a restarted server resumes too.
  server.stop();
  ASSERT_TRUE(server.start()) << server.log();
  Connection after_restart;
  ASSERT_TRUE(after_restart.open_tls(server.tls(), options)) << after_restart.error();
  EXPECT_TRUE(after_restart.resumed()) << "the ticket was not accepted after a restart";
}

TEST_P(Tls, SecondTls13ConnectionResumesWithTheTicket) {
  expect_resumes(server.tls(), 0, server);
}

TEST_P(Tls, SecondTls12ConnectionResumesWithTheTicket) {
  expect_resumes(server.tls(), TLS1_2_VERSION, server);
}

TEST_P(Tls, TicketKeysAreOwnerOnlyAndRotated) {
  const std::string path = server.data_dir() + "/tls/ticket-keys";
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto before = read_file(path);
  EXPECT_FALSE(before.empty());

  // Restart with a one-second rotation: the file gets a new current key and keeps the previous one.
  server.stop();
  ASSERT_TRUE(server.start({"--tls-ticket-rotation", "1"})) << server.log();
  ASSERT_TRUE(eventually([&] {
    const auto now = read_file(path);
    return !now.empty() && now != before &&
           now.find(before.substr(0, before.find('\n'))) != std::string::npos;
  })) << read_file(path);
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_P(Tls, SighupReloadsTheCertificateWithoutDroppingConnections) {
  const auto old_fingerprint = fingerprint_of_new_connection();
  ASSERT_EQ(old_fingerprint, fingerprint_line(server.stdout_text()));
  auto p = provision();
  auto device = activated_device(p.token);

  // Another server's self-signed certificate stands in for a renewed one.
  ServerProcess other;
  ASSERT_TRUE(other.start()) << other.log();
  const auto new_fingerprint = fingerprint_line(other.stdout_text());
  other.stop();
  ASSERT_FALSE(new_fingerprint.empty());
  ASSERT_NE(new_fingerprint, old_fingerprint);
  const auto dir = fs::path(server.data_dir()) / "tls";
  const auto from = fs::path(other.data_dir()) / "tls";
  fs::copy_file(from / "key.pem", dir / "key.pem", fs::copy_options::overwrite_existing);
  fs::copy_file(from / "cert.pem", dir / "cert.pem", fs::copy_options::overwrite_existing);

  ASSERT_EQ(::kill(server.pid(), SIGHUP), 0);
  EXPECT_TRUE(eventually([&] { return fingerprint_of_new_connection() == new_fingerprint; })) << server.log();
  // The connection made before the reload still works.
  EXPECT_EQ(device->wait_response(device->send(Command::Ping, {})), 200);

  // A broken file is refused and the certificate in use stays.
  { std::ofstream(dir / "cert.pem") << "not a certificate\n"; }
  ASSERT_EQ(::kill(server.pid(), SIGHUP), 0);
  EXPECT_TRUE(eventually([&] { return server.log().find("not reloaded") != std::string::npos; }))
      << server.log();
  EXPECT_EQ(fingerprint_of_new_connection(), new_fingerprint);
  EXPECT_EQ(device->wait_response(device->send(Command::Ping, {})), 200);
}

// The server reads ahead: one read() may take several TLS records, and
// OpenSSL keeps the ones not yet asked for. A login followed at once by
// frames in records of their own, all in one TCP segment (corked), must see
// every frame answered, not wait for a readiness event for bytes already read.
void expect_records_sent_together_all_answered(const std::string& endpoint, int max_version,
                                               const std::string& token) {
  TlsOptions options;
  options.max_version = max_version;
  BlynkClient device;
  ASSERT_TRUE(device.connection().open_tls(endpoint, options)) << device.connection().error();
  int cork = 1;
  ASSERT_EQ(::setsockopt(device.connection().fd(), IPPROTO_TCP, TCP_CORK, &cork, sizeof cork), 0);
  const auto login = device.send(Command::HwLogin, {token});
  std::vector<std::uint16_t> pings;
  for (int i = 0; i < 5; ++i) pings.push_back(device.send(Command::Ping, {}));
  cork = 0;
  ASSERT_EQ(::setsockopt(device.connection().fd(), IPPROTO_TCP, TCP_CORK, &cork, sizeof cork), 0);
  EXPECT_EQ(device.wait_response(login), 200);
  for (const auto id : pings) EXPECT_EQ(device.wait_response(id), 200) << "ping " << id;
}

TEST_P(Tls, Tls12RecordsSentTogetherAreAllAnswered) {
  auto p = provision();
  activated_device(p.token).reset();
  expect_records_sent_together_all_answered(server.tls(), TLS1_2_VERSION, p.token);
}

TEST_P(Tls, Tls13RecordsSentTogetherAreAllAnswered) {
  auto p = provision();
  activated_device(p.token).reset();
  expect_records_sent_together_all_answered(server.tls(), 0, p.token);
}

INSTANTIATE_TEST_SUITE_P(Transport, Tls, ::testing::Values(true), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
