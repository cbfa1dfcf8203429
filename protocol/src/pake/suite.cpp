#include "onboard/protocol/pake/suite.hpp"

namespace onboard::pake {

namespace {

constexpr Point kM = {{0x04, 0x88, 0x6e, 0x2f, 0x97, 0xac, 0xe4, 0x6e, 0x55, 0xba, 0x9d, 0xd7, 0x24,
                       0x25, 0x79, 0xf2, 0x99, 0x3b, 0x64, 0xe1, 0x6e, 0xf3, 0xdc, 0xab, 0x95, 0xaf,
                       0xd4, 0x97, 0x33, 0x3d, 0x8f, 0xa1, 0x2f, 0x5f, 0xf3, 0x55, 0x16, 0x3e, 0x43,
                       0xce, 0x22, 0x4e, 0x0b, 0x0e, 0x65, 0xff, 0x02, 0xac, 0x8e, 0x5c, 0x7b, 0xe0,
                       0x94, 0x19, 0xc7, 0x85, 0xe0, 0xca, 0x54, 0x7d, 0x55, 0xa1, 0x2e, 0x2d, 0x20}};
constexpr Point kN = {{0x04, 0xd8, 0xbb, 0xd6, 0xc6, 0x39, 0xc6, 0x29, 0x37, 0xb0, 0x4d, 0x99, 0x7f,
                       0x38, 0xc3, 0x77, 0x07, 0x19, 0xc6, 0x29, 0xd7, 0x01, 0x4d, 0x49, 0xa2, 0x4b,
                       0x4f, 0x98, 0xba, 0xa1, 0x29, 0x2b, 0x49, 0x07, 0xd6, 0x0a, 0xa6, 0xbf, 0xad,
                       0xe4, 0x50, 0x08, 0xa6, 0x36, 0x33, 0x7f, 0x51, 0x68, 0xc6, 0x4d, 0x9b, 0xd3,
                       0x60, 0x34, 0x80, 0x8c, 0xd5, 0x64, 0x49, 0x0b, 0x1e, 0x65, 0x6e, 0xdb, 0xe7}};
constexpr Scalar kOrder = {{0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
                            0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17,
                            0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51}};

// a < b, both big-endian of `size` bytes.
bool less_than(const std::uint8_t* a, const std::uint8_t* b, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

// a -= b over `size` bytes, a >= b.
void subtract(std::uint8_t* a, const std::uint8_t* b, std::size_t size) {
  int borrow = 0;
  for (std::size_t i = size; i-- > 0;) {
    int d = a[i] - b[i] - borrow;
    borrow = d < 0 ? 1 : 0;
    a[i] = static_cast<std::uint8_t>(d + (borrow << 8));
  }
}

}  // namespace

const Point& point_m() {
  return kM;
}
const Point& point_n() {
  return kN;
}
const Scalar& group_order() {
  return kOrder;
}

bool is_valid_scalar(const Scalar& k) {
  std::uint8_t any = 0;
  for (std::uint8_t b : k.bytes) any = static_cast<std::uint8_t>(any | b);
  return any != 0 && less_than(k.bytes, kOrder.bytes, kScalarSize);
}

Scalar negate_scalar(const Scalar& k) {
  Scalar out = kOrder;
  subtract(out.bytes, k.bytes, kScalarSize);
  if (!less_than(out.bytes, kOrder.bytes, kScalarSize)) out = Scalar{};  // k == 0
  return out;
}

Scalar reduce_mod_order(const std::uint8_t* big_endian, std::size_t size) {
  // Shift in one bit at a time, keeping r < n: r fits in 33 bytes since 2r + 1 < 2n.
  constexpr std::size_t kWide = kScalarSize + 1;
  std::uint8_t r[kWide] = {};
  std::uint8_t n[kWide] = {};
  for (std::size_t i = 0; i < kScalarSize; ++i) n[i + 1] = kOrder.bytes[i];
  for (std::size_t byte = 0; byte < size; ++byte) {
    for (int bit = 7; bit >= 0; --bit) {
      int carry = (big_endian[byte] >> bit) & 1;
      for (std::size_t i = kWide; i-- > 0;) {
        const int v = (r[i] << 1) | carry;
        carry = v >> 8;
        r[i] = static_cast<std::uint8_t>(v);
      }
      if (!less_than(r, n, kWide)) subtract(r, n, kWide);
    }
  }
  Scalar out;
  for (std::size_t i = 0; i < kScalarSize; ++i) out.bytes[i] = r[i + 1];
  secure_wipe(r, sizeof r);
  return out;
}

}  // namespace onboard::pake
