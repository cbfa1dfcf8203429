#include "onboard/cloud/crypto/certificate.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

namespace onboard::cloud {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(fmt::format("creating the TLS certificate failed at {}", what));
}

void add_san(X509* cert, const std::string& san) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str());
  check(ext != nullptr, "subjectAltName");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

bool is_ip(const std::string& host) {
  return !host.empty() && host.find_first_not_of("0123456789.") == std::string::npos;
}

}  // namespace

CertificateFiles ensure_self_signed(const std::string& data_dir, const std::string& public_host) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(data_dir) / "tls";
  CertificateFiles files{(dir / "cert.pem").string(), (dir / "key.pem").string(), false};
  if (fs::exists(files.cert) && fs::exists(files.key)) return files;
  fs::create_directories(dir);

  KeyPtr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "key generation");
  CertPtr cert(X509_new());
  check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set_int64(X509_get_serialNumber(cert.get()), static_cast<std::int64_t>(std::time(nullptr)));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  const std::string cn = public_host.empty() ? "onboard-cloud" : public_host;
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Onboard"), -1,
                             -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), name);
  std::string san = "DNS:localhost,IP:127.0.0.1";
  if (!public_host.empty() && public_host != "localhost" && public_host != "127.0.0.1") {
    san += (is_ip(public_host) ? ",IP:" : ",DNS:") + public_host;
  }
  add_san(cert.get(), san);
  check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signing");

  const std::string key_tmp = files.key + ".tmp";
  const std::string cert_tmp = files.cert + ".tmp";
  {
    const mode_t old = umask(077);
    FilePtr f(std::fopen(key_tmp.c_str(), "w"));
    umask(old);
    check(f != nullptr, "opening key.pem");
    check(PEM_write_PrivateKey(f.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "writing key.pem");
  }
  {
    FilePtr f(std::fopen(cert_tmp.c_str(), "w"));
    check(f != nullptr, "opening cert.pem");
    check(PEM_write_X509(f.get(), cert.get()) == 1, "writing cert.pem");
  }
  fs::rename(key_tmp, files.key);
  fs::rename(cert_tmp, files.cert);
  files.created = true;
  return files;
}

std::string certificate_fingerprint(const std::string& cert_path) {
  FilePtr f(std::fopen(cert_path.c_str(), "r"));
  if (!f) throw std::runtime_error("cannot read " + cert_path);
  CertPtr cert(PEM_read_X509(f.get(), nullptr, nullptr, nullptr));
  if (!cert) throw std::runtime_error(cert_path + " is not a PEM certificate");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  X509_digest(cert.get(), EVP_sha256(), digest, &size);
  std::string out;
  for (unsigned int i = 0; i < size; ++i) out += fmt::format("{}{:02X}", i == 0 ? "" : ":", digest[i]);
  return out;
}

}  // namespace onboard::cloud
