#include "onboard/device/ports/air/air_environment.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace onboard::port {
namespace {

std::function<const char*(const char*)> env_of(const std::map<std::string, std::string>& values) {
  return [values](const char* name) -> const char* {
    auto it = values.find(name);
    return it == values.end() ? nullptr : it->second.c_str();
  };
}

TEST(AirEnvironment, ReadsWhatTheWorldGivesABoard) {
  std::string why;
  const auto env = read_air_environment(&why, env_of({{"ONBOARD_AIR_SOCKET", "/run/air/air.sock"},
                                                      {"ONBOARD_AIR_HOST", "board1"},
                                                      {"ONBOARD_AIR_CHIP_ID", "a1b2c3"},
                                                      {"ONBOARD_AIR_STORAGE", "/run/air/boards/board1"}}));
  ASSERT_TRUE(env) << why;
  EXPECT_EQ(env->socket_path, "/run/air/air.sock");
  EXPECT_EQ(env->host, "board1");
  EXPECT_EQ(env->chip_id, 0xA1B2C3u);
  EXPECT_EQ(env->storage_dir, "/run/air/boards/board1");
}

TEST(AirEnvironment, OutsideTheAirSaysHowToStartIt) {
  std::string why;
  EXPECT_FALSE(read_air_environment(&why, env_of({})));
  EXPECT_NE(why.find("onboard-air board add"), std::string::npos) << why;
}

TEST(AirEnvironment, BadChipIdIsRefused) {
  std::string why;
  EXPECT_FALSE(read_air_environment(
      &why,
      env_of({{"ONBOARD_AIR_SOCKET", "s"}, {"ONBOARD_AIR_HOST", "b"}, {"ONBOARD_AIR_CHIP_ID", "xyz"}})));
  EXPECT_NE(why.find("xyz"), std::string::npos);
}

}  // namespace
}  // namespace onboard::port
