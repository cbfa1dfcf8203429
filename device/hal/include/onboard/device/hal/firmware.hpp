// Firmware slots and image verification, for over-the-air updates: the running image,
// an inactive slot a new image is written to, and the boot record that picks between them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace onboard::hal {

// What the running image is, as the boot record says.
enum class BootState : std::uint8_t {
  normal,       // a confirmed image (or the one the device was made with)
  trial,        // a pending image on its first boot: mark_valid() keeps it, a restart rolls back
  rolled_back,  // the last pending image restarted before it was confirmed; the previous one runs
};

// Writes may be torn by a power cut at any byte, like Storage; what flush() returned true
// for stays written. The boot record itself is changed atomically by the port.
class FirmwareSlots {
 public:
  // Bytes the inactive slot holds (a whole signed image: header, payload, signature).
  virtual std::size_t capacity() const = 0;
  // Forgets the inactive slot's contents and the download progress, before a new image.
  virtual bool erase_inactive() = 0;
  virtual bool write(std::size_t offset, const std::uint8_t* data, std::size_t size) = 0;
  virtual bool read(std::size_t offset, std::uint8_t* out, std::size_t size) = 0;
  virtual bool flush() = 0;
  // Durable download progress: which image (a key the core derives from the URL) and how
  // many bytes of it are written and flushed. Zero bytes when nothing is saved.
  virtual bool save_progress(std::uint32_t key, std::uint32_t bytes) = 0;
  virtual void load_progress(std::uint32_t& key, std::uint32_t& bytes) = 0;
  // The inactive slot holds a verified image whose executable part is `size` bytes at
  // `offset`: the next restart boots it once, as trial.
  virtual bool mark_pending(std::size_t offset, std::size_t size) = 0;
  virtual BootState boot_state() const = 0;
  // The trial image works (it reached the cloud): boot it from now on.
  virtual bool mark_valid() = 0;
  // The rollback has been reported: boot_state() reads normal from now on.
  virtual bool acknowledge_rollback() = 0;

 protected:
  ~FirmwareSlots() = default;
};

// The image's checks streamed in chunks, on whatever the port has (libsodium on Linux):
// SHA-256 of the payload and an Ed25519ph (RFC 8032) signature over header and payload.
class ImageCheck {
 public:
  static constexpr std::size_t kSha256Size = 32;
  static constexpr std::size_t kSignatureSize = 64;
  static constexpr std::size_t kPublicKeySize = 32;

  // Starts a new pass over one image; both digests restart.
  virtual void begin() = 0;
  virtual void signed_bytes(const std::uint8_t* data, std::size_t size) = 0;
  virtual void payload_bytes(const std::uint8_t* data, std::size_t size) = 0;
  virtual void payload_sha256(std::uint8_t out[kSha256Size]) = 0;
  virtual bool signature_valid(const std::uint8_t signature[kSignatureSize],
                               const std::uint8_t public_key[kPublicKeySize]) = 0;

 protected:
  ~ImageCheck() = default;
};

}  // namespace onboard::hal
