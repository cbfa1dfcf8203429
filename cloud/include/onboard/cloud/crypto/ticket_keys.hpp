// TLS session-ticket keys kept in the data directory, so that a device's
// ticket survives a restart and a certificate reload, and rotated on a
// schedule so that a stolen key opens only a bounded window of sessions.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace onboard::cloud {

struct TicketKey {
  std::array<unsigned char, 16> name{};  // sent in the clear inside each ticket
  std::array<unsigned char, 32> aes{};   // AES-256-CBC key of the ticket contents
  std::array<unsigned char, 32> hmac{};  // HMAC-SHA256 key of the ticket
  std::int64_t created = 0;              // unix seconds
};

// Thread-safe. The file holds the current key first, then the previous one
// (still accepted, so tickets issued just before a rotation keep working for
// one more period). Written atomically with mode 0600.
class TicketKeys {
 public:
  // Loads `path`, or creates it with a fresh key. Throws std::runtime_error
  // when the file cannot be read or written.
  TicketKeys(std::string path, std::chrono::seconds rotation);

  // The key new tickets are sealed with.
  TicketKey current() const;
  // The key named `name`, and whether it is the current one; nullopt when unknown (too old).
  std::optional<std::pair<TicketKey, bool>> find(const unsigned char* name) const;
  // Makes a new current key when the current one is older than the rotation
  // period (now: unix seconds). Returns true when it rotated. Throws like the constructor.
  bool rotate_if_due(std::int64_t now);

  std::chrono::seconds rotation() const { return rotation_; }
  const std::string& path() const { return path_; }

 private:
  void save(const std::vector<TicketKey>& keys) const;

  std::string path_;
  std::chrono::seconds rotation_;
  mutable std::mutex mutex_;
  std::vector<TicketKey> keys_;  // current first; at most two
};

}  // namespace onboard::cloud
