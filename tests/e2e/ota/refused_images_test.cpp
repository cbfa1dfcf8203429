// Scenario c: images that must not run are refused with a reason a person can act on.
// The cloud's upload check stops a payload that fails its SHA-256 and an image for another
// template. What passes the cloud is checked again by the device: an image signed with
// another key (`signature`), an image damaged in the cloud's storage (`hash`) and an older
// version (`version`); each shipment ends `failed` with the device's reason and the board
// keeps running its firmware, network and token.
#include "ota_fleet.hpp"

namespace onboard::e2e {
namespace {
using namespace std::chrono_literals;

TEST_F(OtaScenario, UploadRefusesABadHashAndAnotherTemplateWithTheReason) {
  const ImageFile tampered = write_image(firmware("1.1.0"), maker().key, world().dir() / "tampered.obfw");
  ASSERT_TRUE(tampered.error.empty()) << tampered.error;
  ASSERT_TRUE(flip_bit(tampered.path, 128 + 5000));  // a byte of the payload
  const RestReply bad_hash = cloud().upload(tampered.path);
  EXPECT_EQ(bad_hash.status, 400) << bad_hash.raw;
  EXPECT_EQ(bad_hash.body.value("error", ""), "bad_image") << bad_hash.raw;
  EXPECT_NE(bad_hash.raw.find("SHA-256"), std::string::npos) << bad_hash.raw;

  FirmwareSpec other = firmware("1.1.0");
  other.template_id = "TMPLother0001";
  const ImageFile foreign = write_image(other, maker().key, world().dir() / "other-template.obfw");
  ASSERT_TRUE(foreign.error.empty()) << foreign.error;
  const RestReply wrong_template = cloud().upload(foreign.path);
  EXPECT_EQ(wrong_template.status, 400) << wrong_template.raw;
  EXPECT_NE(wrong_template.raw.find("for template TMPLother0001"), std::string::npos) << wrong_template.raw;

  // Neither was kept: the template lists no image.
  const RestReply list = cloud().rest("GET", "/api/v1/templates/" + cloud().template_id() + "/firmware");
  EXPECT_EQ(list.status, 200);
  EXPECT_TRUE(list.body.is_array() && list.body.empty()) << list.raw;
}

TEST_F(OtaScenario, DeviceRefusesAnotherKeyADamagedImageAndAnOlderVersion) {
  const std::vector<Board> boards = fleet(1);
  ASSERT_FALSE(HasFailure()) << "the board was not provisioned";
  const Board& board = boards[0];
  const std::size_t first_boots = boots(board.name).size();

  struct Case {
    std::string name;
    std::string version;
    std::string expected;  // the device's reason, as the shipment shows it
  };
  const std::vector<Case> cases = {{"another key", "1.1.0", "signature"},
                                   {"damaged in storage", "1.2.0", "hash"},
                                   {"older", "0.9.0", "version"}};
  const MakerKey stranger = make_key(world().dir(), "stranger");
  for (const Case& c : cases) {
    const std::size_t from = world().serial(board.name).size();
    const ImageFile file =
        write_image(firmware(c.version), c.expected == "signature" ? stranger.key : maker().key,
                    world().dir() / ("fw-" + c.version + ".obfw"));
    ASSERT_TRUE(file.error.empty()) << file.error;
    const RestReply up = cloud().upload(file.path);
    ASSERT_EQ(up.status, 201) << c.name << ": the cloud refused what only the device can tell: " << up.raw;
    if (c.expected == "hash") {
      // The stored copy is damaged after the upload check (a disk, a copy, an intruder).
      const auto stored = cloud().data_dir() / "firmware" /
                          (cloud().template_id() + "-" + up.body.value("sha256", "") + ".img");
      ASSERT_TRUE(flip_bit(stored, 128 + 70000)) << stored;
    }
    const long long shipment = cloud().ship(up.body.value("id", 0LL), {board.device_id}, "any");
    ASSERT_NE(shipment, 0) << c.name;
    const nlohmann::json t = wait_status(shipment, board.device_id, {"failed", "success", "rollback"}, 60s);
    EXPECT_EQ(t.value("status", ""), "failed") << c.name << ": " << t.dump();
    EXPECT_EQ(t.value("reason", ""), c.expected) << c.name << ": " << t.dump();
    EXPECT_TRUE(world().wait_serial(board.name, "ota: failed (" + c.expected + ")", from, 5s))
        << c.name << ": the serial monitor does not say why";
    std::cout << c.name << ": shipment " << shipment << " " << t.value("status", "") << " ("
              << t.value("reason", "") << ") after " << t.value("bytesServed", 0LL) << " bytes served\n";
  }
  // The refused images never ran: no new start, the old version in the cloud, the same config.
  EXPECT_EQ(boots(board.name).size(), first_boots);
  EXPECT_EQ(cloud().device(board.device_id).value("firmware", ""), kOldVersion);
  expect_config_kept(board);
}

}  // namespace
}  // namespace onboard::e2e
