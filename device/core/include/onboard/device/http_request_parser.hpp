// A small, bounded, streaming HTTP/1.x request parser for the setup server: it
// keeps the request line and the few headers it needs, counts the rest, skips bodies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::device {

enum class HttpMethod : std::uint8_t { Get, Head, Post, Put, Delete, Options, Other };
// "GET" -> Get, ...; Other for any other name (names are case-sensitive).
HttpMethod http_method_from(std::string_view name);

struct HttpLimits {
  std::size_t max_header_line = 1024;   // one header line, bytes (431)
  std::size_t max_headers = 32;         // header lines (431)
  std::size_t max_header_bytes = 4096;  // all header lines together (431)
  std::size_t max_body = 1024;          // Content-Length accepted and skipped (413)
};

class HttpRequestParser;

// One body buffer that several parsers share (a server's clients): lent to one request from
// the end of its headers until release_body() or reset(); another body meanwhile is a 503.
struct SharedBody {
  char* data = nullptr;
  std::size_t capacity = 0;
  const HttpRequestParser* holder = nullptr;
};

class HttpRequestParser {
 public:
  enum class Status : std::uint8_t { NeedMore, Complete, Error };
  struct Result {
    Status status;
    std::size_t consumed;  // bytes of the input that belong to this request
  };

  // The request line (method, target, version) must fit in target_buffer:
  // a longer one is answered 414.
  // With a body buffer, a body of up to `body_capacity` bytes is kept (a longer one is
  // answered 413); without one, bodies are counted and skipped.
  HttpRequestParser(char* target_buffer, std::size_t capacity, HttpLimits limits = {},
                    char* body_buffer = nullptr, std::size_t body_capacity = 0)
      : buf_(target_buffer),
        cap_(capacity),
        limits_(limits),
        body_buf_(body_buffer),
        body_cap_(body_capacity) {}

  // The body buffer is borrowed from `shared` while a request's body arrives (bodies up to its
  // capacity are kept); a request with a body while another holds it is answered 503.
  HttpRequestParser(char* target_buffer, std::size_t capacity, HttpLimits limits, SharedBody* shared)
      : buf_(target_buffer), cap_(capacity), limits_(limits), shared_(shared) {}
  HttpRequestParser(const HttpRequestParser&) = delete;
  HttpRequestParser& operator=(const HttpRequestParser&) = delete;
  ~HttpRequestParser() { release_body(); }

  // Feed any chunking of the stream. Stops at the end of a request, so bytes of
  // a pipelined next request are left unconsumed. After Complete or Error, feed
  // returns the same status until reset().
  Result feed(const std::uint8_t* data, std::size_t size);
  void reset();
  // The handler is done with body(): a shared buffer goes back for the next request.
  void release_body();
  // From now on, bodies are kept in `shared` (see the constructor that takes one).
  void share_body(SharedBody* shared) {
    release_body();
    shared_ = shared;
  }

  bool started() const { return state_ != State::Start || size_ > 0; }

  // After Error: the HTTP status to answer with (400, 413, 414, 431, 501, 505).
  int error_status() const { return error_; }

  // After Complete:
  HttpMethod method() const { return method_; }
  std::string_view method_text() const { return method_text_; }
  std::string_view target() const { return target_; }
  std::string_view path() const;   // target before '?'
  std::string_view query() const;  // after '?', empty when none
  bool keep_alive() const { return keep_alive_; }
  std::size_t content_length() const { return content_length_; }
  // The body as received; empty without a body buffer.
  std::string_view body() const { return {body_buf_, body_size_}; }

 private:
  enum class State : std::uint8_t { Start, RequestLine, HeaderLine, Body, Done, Failed };

  Result fail(int status, std::size_t consumed);
  bool finish_request_line();
  int finish_header_line();  // 0 or an error status
  int headers_done();

  char* buf_;
  std::size_t cap_;
  HttpLimits limits_;
  char* body_buf_ = nullptr;
  std::size_t body_cap_ = 0;
  SharedBody* shared_ = nullptr;
  std::size_t body_size_ = 0;

  State state_ = State::Start;
  std::size_t size_ = 0;  // bytes in buf_ (request line) or line_ (header)
  char line_[96] = {};    // the stored start of the current header line
  std::size_t line_length_ = 0;
  std::size_t header_count_ = 0;
  std::size_t header_bytes_ = 0;
  std::size_t body_left_ = 0;
  bool saw_cr_ = false;
  bool minor_version_1_ = true;
  bool has_content_length_ = false;
  bool connection_close_ = false;
  bool connection_keep_alive_ = false;

  int error_ = 0;
  HttpMethod method_ = HttpMethod::Other;
  std::string_view method_text_;
  std::string_view target_;
  bool keep_alive_ = false;
  std::size_t content_length_ = 0;
};

}  // namespace onboard::device
