// The work behind each `onboard` subcommand, once CLI11 has filled in the arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli_app.hpp"
#include "onboard/wizard/catalog.hpp"
#include "onboard/wizard/cloud_client.hpp"
#include "onboard/wizard/failure.hpp"

namespace onboard::cli {

struct LoginArgs {
  std::string server;
  std::string email;
  std::optional<std::string> password;
  std::string ca_file;
};

struct ProvisionArgs {
  std::string reconfigure_id;
  std::optional<std::string> template_id;
  std::optional<std::string> device;
  std::optional<std::string> ssid;
  std::optional<std::string> password;
  bool hidden = false;
  std::optional<std::string> name;
  std::string wifi;  // air | nm | "" (air inside a world, else nm)
  std::string ifname;
  bool yes = false;
  bool json = false;
  std::string cloud_host;
  std::uint16_t cloud_port = 0;
  bool plain = false;  // --plain
  bool tls = false;    // --tls
  std::string home_password;
  std::string device_address;  // HOST[:PORT] of the setup API; default 192.168.4.1:80
  int timeout_seconds = 120;
  std::vector<std::string> prefixes;
  std::optional<std::string> setup_code;  // --setup-code: the label's 8 digits
  std::optional<std::string> qr;          // --qr: the label's ONB1:<template id>:<code>
  bool require_secure = false;            // --require-secure: refuse open-setup devices
};

// The texts in the language of --lang (else the environment's locale), with the maker's
// product settings (product_file.hpp) when there are any.
wizard::Result<wizard::Catalog> make_catalog(const std::string& lang_option);

int cmd_login(const LoginArgs& args, Streams io, const wizard::Catalog& texts);
int cmd_templates(bool json, Streams io, const wizard::Catalog& texts);
int cmd_devices(bool json, Streams io, const wizard::Catalog& texts);
int cmd_provision(const ProvisionArgs& args, Streams io, const wizard::Catalog& texts);

struct ShipArgs {
  std::string firmware_id;
  std::vector<std::string> device_ids;  // none: every device of the image's template
  std::string condition = "lower_version";
  bool no_wait = false;
  bool json = false;
  int timeout_seconds = 900;
};

int cmd_firmware_upload(const std::string& image_path, const std::string& template_id, bool json, Streams io,
                        const wizard::Catalog& texts);
int cmd_ship(const ShipArgs& args, Streams io, const wizard::Catalog& texts);

// Shared by the commands: "onboard: <why> [reason]" (and a hint) on err; returns 1.
int report_failure(std::ostream& err, const wizard::Catalog& texts, const wizard::Failure& f);
wizard::Result<wizard::CloudClient> signed_in_cloud();

}  // namespace onboard::cli
