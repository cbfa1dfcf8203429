#include "onboard/protocol/pake/verifier_file.hpp"

#include "onboard/protocol/pake/flat_json.hpp"
#include "onboard/protocol/setup/json_writer.hpp"

namespace onboard::pake {

std::size_t write_verifier_file(const VerifierFile& file, char* out, std::size_t cap) {
  char salt[2 * kMaxSaltSize];
  char w0[2 * kScalarSize];
  char l[2 * kPointSize];
  const std::size_t salt_size = hex_encode({file.salt, file.salt_size}, salt, sizeof salt);
  hex_encode(file.w0.view(), w0, sizeof w0);
  hex_encode(file.l.view(), l, sizeof l);
  setup::JsonWriter w(out, cap);
  w.begin_object();
  w.member("format", kVerifierFormat);
  w.member("salt", {salt, salt_size});
  w.member("iterations", static_cast<std::int64_t>(file.iterations));
  w.member("w0", {w0, sizeof w0});
  w.member("L", {l, sizeof l});
  w.end_object();
  return w.complete() ? w.size() : 0;
}

bool read_verifier_file(std::string_view text, VerifierFile& out) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.remove_suffix(1);
  const FlatJson json(text);
  std::string_view format;
  std::string_view salt;
  std::string_view w0;
  std::string_view l;
  if (!json.string("format", format) || format != kVerifierFormat || !json.string("salt", salt) ||
      !json.string("w0", w0) || !json.string("L", l) || !json.unsigned32("iterations", out.iterations)) {
    return false;
  }
  return hex_decode(salt, out.salt, sizeof out.salt, out.salt_size) && out.salt_size >= kMinSaltSize &&
         out.iterations >= kMinIterations && out.iterations <= kMaxIterations &&
         hex_decode_exact(w0, out.w0.bytes, kScalarSize) && is_valid_scalar(out.w0) &&
         hex_decode_exact(l, out.l.bytes, kPointSize);
}

}  // namespace onboard::pake
