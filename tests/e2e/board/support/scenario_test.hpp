// The fixture of every board scenario: skips without root, gives each test its
// own world, and prints the boards' serial monitors when a test fails.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "onboard/test/waits.hpp"
#include "world.hpp"

namespace onboard::e2e {

using onboard::test::eventually;

// A well-formed auth token (exactly 32 characters, as /config requires).
inline constexpr const char* kToken = "0123456789abcdefghijklmnopqrstuv";

class BoardScenario : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0)
      GTEST_SKIP() << "needs root: onboard-air makes network namespaces (CI runs as root; try sudo ctest)";
    ASSERT_TRUE(std::filesystem::exists(bin_dir() / "onboard-device"))
        << "onboard-device is not built in " << bin_dir() << " (device/ports/program)";
    world_ = std::make_unique<World>();
    ASSERT_TRUE(world_->ok()) << world_->up_error();
  }

  void TearDown() override {
    if (world_ != nullptr && HasFailure()) dump_serial_logs();
    world_.reset();
  }

  World& world() { return *world_; }

 private:
  void dump_serial_logs() {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(world_->dir() / "boards", ec)) {
      const std::string name = entry.path().filename().string();
      std::cerr << "---- serial monitor of " << name << " ----\n"
                << world_->serial(name) << "---- end ----\n";
    }
  }

  std::unique_ptr<World> world_;
};

}  // namespace onboard::e2e
