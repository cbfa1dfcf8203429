// A minimal blocking HTTP/1.1 client over plain TCP with keep-alive: enough to
// sign in, create a template, provision devices and read /metrics.
#pragma once

#include <cstdint>
#include <string>

namespace onboard::fleet {

struct HttpResult {
  int status = 0;  // 0: no answer (connection failed)
  std::string body;
};

class Http {
 public:
  Http(std::string host, std::uint16_t port) : host_(std::move(host)), port_(port) {}
  ~Http();
  Http(const Http&) = delete;
  Http& operator=(const Http&) = delete;

  HttpResult request(const std::string& method, const std::string& path, const std::string& body = {},
                     const std::string& bearer = {});

 private:
  bool ensure_connected();
  void disconnect();
  HttpResult exchange(const std::string& wire);

  std::string host_;
  std::uint16_t port_;
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace onboard::fleet
