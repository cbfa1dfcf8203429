// The CLI's side of the control socket: one request, its whole reply.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "wire/line.hpp"

namespace onboard::air {

struct Response {
  std::vector<ParsedLine> data;  // lines before the final one (e.g. "ap" entries)
  ParsedLine final;              // "ok ..." or "error reason=..."
  bool ok() const { return final.verb == "ok"; }
};

class Client {
 public:
  ~Client();
  Client(Client&& other) noexcept : fd_(other.fd_), buffer_(std::move(other.buffer_)) { other.fd_ = -1; }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  Client& operator=(Client&&) = delete;

  static std::optional<Client> connect(const std::filesystem::path& socket, std::string* error);
  std::optional<Response> request(std::string_view verb, const FieldList& fields, std::string* error);
  // Waits until the daemon closes the connection (after "shutdown").
  void wait_closed();

 private:
  explicit Client(int fd) : fd_(fd) {}
  std::optional<std::string> read_line(std::string* error);
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace onboard::air
