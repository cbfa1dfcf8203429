// Feeds arbitrary bytes to the HTTP request parser in data-driven chunks and
// checks its contract: never consumes more than given, views stay inside the
// buffer, limits hold, and parsing is independent of chunking.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "onboard/device/http_request_parser.hpp"

using onboard::device::HttpLimits;
using onboard::device::HttpRequestParser;

namespace {

struct Outcome {
  HttpRequestParser::Status status;
  std::size_t consumed;
  int error;
  std::size_t target_size;
};

Outcome parse(const std::uint8_t* data, std::size_t size, std::size_t chunk, char* buf, std::size_t cap) {
  HttpLimits limits;
  limits.max_header_line = 200;
  limits.max_headers = 8;
  limits.max_header_bytes = 600;
  limits.max_body = 300;
  HttpRequestParser parser(buf, cap, limits);
  std::size_t pos = 0;
  HttpRequestParser::Status status = HttpRequestParser::Status::NeedMore;
  while (pos < size && status == HttpRequestParser::Status::NeedMore) {
    const std::size_t n = size - pos < chunk ? size - pos : chunk;
    const HttpRequestParser::Result r = parser.feed(data + pos, n);
    if (r.consumed > n) std::abort();
    pos += r.consumed;
    status = r.status;
    if (status == HttpRequestParser::Status::NeedMore && r.consumed != n) std::abort();
  }
  Outcome out{status, pos, parser.error_status(), 0};
  if (status == HttpRequestParser::Status::Complete) {
    const std::string_view t = parser.target();
    if (t.data() < buf || t.data() + t.size() > buf + cap) std::abort();
    if (t.empty() || (t[0] != '/' && t != "*")) std::abort();
    if (parser.content_length() > limits.max_body) std::abort();
    if (parser.path().size() + parser.query().size() > t.size()) std::abort();
    out.target_size = t.size();
  }
  if (status == HttpRequestParser::Status::Error) {
    const int e = parser.error_status();
    if (e != 400 && e != 413 && e != 414 && e != 431 && e != 501 && e != 505) std::abort();
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t chunk = 1 + data[0] % 23;
  static char a[128], b[128];
  const Outcome whole = parse(data + 1, size - 1, size, a, sizeof a);
  const Outcome pieces = parse(data + 1, size - 1, chunk, b, sizeof b);
  if (whole.status != pieces.status || whole.consumed != pieces.consumed || whole.error != pieces.error ||
      whole.target_size != pieces.target_size) {
    std::abort();
  }
  return 0;
}
