#include "test_certificates.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace onboard::port::testing {

namespace {

std::string to_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<std::size_t>(length));
  BIO_free(bio);
  return text;
}

std::string to_pem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<std::size_t>(length));
  BIO_free(bio);
  return text;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) throw std::runtime_error("bad extension " + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// Signs a new certificate for a new key; issuer null means self-signed.
KeyAndCert make(const std::string& cn, const std::string& san, bool is_ca, const KeyAndCert* issuer) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  static long serial = 1;
  ASN1_INTEGER_set(X509_get_serialNumber(cert), ++serial);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600L * 24);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn.c_str()), -1,
                             -1, 0);
  X509* issuer_cert = cert;
  EVP_PKEY* issuer_key = key;
  if (issuer != nullptr) {
    BIO* bio = BIO_new_mem_buf(issuer->cert_pem.data(), static_cast<int>(issuer->cert_pem.size()));
    issuer_cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    bio = BIO_new_mem_buf(issuer->key_pem.data(), static_cast<int>(issuer->key_pem.size()));
    issuer_key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
  }
  X509_set_issuer_name(cert, X509_get_subject_name(issuer_cert));
  add_extension(cert, issuer_cert, NID_basic_constraints, is_ca ? "critical,CA:TRUE" : "CA:FALSE");
  if (!san.empty()) add_extension(cert, issuer_cert, NID_subject_alt_name, san);
  X509_sign(cert, issuer_key, EVP_sha256());
  KeyAndCert result{to_pem(key), to_pem(cert)};
  if (issuer != nullptr) {
    X509_free(issuer_cert);
    EVP_PKEY_free(issuer_key);
  }
  X509_free(cert);
  EVP_PKEY_free(key);
  return result;
}

}  // namespace

KeyAndCert make_self_signed(const std::string& common_name, const std::string& subject_alt) {
  return make(common_name, subject_alt, false, nullptr);
}

KeyAndCert make_ca(const std::string& common_name) {
  return make(common_name, "", true, nullptr);
}

KeyAndCert make_leaf(const KeyAndCert& ca, const std::string& common_name, const std::string& subject_alt) {
  return make(common_name, subject_alt, false, &ca);
}

std::string write_temp_file(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / ("onboard-tls-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace onboard::port::testing
