#include "world/qemu_command.hpp"

#include "onboard/protocol/air/percent.hpp"

namespace onboard::air {

namespace {

std::string semihosted_arg(const std::string& value) {
  std::string encoded(percent_encoded_size(value), '\0');
  if (!value.empty()) encoded.resize(percent_encode(value, encoded.data(), encoded.size()));
  std::string escaped;
  for (char c : encoded) {
    escaped.push_back(c);
    if (c == ',') escaped.push_back(',');  // QEMU's option syntax doubles a comma
  }
  return escaped;
}

std::string option_value(const std::string& value) {
  std::string escaped;
  for (char c : value) {
    escaped.push_back(c);
    if (c == ',') escaped.push_back(',');
  }
  return escaped;
}

}  // namespace

std::vector<std::string> qemu_board_command(const QemuBoard& board) {
  std::string config = "enable=on,target=native,arg=onboard-mps2-board";
  std::vector<std::string> args{"--host", board.host, "--chip-id", board.chip_id, "--storage", board.flash};
  args.insert(args.end(), board.firmware_args.begin(), board.firmware_args.end());
  for (const std::string& arg : args) config += ",arg=" + semihosted_arg(arg);
  return {"qemu-system-arm",
          "-M",
          "mps2-an386",
          "-nographic",
          "-monitor",
          "none",
          "-chardev",
          "socket,id=air,path=" + option_value(board.socket),
          "-serial",
          "chardev:air",
          "-semihosting-config",
          config,
          "-kernel",
          board.image,
          "-nic",
          "tap,model=lan9118,ifname=" + board.tap + ",script=no,downscript=no,mac=" + board.mac};
}

}  // namespace onboard::air
