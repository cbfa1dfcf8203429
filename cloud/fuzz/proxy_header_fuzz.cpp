// libFuzzer: any bytes before a connection's data. The parser must never read past what
// it was given, must answer a length within the bytes and the cap when Complete, and
// must answer the same for a prefix as NeedMore or the same refusal.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "onboard/cloud/cluster/proxy_protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using onboard::cloud::ProxyHeader;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto h = onboard::cloud::parse_proxy_header(bytes);
  if (h.status == ProxyHeader::Status::Complete) {
    if (h.length > size || h.length > onboard::cloud::kProxyHeaderMax || h.length < 16) std::abort();
    // The header alone parses to the same result.
    const auto alone = onboard::cloud::parse_proxy_header(bytes.substr(0, h.length));
    if (alone.status != ProxyHeader::Status::Complete || alone.length != h.length ||
        alone.source_address != h.source_address)
      std::abort();
    // One byte short of it can only ask for more.
    if (onboard::cloud::parse_proxy_header(bytes.substr(0, h.length - 1)).status !=
        ProxyHeader::Status::NeedMore)
      std::abort();
  }
  return 0;
}
