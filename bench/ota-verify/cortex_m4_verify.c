// The OTA image check on Cortex-M4 (QEMU mps2-an386): SHA-256 of the payload and Ed25519ph
// over header and payload with libsodium's portable C, streamed in 512-byte chunks like the
// updater reads its slot, then a tampered payload and a tampered header. Timed with the
// board's CMSDK timer 0 (25 MHz of QEMU's virtual clock).
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "image.h"
#include "sodium/crypto_hash_sha256.h"
#include "sodium/crypto_sign_ed25519.h"

#define TIMER0 ((volatile uint32_t*)0x40000000)
// ONBOARD_OTA_PUBLIC_KEY and image.h (the signed image as fw_obfw[]) come from cortex-m4.sh.
static const char* kPub = ONBOARD_OTA_PUBLIC_KEY;

static int hexval(char c) {
  return c <= '9' ? c - '0' : c - 'a' + 10;
}

static int check(const unsigned char* img, unsigned len, const unsigned char* pk) {
  const unsigned header = 128, signed_size = len - 64;
  crypto_sign_ed25519ph_state sign;
  crypto_hash_sha256_state sha;
  crypto_sign_ed25519ph_init(&sign);
  crypto_hash_sha256_init(&sha);
  for (unsigned at = 0; at < signed_size; at += 512) {
    unsigned n = signed_size - at < 512 ? signed_size - at : 512;
    crypto_sign_ed25519ph_update(&sign, img + at, n);
    if (at + n > header) {
      unsigned from = at < header ? header : at;
      crypto_hash_sha256_update(&sha, img + from, at + n - from);
    }
  }
  unsigned char digest[32];
  crypto_hash_sha256_final(&sha, digest);
  if (memcmp(digest, img + 96, 32) != 0) return 1;
  return crypto_sign_ed25519ph_final_verify(&sign, img + signed_size, pk) == 0 ? 0 : 2;
}

int main(void) {
  unsigned char pk[32];
  for (int i = 0; i < 32; ++i) pk[i] = (unsigned char)(hexval(kPub[2 * i]) << 4 | hexval(kPub[2 * i + 1]));
  TIMER0[2] = 0xFFFFFFFFu;  // RELOAD
  TIMER0[1] = 0xFFFFFFFFu;  // VALUE
  TIMER0[0] = 1;            // CTRL: enable
  const uint32_t t0 = TIMER0[1];
  const int good = check(fw_obfw, fw_obfw_len, pk);
  const uint32_t t1 = TIMER0[1];
  const unsigned in_payload = 128 + (fw_obfw_len - 192) / 2;
  fw_obfw[in_payload] ^= 1;
  const int tampered = check(fw_obfw, fw_obfw_len, pk);
  fw_obfw[in_payload] ^= 1;
  fw_obfw[20] ^= 1; /* template id byte: only the signature notices */
  const int header = check(fw_obfw, fw_obfw_len, pk);
  printf("image %u bytes: good=%d tampered=%d header=%d ticks=%lu (25 MHz) = %lu us\n", fw_obfw_len, good,
         tampered, header, (unsigned long)(t0 - t1), (unsigned long)((t0 - t1) / 25));
  return good == 0 && tampered == 1 && header == 2 ? 0 : 1;
}
