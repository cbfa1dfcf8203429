#include "setup_verifier_file.hpp"

#include <cstring>
#include <fstream>
#include <sstream>

#include "onboard/protocol/pake/verifier_file.hpp"

namespace onboard::program {

std::string enable_secure_setup(device::Device& device, hal::Crypto& crypto, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read the setup verifier " + path;
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().size() > 4096) return "setup verifier " + path + ": not a verifier file (too long)";
  pake::VerifierFile file;
  if (!pake::read_verifier_file(text.str(), file)) {
    return "setup verifier " + path + ": not an onboard-factory verifier (format, salt, iterations, w0, L)";
  }
  device::SetupVerifier verifier;
  std::memcpy(verifier.salt, file.salt, file.salt_size);
  verifier.salt_size = file.salt_size;
  verifier.iterations = file.iterations;
  verifier.record = {file.w0, file.l};
  if (!device.enable_secure_setup(crypto, verifier))
    return "setup verifier " + path + ": L is not a P-256 point";
  return "";
}

}  // namespace onboard::program
