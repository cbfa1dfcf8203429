// The network side of onboard-cloud: a plain and a TLS listener, each serving
// the Blynk device protocol and HTTP/1.1 on one port (told apart by the first
// byte), on a small fixed pool of io threads. Asio stays behind this header.
#pragma once

#include <memory>
#include <string>

#include "onboard/cloud/context.hpp"

namespace onboard::cloud {

class Server {
 public:
  // cert/key: PEM files for the TLS listener.
  Server(Context& ctx, const std::string& cert, const std::string& key);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds both listeners (throws on failure); afterwards the endpoints are known.
  void bind();
  std::string plain_endpoint() const;  // "127.0.0.1:8080"
  std::string tls_endpoint() const;

  // Serves until SIGTERM/SIGINT or stop(); then closes every connection and
  // returns once the io threads are done.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace onboard::cloud
