// What a host's radio does: scan, join, leave; and running programs in a host.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "onboard/protocol/air/limits.hpp"

namespace onboard::air {
namespace {

struct StationOptions {
  std::string host;
  std::string ssid;
  std::string password;
  bool json = false;
  std::vector<std::string> command;
};

std::string quoted(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

[[noreturn]] void exec_in(const Context& ctx, const StationOptions& opts) {
  const Response info = ctx.call("info", {{"host", opts.host}}, "exec");
  const RunDir run_dir = ctx.run_dir();
  setenv(kEnvSocket, info.final.get("socket").c_str(), 1);
  setenv(kEnvHost, opts.host.c_str(), 1);
  setenv(kEnvRunDir, run_dir.dir().c_str(), 1);
  // "ip netns exec" also bind-mounts /etc/netns/NS/resolv.conf: the DNS of the
  // network the host has joined.
  std::vector<std::string> args = {"ip", "netns", "exec", info.final.get("ns")};
  args.insert(args.end(), opts.command.begin(), opts.command.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  execvp("ip", argv.data());
  throw CliError(127, "exec: cannot run ip");
}

}  // namespace

void add_station_commands(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<StationOptions>();

  auto* join = app.add_subcommand("join", "Join a host's radio to a network (as its firmware would)");
  join->add_option("host", opts->host)->required();
  join->add_option("--ssid", opts->ssid)->required();
  join->add_option("--password", opts->password);
  join->callback([&ctx, opts] {
    const Response r =
        ctx.call("join", {{"host", opts->host}, {"ssid", opts->ssid}, {"pass", opts->password}}, "join");
    std::cout << opts->host << " joined " << quoted(opts->ssid) << ": ip " << r.final.get("ip")
              << "/24 gateway " << r.final.get("gw") << " channel " << r.final.get("ch") << "\n";
  });

  auto* leave = app.add_subcommand("leave", "Drop a host's link (it is told: link_lost reason=kicked)");
  leave->add_option("host", opts->host)->required();
  leave->add_option("--from", opts->ssid, "only while the host is joined to this SSID (else: not_joined)");
  leave->callback([&ctx, opts] {
    FieldList fields{{"host", opts->host}};
    if (!opts->ssid.empty()) fields.emplace_back("from", opts->ssid);
    ctx.call("leave", fields, "leave");
  });

  auto* scan = app.add_subcommand("scan", "What a host's radio hears now");
  scan->add_option("host", opts->host)->required();
  scan->add_flag("--json", opts->json);
  scan->callback([&ctx, opts] {
    const Response r = ctx.call("scan", {{"host", opts->host}}, "scan");
    nlohmann::json list = nlohmann::json::array();
    for (const auto& ap : r.data) {
      list.push_back({{"ssid", ap.get("ssid")},
                      {"bssid", ap.get("bssid")},
                      {"rssi", std::stoi(ap.get("rssi", "0"))},
                      {"security", ap.get("sec")},
                      {"channel", std::stoi(ap.get("ch", "0"))},
                      {"band", ap.get("band")}});
    }
    if (opts->json) {
      std::cout << list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      return;
    }
    for (const auto& ap : list) {
      std::cout << quoted(ap["ssid"]) << "  " << ap["bssid"].get<std::string>() << "  "
                << ap["band"].get<std::string>() << " GHz ch " << ap["channel"] << "  " << ap["rssi"]
                << " dBm  " << ap["security"].get<std::string>() << "\n";
    }
  });

  auto* exec = app.add_subcommand("exec", "Run a command in a host (phones, boards, internet, router)");
  exec->add_option("host", opts->host)->required();
  exec->add_option("command", opts->command, "after --")->required();
  exec->footer(
      "example: onboard-air exec internet -- build/dev/bin/onboard-cloud serve --data-dir /tmp/cloud");
  exec->callback([&ctx, opts] { exec_in(ctx, *opts); });
}

}  // namespace onboard::air
