#include "support/http_client.hpp"

#include <algorithm>
#include <cctype>

#include "support/connection.hpp"

namespace onboard::cloud::test {

nlohmann::json HttpResult::json() const {
  return nlohmann::json::parse(body, nullptr, false);
}

HttpResult HttpClient::request(const std::string& method, const std::string& path, const std::string& body,
                               const std::map<std::string, std::string>& headers) const {
  Connection conn;
  HttpResult result;
  if (!conn.open(endpoint, tls)) return result;
  std::string req = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
  if (!bearer.empty()) req += "Authorization: Bearer " + bearer + "\r\n";
  if (!body.empty() || method == "POST" || method == "PATCH") {
    req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  req += "\r\n" + body;
  if (!conn.write_all(req)) return result;
  std::string raw;
  char buf[8192];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    const long n = conn.read_some(buf, sizeof buf, std::chrono::milliseconds(500));
    if (n < 0) break;
    raw.append(buf, static_cast<std::size_t>(n));
  }
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos || raw.size() < 12) return result;
  result.status = std::stoi(raw.substr(9, 3));
  std::size_t pos = raw.find("\r\n") + 2;
  while (pos < head_end) {
    const auto eol = raw.find("\r\n", pos);
    const auto line = raw.substr(pos, eol - pos);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      result.headers[name] = value;
    }
    pos = eol + 2;
  }
  result.body = raw.substr(head_end + 4);
  return result;
}

}  // namespace onboard::cloud::test
