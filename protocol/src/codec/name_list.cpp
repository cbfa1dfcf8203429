#include "onboard/protocol/codec/name_list.hpp"

namespace onboard::codec {

std::string_view name_at(std::string_view names, std::size_t index, std::string_view fallback) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < index; ++i) {
    const std::size_t end = names.find('\0', start);
    if (end == std::string_view::npos) return fallback;
    start = end + 1;
  }
  const std::size_t end = names.find('\0', start);
  return names.substr(start, end == std::string_view::npos ? names.size() - start : end - start);
}

bool index_of(std::string_view names, std::string_view name, std::size_t& index) {
  std::size_t start = 0;
  for (std::size_t i = 0;; ++i) {
    const std::size_t end = names.find('\0', start);
    const std::string_view entry =
        names.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (entry == name) {
      index = i;
      return true;
    }
    if (end == std::string_view::npos) return false;
    start = end + 1;
  }
}

}  // namespace onboard::codec
