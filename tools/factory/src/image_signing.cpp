#include "image_signing.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

namespace onboard::factory {
namespace {

std::string errno_text() {
  return std::strerror(errno);
}

// Writes the whole text to a new file with `mode`; fails if the file exists.
bool write_new_file(const std::filesystem::path& path, const std::string& text, mode_t mode,
                    std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    error = "cannot create " + path.string() + ": " + errno_text();
    return false;
  }
  // The umask may have taken bits away, never added them; set the mode we mean.
  bool ok = ::fchmod(fd, mode) == 0;
  std::size_t done = 0;
  while (ok && done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  if (::close(fd) != 0) ok = false;
  if (!ok) error = "cannot write " + path.string() + ": " + errno_text();
  return ok;
}

}  // namespace

KeyFiles write_key_pair(const std::filesystem::path& dir) {
  KeyFiles out;
  out.secret = dir / kSecretKeyFile;
  out.public_key = dir / kPublicKeyFile;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    out.error = "cannot create " + dir.string() + ": " + ec.message();
    return out;
  }
  if (std::filesystem::exists(out.secret, ec) || std::filesystem::exists(out.public_key, ec)) {
    out.error = dir.string() + " already holds a signing key; refusing to overwrite it (devices trust it)";
    return out;
  }
  const auto key = ota::generate_signing_key();
  if (!key) {
    out.error = "libsodium could not generate a key (no entropy source?)";
    return out;
  }
  if (!write_new_file(out.secret, ota::secret_key_text(*key), 0600, out.error)) return out;
  if (!write_new_file(out.public_key, ota::public_key_text(key->public_key), 0644, out.error)) return out;
  out.key = key->public_key;
  return out;
}

LoadedKey load_signing_key(const std::filesystem::path& path) {
  LoadedKey out;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    out.error = "cannot read the key " + path.string() + ": " + errno_text();
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    out.error = "cannot read the key " + path.string();
    return out;
  }
  out.key = ota::read_secret_key_text(text);
  if (!out.key) {
    out.error = path.string() + " is not an OTA signing key (`onboard-factory keygen` writes " +
                kSecretKeyFile + "; the .pub file is the device's half)";
    return out;
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    out.error = "the key " + path.string() + " may be read by others (mode " + mode + "); run: chmod 600 " +
                path.string();
    out.key.reset();
    return out;
  }
  return out;
}

ImageFile write_signed_image(const std::filesystem::path& in, const ota::ImageFields& fields,
                             const ota::SigningKey& key, const std::filesystem::path& out) {
  ImageFile result;
  std::ifstream file(in, std::ios::binary);
  if (!file) {
    result.error = "cannot read the firmware " + in.string() + ": " + errno_text();
    return result;
  }
  std::vector<std::uint8_t> payload((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const ota::SignedImage image = ota::make_signed_image(fields, payload, key);
  if (!image.error.empty()) {
    result.error = image.error;
    return result;
  }
  const std::filesystem::path temp = out.string() + ".tmp";
  std::error_code ec;
  std::filesystem::remove(temp, ec);
  std::string error;
  const std::string bytes(image.bytes.begin(), image.bytes.end());
  if (!write_new_file(temp, bytes, 0644, error)) {
    result.error = error;
    return result;
  }
  std::filesystem::rename(temp, out, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    result.error = "cannot write " + out.string() + ": " + ec.message();
    return result;
  }
  result.header = image.header;
  result.size = image.bytes.size();
  return result;
}

}  // namespace onboard::factory
