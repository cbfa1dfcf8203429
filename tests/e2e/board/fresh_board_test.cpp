// Scenario 1: a fresh board opens its AP; a phone sees it in a scan, joins it
// and reads /board_info.json from 192.168.4.1.
#include "scenario_test.hpp"

namespace onboard::e2e {
namespace {
using namespace std::chrono_literals;

TEST_F(BoardScenario, FreshBoardOpensApAndPhoneReadsBoardInfo) {
  ASSERT_EQ(world().air({"phone", "add", "phone"}).code, 0);
  ASSERT_EQ(world().add_board("b1", BoardSpec().id("TMPLfresh01").name("Smart Lamp").chip("c0ffee01")).code,
            0);

  const std::string ap = world().wait_board_ap("b1", 20s);
  ASSERT_FALSE(ap.empty()) << "the board never opened its AP";
  EXPECT_EQ(ap.rfind("Onboard Smart Lamp-", 0), 0u) << ap;

  // The phone hears it: open, 2.4 GHz.
  nlohmann::json seen;
  ASSERT_TRUE(eventually(
      [&] {
        for (const auto& entry : world().scan("phone")) {
          if (entry.value("ssid", "") == ap) seen = entry;
        }
        return seen.is_object();
      },
      10s))
      << "the phone's scan never listed " << ap;
  EXPECT_EQ(seen["security"], "open");
  EXPECT_EQ(seen["band"], "2.4");

  const RunResult joined = world().join("phone", ap);
  ASSERT_EQ(joined.code, 0) << joined.err;

  HttpReply reply;
  ASSERT_TRUE(eventually(
      [&] {
        reply = world().http_get("phone", "http://192.168.4.1/board_info.json");
        return reply.status != 0;
      },
      15s, 200ms))
      << reply.error;
  ASSERT_EQ(reply.status, 200) << reply.body;
  const nlohmann::json info = nlohmann::json::parse(reply.body, nullptr, false);
  ASSERT_TRUE(info.is_object()) << reply.body;
  EXPECT_EQ(info["tmpl_id"], "TMPLfresh01");
  EXPECT_EQ(info["board"], "Smart Lamp");
  EXPECT_EQ(info["ssid"], ap);
  EXPECT_TRUE(world().wait_serial("b1", "GET /board_info.json -> 200", 0, 5s));
}

}  // namespace
}  // namespace onboard::e2e
