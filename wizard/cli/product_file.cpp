#include "product_file.hpp"

#include <sys/stat.h>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "session_file.hpp"

namespace onboard::cli {

using wizard::fail;
using wizard::Reason;

wizard::Result<wizard::Product> read_product_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(Reason::config_error, "cannot read the product file " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto j = nlohmann::json::parse(text.str(), nullptr, false);
  if (!j.is_object()) return fail(Reason::config_error, path + " is not a JSON object");
  wizard::Product p;
  p.name = j.value("productName", p.name);
  p.ap_prefix = j.value("apPrefix", p.name);
  if (p.name.empty() || p.ap_prefix.empty())
    return fail(Reason::config_error, path + ": productName and apPrefix must not be empty");
  return p;
}

wizard::Result<std::optional<wizard::Product>> load_product() {
  auto exists = [](const std::string& p) {
    struct stat st {};
    return stat(p.c_str(), &st) == 0;
  };
  std::string path;
  if (const char* env = std::getenv("ONBOARD_PRODUCT_FILE"); env != nullptr && *env != '\0') {
    path = env;
  } else if (exists(config_dir() + "/product.json")) {
    path = config_dir() + "/product.json";
  } else if (exists("/etc/onboard/product.json")) {
    path = "/etc/onboard/product.json";
  } else {
    return std::optional<wizard::Product>();
  }
  auto p = read_product_file(path);
  if (!p) return p.failure();
  return std::optional<wizard::Product>(*p);
}

}  // namespace onboard::cli
