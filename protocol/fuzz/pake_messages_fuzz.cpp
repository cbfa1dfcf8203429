// Feeds arbitrary bytes to every reader of the secure setup messages (what a device
// parses from anyone in radio range) and checks the contract: a body accepted once is
// accepted again with the same values after being written back out.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "onboard/protocol/pake/flat_json.hpp"
#include "onboard/protocol/pake/messages.hpp"
#include "onboard/protocol/pake/verifier_file.hpp"

using namespace onboard::pake;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  FlatJson json(body);
  (void)json.valid();

  static char out[kMaxSecureBody];
  Point share;
  if (read_pake1_request(body, share)) {
    Point again;
    if (!read_pake1_request({out, write_pake1_request(share, out, sizeof out)}, again)) std::abort();
    if (std::memcmp(share.bytes, again.bytes, kPointSize) != 0) std::abort();
  }
  Pake2Request two;
  if (read_pake2_request(body, two)) {
    Pake2Request again;
    if (!read_pake2_request({out, write_pake2_request(two, out, sizeof out)}, again)) std::abort();
  }
  SecureEnvelope envelope;
  if (read_secure_request(body, envelope)) {
    static std::uint8_t sealed[kMaxSecurePlaintext + kCcmTagSize];
    std::size_t sealed_size = 0;
    if (hex_decode(envelope.sealed_hex, sealed, sizeof sealed, sealed_size)) {
      SecureEnvelope again;
      const std::size_t n =
          write_secure_request(envelope.session, envelope.counter, {sealed, sealed_size}, out, sizeof out);
      if (!read_secure_request({out, n}, again) || again.counter != envelope.counter) std::abort();
    }
  }
  Params params;
  (void)read_params(body, params);
  std::string_view code;
  int left = 0;
  (void)read_pake_error(body, code, left);
  VerifierFile file;
  (void)read_verifier_file(body, file);
  return 0;
}
