// The JSON bodies of /pake/params, /pake/1, /pake/2 and /secure (secure-setup contract),
// written and read by both sides. Byte strings travel as lowercase hex.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/pake/channel.hpp"
#include "onboard/protocol/pake/setup_code.hpp"
#include "onboard/protocol/pake/suite.hpp"

namespace onboard::pake {

// The largest plaintext one /secure request or response carries, and its body in hex.
inline constexpr std::size_t kMaxSecurePlaintext = 1536;
inline constexpr std::size_t kMaxSecureBody = 64 + 2 * (kMaxSecurePlaintext + kCcmTagSize);

struct Params {
  std::uint8_t salt[kMaxSaltSize] = {};
  std::size_t salt_size = 0;
  std::uint32_t iterations = 0;
  std::uint32_t attempts_left = 0;
};

struct Pake1Response {
  SessionId session;
  Point share_v;
  Digest confirm_v;
};

struct Pake2Request {
  SessionId session;
  Digest confirm_p;
};

// `sealed` is a view of the hex in the body it was read from.
struct SecureEnvelope {
  SessionId session;  // absent in the device's answer
  std::uint32_t counter = 0;
  std::string_view sealed_hex;
};

// Writers return the length written (not NUL-terminated), or 0 when `cap` is too small.
std::size_t write_params(const Params& params, char* out, std::size_t cap);
std::size_t write_pake1_request(const Point& share_p, char* out, std::size_t cap);
std::size_t write_pake1_response(const Pake1Response& response, char* out, std::size_t cap);
std::size_t write_pake2_request(const Pake2Request& request, char* out, std::size_t cap);
std::size_t write_secure_request(const SessionId& session, std::uint32_t counter, ByteView sealed, char* out,
                                 std::size_t cap);
std::size_t write_secure_response(std::uint32_t counter, ByteView sealed, char* out, std::size_t cap);
// {"error":"<code>"} and, when attempts_left >= 0, "attemptsLeft":K.
std::size_t write_pake_error(std::string_view code, int attempts_left, char* out, std::size_t cap);

// Readers take a whole body; false on anything malformed, missing or of the wrong size.
bool read_params(std::string_view body, Params& out);
bool read_pake1_request(std::string_view body, Point& share_p);
bool read_pake1_response(std::string_view body, Pake1Response& out);
bool read_pake2_request(std::string_view body, Pake2Request& out);
bool read_secure_request(std::string_view body, SecureEnvelope& out);
bool read_secure_response(std::string_view body, SecureEnvelope& out);
// {"error":..,"attemptsLeft":..}: attempts_left is -1 when absent.
bool read_pake_error(std::string_view body, std::string_view& code, int& attempts_left);

}  // namespace onboard::pake
