#include "onboard/cloud/cluster/presence.hpp"

#include <set>

namespace onboard::cloud {

namespace {
std::string device_key(Id device) {
  return "onboard:device:" + std::to_string(device);
}
std::string alive_key(const std::string& node) {
  return "onboard:alive:" + node;
}

// Compare-and-delete: only the node that still holds the device may forget it.
constexpr const char* kRelease =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
}  // namespace

Presence::Presence(RedisConnection& redis, std::string node_id, std::chrono::milliseconds alive_for)
    : redis_(redis), node_id_(std::move(node_id)), alive_for_(alive_for) {}

bool Presence::beat() {
  return redis_.command({"SET", alive_key(node_id_), "1", "PX", std::to_string(alive_for_.count())}).ok;
}

std::optional<bool> Presence::renew() {
  auto r = redis_.command({"SET", alive_key(node_id_), "1", "PX", std::to_string(alive_for_.count()), "GET"});
  if (!r.ok) return std::nullopt;
  return !r.nil;
}

std::optional<std::string> Presence::claim(Id device) {
  // SET ... GET (Redis 6.2+): the previous holder in the same step, so two nodes claiming
  // at once each learn of the other and the later one wins.
  auto r = redis_.command({"SET", device_key(device), node_id_, "GET"});
  if (!r.ok) return std::nullopt;
  if (r.nil || r.text == node_id_) return std::string();
  return r.text;
}

bool Presence::release(Id device) {
  return redis_.command({"EVAL", kRelease, "1", device_key(device), node_id_}).ok;
}

std::optional<std::map<Id, std::string>> Presence::holders(const std::vector<Id>& devices) {
  std::map<Id, std::string> out;
  if (devices.empty()) return out;
  // Two round trips whatever the number of devices: their holders, then which of those live.
  std::vector<std::string> keys;
  for (Id d : devices) keys.push_back(device_key(d));
  auto held = redis_.command_many("MGET", keys);
  if (!held) return std::nullopt;
  std::set<std::string> nodes;
  for (const auto& n : *held)
    if (n) nodes.insert(*n);
  if (nodes.empty()) return out;
  std::vector<std::string> alive_keys;
  for (const auto& n : nodes) alive_keys.push_back(alive_key(n));
  auto alive = redis_.command_many("MGET", alive_keys);
  if (!alive) return std::nullopt;
  std::set<std::string> living;
  std::size_t i = 0;
  for (const auto& n : nodes) {
    if ((*alive)[i++]) living.insert(n);
  }
  for (std::size_t k = 0; k < devices.size(); ++k) {
    const auto& n = (*held)[k];
    if (n && living.count(*n) != 0) out[devices[k]] = *n;
  }
  return out;
}

std::optional<std::string> Presence::holder(Id device) {
  auto all = holders({device});
  if (!all) return std::nullopt;
  auto it = all->find(device);
  return it == all->end() ? std::string() : it->second;
}

}  // namespace onboard::cloud
