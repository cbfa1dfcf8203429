#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "onboard/cloud/api/console_files.hpp"
#include "onboard/cloud/context.hpp"
#include "onboard/cloud/crypto/certificate.hpp"
#include "onboard/cloud/net/server.hpp"
#include "onboard/cloud/store/open_store.hpp"
#include "private_data_dir.hpp"

namespace onboard::cloud {

CLI::App* add_serve_command(CLI::App& app, ServeOptions& o) {
  auto& c = o.config;
  auto* s = app.add_subcommand("serve", "run the server");
  s->add_option("--data-dir", c.data_dir, "directory for the database and generated certificate");
  s->add_option("--listen", c.listen, "plain listener ADDR:PORT (0 = any free port)")->capture_default_str();
  s->add_option("--tls-listen", c.tls_listen, "TLS listener ADDR:PORT")->capture_default_str();
  s->add_option("--tls-cert", c.tls_cert, "PEM certificate chain (default: self-signed in the data dir)");
  s->add_option("--tls-key", c.tls_key, "PEM private key for --tls-cert");
  s->add_option("--public-host", c.public_host, "host name devices use to reach the server")
      ->capture_default_str();
  s->add_option("--console-dir", c.console_dir,
                "the web console's built files (default: console/ beside the binary's bin/)");
  s->add_option("--firmware-max-bytes", c.firmware_max_bytes, "largest firmware image accepted for upload")
      ->capture_default_str();
  s->add_option("--ota-url", c.ota_url,
                "base URL of the firmware download links sent to devices (default: http://PUBLIC-HOST:PORT)");
  s->add_option("--config", o.config_file, "TOML file with the same settings (flags win)");
  s->add_option("--store", c.store, "sqlite or postgres")->capture_default_str();
  s->add_option("--db-url", c.db_url, "PostgreSQL URL (with --store postgres)");
  s->add_option("--log-level", c.log_level, "trace, debug, info, warn, error")->capture_default_str();
  s->add_option("--threads", c.threads, "io threads")->capture_default_str();
  s->add_option("--provisioning-ttl", c.provisioning_ttl, "seconds a provisioning token stays valid")
      ->capture_default_str();
  s->add_option("--flood-limit", c.flood_limit, "device messages per second")->capture_default_str();
  s->add_option("--login-timeout", c.login_timeout, "seconds before an unauthenticated connection is closed")
      ->capture_default_str();
  s->add_option("--default-heartbeat", c.default_heartbeat, "heartbeat seconds when the device does not say")
      ->capture_default_str();
  s->add_option("--pin-flush-ms", c.pin_flush_ms,
                "how often queued pin values and events reach the store (ms)")
      ->capture_default_str();
  s->add_option("--store-threads", c.store_threads,
                "threads running store work (device and HTTP); 0: 16 on SQLite (bigger group commits), 4 on "
                "PostgreSQL (one connection each)")
      ->capture_default_str();
  s->add_option("--store-busy-timeout-ms", c.store_busy_timeout_ms,
                "ms a write waits for another writer's lock before failing")
      ->capture_default_str();
  s->add_option("--max-prelogin-per-ip", c.max_prelogin_per_ip,
                "connections per source IP that have not logged in yet")
      ->capture_default_str();
  s->add_option("--max-new-connections-per-ip", c.max_new_connections_per_ip,
                "new connections per source IP per second")
      ->capture_default_str();
  s->add_option("--token-failures-per-ip", c.token_failures_per_ip,
                "device-token failures per IP in a minute before that IP is refused for a minute")
      ->capture_default_str();
  s->add_option("--max-pins", c.max_pins, "virtual pins kept per device")->capture_default_str();
  s->add_option("--max-properties", c.max_properties, "properties kept per device")->capture_default_str();
  s->add_option("--max-metadata", c.max_metadata, "metadata names kept per device (the device's meta set)")
      ->capture_default_str();
  s->add_option("--timeline-keep", c.timeline_keep, "timeline events kept per device")->capture_default_str();
  s->add_option("--provisioning-per-minute", c.provisioning_per_minute,
                "provisioning sessions a user may open per minute (0: no limit)")
      ->capture_default_str();
  s->add_option("--tls-ticket-rotation", c.tls_ticket_rotation,
                "seconds between new TLS session-ticket keys (kept in DATA_DIR/tls/ticket-keys)")
      ->capture_default_str();
  add_cluster_options(*s, c);
  s->footer(
      "example: onboard-cloud serve --data-dir ./data --listen 127.0.0.1:8080 --tls-listen 127.0.0.1:9443");
  return s;
}

int run_serve(ServeOptions& o, const CLI::App& command) {
  Config config = o.config;
  if (!o.config_file.empty()) {
    // The file gives the base; every flag given on the command line wins.
    Config from_file;
    if (auto error = load_config_file(o.config_file, from_file); !error.empty()) {
      std::cerr << "onboard-cloud serve: " << error << "\n";
      return 2;
    }
    auto given = [&](const char* flag) { return command.count(flag) > 0; };
    if (given("--data-dir")) from_file.data_dir = config.data_dir;
    if (given("--listen")) from_file.listen = config.listen;
    if (given("--tls-listen")) from_file.tls_listen = config.tls_listen;
    if (given("--tls-cert")) from_file.tls_cert = config.tls_cert;
    if (given("--tls-key")) from_file.tls_key = config.tls_key;
    if (given("--public-host")) from_file.public_host = config.public_host;
    if (given("--store")) from_file.store = config.store;
    if (given("--db-url")) from_file.db_url = config.db_url;
    if (given("--log-level")) from_file.log_level = config.log_level;
    if (given("--threads")) from_file.threads = config.threads;
    if (given("--provisioning-ttl")) from_file.provisioning_ttl = config.provisioning_ttl;
    if (given("--flood-limit")) from_file.flood_limit = config.flood_limit;
    if (given("--login-timeout")) from_file.login_timeout = config.login_timeout;
    if (given("--default-heartbeat")) from_file.default_heartbeat = config.default_heartbeat;
    if (given("--console-dir")) from_file.console_dir = config.console_dir;
    if (given("--pin-flush-ms")) from_file.pin_flush_ms = config.pin_flush_ms;
    if (given("--store-threads")) from_file.store_threads = config.store_threads;
    if (given("--store-busy-timeout-ms")) from_file.store_busy_timeout_ms = config.store_busy_timeout_ms;
    if (given("--max-prelogin-per-ip")) from_file.max_prelogin_per_ip = config.max_prelogin_per_ip;
    if (given("--max-new-connections-per-ip"))
      from_file.max_new_connections_per_ip = config.max_new_connections_per_ip;
    if (given("--token-failures-per-ip")) from_file.token_failures_per_ip = config.token_failures_per_ip;
    if (given("--max-pins")) from_file.max_pins = config.max_pins;
    if (given("--max-properties")) from_file.max_properties = config.max_properties;
    if (given("--max-metadata")) from_file.max_metadata = config.max_metadata;
    if (given("--timeline-keep")) from_file.timeline_keep = config.timeline_keep;
    if (given("--provisioning-per-minute"))
      from_file.provisioning_per_minute = config.provisioning_per_minute;
    if (given("--tls-ticket-rotation")) from_file.tls_ticket_rotation = config.tls_ticket_rotation;
    keep_cluster_flags(command, config, from_file);
    if (given("--firmware-max-bytes")) from_file.firmware_max_bytes = config.firmware_max_bytes;
    if (given("--ota-url")) from_file.ota_url = config.ota_url;
    config = from_file;
  }
  if (auto error = validate(config); !error.empty()) {
    std::cerr << "onboard-cloud serve: " << error << "\n"
              << "example: onboard-cloud serve --data-dir ./data --listen 0.0.0.0:8080\n";
    return 2;
  }
  spdlog::set_level(spdlog::level::from_str(config.log_level));

  if (auto failed = make_private_data_dir(config.data_dir); !failed.empty()) {
    std::cerr << "onboard-cloud serve: " << failed << "\n";
    return 1;
  }
  auto opened = open_configured_store(config);
  if (!opened) {
    std::cerr << "onboard-cloud serve: " << opened.error().message << "\n";
    return 1;
  }
  WatchedStore store(**opened);
  SystemClock clock;
  Hub hub(store, HubLimits{config.timeline_keep});
  Devices devices(store, clock);
  Metrics metrics;
  LoginLimiter limiter;
  ConnectionLimits connection_limits(config.max_prelogin_per_ip, config.max_new_connections_per_ip);
  TokenThrottle token_throttle(config.token_failures_per_ip);
  if (config.console_dir.empty()) config.console_dir = default_console_dir();
  const auto console = ConsoleFiles::load(config.console_dir);
  if (!console.error().empty()) {
    spdlog::warn("web console not served: {} (build it with scripts/build or give --console-dir)",
                 console.error());
  }
  FirmwareFiles firmware_files(config.data_dir);
  Ota ota(store, clock, firmware_files, config.ota_url);
  Context ctx{config,         store,    hub, metrics, limiter, devices, clock, store, connection_limits,
              token_throttle, &console, &ota};

  std::string cert = config.tls_cert;
  std::string key = config.tls_key;
  if (cert.empty()) {
    auto files = ensure_self_signed(config.data_dir, config.public_host);
    cert = files.cert;
    key = files.key;
    std::cout << fmt::format("tls certificate {} ({}) sha256={}\n", cert,
                             files.created ? "created, self-signed" : "self-signed",
                             certificate_fingerprint(cert));
  } else {
    std::cout << fmt::format("tls certificate {} sha256={}\n", cert, certificate_fingerprint(cert));
  }

  auto cluster = start_cluster(config, hub);
  Server server(ctx, cert, key);
  server.bind();
  if (config.ota_url.empty()) {
    const auto plain = server.plain_endpoint();
    ota.set_download_base("http://" + config.public_host + plain.substr(plain.rfind(':')));
  }
  std::cout << "listening plain=" << server.plain_endpoint() << " tls=" << server.tls_endpoint() << std::endl;
  spdlog::info("listening plain={} tls={} threads={} data-dir={}", server.plain_endpoint(),
               server.tls_endpoint(), config.threads, config.data_dir);
  server.run();
  return 0;
}

}  // namespace onboard::cloud
