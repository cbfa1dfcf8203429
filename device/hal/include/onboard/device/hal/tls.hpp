// TLS client streams to the cloud. The port verifies the server certificate
// against the CA or pinned certificate it was given; a mismatch is TlsCertificate.
#pragma once

#include "onboard/device/hal/net.hpp"

namespace onboard::hal {

class Tls : public Stream {
 protected:
  ~Tls() = default;
};

}  // namespace onboard::hal
