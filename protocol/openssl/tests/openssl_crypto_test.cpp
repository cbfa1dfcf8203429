#include "onboard/protocol/pake/openssl_crypto.hpp"
#include "onboard/protocol/pake/crypto_conformance.hpp"

namespace onboard::pake {

struct OpenSslBackend {
  using Crypto = OpenSslCrypto;
};
INSTANTIATE_TYPED_TEST_SUITE_P(OpenSsl, PakeCryptoConformance, ::testing::Types<OpenSslBackend>);

}  // namespace onboard::pake
