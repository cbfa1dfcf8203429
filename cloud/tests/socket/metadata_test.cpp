// Metadata a device sets (Blynk's INTERNAL "meta" "set" <name> <value>, as
// Blynk.setMetadata and Edgent send it) is kept per device, capped by
// --max-metadata, over real sockets.
#include <gtest/gtest.h>

#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

using blynk::Command;

class Metadata : public CloudTest {
 protected:
  std::vector<std::string> serve_flags() const override { return {"--max-metadata", "2"}; }
};

TEST_P(Metadata, IsStoredPerDeviceUpToTheCapWithAClearErrorBeyond) {
  auto p = provision();
  auto d = activated_device(p.token);
  const long device = api.get("/api/v1/provisioning/" + std::to_string(p.id)).json()["deviceId"];
  d->send(Command::Internal, {"meta", "set", "Hotspot Name", "Blynk Lamp-1A2B"});
  d->send(Command::Internal, {"meta", "set", "Serial", "S-1"});
  d->send(Command::Internal, {"meta", "set", "Serial", "S-2"});  // a kept name changes: no new name
  ASSERT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
  for (const auto& f : d->other) EXPECT_NE(f.command, Command::Response) << "status " << f.length;
  // A third name is over the cap: status 11 (ILLEGAL_COMMAND_BODY), nothing stored.
  EXPECT_EQ(d->wait_response(d->send(Command::Internal, {"meta", "set", "Third", "x"})), 11);
  // So is a body that is not `meta set <name> <value>`.
  EXPECT_EQ(d->wait_response(d->send(Command::Internal, {"meta", "get", "Serial"})), 11);
  auto dev = api.get("/api/v1/devices/" + std::to_string(device)).json();
  EXPECT_EQ(dev["metadata"], (nlohmann::json{{"Hotspot Name", "Blynk Lamp-1A2B"}, {"Serial", "S-2"}}));
  // The device is still served.
  EXPECT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
}

INSTANTIATE_TEST_SUITE_P(Transports, Metadata, ::testing::Values(false), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
