// The ESP8266 ROM arithmetic stand-ins (used under QEMU's Xtensa simulator)
// against the host CPU: random and edge-case operands, bit-exact results.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

extern "C" {
std::uint64_t onboard_rom_umulsidi3(std::uint32_t, std::uint32_t);
std::uint64_t onboard_rom_muldi3(std::uint64_t, std::uint64_t);
std::uint32_t onboard_rom_udivsi3(std::uint32_t, std::uint32_t);
std::uint32_t onboard_rom_umodsi3(std::uint32_t, std::uint32_t);
std::int32_t onboard_rom_divsi3(std::int32_t, std::int32_t);
std::uint64_t onboard_rom_udivdi3(std::uint64_t, std::uint64_t);
std::uint64_t onboard_rom_umoddi3(std::uint64_t, std::uint64_t);
std::int64_t onboard_rom_divdi3(std::int64_t, std::int64_t);
double onboard_rom_adddf3(double, double);
double onboard_rom_subdf3(double, double);
double onboard_rom_muldf3(double, double);
}

namespace {

std::uint64_t bits(double d) {
  std::uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  return u;
}

double from_bits(std::uint64_t u) {
  double d;
  std::memcpy(&d, &u, sizeof d);
  return d;
}

// Equal bit for bit, except that any NaN matches any NaN.
::testing::AssertionResult same(double expected, double actual) {
  if ((std::isnan(expected) && std::isnan(actual)) || bits(expected) == bits(actual))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << std::hexfloat << "expected " << expected << ", got " << actual;
}

// Ordinary numbers, numbers near each other, subnormals, zeros, infinities and NaNs.
double pick(std::mt19937_64& rng) {
  const std::uint64_t r = rng();
  switch (r % 8) {
    case 0: return from_bits(rng() & 0x800FFFFFFFFFFFFFull);                            // subnormal or zero
    case 1: return from_bits((rng() & 0x800FFFFFFFFFFFFFull) | 0x7FF0000000000000ull);  // inf or NaN
    case 2:
      return static_cast<double>(static_cast<std::int32_t>(rng() % 2001) - 1000) /
             static_cast<double>(1 + rng() % 64);
    case 3: return from_bits(0x3FF0000000000000ull + (rng() & 0xFFFF));  // just above 1
    default: return from_bits(rng());
  }
}

TEST(Lx106RomArithmetic, DoublesMatchTheHostBitForBit) {
  std::mt19937_64 rng(20261201);
  for (int i = 0; i < 300000; ++i) {
    const double a = pick(rng), b = pick(rng);
    ASSERT_TRUE(same(a + b, onboard_rom_adddf3(a, b))) << std::hexfloat << a << " + " << b;
    ASSERT_TRUE(same(a - b, onboard_rom_subdf3(a, b))) << std::hexfloat << a << " - " << b;
    ASSERT_TRUE(same(a * b, onboard_rom_muldf3(a, b))) << std::hexfloat << a << " * " << b;
  }
}

TEST(Lx106RomArithmetic, DoubleEdgeCases) {
  const double inf = std::numeric_limits<double>::infinity();
  const double max = std::numeric_limits<double>::max();
  const double tiny = std::numeric_limits<double>::denorm_min();
  EXPECT_TRUE(std::isnan(onboard_rom_subdf3(inf, inf)));
  EXPECT_TRUE(std::isnan(onboard_rom_muldf3(0.0, inf)));
  EXPECT_TRUE(same(inf, onboard_rom_muldf3(max, 2.0)));
  EXPECT_TRUE(same(0.0, onboard_rom_muldf3(tiny, 0.5)));  // ties to even: 0
  EXPECT_TRUE(same(2 * tiny, onboard_rom_muldf3(tiny, 1.5)));
  EXPECT_TRUE(same(0.0, onboard_rom_subdf3(1.0, 1.0)));  // +0, not -0
  EXPECT_TRUE(same(-0.0, onboard_rom_adddf3(-0.0, -0.0)));
  EXPECT_TRUE(same(0.30000000000000004, onboard_rom_adddf3(0.1, 0.2)));
}

TEST(Lx106RomArithmetic, IntegersMatchTheHost) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t x = rng() >> (rng() % 64), y = (rng() >> (rng() % 64)) | 1;
    ASSERT_EQ(x / y, onboard_rom_udivdi3(x, y));
    ASSERT_EQ(x % y, onboard_rom_umoddi3(x, y));
    ASSERT_EQ(x * y, onboard_rom_muldi3(x, y));
    const auto sx = static_cast<std::int64_t>(x - (rng() >> 1));  // wraps: any sign
    const auto sy = static_cast<std::int64_t>(rng() % 2 ? y : 0 - y);
    if (sy != -1) {
      ASSERT_EQ(sx / sy, onboard_rom_divdi3(sx, sy));
    }
    const auto p = static_cast<std::uint32_t>(rng()) >> (rng() % 32);
    const auto q = (static_cast<std::uint32_t>(rng()) >> (rng() % 32)) | 1u;
    ASSERT_EQ(p / q, onboard_rom_udivsi3(p, q));
    ASSERT_EQ(p % q, onboard_rom_umodsi3(p, q));
    ASSERT_EQ(static_cast<std::uint64_t>(p) * q, onboard_rom_umulsidi3(p, q));
    const auto sp = static_cast<std::int32_t>(p - static_cast<std::uint32_t>(rng() % 1000));
    const auto sq = static_cast<std::int32_t>(rng() % 2 ? q : 0u - q);
    if (sq != -1) {
      ASSERT_EQ(sp / sq, onboard_rom_divsi3(sp, sq));
    }
  }
}

}  // namespace
