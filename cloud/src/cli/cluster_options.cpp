// serve's settings for running as one of several nodes, and starting that part.
#include <spdlog/spdlog.h>

#include "commands.hpp"

namespace onboard::cloud {

void add_cluster_options(CLI::App& s, Config& c) {
  s.add_option("--node-id", c.node_id, "this node's name among several sharing --db-url (with --redis-url)");
  s.add_option("--redis-url", c.redis_url,
               "redis://[:password@]host[:port][/db] between the nodes (with --node-id)");
  s.add_option("--node-alive-ms", c.node_alive_ms,
               "ms a node counts as alive after its last beat: a dead node's devices show offline after this")
      ->capture_default_str();
  s.add_flag("--proxy-protocol", c.proxy_protocol,
             "every connection starts with a PROXY v2 header (HAProxy's send-proxy-v2): limits and logs see "
             "the client's address");
}

void keep_cluster_flags(const CLI::App& command, const Config& flags, Config& from_file) {
  auto given = [&](const char* flag) { return command.count(flag) > 0; };
  if (given("--node-id")) from_file.node_id = flags.node_id;
  if (given("--redis-url")) from_file.redis_url = flags.redis_url;
  if (given("--node-alive-ms")) from_file.node_alive_ms = flags.node_alive_ms;
  if (given("--proxy-protocol")) from_file.proxy_protocol = flags.proxy_protocol;
}

std::unique_ptr<ClusterNode> start_cluster(const Config& config, Hub& hub) {
  if (config.redis_url.empty()) return nullptr;
  auto redis = parse_redis_url(config.redis_url);
  if (!redis) throw std::runtime_error("redis-url: '" + config.redis_url + "' is not redis://host:port");
  ClusterSettings settings{config.node_id, *redis, std::chrono::milliseconds(config.node_alive_ms)};
  auto node = std::make_unique<ClusterNode>(hub, std::move(settings));
  node->start();
  spdlog::info("cluster: node {} with redis {}:{}", config.node_id, redis->host, redis->port);
  return node;
}

}  // namespace onboard::cloud
