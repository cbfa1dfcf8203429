#include "onboard/cloud/crypto/ticket_keys.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace onboard::cloud {

namespace {

constexpr std::size_t kKeyBytes = 16 + 32 + 32;

TicketKey fresh_key(std::int64_t now) {
  TicketKey key;
  if (RAND_bytes(key.name.data(), static_cast<int>(key.name.size())) != 1 ||
      RAND_bytes(key.aes.data(), static_cast<int>(key.aes.size())) != 1 ||
      RAND_bytes(key.hmac.data(), static_cast<int>(key.hmac.size())) != 1) {
    throw std::runtime_error("no random bytes for a TLS ticket key");
  }
  key.created = now;
  return key;
}

std::string to_hex(const TicketKey& key) {
  std::string out;
  out.reserve(kKeyBytes * 2);
  for (auto b : key.name) out += fmt::format("{:02x}", b);
  for (auto b : key.aes) out += fmt::format("{:02x}", b);
  for (auto b : key.hmac) out += fmt::format("{:02x}", b);
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "<created unix seconds> <160 hex digits>"
std::optional<TicketKey> parse_line(const std::string& line) {
  std::istringstream in(line);
  TicketKey key;
  std::string hex;
  if (!(in >> key.created >> hex) || hex.size() != kKeyBytes * 2) return std::nullopt;
  unsigned char bytes[kKeyBytes];
  for (std::size_t i = 0; i < kKeyBytes; ++i) {
    const int hi = hex_value(hex[2 * i]);
    const int lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    bytes[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  std::copy(bytes, bytes + 16, key.name.begin());
  std::copy(bytes + 16, bytes + 48, key.aes.begin());
  std::copy(bytes + 48, bytes + 80, key.hmac.begin());
  return key;
}

std::int64_t unix_now() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace

TicketKeys::TicketKeys(std::string path, std::chrono::seconds rotation)
    : path_(std::move(path)), rotation_(rotation) {
  std::ifstream in(path_);
  std::string line;
  while (keys_.size() < 2 && std::getline(in, line)) {
    if (auto key = parse_line(line)) keys_.push_back(*key);
  }
  if (keys_.empty()) {
    keys_.push_back(fresh_key(unix_now()));
    save(keys_);
  } else {
    // Tighten a file left readable by an older version or a copy.
    std::error_code ignored;
    std::filesystem::permissions(
        path_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ignored);
  }
  rotate_if_due(unix_now());
}

TicketKey TicketKeys::current() const {
  std::lock_guard lock(mutex_);
  return keys_.front();
}

std::optional<std::pair<TicketKey, bool>> TicketKeys::find(const unsigned char* name) const {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (CRYPTO_memcmp(keys_[i].name.data(), name, keys_[i].name.size()) == 0) {
      return std::make_pair(keys_[i], i == 0);
    }
  }
  return std::nullopt;
}

bool TicketKeys::rotate_if_due(std::int64_t now) {
  std::lock_guard lock(mutex_);
  if (now - keys_.front().created < rotation_.count()) return false;
  // Saved before use: a key that never reached the file would not survive a restart.
  std::vector<TicketKey> next{fresh_key(now), keys_.front()};
  save(next);
  keys_ = std::move(next);
  return true;
}

void TicketKeys::save(const std::vector<TicketKey>& keys) const {
  const std::string tmp = path_ + ".tmp";
  {
    const mode_t old = umask(077);
    std::FILE* f = std::fopen(tmp.c_str(), "w");
    umask(old);
    if (f == nullptr) throw std::runtime_error("cannot write " + tmp);
    bool ok = true;
    for (const auto& key : keys) {
      ok = ok && std::fprintf(f, "%lld %s\n", static_cast<long long>(key.created), to_hex(key).c_str()) > 0;
    }
    ok = (std::fflush(f) == 0) && ok;
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) throw std::runtime_error("cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path_, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot replace {}: {}", path_, ec.message()));
}

}  // namespace onboard::cloud
