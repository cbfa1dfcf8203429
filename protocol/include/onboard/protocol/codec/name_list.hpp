// Names of an enum's values packed into one string, "first\0second\0third", indexed by
// the value: a table that costs only its characters (no pointers, no compare chain).
#pragma once

#include <cstddef>
#include <string_view>

namespace onboard::codec {

// The `index`-th name of `names` ('\0'-separated), or `fallback` past the end.
std::string_view name_at(std::string_view names, std::size_t index, std::string_view fallback);
// The index of `name` in `names`; false when it is not there.
bool index_of(std::string_view names, std::string_view name, std::size_t& index);

// A packed list written as one string literal (its final NUL is not an entry).
template <std::size_t N>
constexpr std::string_view name_list(const char (&names)[N]) {
  return {names, N - 1};
}
// How many names a packed list holds, for static_asserts against the enum.
template <std::size_t N>
constexpr std::size_t count_names(const char (&names)[N]) {
  std::size_t n = 1;
  for (std::size_t i = 0; i + 1 < N; ++i) n += names[i] == '\0' ? 1 : 0;
  return n;
}

}  // namespace onboard::codec
