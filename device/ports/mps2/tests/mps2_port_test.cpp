// The parts of the mps2-an386 board port that need no network, run as Cortex-M4
// code on QEMU: the semihosted command line, the semihosted flash file, and the
// radio's scans over a serial link that nothing answers (UART1: no peer).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "onboard/device/ports/mps2/air_radio.hpp"
#include "onboard/device/ports/mps2/board_options.hpp"
#include "onboard/device/ports/mps2/semihosted_storage.hpp"

// What the firmware's main.cpp gives lwIP, which the radio's interfaces link in; no test
// here runs lwIP.
extern "C" void onboard_lwip_assert(const char*, const char*, int) {
  std::abort();
}
extern "C" unsigned int onboard_lwip_random(void) {
  return 4;
}
extern "C" std::uint32_t sys_now(void) {
  return 0;
}

namespace onboard::mps2 {
namespace {

struct Line {
  char text[256];
  char* argv[16];
  int argc;
  explicit Line(const char* line) {
    std::strncpy(text, line, sizeof text - 1);
    text[sizeof text - 1] = '\0';
    argc = split_command_line(text, argv, 16);
  }
};

TEST(BoardOptions, ReadsTheAirsArgumentsPercentDecoded) {
  Line line(
      "fw --host q1 --chip-id c0ffee --storage /tmp/f.bin --template-id TMPLa1 "
      "--template-name Desk%20Lamp --cloud-plain");
  ASSERT_EQ(line.argc, 12);
  BoardOptions options;
  const char* why = "";
  ASSERT_TRUE(parse_board_options(line.argc, line.argv, &options, &why)) << why;
  EXPECT_STREQ(options.host, "q1");
  EXPECT_EQ(options.chip_id, 0xc0ffeeu);
  EXPECT_STREQ(options.storage, "/tmp/f.bin");
  EXPECT_STREQ(options.settings.template_id, "TMPLa1");
  EXPECT_STREQ(options.settings.template_name, "Desk Lamp");
  EXPECT_FALSE(options.settings.cloud_tls);
  EXPECT_EQ(options.settings.cloud_port, 8080);  // plain without a port: 8080, as onboard-device
}

TEST(BoardOptions, RefusesBadValuesWithAReason) {
  for (const char* bad : {"fw --chip-id xyz", "fw --cloud-port 70000", "fw --cloud-port", "fw --what 1",
                          "fw --template-name %zz", "fw --chip-id 11112222333344445"}) {
    Line line(bad);
    BoardOptions options;
    const char* why = "";
    EXPECT_FALSE(parse_board_options(line.argc, line.argv, &options, &why)) << bad;
    EXPECT_STRNE(why, "") << bad;
  }
}

TEST(BoardOptions, OfflineApDelayIsInSecondsAsOnLinux) {
  Line line("fw --offline-ap-delay 3 --cloud-port 9443");
  BoardOptions options;
  const char* why = "";
  ASSERT_TRUE(parse_board_options(line.argc, line.argv, &options, &why)) << why;
  EXPECT_EQ(options.settings.offline_ap_delay_ms, 3000u);
  EXPECT_EQ(options.settings.cloud_port, 9443);
  EXPECT_TRUE(options.settings.cloud_tls);
}

// The flash is a host file: a second Storage on it (a new boot) reads what the first wrote.
TEST(SemihostedStorage, StartsErasedAndKeepsWritesAcrossABoot) {
  const std::string path = "mps2_port_test_flash.bin";
  host_remove(path.c_str());  // a leftover of an interrupted run
  {
    SemihostedStorage flash(path.c_str(), 512);
    ASSERT_TRUE(flash.begin());
    std::uint8_t bytes[512];
    ASSERT_TRUE(flash.read(0, bytes, sizeof bytes));
    for (std::uint8_t b : bytes) ASSERT_EQ(b, 0xFF);
    const std::uint8_t config[] = {1, 2, 3, 4};
    ASSERT_TRUE(flash.write(100, config, sizeof config));
    EXPECT_FALSE(flash.write(510, config, sizeof config));  // past the end
    EXPECT_FALSE(flash.read(600, bytes, 1));
  }
  SemihostedStorage again(path.c_str(), 1024);  // a bigger flash keeps the old bytes
  ASSERT_TRUE(again.begin());
  std::uint8_t got[4];
  ASSERT_TRUE(again.read(100, got, sizeof got));
  EXPECT_EQ(got[0], 1);
  EXPECT_EQ(got[3], 4);
  std::uint8_t tail[4];
  ASSERT_TRUE(again.read(1020, tail, sizeof tail));
  EXPECT_EQ(tail[0], 0xFF);
  EXPECT_TRUE(host_remove(path.c_str()));
}

class ManualClock final : public hal::Clock {
 public:
  std::uint64_t now_ms() const override { return now; }
  std::uint64_t now = 1000;
};

air::Message line(char (&text)[128], const char* content) {
  std::strncpy(text, content, sizeof text - 1);
  text[sizeof text - 1] = '\0';
  air::Message message;
  EXPECT_EQ(message.parse(text, std::strlen(text)), air::ParseError::none);
  return message;
}

// A scan whose answer was lost must not keep every later one from starting: past its
// deadline it reads Failed, the next start asks again, and only the new answer counts.
TEST(AirRadio, AScanNobodyAnswersEndsAtItsDeadlineAndTheNextOneAsksAgain) {
  CmsdkUart uart(0x40005000u);  // UART1: QEMU drains what is written, nothing arrives
  uart.begin();
  UartAirLink link(uart);
  Lan9118 wire(0x40200000u);
  RadioInterfaces interfaces(wire);
  ManualClock clock;
  AirRadio radio(link, interfaces, clock, 0xc0ffee, nullptr);

  ASSERT_TRUE(radio.start_scan());
  const std::uint32_t first = 1;  // the link numbers its requests from 1
  clock.now += AirRadio::kScanDeadlineMs - 1;
  EXPECT_EQ(radio.scan_state(), hal::ScanState::Running);
  EXPECT_TRUE(radio.start_scan());  // still waiting: no second request
  EXPECT_EQ(link.dropped_requests(), 0u);
  clock.now += 1;
  EXPECT_EQ(radio.scan_state(), hal::ScanState::Failed);

  ASSERT_TRUE(radio.start_scan());
  const std::uint32_t second = first + 1;
  EXPECT_EQ(radio.scan_state(), hal::ScanState::Running);
  char text[128];
  // The abandoned scan's answer, arriving late, neither ends nor fills the new one.
  radio.on_data(AirRequest::Scan, first,
                line(text, "ap ssid=Old bssid=02:00:00:00:00:09 rssi=-70 sec=wpa2 ch=1 band=2.4"));
  radio.on_reply(AirRequest::Scan, first, line(text, "ok count=1"));
  EXPECT_EQ(radio.scan_state(), hal::ScanState::Running);
  radio.on_data(AirRequest::Scan, second,
                line(text, "ap ssid=Home bssid=02:00:00:00:00:01 rssi=-40 sec=wpa2 ch=6 band=2.4"));
  radio.on_reply(AirRequest::Scan, second, line(text, "ok count=1"));
  ASSERT_EQ(radio.scan_state(), hal::ScanState::Done);
  hal::ScanResult results[4];
  ASSERT_EQ(radio.scan_results(results, 4), 1u);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(results[0].ssid), results[0].ssid_len), "Home");
  // A finished scan stays finished however long it is read.
  clock.now += 10 * AirRadio::kScanDeadlineMs;
  EXPECT_EQ(radio.scan_state(), hal::ScanState::Done);
}

}  // namespace
}  // namespace onboard::mps2
