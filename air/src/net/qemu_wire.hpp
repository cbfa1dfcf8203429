// The wire of a QEMU board (a bare-metal firmware on qemu-system-arm): its one
// Ethernet is a tap in the board's host, on the bridge that its access point's
// phones and its station's link also join. Every port but the tap is isolated,
// so frames only ever go between the firmware and one network, never across.
#pragma once

#include <string>

namespace onboard::air {

// The tap QEMU's -nic opens, made before QEMU starts (persistent, owned by root).
inline constexpr char kQemuTap[] = "qemu0";

// (Re)makes the bridge `bridge` without an address and the tap on it, both up.
bool make_qemu_wire(const std::string& ns, const std::string& bridge, std::string* error);

// Marks a bridge port isolated: it reaches only non-isolated ports (the tap).
bool isolate_port(const std::string& ns, const std::string& port, std::string* error);

// The station link of a QEMU board: a veth from the AP's bridge whose board end
// (wlan0) is an isolated port of the board's bridge, with no address of its
// own: the firmware's lwIP holds the address the join gave.
bool connect_bridged_station(const std::string& ap_ns, const std::string& ap_if, const std::string& ap_bridge,
                             const std::string& board_ns, const std::string& board_bridge,
                             std::string* error);

}  // namespace onboard::air
