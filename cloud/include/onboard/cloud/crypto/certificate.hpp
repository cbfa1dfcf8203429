// The TLS certificate of a server started without one: an EC P-256 key and a
// self-signed certificate (10 years; SAN localhost, 127.0.0.1, public host)
// created once in the data directory.
#pragma once

#include <string>

namespace onboard::cloud {

struct CertificateFiles {
  std::string cert;
  std::string key;
  bool created = false;
};

// Creates DIR/tls/cert.pem and DIR/tls/key.pem (0600) unless both exist.
// Throws std::runtime_error on failure.
CertificateFiles ensure_self_signed(const std::string& data_dir, const std::string& public_host);

// "AB:CD:..." SHA-256 of the certificate's DER form. Throws on a bad file.
std::string certificate_fingerprint(const std::string& cert_path);

}  // namespace onboard::cloud
