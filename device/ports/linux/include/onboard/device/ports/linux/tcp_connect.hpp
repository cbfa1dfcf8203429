// Starting and finishing a non-blocking TCP connect, and mapping errno values to
// the HAL's failure reasons; shared by PosixNet and the TLS port.
#pragma once

#include <cstdint>
#include <string_view>

#include "onboard/device/hal/net.hpp"

namespace onboard::port {

struct ConnectStart {
  int fd = -1;  // -1 when the connect failed at once (see failure)
  hal::StreamFailure failure = hal::StreamFailure::None;
};

// Dotted quads are used directly; other names go through getaddrinfo(), which
// may block for a moment (the resolver has no non-blocking API in libc). The
// returned fd is non-blocking and close-on-exec.
ConnectStart start_tcp_connect(std::string_view host, std::uint16_t port);

enum class ConnectProgress : std::uint8_t { Pending, Done, Failed };
// Checks a connecting fd without waiting; on Failed, *failure says why.
ConnectProgress poll_tcp_connect(int fd, hal::StreamFailure* failure);

hal::StreamFailure failure_from_errno(int error);

// Zero-timeout poll of one fd: the revents it has now.
short ready_events(int fd, short events);

}  // namespace onboard::port
