#include "onboard/protocol/ota/version.hpp"

namespace onboard::ota {

bool parse_version(std::string_view text, Version& out) {
  Version v;
  std::size_t part = 0;
  std::size_t digits = 0;
  std::uint32_t value = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool end = i == text.size();
    const char c = end ? '.' : text[i];
    if (c == '.') {
      if (digits == 0 || part == 4) return false;
      v.parts[part++] = value;
      digits = 0;
      value = 0;
      continue;
    }
    if (c < '0' || c > '9' || ++digits > 9) return false;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  out = v;
  return true;
}

int compare(const Version& a, const Version& b) {
  for (int i = 0; i < 4; ++i) {
    if (a.parts[i] != b.parts[i]) return a.parts[i] < b.parts[i] ? -1 : 1;
  }
  return 0;
}

VersionVerdict judge_version(const Version& running, const Version& image, bool image_allows_downgrade) {
  if (compare(image, running) > 0) return VersionVerdict::newer;
  return image_allows_downgrade ? VersionVerdict::downgrade : VersionVerdict::refused;
}

}  // namespace onboard::ota
