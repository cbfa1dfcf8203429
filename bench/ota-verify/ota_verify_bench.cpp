// How long a device spends checking an image once it is in its slot: the payload's SHA-256
// and the Ed25519ph signature over header and payload, fed in the updater's 512-byte chunks
// (libsodium, as the Linux port does). Sizes: a small MCU image to a Linux program.
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

#include "onboard/protocol/ota/sodium_image.hpp"

namespace {

using namespace onboard::ota;

struct Fixture {
  SigningKey key;
  SignedImage image;
};

Fixture make(std::size_t payload_size) {
  Fixture f;
  f.key = *generate_signing_key();
  std::vector<std::uint8_t> payload(payload_size);
  for (std::size_t i = 0; i < payload_size; ++i) payload[i] = static_cast<std::uint8_t>(i * 31);
  f.image = make_signed_image({"TMPL1234", "1.0.0", "b", false}, payload, f.key);
  return f;
}

void BM_VerifyStreamed(benchmark::State& state) {
  const Fixture f = make(static_cast<std::size_t>(state.range(0)));
  const std::size_t signed_size = f.image.header.signed_size();
  const std::uint8_t* bytes = f.image.bytes.data();
  for (auto _ : state) {
    StreamingImageCheck check;
    check.begin();
    for (std::size_t at = 0; at < signed_size; at += 512) {
      const std::size_t n = signed_size - at < 512 ? signed_size - at : 512;
      check.signed_bytes(bytes + at, n);
      if (at + n > kHeaderSize) {
        const std::size_t from = at < kHeaderSize ? kHeaderSize : at;
        check.payload_bytes(bytes + from, at + n - from);
      }
    }
    const auto sha = check.payload_sha256();
    bool ok = std::memcmp(sha.data(), f.image.header.payload_sha256, sha.size()) == 0;
    ok = ok && check.signature_valid(bytes + signed_size, f.key.public_key);
    if (!ok) state.SkipWithError("the image did not verify");
    benchmark::DoNotOptimize(ok);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(signed_size));
}
BENCHMARK(BM_VerifyStreamed)->Arg(64 << 10)->Arg(1 << 20)->Arg(16 << 20)->Unit(benchmark::kMillisecond);

// The part that does not grow with the image: Ed25519ph over an empty-payload-sized message.
void BM_SignatureOnly(benchmark::State& state) {
  const Fixture f = make(1);
  for (auto _ : state) {
    StreamingImageCheck check;
    check.begin();
    check.signed_bytes(f.image.bytes.data(), f.image.header.signed_size());
    benchmark::DoNotOptimize(
        check.signature_valid(f.image.bytes.data() + f.image.header.signed_size(), f.key.public_key));
  }
}
BENCHMARK(BM_SignatureOnly)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
