#include "ota_fleet.hpp"

#include <cstdio>
#include <sstream>
#include <thread>

#include "onboard/test/waits.hpp"

namespace onboard::e2e {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char* kHomePassword = "home-secret-1";
// Boards provisioned at once: one phone each (a phone is on one board's AP at a time).
constexpr int kPhones = 3;

}  // namespace

void OtaScenario::SetUp() {
  BoardScenario::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  ASSERT_TRUE(fs::exists(bin_dir() / "onboard-cloud")) << "onboard-cloud is not built in " << bin_dir();
  ASSERT_EQ(world().air({"ap", "add", "--ssid", "Home", "--password", kHomePassword}).code, 0);
  for (int i = 1; i <= kPhones; ++i)
    ASSERT_EQ(world().air({"phone", "add", "phone" + std::to_string(i)}).code, 0);
  cloud_ = std::make_unique<OtaCloud>(world());
  ASSERT_TRUE(cloud_->error().empty()) << cloud_->error();
  maker_ = make_key(world().dir(), "ota-signing");
}

void OtaScenario::TearDown() {
  if (cloud_ != nullptr && HasFailure())
    std::cerr << "---- cloud log ----\n" << cloud_->log() << "---- end ----\n";
  cloud_.reset();
  BoardScenario::TearDown();
}

Board OtaScenario::provision(const std::string& name, const std::string& phone,
                             const std::vector<std::string>& flags) {
  Board board;
  board.name = name;
  std::vector<std::string> all = {"--cloud-plain",
                                  "--firmware-version",
                                  kOldVersion,
                                  "--ota-public-key",
                                  maker_.public_file.string(),
                                  "--ota-trial-timeout",
                                  "10"};
  all.insert(all.end(), flags.begin(), flags.end());
  char chip[16];
  std::snprintf(chip, sizeof chip, "c0ffee%02x", static_cast<unsigned>(std::stoi(name.substr(1))));
  const RunResult added =
      world().add_board(name, BoardSpec().id(cloud().template_id()).name("Lamp").chip(chip).flags(all));
  EXPECT_EQ(added.code, 0) << name << ": " << added.err;
  const RestReply session =
      cloud().rest("POST", "/api/v1/provisioning", {{"templateId", cloud().template_id()}});
  const std::string token = session.body.is_object() ? session.body.value("token", "") : "";
  const long long session_id = session.body.is_object() ? session.body.value("id", 0LL) : 0;
  EXPECT_FALSE(token.empty()) << session.raw;
  const std::string ap = world().wait_board_ap(name, 30s);
  EXPECT_FALSE(ap.empty()) << name << " never opened its AP";
  if (token.empty() || ap.empty()) return board;
  const RunResult joined = world().join(phone, ap);
  EXPECT_EQ(joined.code, 0) << name << ": " << joined.err;
  const std::string url = "http://192.168.4.1/config?ssid=Home&pass=" + std::string(kHomePassword) +
                          "&blynk=" + token + "&host=" + OtaCloud::kHost +
                          "&port=" + std::to_string(OtaCloud::kPort);
  const HttpReply reply = world().http_get(phone, url);
  EXPECT_EQ(reply.status, 200) << name << ": " << reply.error << reply.body;
  const bool activated = eventually(
      [&] {
        const RestReply s = cloud().rest("GET", "/api/v1/provisioning/" + std::to_string(session_id));
        if (!s.body.is_object() || s.body.value("state", "") != "activated") return false;
        board.device_id = s.body.value("deviceId", 0LL);
        const nlohmann::json d = cloud().device(board.device_id);
        return d.is_object() && d.value("online", false) && d.value("firmware", "") == kOldVersion;
      },
      60s, 200ms);
  EXPECT_TRUE(activated) << name << " did not come online with firmware " << kOldVersion;
  // Tried before it is saved (as the wizard provisions): the save is provisioning's last write.
  EXPECT_TRUE(world().wait_serial(name, "config: new configuration works and is saved", 0, 20s))
      << name << " never saved its configuration";
  board.config = config_of(name);
  board.provisioned_at = world().serial(name).size();
  return board;
}

std::vector<Board> OtaScenario::fleet(int count, const std::vector<std::string>& extra_flags) {
  std::vector<Board> boards(static_cast<std::size_t>(count));
  std::vector<std::thread> phones;
  for (int p = 0; p < kPhones && p < count; ++p) {
    phones.emplace_back([&, p] {
      for (int i = p; i < count; i += kPhones)
        boards[static_cast<std::size_t>(i)] =
            provision("b" + std::to_string(i + 1), "phone" + std::to_string(p + 1), extra_flags);
    });
  }
  for (auto& t : phones) t.join();
  return boards;
}

FirmwareSpec OtaScenario::firmware(const std::string& version) const {
  FirmwareSpec spec;
  spec.template_id = cloud_->template_id();
  spec.version = version;
  return spec;
}

long long OtaScenario::upload(const FirmwareSpec& spec, const std::string& file_name) {
  const ImageFile file = write_image(spec, maker_.key, world().dir() / file_name);
  EXPECT_TRUE(file.error.empty()) << file.error;
  const RestReply r = cloud().upload(file.path);
  EXPECT_EQ(r.status, 201) << r.raw;
  return r.status == 201 ? r.body.value("id", 0LL) : 0;
}

nlohmann::json OtaScenario::wait_status(long long shipment, long long device,
                                        const std::vector<std::string>& statuses,
                                        std::chrono::seconds limit) {
  nlohmann::json last;
  eventually(
      [&] {
        last = cloud().target(shipment, device);
        if (!last.is_object()) return false;
        const std::string status = last.value("status", "");
        for (const auto& s : statuses)
          if (status == s) return true;
        return false;
      },
      limit, 250ms);
  return last;
}

std::vector<BootLine> OtaScenario::boots(const std::string& board, std::size_t from) {
  const std::string log = world().serial(board);
  std::vector<BootLine> out;
  const std::string key = "onboard-device ";
  for (std::size_t at = log.find(key, from); at != std::string::npos; at = log.find(key, at + 1)) {
    const std::size_t end = log.find('\n', at);
    const std::string line = log.substr(at, end == std::string::npos ? std::string::npos : end - at);
    const std::size_t colon = line.find(": template ");
    const std::size_t slot = line.find(", slot ");
    if (colon == std::string::npos || slot == std::string::npos) continue;
    BootLine boot;
    boot.at = at;
    boot.version = line.substr(key.size(), colon - key.size());
    boot.slot = line.substr(slot + 7, line.find(',', slot + 7) - slot - 7);
    out.push_back(boot);
  }
  return out;
}

long long OtaScenario::stamp_of(const std::string& board, const std::string& text, std::size_t from) {
  const std::string log = world().serial(board);
  const std::size_t at = log.find(text, from);
  if (at == std::string::npos) return -1;
  const std::size_t start = log.rfind('\n', at);
  const std::size_t line = start == std::string::npos ? 0 : start + 1;
  int h = 0, m = 0, s = 0, ms = 0;
  if (std::sscanf(log.c_str() + line, "%d:%d:%d.%d", &h, &m, &s, &ms) != 4) return -1;
  return ((h * 60LL + m) * 60 + s) * 1000 + ms;
}

std::string OtaScenario::config_of(const std::string& board) {
  return test::read_file(world().dir() / "boards" / board / "storage" / "config.bin");
}

void OtaScenario::expect_config_kept(const Board& board) {
  EXPECT_FALSE(board.config.empty()) << board.name << ": no configuration was saved";
  EXPECT_TRUE(config_of(board.name) == board.config)
      << board.name << ": config.bin changed (the saved network or token)";
  const std::vector<BootLine> all = boots(board.name, board.provisioned_at);
  const std::string log = world().serial(board.name);
  for (const BootLine& b : all) {
    const std::size_t at = log.find("config: ", b.at);
    const std::size_t next = log.find("onboard-device ", b.at + 1);
    if (at == std::string::npos || (next != std::string::npos && at > next)) continue;
    const std::string expected = std::string("config: network \"Home\", cloud ") + OtaCloud::kHost;
    EXPECT_EQ(log.compare(at, expected.size(), expected), 0)
        << board.name << ": a boot did not find the saved network: " << log.substr(at, 60);
  }
  const bool online = eventually(
      [&] {
        const nlohmann::json d = cloud().device(board.device_id);
        return d.is_object() && d.value("online", false);
      },
      30s, 250ms);
  EXPECT_TRUE(online) << board.name << " is not online with its token";
}

fs::path OtaScenario::slot_image(const std::string& board, const std::string& slot) {
  return world().dir() / "boards" / board / "storage" / "firmware" / ("slot-" + slot + ".img");
}

}  // namespace onboard::e2e
