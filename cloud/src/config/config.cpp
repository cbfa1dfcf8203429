#include "onboard/cloud/config.hpp"

#include <charconv>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace onboard::cloud {

std::optional<Endpoint> parse_endpoint(const std::string& text) {
  Endpoint ep;
  std::string port_text = text;
  const auto colon = text.rfind(':');
  if (colon != std::string::npos) {
    if (colon > 0) ep.host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
  }
  if (ep.host.size() > 2 && ep.host.front() == '[' && ep.host.back() == ']')
    ep.host = ep.host.substr(1, ep.host.size() - 2);
  unsigned port = 0;
  const auto* end = port_text.data() + port_text.size();
  auto [ptr, ec] = std::from_chars(port_text.data(), end, port);
  if (port_text.empty() || ec != std::errc() || ptr != end || port > 65535) return std::nullopt;
  ep.port = static_cast<std::uint16_t>(port);
  return ep;
}

namespace {
template <typename T>
void read(const toml::table& t, const char* key, T& out) {
  if (auto v = t[key].value<T>()) out = *v;
}
}  // namespace

std::string load_config_file(const std::string& path, Config& cfg) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return fmt::format("{}: {}", path, e.description());
  }
  static const char* const kKnown[] = {"data-dir",
                                       "listen",
                                       "tls-listen",
                                       "tls-cert",
                                       "tls-key",
                                       "public-host",
                                       "store",
                                       "db-url",
                                       "log-level",
                                       "threads",
                                       "provisioning-ttl",
                                       "session-ttl",
                                       "flood-limit",
                                       "flood-disconnect-after",
                                       "default-heartbeat",
                                       "login-timeout",
                                       "device-max-body",
                                       "http-body-limit",
                                       "pin-flush-ms",
                                       "store-threads",
                                       "store-busy-timeout-ms",
                                       "max-prelogin-per-ip",
                                       "max-new-connections-per-ip",
                                       "token-failures-per-ip",
                                       "max-pins",
                                       "max-properties",
                                       "max-metadata",
                                       "timeline-keep",
                                       "provisioning-per-minute",
                                       "tls-ticket-rotation",
                                       "console-dir",
                                       "node-id",
                                       "redis-url",
                                       "node-alive-ms",
                                       "proxy-protocol",
                                       "firmware-max-bytes",
                                       "ota-url"};
  for (const auto& [key, value] : t) {
    bool known = false;
    for (const char* k : kKnown) known = known || key.str() == k;
    if (!known) return fmt::format("{}: unknown setting '{}'", path, key.str());
  }
  read(t, "data-dir", cfg.data_dir);
  read(t, "listen", cfg.listen);
  read(t, "tls-listen", cfg.tls_listen);
  read(t, "tls-cert", cfg.tls_cert);
  read(t, "tls-key", cfg.tls_key);
  read(t, "public-host", cfg.public_host);
  read(t, "store", cfg.store);
  read(t, "db-url", cfg.db_url);
  read(t, "log-level", cfg.log_level);
  read(t, "threads", cfg.threads);
  read(t, "provisioning-ttl", cfg.provisioning_ttl);
  read(t, "session-ttl", cfg.session_ttl);
  read(t, "flood-limit", cfg.flood_limit);
  read(t, "flood-disconnect-after", cfg.flood_disconnect_after);
  read(t, "default-heartbeat", cfg.default_heartbeat);
  read(t, "login-timeout", cfg.login_timeout);
  read(t, "device-max-body", cfg.device_max_body);
  read(t, "http-body-limit", cfg.http_body_limit);
  read(t, "pin-flush-ms", cfg.pin_flush_ms);
  read(t, "store-threads", cfg.store_threads);
  read(t, "store-busy-timeout-ms", cfg.store_busy_timeout_ms);
  read(t, "max-prelogin-per-ip", cfg.max_prelogin_per_ip);
  read(t, "max-new-connections-per-ip", cfg.max_new_connections_per_ip);
  read(t, "token-failures-per-ip", cfg.token_failures_per_ip);
  read(t, "max-pins", cfg.max_pins);
  read(t, "max-properties", cfg.max_properties);
  read(t, "max-metadata", cfg.max_metadata);
  read(t, "timeline-keep", cfg.timeline_keep);
  read(t, "provisioning-per-minute", cfg.provisioning_per_minute);
  read(t, "console-dir", cfg.console_dir);
  read(t, "firmware-max-bytes", cfg.firmware_max_bytes);
  read(t, "ota-url", cfg.ota_url);
  read(t, "tls-ticket-rotation", cfg.tls_ticket_rotation);
  read(t, "node-id", cfg.node_id);
  read(t, "redis-url", cfg.redis_url);
  read(t, "node-alive-ms", cfg.node_alive_ms);
  read(t, "proxy-protocol", cfg.proxy_protocol);
  return {};
}

std::string validate(const Config& cfg) {
  if (cfg.data_dir.empty()) return "data-dir is required";
  if (!parse_endpoint(cfg.listen)) return fmt::format("listen: '{}' is not ADDR:PORT", cfg.listen);
  if (!parse_endpoint(cfg.tls_listen))
    return fmt::format("tls-listen: '{}' is not ADDR:PORT", cfg.tls_listen);
  if (cfg.tls_cert.empty() != cfg.tls_key.empty()) return "tls-cert and tls-key go together";
  if (cfg.store != "sqlite" && cfg.store != "postgres") return "store: use sqlite or postgres";
  if (cfg.store == "postgres" && cfg.db_url.rfind("postgresql://", 0) != 0 &&
      cfg.db_url.rfind("postgres://", 0) != 0)
    return "db-url: --store postgres needs --db-url postgresql://user@host:port/database";
  if (cfg.threads < 1 || cfg.threads > 64) return "threads: 1 to 64";
  if (cfg.provisioning_ttl < 1) return "provisioning-ttl: at least 1 second";
  if (cfg.session_ttl < 1) return "session-ttl: at least 1 second";
  if (cfg.flood_limit < 1) return "flood-limit: at least 1";
  if (cfg.flood_disconnect_after < 1) return "flood-disconnect-after: at least 1";
  if (cfg.default_heartbeat < 1) return "default-heartbeat: at least 1";
  if (cfg.login_timeout < 1) return "login-timeout: at least 1";
  if (cfg.device_max_body < 64 || cfg.device_max_body > 65535) return "device-max-body: 64 to 65535";
  if (cfg.http_body_limit < 1024) return "http-body-limit: at least 1024";
  if (cfg.pin_flush_ms < 10 || cfg.pin_flush_ms > 1000) return "pin-flush-ms: 10 to 1000";
  if (cfg.store_threads < 0 || cfg.store_threads > 64)
    return "store-threads: 1 to 64, or 0 for the store's default";
  if (cfg.store_busy_timeout_ms < 0 || cfg.store_busy_timeout_ms > 600000)
    return "store-busy-timeout-ms: 0 to 600000";
  if (cfg.max_prelogin_per_ip < 1) return "max-prelogin-per-ip: at least 1";
  if (cfg.max_new_connections_per_ip < 1) return "max-new-connections-per-ip: at least 1";
  if (cfg.token_failures_per_ip < 1) return "token-failures-per-ip: at least 1";
  if (cfg.max_pins < 1 || cfg.max_pins > 256) return "max-pins: 1 to 256";
  if (cfg.max_properties < 1) return "max-properties: at least 1";
  if (cfg.max_metadata < 1) return "max-metadata: at least 1";
  if (cfg.timeline_keep < 1) return "timeline-keep: at least 1";
  if (cfg.provisioning_per_minute < 0) return "provisioning-per-minute: 0 (no limit) or more";
  if (cfg.tls_ticket_rotation < 1) return "tls-ticket-rotation: at least 1 second";
  if (!cfg.redis_url.empty() || !cfg.node_id.empty()) {
    if (cfg.redis_url.rfind("redis://", 0) != 0)
      return "redis-url: --node-id needs --redis-url redis://host:port";
    if (cfg.node_id.empty() || cfg.node_id.size() > 64 ||
        cfg.node_id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") !=
            std::string::npos)
      return "node-id: --redis-url needs --node-id NAME (letters, digits, - _ .; at most 64)";
    if (cfg.store != "postgres") return "redis-url: several nodes share one database: use --store postgres";
  }
  if (cfg.node_alive_ms < 200 || cfg.node_alive_ms > 600'000) return "node-alive-ms: 200 to 600000";
  if (cfg.firmware_max_bytes < 1024 || cfg.firmware_max_bytes > 64L * 1024 * 1024)
    return "firmware-max-bytes: 1024 to 67108864";
  if (!cfg.ota_url.empty() && cfg.ota_url.rfind("http://", 0) != 0 && cfg.ota_url.rfind("https://", 0) != 0)
    return "ota-url: an http:// or https:// URL";
  return {};
}

int store_threads_for(const Config& cfg) {
  if (cfg.store_threads > 0) return cfg.store_threads;
  return cfg.store == "postgres" ? 4 : 16;
}

}  // namespace onboard::cloud
