// Feeds arbitrary bytes to the image, OTA message and download readers and checks their contract:
// an accepted header writes back to the same bytes, a split image's parts lie inside the
// input, and whatever a reader accepts a writer can produce again.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "onboard/protocol/ota/download.hpp"
#include "onboard/protocol/ota/image.hpp"
#include "onboard/protocol/ota/messages.hpp"
#include "onboard/protocol/ota/version.hpp"

using namespace onboard::ota;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ImageHeader h;
  if (read_header(data, size, h) == HeaderError::none) {
    std::uint8_t again[kHeaderSize];
    if (write_header(h, again) != HeaderError::none) std::abort();
    if (std::memcmp(again, data, kHeaderSize) != 0) std::abort();
    Version v;
    if (!parse_version(h.version, v)) std::abort();
  }
  ImageParts parts;
  if (split_image(data, size, parts) == SplitError::none) {
    if (parts.signature + kSignatureSize != data + size) std::abort();
    if (parts.payload + parts.header.payload_size != parts.signature) std::abort();
  }
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  std::string_view url;
  if (read_start(body, url)) {
    if (url.empty() || url.data() < body.data() || url.data() + url.size() > body.data() + body.size()) {
      std::abort();
    }
    char buf[4096];
    if (url.size() < 1000 && write_start(url, buf, sizeof buf) == 0) std::abort();
  }
  FailReason reason;
  bool known = false;
  if (read_failed(body, reason, known) && known) {
    char buf[64];
    if (write_failed(reason, buf, sizeof buf) == 0) std::abort();
  }
  DownloadUrl u;
  if (parse_url(body, u)) {
    if (u.host.empty() || u.port == 0 || u.target.empty()) std::abort();
    char request[512];
    write_range_request(u, 1234, request, sizeof request);
  }
  // The response head reader in chunks of a data-driven size: it never consumes more than given.
  ResponseHeadReader reader;
  const std::size_t chunk = 1 + (size > 0 ? data[0] % 13 : 0);
  std::size_t pos = 0;
  while (pos < size) {
    const std::size_t n = size - pos < chunk ? size - pos : chunk;
    std::size_t consumed = 0;
    const auto status = reader.feed(data + pos, n, consumed);
    if (consumed > n) std::abort();
    pos += consumed;
    if (status != ResponseHeadReader::Status::need_more) break;
  }
  if (reader.head().has_range && reader.head().range_last < reader.head().range_first) std::abort();
  Version v;
  if (parse_version(body, v)) {
    if (compare(v, v) != 0) std::abort();
  }
  return 0;
}
