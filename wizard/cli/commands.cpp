// Each command: load the session, call the library, print for a person or as JSON.
#include "commands.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <ostream>

#include "hint_flags.hpp"
#include "onboard/wizard/air_wifi.hpp"
#include "onboard/wizard/cloud_client.hpp"
#include "onboard/wizard/nm_wifi.hpp"
#include "onboard/wizard/provisioning_session.hpp"
#include "onboard/wizard/url.hpp"
#include "product_file.hpp"
#include "progress_printer.hpp"
#include "prompt_choices.hpp"
#include "secure_setup_args.hpp"
#include "session_file.hpp"
#include "terminal.hpp"

namespace onboard::cli {
namespace {

using namespace onboard::wizard;

int report(std::ostream& err, const Catalog& texts, const Failure& f) {
  err << "onboard: " << failure_text(texts, f.reason, f.message) << " [" << to_string(f.reason) << "]\n";
  const std::string hint = hint_line(texts, f.hint);
  if (!hint.empty()) err << "  → " << hint << "\n";
  return 1;
}

Result<CloudClient> client_from(const std::string& server, const std::string& ca_file) {
  auto url = parse_url(server);
  if (!url) return url.failure();
  Endpoint ep(url->host, url->port, url->tls);
  ep.ca_file = ca_file;
  return CloudClient(ep, url->base_path);
}

Result<CloudClient> signed_in_client() {
  auto saved = load_session();
  if (!saved) return saved.failure();
  auto client = client_from(saved->server, saved->ca_file);
  if (!client) return client.failure();
  client->set_session(saved->token);
  return client;
}

Result<std::unique_ptr<WifiBackend>> make_wifi(const ProvisionArgs& a) {
  std::string kind = a.wifi;
  if (kind.empty()) kind = std::getenv("ONBOARD_AIR_SOCKET") != nullptr ? "air" : "nm";
  if (kind == "air") {
    auto air = AirWifi::from_environment();
    if (!air) return air.failure();
    return std::unique_ptr<WifiBackend>(std::move(*air));
  }
  return std::unique_ptr<WifiBackend>(std::make_unique<NmWifi>(a.ifname));
}

Result<Endpoint> device_endpoint(const std::string& address) {
  if (address.empty()) return Endpoint(DeviceClient::kDefaultAddress, 80);
  auto url = parse_url(address);
  if (!url) return url.failure();
  return Endpoint(url->host, url->port);
}

}  // namespace

Result<Catalog> make_catalog(const std::string& lang_option) {
  auto product = load_product();
  if (!product) return product.failure();
  const std::string lang = lang_option.empty() ? Catalog::language_from_environment() : lang_option;
  return Catalog::builtin(lang, product->value_or(Product{}));
}

int cmd_login(const LoginArgs& args, Streams io, const Catalog& texts) {
  auto client = client_from(args.server, args.ca_file);
  if (!client) return report(io.err, texts, client.failure());
  std::string password;
  if (args.password) {
    password = *args.password;
  } else {
    Terminal term(io.in, io.err, io.in_fd);
    auto typed = term.ask_secret("Password for " + args.email);
    if (!typed)
      return report(io.err, texts, fail(Reason::missing_choice, "no password given", Action::give_password));
    password = *typed;
  }
  auto result = client->login(args.email, password);
  if (!result) return report(io.err, texts, result.failure());
  SavedSession s{args.server, result->token, args.email, args.ca_file};
  if (auto saved = save_session(s); !saved) return report(io.err, texts, saved.failure());
  io.out << "Signed in as " << args.email << " at " << args.server << " (session saved in " << session_path()
         << ")\n";
  return 0;
}

int cmd_templates(bool json, Streams io, const Catalog& texts) {
  auto client = signed_in_client();
  if (!client) return report(io.err, texts, client.failure());
  auto list = client->templates();
  if (!list) return report(io.err, texts, list.failure());
  if (json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& t : *list) j.push_back({{"id", t.id}, {"name", t.name}});
    io.out << j.dump() << "\n";
    return 0;
  }
  if (list->empty()) io.out << "No templates yet.\n";
  for (const auto& t : *list) io.out << t.id << "  " << t.name << "\n";
  return 0;
}

int cmd_devices(bool json, Streams io, const Catalog& texts) {
  auto client = signed_in_client();
  if (!client) return report(io.err, texts, client.failure());
  auto list = client->devices();
  if (!list) return report(io.err, texts, list.failure());
  if (json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& d : *list) {
      j.push_back({{"id", d.id},
                   {"name", d.name},
                   {"templateId", d.template_id},
                   {"online", d.online},
                   {"lastSeen", d.last_seen},
                   {"firmware", d.firmware}});
    }
    io.out << j.dump() << "\n";
    return 0;
  }
  if (list->empty()) io.out << "No devices yet. Add one: onboard add-device\n";
  for (const auto& d : *list) {
    io.out << d.id << "  " << (d.online ? "online " : "offline") << "  " << d.name << "  (" << d.template_id
           << ")\n";
  }
  return 0;
}

int cmd_provision(const ProvisionArgs& a, Streams io, const Catalog& texts) {
  std::ostream& progress = a.json ? io.err : io.out;
  auto finish = [&](const Outcome& o) {
    if (a.json) io.out << outcome_json(texts, o) << std::endl;
    print_summary(progress, texts, o, !a.reconfigure_id.empty());
    return o.ok ? 0 : 1;
  };
  auto early = [&](Step step, const Failure& f) {
    Outcome o;
    o.step = step;
    o.failure = f;
    return finish(o);
  };
  auto client = signed_in_client();
  if (!client) return early(Step::sign_in, client.failure());
  auto wifi = make_wifi(a);
  if (!wifi) return early(Step::find_device, wifi.failure());
  auto device = device_endpoint(a.device_address);
  if (!device) return early(Step::find_device, device.failure());

  SessionOptions opt;
  opt.reconfigure_device_id = a.reconfigure_id;
  opt.template_id = a.template_id;
  opt.device_ssid = a.device;
  if (a.ssid) opt.network = NetworkChoice{*a.ssid, a.hidden};
  opt.password = a.password;
  opt.name = a.name;
  if (!a.prefixes.empty()) {
    opt.device_prefixes = a.prefixes;
  } else if (texts.product().ap_prefix != Product{}.ap_prefix) {
    opt.device_prefixes = {texts.product().ap_prefix + " "};
  }
  opt.cloud_host = a.cloud_host;
  opt.cloud_port = a.cloud_port;
  if (a.plain) opt.cloud_tls = false;
  if (a.tls) opt.cloud_tls = true;
  opt.home_password = a.home_password;
  opt.require_secure = a.require_secure;
  opt.setup_code = a.setup_code;
  if (a.qr) {
    auto qr = secure_setup_from_qr(*a.qr, opt.template_id);
    if (!qr) return early(Step::board_info, qr.failure());
    opt.setup_code = qr->setup_code;
    if (!opt.template_id) opt.template_id = qr->template_id;
  }
  opt.device_endpoint = *device;
  opt.device_connect_timeout = std::chrono::seconds(a.timeout_seconds);
  opt.activation_timeout = std::chrono::seconds(a.timeout_seconds);

  Terminal term(io.in, progress, io.in_fd);
  PromptChoices choices(term, a.yes, texts);
  ProgressPrinter printer(progress, texts);
  progress << (a.reconfigure_id.empty() ? texts.text("cli.adding")
                                        : texts.text("cli.reconfiguring", {{"subject", a.reconfigure_id}}))
           << "\n";
  ProvisioningSession session(*client, **wifi, choices, opt, [&](const Event& e) { printer(e); });
  return finish(session.run());
}

int report_failure(std::ostream& err, const Catalog& texts, const Failure& f) {
  return report(err, texts, f);
}

Result<CloudClient> signed_in_cloud() {
  return signed_in_client();
}

}  // namespace onboard::cli
