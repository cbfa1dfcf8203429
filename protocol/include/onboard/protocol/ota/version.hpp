// Firmware versions as the images and the login's `fw` carry them ("1.4.2"): reading and
// ordering, for the device's anti-rollback rule and the cloud's "lower version" shipments.
#pragma once

#include <cstdint>
#include <string_view>

namespace onboard::ota {

// Up to four numbers; missing ones read as 0, so "1.2" == "1.2.0".
struct Version {
  std::uint32_t parts[4] = {};
};

// 1 to 4 decimal numbers (each at most 9 digits) separated by single dots; nothing else.
bool parse_version(std::string_view text, Version& out);

// <0, 0, >0 like strcmp.
int compare(const Version& a, const Version& b);

// What a device does with an image version given the version it runs.
enum class VersionVerdict : std::uint8_t {
  newer,      // install
  downgrade,  // older or equal, and the image is marked as a downgrade: install
  refused,    // older or equal without the downgrade mark (anti-rollback)
};

VersionVerdict judge_version(const Version& running, const Version& image, bool image_allows_downgrade);

}  // namespace onboard::ota
