#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "onboard/cloud/api/console_files.hpp"
#include "onboard/cloud/context.hpp"
#include "onboard/cloud/crypto/certificate.hpp"
#include "onboard/cloud/net/server.hpp"
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
  auto store = open_sqlite_store(database_path(config.data_dir));
  Hub hub(*store);
  Metrics metrics;
  LoginLimiter limiter;
  if (config.console_dir.empty()) config.console_dir = default_console_dir();
  const auto console = ConsoleFiles::load(config.console_dir);
  if (!console.error().empty()) {
    spdlog::warn("web console not served: {} (build it with scripts/build or give --console-dir)",
                 console.error());
  }
  Context ctx{config, *store, hub, metrics, limiter, &console};

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

  Server server(ctx, cert, key);
  server.bind();
  std::cout << "listening plain=" << server.plain_endpoint() << " tls=" << server.tls_endpoint() << std::endl;
  spdlog::info("listening plain={} tls={} threads={} data-dir={}", server.plain_endpoint(),
               server.tls_endpoint(), config.threads, config.data_dir);
  server.run();
  return 0;
}

}  // namespace onboard::cloud
