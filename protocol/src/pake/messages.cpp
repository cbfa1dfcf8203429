#include "onboard/protocol/pake/messages.hpp"

#include "onboard/protocol/pake/flat_json.hpp"
#include "onboard/protocol/setup/json_writer.hpp"

namespace onboard::pake {

namespace {

using setup::JsonWriter;

// The largest byte string a message holds as hex: a point.
constexpr std::size_t kMaxHexField = 2 * kPointSize;

struct HexField {
  char text[kMaxHexField];
  std::size_t size;
  HexField(ByteView bytes) : size(hex_encode(bytes, text, sizeof text)) {}
  std::string_view view() const { return {text, size}; }
};

std::size_t finish(const JsonWriter& w) {
  return w.complete() ? w.size() : 0;
}

bool read_hex(const FlatJson& json, std::string_view key, std::uint8_t* out, std::size_t size) {
  std::string_view hex;
  return json.string(key, hex) && hex_decode_exact(hex, out, size);
}

}  // namespace

std::size_t write_params(const Params& params, char* out, std::size_t cap) {
  JsonWriter w(out, cap);
  w.begin_object();
  w.member("suite", kSuiteName);
  w.member("salt", HexField({params.salt, params.salt_size}).view());
  w.member("iterations", static_cast<std::int64_t>(params.iterations));
  w.member("attemptsLeft", static_cast<std::int64_t>(params.attempts_left));
  w.end_object();
  return finish(w);
}

std::size_t write_pake1_request(const Point& share_p, char* out, std::size_t cap) {
  JsonWriter w(out, cap);
  w.begin_object().member("shareP", HexField(share_p.view()).view()).end_object();
  return finish(w);
}

std::size_t write_pake1_response(const Pake1Response& response, char* out, std::size_t cap) {
  JsonWriter w(out, cap);
  w.begin_object();
  w.member("session", HexField({response.session.bytes, kSessionIdSize}).view());
  w.member("shareV", HexField(response.share_v.view()).view());
  w.member("confirmV", HexField(response.confirm_v.view()).view());
  w.end_object();
  return finish(w);
}

std::size_t write_pake2_request(const Pake2Request& request, char* out, std::size_t cap) {
  JsonWriter w(out, cap);
  w.begin_object();
  w.member("session", HexField({request.session.bytes, kSessionIdSize}).view());
  w.member("confirmP", HexField(request.confirm_p.view()).view());
  w.end_object();
  return finish(w);
}

namespace {

// {"session":..,"n":C,"c":".."} or, without a session, the device's answer. The sealed
// bytes go straight into the output as hex: they can be far longer than a HexField.
std::size_t write_envelope(const SessionId* session, std::uint32_t counter, ByteView sealed, char* out,
                           std::size_t cap) {
  JsonWriter w(out, cap);
  w.begin_object();
  if (session != nullptr) w.member("session", HexField({session->bytes, kSessionIdSize}).view());
  w.member("n", static_cast<std::int64_t>(counter));
  w.member("c", "");
  w.end_object();
  if (!w.complete()) return 0;
  // Splice the hex between the empty string's quotes: `"c":""}` ends the document.
  const std::size_t hex_size = 2 * sealed.size;
  const std::size_t total = w.size() + hex_size;
  if (sealed.size > cap / 2 || total > cap) return 0;
  const std::size_t quote = w.size() - 2;  // the closing quote of "c"
  out[total - 1] = '}';
  out[total - 2] = '"';
  hex_encode(sealed, out + quote, hex_size);
  return total;
}

bool read_envelope(std::string_view body, bool with_session, SecureEnvelope& out) {
  const FlatJson json(body);
  if (with_session && !read_hex(json, "session", out.session.bytes, kSessionIdSize)) return false;
  std::string_view hex;
  if (!json.unsigned32("n", out.counter) || !json.string("c", hex)) return false;
  if (hex.size() % 2 != 0 || hex.size() > 2 * (kMaxSecurePlaintext + kCcmTagSize)) return false;
  out.sealed_hex = hex;
  return true;
}

}  // namespace

std::size_t write_secure_request(const SessionId& session, std::uint32_t counter, ByteView sealed, char* out,
                                 std::size_t cap) {
  return write_envelope(&session, counter, sealed, out, cap);
}

std::size_t write_secure_response(std::uint32_t counter, ByteView sealed, char* out, std::size_t cap) {
  return write_envelope(nullptr, counter, sealed, out, cap);
}

std::size_t write_pake_error(std::string_view code, int attempts_left, char* out, std::size_t cap) {
  JsonWriter w(out, cap);
  w.begin_object().member("error", code);
  if (attempts_left >= 0) w.member("attemptsLeft", static_cast<std::int64_t>(attempts_left));
  w.end_object();
  return finish(w);
}

bool read_params(std::string_view body, Params& out) {
  const FlatJson json(body);
  std::string_view suite;
  std::string_view salt;
  if (!json.string("suite", suite) || suite != kSuiteName || !json.string("salt", salt)) return false;
  if (!hex_decode(salt, out.salt, sizeof out.salt, out.salt_size) || out.salt_size < kMinSaltSize)
    return false;
  return json.unsigned32("iterations", out.iterations) && out.iterations >= kMinIterations &&
         out.iterations <= kMaxIterations && json.unsigned32("attemptsLeft", out.attempts_left);
}

bool read_pake1_request(std::string_view body, Point& share_p) {
  return read_hex(FlatJson(body), "shareP", share_p.bytes, kPointSize);
}

bool read_pake1_response(std::string_view body, Pake1Response& out) {
  const FlatJson json(body);
  return read_hex(json, "session", out.session.bytes, kSessionIdSize) &&
         read_hex(json, "shareV", out.share_v.bytes, kPointSize) &&
         read_hex(json, "confirmV", out.confirm_v.bytes, kHashSize);
}

bool read_pake2_request(std::string_view body, Pake2Request& out) {
  const FlatJson json(body);
  return read_hex(json, "session", out.session.bytes, kSessionIdSize) &&
         read_hex(json, "confirmP", out.confirm_p.bytes, kHashSize);
}

bool read_secure_request(std::string_view body, SecureEnvelope& out) {
  return read_envelope(body, true, out);
}

bool read_secure_response(std::string_view body, SecureEnvelope& out) {
  return read_envelope(body, false, out);
}

bool read_pake_error(std::string_view body, std::string_view& code, int& attempts_left) {
  const FlatJson json(body);
  if (!json.string("error", code)) return false;
  std::uint32_t left = 0;
  attempts_left = json.unsigned32("attemptsLeft", left) && left <= 1000 ? static_cast<int>(left) : -1;
  return true;
}

}  // namespace onboard::pake
