// The OTA messages of the Blynk device protocol, both ways, as INTERNAL (17) bodies.
// The cloud's start is the one the public Blynk library reads, so its firmware updates too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::ota {

// Cloud -> device: "ota\0<url>". The library switches on the first four bytes "ota\0"
// (BLYNK_INT_OTA) and hands the rest to BLYNK_WRITE(InternalPinOTA) as a string.
inline constexpr std::string_view kInternalOta{"ota", 3};

// The URL of an INTERNAL body that starts an update, or false when the body is not one
// (or its URL is empty). Fields after the URL are ignored, as the library does.
bool read_start(std::string_view body, std::string_view& url);

// Writes "ota\0<url>"; returns the size, or 0 when it does not fit.
std::size_t write_start(std::string_view url, char* out, std::size_t cap);

// Device -> cloud: "ota\0failed\0<reason>". Success is not reported: the cloud sees the new
// version in the next login's `fw`/`build`; the old version there means a rollback, which a
// device that noticed it also reports as the reason rolled_back.
inline constexpr std::string_view kFailed = "failed";

// Append-only: the strings are the wire contract with the cloud and the shipment statuses.
enum class FailReason : std::uint8_t {
  signature,    // not signed with the key the firmware was built with
  template_id,  // "template": the image is for another template
  version,      // not newer than what runs, and not marked as a downgrade
  hash,         // payload SHA-256 differs from the header's
  format,       // not an Onboard image, or a header this firmware cannot read
  size,         // larger than the device's firmware slot
  download,     // the URL could not be fetched (after the retries)
  storage,      // writing or reading the firmware slot failed
  url,          // a URL the device cannot use (scheme, length, no TLS for https)
  rolled_back,  // the new image restarted before it reached the cloud; the old one runs again
};

std::string_view to_string(FailReason reason);
bool fail_reason_from_string(std::string_view text, FailReason& out);

std::size_t write_failed(FailReason reason, char* out, std::size_t cap);

// True and `reason` set when the body is a device's failure report. A report naming a reason
// this side does not know reads as true with `known` false, so newer devices still count as failed.
bool read_failed(std::string_view body, FailReason& reason, bool& known);

}  // namespace onboard::ota
