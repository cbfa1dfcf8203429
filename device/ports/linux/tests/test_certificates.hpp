// Certificates made on the fly for the TLS tests: a self-signed server
// certificate, or a CA and a leaf it signed, as PEM text.
#pragma once

#include <string>

namespace onboard::port::testing {

struct KeyAndCert {
  std::string key_pem;
  std::string cert_pem;
};

// A self-signed certificate for subject_alt ("IP:127.0.0.1" or "DNS:x").
KeyAndCert make_self_signed(const std::string& common_name, const std::string& subject_alt);
// A CA certificate (basicConstraints CA:TRUE).
KeyAndCert make_ca(const std::string& common_name);
// A leaf for subject_alt signed by ca.
KeyAndCert make_leaf(const KeyAndCert& ca, const std::string& common_name, const std::string& subject_alt);

// Writes text to a fresh file under the test's temp dir; returns its path.
std::string write_temp_file(const std::string& name, const std::string& text);

}  // namespace onboard::port::testing
