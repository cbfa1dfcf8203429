// What one secure-setup handshake costs the device: the Verifier's /pake/1 answer and
// its /pake/2 check on mbedTLS, and one /secure request opened and answered. The phone's
// share is made once beforehand (OpenSSL), outside the timing.
#include <benchmark/benchmark.h>

#include "onboard/device/ports/mbedtls_crypto.hpp"
#include "onboard/protocol/pake/channel.hpp"
#include "onboard/protocol/pake/handshake.hpp"
#include "onboard/protocol/pake/openssl_crypto.hpp"
#include "onboard/protocol/pake/rfc9383_vectors.hpp"

namespace {

using namespace onboard::pake;

struct PhoneSide {
  OpenSslCrypto crypto;
  Prover prover{crypto};
  Point share_p;
  PhoneSide() {
    Scalar x;
    random_scalar(crypto, x);
    prover.start(vectors::scalar(vectors::kRegistrationW0), vectors::scalar(vectors::kRegistrationW1), x,
                 share_p);
  }
};

void DeviceHandshake(benchmark::State& state) {
  onboard::port::MbedTlsCrypto crypto;
  const VerifierRecord record{vectors::scalar(vectors::kRegistrationW0),
                              vectors::point(vectors::kRegistrationL)};
  for (auto _ : state) {
    state.PauseTiming();
    PhoneSide phone;
    state.ResumeTiming();
    Verifier verifier(crypto);
    Scalar y;
    Point share_v;
    Digest confirm_v;
    Digest confirm_p;
    random_scalar(crypto, y);
    if (verifier.respond(record, phone.share_p, y, share_v, confirm_v) != HandshakeError::none) {
      state.SkipWithError("respond failed");
      break;
    }
    state.PauseTiming();
    phone.prover.finish(share_v, confirm_v, confirm_p);
    state.ResumeTiming();
    if (verifier.confirm(confirm_p) != HandshakeError::none) {
      state.SkipWithError("confirm failed");
      break;
    }
    benchmark::DoNotOptimize(verifier.keys());
  }
}
BENCHMARK(DeviceHandshake)->Unit(benchmark::kMillisecond);

void DeviceSecureRequest(benchmark::State& state) {
  onboard::port::MbedTlsCrypto crypto;
  SessionKeys keys;
  SessionId session;
  PhoneChannel phone(session, keys);
  DeviceChannel device(session, keys);
  std::uint8_t sealed[256];
  std::uint8_t plain[256];
  const auto request = view_of(
      "GET /config?ssid=Home&pass=correct-horse-battery&blynk=0123456789abcdef0123456789abcd"
      "ef&host=cloud.example&port_ssl=443");
  const auto response = view_of("200 {\"status\":\"ok\",\"msg\":\"Configuration saved\"}");
  for (auto _ : state) {
    state.PauseTiming();
    std::size_t size = 0;
    std::uint32_t n = 0;
    phone.seal_request(crypto, request, sealed, sizeof sealed, size, n);
    state.ResumeTiming();
    std::size_t plain_size = 0;
    device.open_request(crypto, n, {sealed, size}, plain, sizeof plain, plain_size);
    device.seal_response(crypto, n, response, sealed, sizeof sealed, size);
    benchmark::DoNotOptimize(sealed);
  }
}
BENCHMARK(DeviceSecureRequest)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
