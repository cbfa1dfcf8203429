/* The integer division, 64-bit multiply and double-precision helpers that an
   ESP8266 finds in its mask ROM (the SDK's linker script maps them there), so
   Debian's gcc-xtensa-lx106 libgcc leaves them out. Linked only where no ROM
   is: under QEMU's Xtensa simulator. IEEE 754 binary64 with round to nearest,
   ties to even, subnormals, infinities and NaNs (after Berkeley SoftFloat 2). */
#include <stdint.h>

/* The host test builds this file under other names, beside the host's own helpers. */
#ifdef ONBOARD_ROM_ARITHMETIC_PREFIX
#define __umulsidi3 onboard_rom_umulsidi3
#define __muldi3 onboard_rom_muldi3
#define __udivsi3 onboard_rom_udivsi3
#define __umodsi3 onboard_rom_umodsi3
#define __divsi3 onboard_rom_divsi3
#define __udivdi3 onboard_rom_udivdi3
#define __umoddi3 onboard_rom_umoddi3
#define __divdi3 onboard_rom_divdi3
#define __adddf3 onboard_rom_adddf3
#define __subdf3 onboard_rom_subdf3
#define __muldf3 onboard_rom_muldf3
#endif

typedef uint64_t u64;
typedef uint32_t u32;

/* ---- integers ---- */

u64 __umulsidi3(u32 a, u32 b) {
  const u32 a0 = a & 0xFFFFu, a1 = a >> 16, b0 = b & 0xFFFFu, b1 = b >> 16;
  const u32 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const u32 mid = (p00 >> 16) + (p01 & 0xFFFFu) + (p10 & 0xFFFFu);
  const u32 lo = (p00 & 0xFFFFu) | (mid << 16);
  const u32 hi = p11 + (p01 >> 16) + (p10 >> 16) + (mid >> 16);
  return ((u64)hi << 32) | lo;
}

u64 __muldi3(u64 a, u64 b) {
  const u32 al = (u32)a, ah = (u32)(a >> 32), bl = (u32)b, bh = (u32)(b >> 32);
  return __umulsidi3(al, bl) + ((u64)(al * bh + ah * bl) << 32);
}

static u32 udivmod32(u32 n, u32 d, u32* remainder) {
  u32 q = 0, r = 0;
  if (d == 0) __builtin_trap();
  for (int bit = 31; bit >= 0; --bit) {
    r = (r << 1) | ((n >> bit) & 1u);
    if (r >= d) {
      r -= d;
      q |= 1u << bit;
    }
  }
  if (remainder) *remainder = r;
  return q;
}

u32 __udivsi3(u32 n, u32 d) {
  return udivmod32(n, d, 0);
}

u32 __umodsi3(u32 n, u32 d) {
  u32 r;
  udivmod32(n, d, &r);
  return r;
}

int32_t __divsi3(int32_t n, int32_t d) {
  const u32 un = n < 0 ? 0u - (u32)n : (u32)n;
  const u32 ud = d < 0 ? 0u - (u32)d : (u32)d;
  const u32 q = udivmod32(un, ud, 0);
  return (n < 0) != (d < 0) ? (int32_t)(0u - q) : (int32_t)q;
}

static u64 udivmod64(u64 n, u64 d, u64* remainder) {
  u64 q = 0, r = 0;
  if (d == 0) __builtin_trap();
  for (int bit = 63; bit >= 0; --bit) {
    r = (r << 1) | ((n >> bit) & 1u);
    if (r >= d) {
      r -= d;
      q |= (u64)1 << bit;
    }
  }
  if (remainder) *remainder = r;
  return q;
}

u64 __udivdi3(u64 n, u64 d) {
  return udivmod64(n, d, 0);
}

u64 __umoddi3(u64 n, u64 d) {
  u64 r;
  udivmod64(n, d, &r);
  return r;
}

int64_t __divdi3(int64_t n, int64_t d) {
  const u64 un = n < 0 ? 0u - (u64)n : (u64)n;
  const u64 ud = d < 0 ? 0u - (u64)d : (u64)d;
  const u64 q = udivmod64(un, ud, 0);
  return (n < 0) != (d < 0) ? (int64_t)(0u - q) : (int64_t)q;
}

/* ---- binary64 ---- */

typedef union {
  double d;
  u64 u;
} bits64;

static const u64 kDefaultNan = 0x7FF8000000000000ull;

static int sign_of(u64 a) {
  return (int)(a >> 63);
}
static int exp_of(u64 a) {
  return (int)((a >> 52) & 0x7FF);
}
static u64 frac_of(u64 a) {
  return a & 0x000FFFFFFFFFFFFFull;
}
static u64 pack(int sign, int exp, u64 sig) {
  return ((u64)sign << 63) + ((u64)exp << 52) + sig;
}
static int is_nan(u64 a) {
  return exp_of(a) == 0x7FF && frac_of(a) != 0;
}
static u64 quiet_nan(u64 a, u64 b) {
  return (is_nan(a) ? a : b) | 0x0008000000000000ull;
}

static u64 shift_right_jamming(u64 a, int count) {
  if (count == 0) return a;
  if (count < 64) return (a >> count) | ((a << ((-count) & 63)) != 0);
  return a != 0;
}

/* exp is the biased exponent minus one; sig has its leading one at bit 62 and
   ten bits below the result's last place. */
static u64 round_pack(int sign, int exp, u64 sig) {
  u32 round_bits = (u32)(sig & 0x3FF);
  if ((u32)exp >= 0x7FD) {
    if (exp > 0x7FD || (exp == 0x7FD && (int64_t)(sig + 0x200) < 0)) return pack(sign, 0x7FF, 0);
    if (exp < 0) {
      sig = shift_right_jamming(sig, -exp);
      exp = 0;
      round_bits = (u32)(sig & 0x3FF);
    }
  }
  sig = (sig + 0x200) >> 10;
  if (round_bits == 0x200) sig &= ~(u64)1;
  if (sig == 0) exp = 0;
  return pack(sign, exp, sig);
}

static u64 normalize_round_pack(int sign, int exp, u64 sig) {
  const int shift = __builtin_clzll(sig) - 1;
  return round_pack(sign, exp - shift, sig << shift);
}

static u64 add_magnitudes(u64 a, u64 b, int sign) {
  int a_exp = exp_of(a), b_exp = exp_of(b), exp_diff = a_exp - b_exp, z_exp;
  u64 a_sig = frac_of(a) << 9, b_sig = frac_of(b) << 9, z_sig;
  if (exp_diff > 0) {
    if (a_exp == 0x7FF) return a_sig ? quiet_nan(a, b) : a;
    if (b_exp == 0)
      --exp_diff;
    else
      b_sig |= 0x2000000000000000ull;
    b_sig = shift_right_jamming(b_sig, exp_diff);
    z_exp = a_exp;
  } else if (exp_diff < 0) {
    if (b_exp == 0x7FF) return b_sig ? quiet_nan(a, b) : pack(sign, 0x7FF, 0);
    if (a_exp == 0)
      ++exp_diff;
    else
      a_sig |= 0x2000000000000000ull;
    a_sig = shift_right_jamming(a_sig, -exp_diff);
    z_exp = b_exp;
  } else {
    if (a_exp == 0x7FF) return (a_sig | b_sig) ? quiet_nan(a, b) : a;
    if (a_exp == 0) return pack(sign, 0, (a_sig + b_sig) >> 9);
    return round_pack(sign, a_exp, 0x4000000000000000ull + a_sig + b_sig);
  }
  a_sig |= 0x2000000000000000ull;
  z_sig = (a_sig + b_sig) << 1;
  --z_exp;
  if ((int64_t)z_sig < 0) {
    z_sig = a_sig + b_sig;
    ++z_exp;
  }
  return round_pack(sign, z_exp, z_sig);
}

static u64 subtract_magnitudes(u64 a, u64 b, int sign) {
  int a_exp = exp_of(a), b_exp = exp_of(b), exp_diff = a_exp - b_exp;
  u64 a_sig = frac_of(a) << 10, b_sig = frac_of(b) << 10;
  if (exp_diff > 0) {
    if (a_exp == 0x7FF) return a_sig ? quiet_nan(a, b) : a;
    if (b_exp == 0)
      --exp_diff;
    else
      b_sig |= 0x4000000000000000ull;
    b_sig = shift_right_jamming(b_sig, exp_diff);
    a_sig |= 0x4000000000000000ull;
    return normalize_round_pack(sign, a_exp - 1, a_sig - b_sig);
  }
  if (exp_diff < 0) {
    if (b_exp == 0x7FF) return b_sig ? quiet_nan(a, b) : pack(sign ^ 1, 0x7FF, 0);
    if (a_exp == 0)
      ++exp_diff;
    else
      a_sig |= 0x4000000000000000ull;
    a_sig = shift_right_jamming(a_sig, -exp_diff);
    b_sig |= 0x4000000000000000ull;
    return normalize_round_pack(sign ^ 1, b_exp - 1, b_sig - a_sig);
  }
  if (a_exp == 0x7FF) return (a_sig | b_sig) ? quiet_nan(a, b) : kDefaultNan;
  if (a_exp == 0) a_exp = b_exp = 1;
  if (b_sig < a_sig) return normalize_round_pack(sign, a_exp - 1, a_sig - b_sig);
  if (a_sig < b_sig) return normalize_round_pack(sign ^ 1, b_exp - 1, b_sig - a_sig);
  return pack(0, 0, 0);
}

double __adddf3(double x, double y) {
  bits64 a = {x}, b = {y}, z;
  z.u = sign_of(a.u) == sign_of(b.u) ? add_magnitudes(a.u, b.u, sign_of(a.u))
                                     : subtract_magnitudes(a.u, b.u, sign_of(a.u));
  return z.d;
}

double __subdf3(double x, double y) {
  bits64 a = {x}, b = {y}, z;
  z.u = sign_of(a.u) == sign_of(b.u) ? subtract_magnitudes(a.u, b.u, sign_of(a.u))
                                     : add_magnitudes(a.u, b.u, sign_of(a.u));
  return z.d;
}

static void normalize_subnormal(u64 sig, int* exp, u64* out) {
  const int shift = __builtin_clzll(sig) - 11;
  *out = sig << shift;
  *exp = 1 - shift;
}

double __muldf3(double x, double y) {
  bits64 a = {x}, b = {y}, z;
  int a_exp = exp_of(a.u), b_exp = exp_of(b.u);
  u64 a_sig = frac_of(a.u), b_sig = frac_of(b.u);
  const int sign = sign_of(a.u) ^ sign_of(b.u);
  if (a_exp == 0x7FF) {
    if (a_sig || (b_exp == 0x7FF && b_sig))
      z.u = quiet_nan(a.u, b.u);
    else
      z.u = (b_exp | (int)(b_sig != 0)) == 0 ? kDefaultNan : pack(sign, 0x7FF, 0);
    return z.d;
  }
  if (b_exp == 0x7FF) {
    if (b_sig)
      z.u = quiet_nan(a.u, b.u);
    else
      z.u = (a_exp | (int)(a_sig != 0)) == 0 ? kDefaultNan : pack(sign, 0x7FF, 0);
    return z.d;
  }
  if (a_exp == 0) {
    if (a_sig == 0) return z.u = pack(sign, 0, 0), z.d;
    normalize_subnormal(a_sig, &a_exp, &a_sig);
  }
  if (b_exp == 0) {
    if (b_sig == 0) return z.u = pack(sign, 0, 0), z.d;
    normalize_subnormal(b_sig, &b_exp, &b_sig);
  }
  int z_exp = a_exp + b_exp - 0x3FF;
  a_sig = (a_sig | 0x0010000000000000ull) << 10;
  b_sig = (b_sig | 0x0010000000000000ull) << 11;
  /* The 128-bit product of the two significands, from 32-bit halves. */
  const u32 al = (u32)a_sig, ah = (u32)(a_sig >> 32), bl = (u32)b_sig, bh = (u32)(b_sig >> 32);
  const u64 ll = __umulsidi3(al, bl), lh = __umulsidi3(al, bh), hl = __umulsidi3(ah, bl),
            hh = __umulsidi3(ah, bh);
  const u64 mid = (ll >> 32) + (u32)lh + (u32)hl;
  const u64 low = (mid << 32) | (u32)ll;
  u64 high = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  high |= (low != 0);
  if ((int64_t)(high << 1) >= 0) {
    high <<= 1;
    --z_exp;
  }
  z.u = round_pack(sign, z_exp, high);
  return z.d;
}
