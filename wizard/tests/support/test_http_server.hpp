// A real HTTP/1.1 server on 127.0.0.1 (port 0) for tests: each request goes to a handler that
// plays the device setup API or the cloud REST API, so the real clients are exercised.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace onboard::wizard::testing {

struct TestRequest {
  std::string method;
  std::string target;
  std::string path;   // target without the query
  std::string query;  // after '?', still encoded
  std::string body;
  std::string authorization;
};

struct TestResponse {
  int status = 200;
  std::string body;
  bool drop = false;  // close the connection after reading the request, without an answer
};

class TestHttpServer {
 public:
  using Handler = std::function<TestResponse(const TestRequest&)>;
  explicit TestHttpServer(Handler handler);
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  std::uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace onboard::wizard::testing
