// The name of the device's access point: "<prefix> <template name>-<XXXX>", at
// most 32 bytes by construction, the template name cut on a UTF-8 boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::device {

inline constexpr std::size_t kApNameMax = 32;  // 802.11 SSID limit

// The 4-letter code of a chip: CRC-32 of its id (8 bytes, little-endian) written
// in a 24-letter alphabet (no I, no O), like Edgent's. Stable for a chip.
void chip_code(std::uint64_t chip_id, char (&out)[4]);

// Writes the AP name into out (no NUL) and returns its length (<= kApNameMax).
// A prefix longer than 20 bytes is cut too; an empty prefix drops the space.
std::size_t make_ap_name(std::string_view prefix, std::string_view template_name, std::uint64_t chip_id,
                         char (&out)[kApNameMax]);

// Length of the longest prefix of text no longer than max_bytes that ends on a
// UTF-8 character boundary.
std::size_t utf8_cut(std::string_view text, std::size_t max_bytes);

}  // namespace onboard::device
