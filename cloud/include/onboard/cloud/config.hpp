// Settings of `onboard-cloud serve`: defaults, the TOML file (same keys as the
// flags, without the dashes' leading "--") and validation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace onboard::cloud {

struct Endpoint {
  std::string host = "0.0.0.0";
  std::uint16_t port = 0;
};
// "ADDR:PORT", ":PORT" or "PORT"; nullopt when malformed.
std::optional<Endpoint> parse_endpoint(const std::string& text);

struct Config {
  std::string data_dir;
  std::string listen = "0.0.0.0:8080";
  std::string tls_listen = "0.0.0.0:9443";
  std::string tls_cert;
  std::string tls_key;
  std::string public_host = "localhost";
  std::string store = "sqlite";
  std::string db_url;
  std::string log_level = "info";
  int threads = 2;                    // io threads
  long provisioning_ttl = 24 * 3600;  // seconds a provisioning token stays valid
  long session_ttl = 30 * 24 * 3600;  // seconds a signed-in user's bearer token lives
  int flood_limit = 50;               // device messages per second
  int flood_disconnect_after = 3;     // consecutive seconds over the limit before dropping
  int default_heartbeat = 45;         // seconds, when the device does not say
  int login_timeout = 10;             // seconds a connection may stay silent before login
  int device_max_body = 2048;         // largest device message body accepted after login
  long http_body_limit = 64 * 1024;   // bytes
  long pin_flush_ms = 1000;           // how often last pin values reach the store
  int store_threads =
      0;  // the store executor: store work of devices and HTTP requests; 0: store_threads_for()
  int store_busy_timeout_ms = 5000;  // how long a write waits for another writer's lock
  // Limits (see docs/self-hosting.md).
  int max_prelogin_per_ip = 64;          // connections per source IP that have not logged in yet
  int max_new_connections_per_ip = 100;  // new connections per source IP per second
  int token_failures_per_ip = 20;        // device-token failures per IP per minute before a minute's block
  int max_pins = 256;                    // virtual pins kept per device
  int max_properties = 256;              // properties kept per device
  int max_metadata = 64;                 // metadata names kept per device (Blynk's `meta` `set`)
  int timeline_keep = 1000;              // timeline events kept per device
  long provisioning_per_minute = 60;     // provisioning sessions a user may open per minute
  long tls_ticket_rotation = 12 * 3600;  // seconds between new TLS session-ticket keys
  std::string console_dir;               // the web console's built files; empty: default_console_dir()
  // Several nodes (docs/scaling.md): this node's name, the Redis between the nodes, how
  // long a node counts as alive after its last beat, PROXY v2 from HAProxy on both ports.
  std::string node_id;
  std::string redis_url;
  long node_alive_ms = 10'000;
  bool proxy_protocol = false;
  long firmware_max_bytes = 16L * 1024 * 1024;  // largest firmware image accepted for upload
  std::string ota_url;  // base of the download links sent to devices; empty: http://public-host:plain-port
};

// Reads a TOML file into cfg (keys as the long flags: data-dir, listen, tls-listen,
// flood-limit, ...). Returns an error message, or an empty string.
std::string load_config_file(const std::string& path, Config& cfg);
// Checks values; returns an error message naming the setting, or an empty string.
std::string validate(const Config& cfg);
// The store executor's threads: as set, else 16 on SQLite (writers waiting on its one
// connection are committed together, so more of them make bigger groups) and 4 on
// PostgreSQL (each thread may hold one of the node's connections).
int store_threads_for(const Config& cfg);

}  // namespace onboard::cloud
