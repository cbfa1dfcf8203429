#include "onboard/device/ports/linux/openssl_tls.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "onboard/device/ports/testing/wait_for.hpp"
#include "test_certificates.hpp"
#include "tls_test_server.hpp"

namespace onboard::port {
namespace {

using hal::StreamFailure;
using hal::StreamState;
using testing::KeyAndCert;
using testing::TlsTestServer;
using testing::wait_for;

struct Outcome {
  StreamState state;
  StreamFailure failure;
};

Outcome connect_to(OpenSslTls& tls, const std::string& host, std::uint16_t port) {
  const hal::Handle stream = tls.connect(host, port);
  EXPECT_NE(stream, hal::kNoHandle);
  EXPECT_TRUE(wait_for([&] { return tls.state(stream) != StreamState::Connecting; }, {&tls}));
  Outcome outcome{tls.state(stream), tls.failure(stream)};
  tls.close(stream);
  return outcome;
}

class OpenSslTlsTest : public ::testing::Test {
 protected:
  OpenSslTls make_tls(const std::string& ca_pem) {
    const std::string path = testing::write_temp_file("ca.pem", ca_pem);
    return OpenSslTls(path, [this](std::string_view line) { log_.emplace_back(line); });
  }
  std::vector<std::string> log_;
};

TEST_F(OpenSslTlsTest, PinnedSelfSignedCertificateConnectsAndCarriesBytes) {
  const KeyAndCert cloud = testing::make_self_signed("onboard-cloud", "DNS:cloud.example");
  TlsTestServer server(cloud);
  OpenSslTls tls = make_tls(cloud.cert_pem);
  ASSERT_TRUE(tls.ok()) << tls.error();

  // Reached by IP although the certificate names cloud.example: pinned wins.
  const hal::Handle stream = tls.connect("127.0.0.1", server.port());
  ASSERT_TRUE(wait_for([&] { return tls.state(stream) != StreamState::Connecting; }, {&tls}));
  ASSERT_EQ(tls.state(stream), StreamState::Connected) << (log_.empty() ? "" : log_.back());

  const std::string ping = "\x06\x00\x01\x00\x00";
  std::size_t sent = 0;
  ASSERT_TRUE(wait_for(
      [&] {
        const hal::IoResult n =
            tls.send(stream, reinterpret_cast<const std::uint8_t*>(ping.data()) + sent, ping.size() - sent);
        if (n > 0) sent += static_cast<std::size_t>(n);
        return sent == ping.size() || n < 0;
      },
      {&tls}));
  std::string echoed;
  ASSERT_TRUE(wait_for(
      [&] {
        std::uint8_t buffer[64];
        const hal::IoResult n = tls.receive(stream, buffer, sizeof buffer);
        if (n > 0) echoed.append(reinterpret_cast<char*>(buffer), static_cast<std::size_t>(n));
        return echoed.size() >= ping.size() || n < 0;
      },
      {&tls}));
  EXPECT_EQ(echoed, ping);
  tls.close(stream);
}

TEST_F(OpenSslTlsTest, CertificateSignedByTheGivenCaConnectsWhenTheNameMatches) {
  const KeyAndCert ca = testing::make_ca("Onboard test CA");
  TlsTestServer server(testing::make_leaf(ca, "cloud", "IP:127.0.0.1"));
  OpenSslTls tls = make_tls(ca.cert_pem);
  const Outcome outcome = connect_to(tls, "127.0.0.1", server.port());
  EXPECT_EQ(outcome.state, StreamState::Connected) << (log_.empty() ? "" : log_.back());
}

TEST_F(OpenSslTlsTest, CaSignedCertificateForAnotherNameIsACertificateFailure) {
  const KeyAndCert ca = testing::make_ca("Onboard test CA");
  TlsTestServer server(testing::make_leaf(ca, "cloud", "IP:10.9.9.9"));
  OpenSslTls tls = make_tls(ca.cert_pem);
  const Outcome outcome = connect_to(tls, "127.0.0.1", server.port());
  EXPECT_EQ(outcome.state, StreamState::Failed);
  EXPECT_EQ(outcome.failure, StreamFailure::TlsCertificate);
}

TEST_F(OpenSslTlsTest, WrongCaIsACertificateFailureWithALogLine) {
  TlsTestServer server(testing::make_self_signed("impostor", "IP:127.0.0.1"));
  OpenSslTls tls = make_tls(testing::make_self_signed("the real cloud", "IP:127.0.0.1").cert_pem);
  const Outcome outcome = connect_to(tls, "127.0.0.1", server.port());
  EXPECT_EQ(outcome.state, StreamState::Failed);
  EXPECT_EQ(outcome.failure, StreamFailure::TlsCertificate);
  ASSERT_FALSE(log_.empty());
  EXPECT_NE(log_.back().find("not trusted"), std::string::npos) << log_.back();
}

TEST_F(OpenSslTlsTest, NoCaRefusesTlsAtOnceAndSaysHowToFixIt) {
  OpenSslTls tls("", [this](std::string_view line) { log_.emplace_back(line); });
  const hal::Handle stream = tls.connect("127.0.0.1", 9443);
  EXPECT_EQ(tls.state(stream), StreamState::Failed);
  EXPECT_EQ(tls.failure(stream), StreamFailure::TlsCertificate);
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_NE(log_[0].find("--cloud-ca"), std::string::npos);
}

TEST_F(OpenSslTlsTest, UnreadableOrEmptyCaFileIsReported) {
  OpenSslTls missing("/nonexistent/ca.pem", nullptr);
  EXPECT_FALSE(missing.ok());
  OpenSslTls empty = make_tls("not a certificate\n");
  EXPECT_FALSE(empty.ok());
  EXPECT_NE(empty.error().find("no PEM certificate"), std::string::npos);
}

TEST_F(OpenSslTlsTest, SomethingThatIsNotTlsIsAHandshakeFailure) {
  // A plain server that closes at once: the handshake sees EOF, not a certificate.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::listen(fd, 1);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  OpenSslTls tls = make_tls(testing::make_self_signed("cloud", "").cert_pem);
  const hal::Handle stream = tls.connect("127.0.0.1", ntohs(address.sin_port));
  const int accepted = ::accept(fd, nullptr, nullptr);
  ::close(accepted);
  ASSERT_TRUE(wait_for([&] { return tls.state(stream) != StreamState::Connecting; }, {&tls}));
  EXPECT_EQ(tls.state(stream), StreamState::Failed);
  EXPECT_EQ(tls.failure(stream), StreamFailure::TlsHandshake);
  ::close(fd);
}

}  // namespace
}  // namespace onboard::port
