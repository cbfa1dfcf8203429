// Argument parsing with CLI11. Bad arguments print the usage line and one worked example.
#include "cli_app.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "commands.hpp"

namespace onboard::cli {
namespace {

const char* kExample =
    "example: onboard add-device --template TMPL0001 --ssid Home --password 'secret123' --name Kitchen --yes";

void add_provision_options(CLI::App& cmd, ProvisionArgs& a) {
  cmd.add_option("--template", a.template_id, "template id (or name) of the device's firmware");
  cmd.add_option("--device", a.device, "the device's access point, e.g. \"Onboard Lamp-ABCD\"");
  cmd.add_option("--ssid", a.ssid, "the network the device should join");
  cmd.add_option("--password", a.password, "its password (empty for an open network)");
  cmd.add_flag("--hidden", a.hidden, "the network hides its name (not in the device's scan)");
  cmd.add_option("--name", a.name, "a name for the device");
  cmd.add_option("--wifi", a.wifi, "Wi-Fi backend: air (the virtual world) or nm (NetworkManager)")
      ->check(CLI::IsMember({"air", "nm"}));
  cmd.add_option("--ifname", a.ifname, "nm: the Wi-Fi interface to use");
  cmd.add_flag("-y,--yes", a.yes, "never ask; fail instead when a choice is missing");
  cmd.add_flag("--json", a.json, "print one JSON object at the end (progress goes to stderr)");
  cmd.add_option("--cloud-host", a.cloud_host, "host the device should connect to (default: the server's)");
  cmd.add_option("--cloud-port", a.cloud_port, "port the device should connect to (default: the server's)")
      ->check(CLI::Range(1, 65535));
  auto* plain =
      cmd.add_flag("--plain", a.plain,
                   "the device connects over plain TCP (sent as Edgent's `port`); "
                   "default: TLS with --cloud-port, else plain for an http:// server and TLS for https://");
  cmd.add_flag("--tls", a.tls,
               "the device connects with TLS (sent as Edgent's `port_ssl`), e.g. to the server's own "
               "port while signed in over http://")
      ->excludes(plain);
  cmd.add_option("--home-password", a.home_password, "password to rejoin this computer's own network");
  cmd.add_option("--device-address", a.device_address, "setup API address (default 192.168.4.1:80)")
      ->group("");  // for tests and unusual firmware; hidden from --help
  cmd.add_option("--timeout", a.timeout_seconds, "seconds to wait for the device to come online")
      ->check(CLI::Range(1, 3600));
  cmd.add_option(
      "--ssid-prefix", a.prefixes,
      "device AP name prefix (default: apPrefix of product.json, else \"Onboard \" and \"Blynk \")");
  auto* code = cmd.add_option("--setup-code", a.setup_code,
                              "the 8-digit setup code on the device's label (secure setup, SPAKE2+)");
  cmd.add_option("--qr", a.qr, "the label's QR payload, ONB1:<template id>:<setup code>")->excludes(code);
  cmd.add_flag("--require-secure", a.require_secure,
               "refuse a device whose setup is open (password and token in clear text)");
}

std::string languages_list() {
  std::string out;
  for (const auto& l : wizard::Catalog::languages()) out += (out.empty() ? "" : ", ") + l;
  return out;
}

}  // namespace

int run(int argc, const char* const* argv, Streams io) {
  CLI::App app{"onboard: add Wi-Fi devices to your Onboard cloud", "onboard"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "onboard 0.1.0");
  std::string lang;
  app.add_option(
      "--lang", lang,
      "language of the texts: " + languages_list() + " (default: the locale, LC_ALL/LC_MESSAGES/LANG)");
  app.fallthrough();  // `onboard add-device --lang de` as well as `onboard --lang de add-device`

  LoginArgs login;
  auto* login_cmd = app.add_subcommand("login", "sign in and save the session");
  login_cmd->add_option("--server", login.server, "cloud URL, e.g. http://127.0.0.1:8080")->required();
  login_cmd->add_option("--email", login.email, "your e-mail")->required();
  login_cmd->add_option("--password", login.password, "your password (asked when left out)");
  login_cmd->add_option("--ca-file", login.ca_file, "PEM certificate to trust for an https server");

  bool templates_json = false;
  auto* templates_cmd = app.add_subcommand("templates", "list your organization's templates");
  templates_cmd->add_flag("--json", templates_json, "JSON output");

  bool devices_json = false;
  auto* devices_cmd = app.add_subcommand("devices", "list your devices");
  devices_cmd->add_flag("--json", devices_json, "JSON output");

  ProvisionArgs add;
  auto* add_cmd = app.add_subcommand("add-device", "find a device in setup mode and bring it online");
  add_provision_options(*add_cmd, add);

  ProvisionArgs reconf;
  auto* reconf_cmd = app.add_subcommand("reconfigure", "give a device a new network, keeping its identity");
  reconf_cmd->add_option("DEVICE_ID", reconf.reconfigure_id, "the device to reconfigure")->required();
  reconf_cmd->footer(
      "An online device is told by the cloud to open its access point and keeps its current network "
      "until the new one works (a failed attempt sends it back there). An offline device must be put "
      "in setup mode by hand: hold its button 10 s (this erases its network).");
  add_provision_options(*reconf_cmd, reconf);

  auto* firmware_cmd = app.add_subcommand("firmware", "firmware images of a template (see docs/ota.md)");
  firmware_cmd->require_subcommand(1);
  std::string image_path;
  std::string image_template;
  bool upload_json = false;
  auto* upload_cmd = firmware_cmd->add_subcommand(
      "upload", "upload a signed image (made by onboard-factory image); the cloud checks its header");
  upload_cmd->add_option("IMAGE", image_path, "the image file")->required();
  upload_cmd
      ->add_option("--template", image_template, "the template the image is for (it must match the header)")
      ->required();
  upload_cmd->add_flag("--json", upload_json, "print the stored image as JSON");

  ShipArgs ship;
  auto* ship_cmd = app.add_subcommand("ship", "send an uploaded image to devices and follow the shipment");
  ship_cmd->add_option("--firmware", ship.firmware_id, "the image's id (from onboard firmware upload)")
      ->required()
      ->check(CLI::PositiveNumber);
  ship_cmd
      ->add_option("--device", ship.device_ids,
                   "a device id; repeat for several (default: every device of "
                   "the image's template)")
      ->check(CLI::PositiveNumber);
  ship_cmd
      ->add_option("--condition", ship.condition,
                   "lower_version: only devices running a lower version; any: every other version")
      ->check(CLI::IsMember({"lower_version", "any"}))
      ->capture_default_str();
  ship_cmd->add_flag("--no-wait", ship.no_wait, "start the shipment and return at once");
  ship_cmd->add_option("--timeout", ship.timeout_seconds, "seconds to follow the shipment")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  ship_cmd->add_flag("--json", ship.json, "print the shipment as JSON at the end (progress goes to stderr)");
  ship_cmd->footer(
      "Each device's status is printed as it changes: request_sent, downloading N%, downloaded, then "
      "success (it came back with the new version), failed (with the device's reason), rollback (it came "
      "back with its old version) or download_limit_reached. Offline devices get the update when they "
      "next connect. Exit 0 only when every device succeeded.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    io.out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    io.out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::Success&) {
    io.out << "onboard 0.1.0\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    io.err << "onboard: " << e.what() << "\n"
           << "usage: onboard login|templates|add-device|reconfigure|devices|firmware upload|ship [options]  "
              "(--help for more)\n"
           << kExample << "\n";
    return 2;
  }
  auto texts = make_catalog(lang);
  if (!texts) {
    io.err << "onboard: " << texts.failure().message << "\n";
    return 1;
  }
  if (*login_cmd) return cmd_login(login, io, *texts);
  if (*templates_cmd) return cmd_templates(templates_json, io, *texts);
  if (*devices_cmd) return cmd_devices(devices_json, io, *texts);
  if (*add_cmd) return cmd_provision(add, io, *texts);
  if (*upload_cmd) return cmd_firmware_upload(image_path, image_template, upload_json, io, *texts);
  if (*ship_cmd) return cmd_ship(ship, io, *texts);
  return cmd_provision(reconf, io, *texts);
}

}  // namespace onboard::cli
