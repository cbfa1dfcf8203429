// The fixed addresses of every world (documented in docs/air.md).
#pragma once

namespace onboard::air {

// internet <-> router: a /24 wire.
inline constexpr char kInternetAddress[] = "10.99.0.2";  // the cloud runs here
inline constexpr char kInternetCidr[] = "10.99.0.2/24";
inline constexpr char kRouterWanAddress[] = "10.99.0.1";
inline constexpr char kRouterWanCidr[] = "10.99.0.1/24";
// The home LAN behind every home AP (one bridge "lan" in the router).
inline constexpr char kHomeGateway[] = "192.168.1.1";
inline constexpr char kHomeGatewayCidr[] = "192.168.1.1/24";
inline constexpr char kHomePrefix[] = "192.168.1.";
inline constexpr int kHomeFirstLease = 100;
inline constexpr int kHomeLastLease = 250;
// Every board's AP (a bridge "ap0" in the board's host).
inline constexpr char kBoardApAddress[] = "192.168.4.1";
inline constexpr char kBoardApCidr[] = "192.168.4.1/24";
// Everything behind the router, as the internet host routes it back.
inline constexpr char kPrivateRange[] = "192.168.0.0/16";
// Interface names.
inline constexpr char kLanBridge[] = "lan";
inline constexpr char kWanIf[] = "wan";
inline constexpr char kInternetIf[] = "eth0";
inline constexpr char kBoardApBridge[] = "ap0";
// The nameserver of a host that has joined nothing (nothing answers there).
inline constexpr char kNoNameserver[] = "127.0.0.1";
// A short press of the button lasts this long.
inline constexpr int kPressMillis = 200;

}  // namespace onboard::air
