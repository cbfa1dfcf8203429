#include "onboard/device/http_request_parser.hpp"

#include <cstring>

#include "onboard/protocol/codec/name_list.hpp"

namespace onboard::device {
namespace {

bool is_token_char(char c) {
  if (c >= 'a' && c <= 'z') return true;
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= '0' && c <= '9') return true;
  return c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;  // RFC 9110 tchar
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

HttpMethod http_method_from(std::string_view name) {
  std::size_t index = 0;
  // In HttpMethod's order.
  if (!codec::index_of(codec::name_list("GET\0HEAD\0POST\0PUT\0DELETE\0OPTIONS"), name, index)) {
    return HttpMethod::Other;
  }
  return static_cast<HttpMethod>(index);
}

void HttpRequestParser::reset() {
  release_body();
  body_size_ = 0;
  state_ = State::Start;
  size_ = 0;
  line_length_ = 0;
  header_count_ = 0;
  header_bytes_ = 0;
  body_left_ = 0;
  saw_cr_ = false;
  minor_version_1_ = true;
  has_content_length_ = false;
  connection_close_ = false;
  connection_keep_alive_ = false;
  error_ = 0;
  method_ = HttpMethod::Other;
  method_text_ = {};
  target_ = {};
  keep_alive_ = false;
  content_length_ = 0;
}

void HttpRequestParser::release_body() {
  if (shared_ == nullptr || shared_->holder != this) return;
  shared_->holder = nullptr;
  body_buf_ = nullptr;
  body_cap_ = 0;
  body_size_ = 0;
}

std::string_view HttpRequestParser::path() const {
  const std::size_t q = target_.find('?');
  return q == std::string_view::npos ? target_ : target_.substr(0, q);
}

std::string_view HttpRequestParser::query() const {
  const std::size_t q = target_.find('?');
  return q == std::string_view::npos ? std::string_view() : target_.substr(q + 1);
}

HttpRequestParser::Result HttpRequestParser::fail(int status, std::size_t consumed) {
  state_ = State::Failed;
  error_ = status;
  return {Status::Error, consumed};
}

bool HttpRequestParser::finish_request_line() {
  std::string_view line(buf_, size_);
  const std::size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || sp1 == 0) return false;
  const std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 == sp1 + 1) return false;
  method_text_ = line.substr(0, sp1);
  for (char c : method_text_) {
    if (!is_token_char(c)) return false;
  }
  target_ = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (target_.empty() || (target_[0] != '/' && target_ != "*")) return false;
  for (char c : target_) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) return false;
  }
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.') return false;
  if (version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9') return false;
  if (version[5] != '1') {
    error_ = 505;
    return false;
  }
  minor_version_1_ = version[7] != '0';
  method_ = http_method_from(method_text_);
  return true;
}

int HttpRequestParser::finish_header_line() {
  if (line_length_ > limits_.max_header_line) return 431;
  if (++header_count_ > limits_.max_headers) return 431;
  const std::size_t stored = line_length_ < sizeof line_ ? line_length_ : sizeof line_;
  const std::string_view line(line_, stored);
  if (line[0] == ' ' || line[0] == '\t') return 400;  // obsolete line folding
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return line_length_ > sizeof line_ ? 431 : 400;
  const std::string_view name = line.substr(0, colon);
  for (char c : name) {
    if (!is_token_char(c)) return 400;
  }
  const bool truncated = line_length_ > sizeof line_;
  const std::string_view value = trim(line.substr(colon + 1));
  if (equals_ignore_case(name, "content-length")) {
    if (truncated || value.empty()) return 400;
    std::size_t length = 0;
    for (char c : value) {
      if (c < '0' || c > '9') return 400;
      if (length > limits_.max_body) return 413;  // stop before it can overflow
      length = length * 10 + static_cast<std::size_t>(c - '0');
    }
    // Two different lengths are a request-smuggling pattern: refuse.
    if (has_content_length_ && length != content_length_) return 400;
    has_content_length_ = true;
    content_length_ = length;
  } else if (equals_ignore_case(name, "transfer-encoding")) {
    return 501;  // no chunked bodies on a setup server
  } else if (equals_ignore_case(name, "connection")) {
    std::string_view rest = value;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string_view token = trim(rest.substr(0, comma));
      if (equals_ignore_case(token, "close")) connection_close_ = true;
      if (equals_ignore_case(token, "keep-alive")) connection_keep_alive_ = true;
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  return 0;
}

int HttpRequestParser::headers_done() {
  if (shared_ != nullptr && content_length_ > 0 && content_length_ <= shared_->capacity) {
    if (shared_->holder != nullptr && shared_->holder != this) return 503;  // another client's body
    shared_->holder = this;
    body_buf_ = shared_->data;
    body_cap_ = shared_->capacity;
  }
  if (content_length_ > limits_.max_body) return 413;
  if (body_buf_ != nullptr && content_length_ > body_cap_) return 413;
  keep_alive_ = !connection_close_ && (minor_version_1_ || connection_keep_alive_);
  body_left_ = content_length_;
  state_ = body_left_ > 0 ? State::Body : State::Done;
  return 0;
}

HttpRequestParser::Result HttpRequestParser::feed(const std::uint8_t* data, std::size_t length) {
  if (state_ == State::Done) return {Status::Complete, 0};
  if (state_ == State::Failed) return {Status::Error, 0};
  std::size_t i = 0;
  while (i < length) {
    if (state_ == State::Body) {
      const std::size_t n = length - i < body_left_ ? length - i : body_left_;
      if (body_buf_ != nullptr) {
        // headers_done() made sure the whole body fits.
        std::memcpy(body_buf_ + body_size_, data + i, n);
        body_size_ += n;
      }
      i += n;
      body_left_ -= n;
      if (body_left_ == 0) state_ = State::Done;
      break;
    }
    const char c = static_cast<char>(data[i++]);
    if (c == '\0') return fail(400, i);
    if (state_ == State::Start) {
      // Robustness (RFC 9112 2.2): empty lines before the request line are ignored.
      if (c == '\r' || c == '\n') continue;
      state_ = State::RequestLine;
    }
    if (c == '\r') {
      if (saw_cr_) return fail(400, i);
      saw_cr_ = true;
      continue;
    }
    if (saw_cr_ && c != '\n') return fail(400, i);  // a bare CR inside a line
    if (state_ == State::RequestLine) {
      if (c == '\n') {
        saw_cr_ = false;
        if (!finish_request_line()) return fail(error_ != 0 ? error_ : 400, i);
        state_ = State::HeaderLine;
        continue;
      }
      if (size_ == cap_) return fail(414, i);
      buf_[size_++] = c;
      continue;
    }
    // State::HeaderLine
    if (c == '\n') {
      saw_cr_ = false;
      if (line_length_ == 0) {
        if (const int status = headers_done(); status != 0) return fail(status, i);
        if (state_ == State::Done) break;
        continue;
      }
      if (const int status = finish_header_line(); status != 0) return fail(status, i);
      line_length_ = 0;
      continue;
    }
    if (line_length_ < sizeof line_) line_[line_length_] = c;
    ++line_length_;
    if (++header_bytes_ > limits_.max_header_bytes || line_length_ > limits_.max_header_line) {
      return fail(431, i);
    }
  }
  return {state_ == State::Done ? Status::Complete : Status::NeedMore, i};
}

}  // namespace onboard::device
