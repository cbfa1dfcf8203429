#include "onboard/cloud/cluster/relay.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace onboard::cloud {

using nlohmann::json;

Relay::Relay(RedisAddress address, std::string node_id, Handler handler, std::chrono::milliseconds timeout,
             RedisBus::StateHandler on_state)
    : node_id_(node_id),
      handler_(std::move(handler)),
      timeout_(timeout),
      bus_(
          std::move(address), std::move(node_id), [this](const std::string& p) { on_message(p); },
          std::move(on_state)) {}

Relay::~Relay() {
  bus_.stop();
}

RelayAnswer Relay::send(const std::string& node, const DeviceCommand& command) {
  auto pending = std::make_shared<Pending>();
  long long id = 0;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    pending_[id] = pending;
  }
  const json message = {{"t", "cmd"},           {"id", id},
                        {"from", node_id_},     {"device", command.device},
                        {"kind", command.kind}, {"body", command.body}};
  const auto delivery = bus_.send(node, message.dump());
  std::unique_lock lock(mutex_);
  RelayAnswer answer;
  if (delivery == RedisBus::Delivery::Unavailable) {
    answer.reason = "the cluster's message bus (Redis) is unreachable";
  } else if (delivery == RedisBus::Delivery::NoListener) {
    answer.reason = "the node holding the device (" + node + ") is not reachable";
  } else if (answered_.wait_for(lock, timeout_, [&] { return pending->done; })) {
    answer = pending->answer;
  } else {
    answer.reason = "the node holding the device (" + node + ") did not answer in time";
  }
  pending_.erase(id);
  return answer;
}

bool Relay::notify(const std::string& node, const DeviceCommand& command) {
  const json message = {{"t", "cmd"},
                        {"id", 0},
                        {"from", node_id_},
                        {"device", command.device},
                        {"kind", command.kind},
                        {"body", command.body},
                        {"login", command.login_ms}};
  return bus_.send(node, message.dump()) == RedisBus::Delivery::Delivered;
}

void Relay::on_message(const std::string& payload) {
  const auto m = json::parse(payload, nullptr, false);
  if (!m.is_object()) {
    spdlog::warn("cluster: a message that is not JSON ({} bytes) ignored", payload.size());
    return;
  }
  const auto type = m.value("t", std::string());
  if (type == "ack") {
    std::lock_guard lock(mutex_);
    auto it = pending_.find(m.value("id", 0LL));
    if (it == pending_.end()) return;  // answered too late: the caller has its 503 already
    it->second->done = true;
    it->second->answer = RelayAnswer{m.value("status", 503), m.value("reason", std::string())};
    answered_.notify_all();
    return;
  }
  if (type != "cmd") return;
  DeviceCommand command{m.value("device", Id{0}), m.value("kind", std::string()),
                        m.value("body", std::string()), m.value("login", std::int64_t{0})};
  const auto answer = handler_(command);
  const auto id = m.value("id", 0LL);
  const auto from = m.value("from", std::string());
  if (id == 0 || from.empty()) return;  // a notification: no answer wanted
  const json ack = {{"t", "ack"}, {"id", id}, {"status", answer.status}, {"reason", answer.reason}};
  bus_.send(from, ack.dump());
}

}  // namespace onboard::cloud
