#include "onboard/device/ap_name.hpp"

#include <cstring>

#include "onboard/device/crc32.hpp"

namespace onboard::device {

void chip_code(std::uint64_t chip_id, char (&out)[4]) {
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  static_assert(sizeof kAlphabet - 1 == 24, "24 letters");
  std::uint8_t bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(chip_id >> (8 * i));
  std::uint32_t crc = crc32(0, bytes, sizeof bytes);
  for (char& c : out) {
    c = kAlphabet[crc % 24];
    crc /= 24;
  }
}

std::size_t utf8_cut(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  std::size_t n = max_bytes;
  // Step back over continuation bytes (10xxxxxx) so no character is split.
  while (n > 0 && (static_cast<std::uint8_t>(text[n]) & 0xC0) == 0x80) --n;
  return n;
}

std::size_t make_ap_name(std::string_view prefix, std::string_view template_name, std::uint64_t chip_id,
                         char (&out)[kApNameMax]) {
  constexpr std::size_t kSuffix = 5;  // "-XXXX"
  prefix = prefix.substr(0, utf8_cut(prefix, 20));
  std::size_t n = 0;
  auto put = [&](std::string_view part) {
    std::memcpy(out + n, part.data(), part.size());
    n += part.size();
  };
  put(prefix);
  const std::size_t separator = prefix.empty() || template_name.empty() ? 0 : 1;
  const std::size_t room = kApNameMax - n - separator - kSuffix;
  std::string_view name = template_name.substr(0, utf8_cut(template_name, room));
  // A cut may leave a trailing space ("My Device" -> "My "): drop it.
  while (name.size() < template_name.size() && !name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (separator != 0 && !name.empty()) put(" ");
  put(name);
  char code[4];
  chip_code(chip_id, code);
  out[n++] = '-';
  put(std::string_view(code, 4));
  return n;
}

}  // namespace onboard::device
