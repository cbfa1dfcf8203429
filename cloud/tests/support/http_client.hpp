// A minimal HTTP/1.1 client for tests: one request per connection.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace onboard::cloud::test {

struct HttpResult {
  int status = 0;                              // 0: no answer
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  nlohmann::json json() const;
};

struct HttpClient {
  std::string endpoint;
  bool tls = false;
  std::string bearer;

  HttpResult request(const std::string& method, const std::string& path, const std::string& body = {},
                     const std::map<std::string, std::string>& headers = {}) const;
  HttpResult get(const std::string& path) const { return request("GET", path); }
  HttpResult post(const std::string& path, const nlohmann::json& body) const {
    return request("POST", path, body.dump());
  }
};

}  // namespace onboard::cloud::test
