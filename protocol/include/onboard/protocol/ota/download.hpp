// The image download as devices do it: the start message's URL taken apart, a GET with
// `Range: bytes=N-` so a cut download resumes, and a bounded reader of the response head.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::ota {

// Views into the caller's URL text.
struct DownloadUrl {
  bool tls = false;
  std::string_view host;    // a DNS name or a dotted quad (no IPv6 literal, no user info)
  std::uint16_t port = 0;   // 80 / 443 when the URL names none
  std::string_view target;  // path and query, "/" when the URL has none
};

// http:// or https:// only; false for anything else, a bad port, or a control character.
bool parse_url(std::string_view url, DownloadUrl& out);

// "GET <target> HTTP/1.1", Host, "Range: bytes=<offset>-" (none when offset is 0) and
// "Connection: close". Returns the size written, or 0 when it does not fit.
std::size_t write_range_request(const DownloadUrl& url, std::uint32_t offset, char* out, std::size_t cap);

struct ResponseHead {
  int status = 0;
  bool has_length = false;
  std::uint64_t content_length = 0;
  // From "Content-Range: bytes <first>-<last>/<total>" ("*" total reads as has_total false).
  bool has_range = false;
  std::uint64_t range_first = 0;
  std::uint64_t range_last = 0;
  bool has_total = false;
  std::uint64_t range_total = 0;
  bool chunked = false;  // Transfer-Encoding other than identity
};

// Reads a response head from any chunking of the stream, keeping only one line at a time in
// its own fixed buffer: the head is bounded (kMaxHeadBytes, kMaxLine for the lines it reads).
class ResponseHeadReader {
 public:
  static constexpr std::size_t kMaxLine = 160;
  static constexpr std::size_t kMaxHeadBytes = 8192;
  enum class Status : std::uint8_t { need_more, done, error };

  // Consumes bytes up to the end of the head (the body's first bytes stay unconsumed).
  Status feed(const std::uint8_t* data, std::size_t size, std::size_t& consumed);
  const ResponseHead& head() const { return head_; }
  void reset() { *this = ResponseHeadReader(); }

 private:
  bool finish_line();

  ResponseHead head_;
  char line_[kMaxLine] = {};
  std::size_t line_size_ = 0;
  bool line_too_long_ = false;
  bool seen_cr_ = false;
  bool status_read_ = false;
  std::size_t total_ = 0;
  Status status_ = Status::need_more;
};

}  // namespace onboard::ota
