#include "ota_cloud.hpp"

#include <cstdlib>
#include <sstream>

#include "onboard/test/waits.hpp"

namespace onboard::e2e {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char* kEmail = "admin@example.com";
constexpr const char* kPassword = "admin-pass-123";

std::string base_url() {
  return "http://127.0.0.1:" + std::to_string(OtaCloud::kPort);
}

}  // namespace

OtaCloud::OtaCloud(World& world) : world_(world), data_dir_(world.dir() / "cloud") {
  fs::create_directories(data_dir_);
  const std::string cloud = (bin_dir() / "onboard-cloud").string();
  const RunResult user = run({cloud, "user", "add", "--data-dir", data_dir_.string(), "--email", kEmail,
                              "--password", kPassword, "--role", "admin"});
  if (user.code != 0) {
    error_ = "onboard-cloud user add: " + user.err;
    return;
  }
  // Its own process group (Background): the test's end stops it even when the world stays.
  const std::string command = "exec " + shell_quote(cloud) + " serve --data-dir " +
                              shell_quote(data_dir_.string()) + " --listen 0.0.0.0:" + std::to_string(kPort) +
                              " --tls-listen 127.0.0.1:0 --public-host " + kHost + " >> " +
                              shell_quote((world.dir() / "cloud.log").string()) + " 2>&1";
  process_ = std::make_unique<Background>(world.air_argv({"exec", "internet", "--", "sh", "-c", command}));
  const bool up = test::eventually([&] { return rest("GET", "/healthz").status == 200; }, 30s, 100ms);
  if (!up) {
    error_ = "onboard-cloud did not answer /healthz within 30 s:\n" + log();
    return;
  }
  const RestReply login = rest("POST", "/api/v1/login", {{"email", kEmail}, {"password", kPassword}});
  token_ = login.body.is_object() ? login.body.value("token", "") : "";
  if (token_.empty()) {
    error_ = "admin login failed: " + login.raw;
    return;
  }
  const RestReply created = rest("POST", "/api/v1/templates", {{"name", "Lamp"}});
  template_id_ = created.body.is_object() ? created.body.value("id", "") : "";
  if (template_id_.empty()) error_ = "template creation failed: " + created.raw;
}

OtaCloud::~OtaCloud() = default;

RestReply OtaCloud::rest(const std::string& method, const std::string& path, const nlohmann::json& body,
                         const fs::path& file) {
  std::vector<std::string> args = {"exec", "internet", "--", "curl", "-sS", "--max-time",    "20",
                                   "-X",   method,     "-o", "-",    "-w",  "\n%{http_code}"};
  if (!token_.empty()) args.insert(args.end(), {"-H", "Authorization: Bearer " + token_});
  if (!file.empty()) {
    args.insert(args.end(),
                {"-H", "Content-Type: application/octet-stream", "--data-binary", "@" + file.string()});
  } else if (!body.is_null()) {
    args.insert(args.end(), {"-H", "Content-Type: application/json", "--data-binary", body.dump()});
  }
  args.push_back(base_url() + path);
  const RunResult r = world_.air(args, 30s);
  RestReply reply;
  const std::size_t cut = r.out.rfind('\n');
  if (cut == std::string::npos) return reply;
  reply.raw = r.out.substr(0, cut);
  reply.status = std::atoi(r.out.c_str() + cut + 1);
  reply.body = nlohmann::json::parse(reply.raw, nullptr, false);
  if (reply.body.is_discarded()) reply.body = nullptr;
  return reply;
}

RestReply OtaCloud::upload(const fs::path& image, const std::string& for_template) {
  return rest("POST",
              "/api/v1/templates/" + (for_template.empty() ? template_id_ : for_template) + "/firmware",
              nullptr, image);
}

long long OtaCloud::ship(long long firmware_id, const std::vector<long long>& devices,
                         const std::string& condition, int attempts_per_day) {
  const RestReply r = rest("POST", "/api/v1/shipments",
                           {{"firmwareId", firmware_id},
                            {"deviceIds", devices},
                            {"condition", condition},
                            {"attemptsPerDay", attempts_per_day}});
  return r.status == 201 && r.body.is_object() ? r.body.value("id", 0LL) : 0;
}

nlohmann::json OtaCloud::shipment(long long id) {
  const RestReply r = rest("GET", "/api/v1/shipments/" + std::to_string(id));
  return r.status == 200 ? r.body : nlohmann::json();
}

nlohmann::json OtaCloud::target(long long shipment_id, long long device_id) {
  const nlohmann::json s = shipment(shipment_id);
  if (!s.is_object()) return nullptr;
  for (const auto& d : s["devices"])
    if (d.value("deviceId", 0LL) == device_id) return d;
  return nullptr;
}

nlohmann::json OtaCloud::device(long long id) {
  const RestReply r = rest("GET", "/api/v1/devices/" + std::to_string(id));
  return r.status == 200 ? r.body : nlohmann::json();
}

std::string OtaCloud::log() const {
  return test::read_file(world_.dir() / "cloud.log");
}

std::vector<ServedRange> OtaCloud::served(long long device_id) const {
  // "... ota download shipment=S device=D bytes FIRST-LAST/SIZE"
  std::vector<ServedRange> out;
  std::istringstream lines(log());
  const std::string key = " device=" + std::to_string(device_id) + " bytes ";
  for (std::string line; std::getline(lines, line);) {
    if (line.find("ota download ") == std::string::npos) continue;
    const std::size_t at = line.find(key);
    if (at == std::string::npos) continue;
    ServedRange range;
    range.device = device_id;
    std::istringstream fields(line.substr(at + key.size()));
    char dash = 0;
    if (fields >> range.first >> dash >> range.last) out.push_back(range);
  }
  return out;
}

}  // namespace onboard::e2e
