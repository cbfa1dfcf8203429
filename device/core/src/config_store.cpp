#include "onboard/device/config_store.hpp"

#include <cstring>

#include "onboard/device/crc32.hpp"

namespace onboard::device {
namespace {

constexpr std::uint8_t kMagic[4] = {'O', 'N', 'B', 'D'};
constexpr std::size_t kHeaderSize = 12;
constexpr std::size_t kCrcSize = 4;

constexpr std::uint8_t kFlagStaticIp = 1;
constexpr std::uint8_t kFlagTokenInvalid = 2;
constexpr std::uint8_t kFlagTls = 4;
constexpr std::uint8_t kFlagErased = 8;

// Schema 2 payload: flags, ssid (len + 32), password (len + 64), token (len + 32),
// host (len + 253), port u16, ip/mask/gw/dns/dns2 u32.
constexpr std::size_t kPayloadV2 = 1 + 33 + 65 + 33 + 254 + 2 + 20;
// Schema 1 payload (first release): flags (static ip only), ssid (len + 32),
// password (len + 64), token (32), host (len + 64), port u16, ip..dns2 u32.
// TLS was implied by the port then.
constexpr std::size_t kPayloadV1 = 1 + 33 + 65 + 32 + 65 + 2 + 20;
static_assert(kHeaderSize + kPayloadV2 + kCrcSize <= ConfigStore::kSlotSize, "record exceeds its slot");

// Streams a record into storage in small chunks while computing its CRC.
class RecordWriter {
 public:
  RecordWriter(hal::Storage& storage, std::size_t offset) : storage_(storage), offset_(offset) {}
  void bytes(const void* data, std::size_t length) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    crc_ = crc32(crc_, p, length);
    raw(p, length);
  }
  void u8(std::uint8_t v) { bytes(&v, 1); }
  void u16(std::uint16_t v) {
    const std::uint8_t b[2] = {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8)};
    bytes(b, 2);
  }
  void u32(std::uint32_t v) {
    const std::uint8_t b[4] = {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8),
                               static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 24)};
    bytes(b, 4);
  }
  void field(const void* data, std::uint8_t length, std::size_t capacity) {
    u8(length);
    bytes(data, length);
    zeros(capacity - length);
  }
  void zeros(std::size_t count) {
    static const std::uint8_t zeros[16] = {};
    for (std::size_t left = count; left > 0;) {
      std::size_t n = left < sizeof zeros ? left : sizeof zeros;
      bytes(zeros, n);
      left -= n;
    }
  }
  bool finish() {
    const std::uint32_t crc = crc_;
    u32(crc);
    flush_chunk();
    return ok_;
  }

 private:
  void raw(const std::uint8_t* p, std::size_t length) {
    while (length > 0) {
      std::size_t n = sizeof chunk_ - used_;
      if (n > length) n = length;
      std::memcpy(chunk_ + used_, p, n);
      used_ += n;
      p += n;
      length -= n;
      if (used_ == sizeof chunk_) flush_chunk();
    }
  }
  void flush_chunk() {
    if (used_ == 0) return;
    ok_ = ok_ && storage_.write(offset_, chunk_, used_);
    offset_ += used_;
    used_ = 0;
  }

  hal::Storage& storage_;
  std::size_t offset_;
  std::uint32_t crc_ = 0;
  std::uint8_t chunk_[32] = {};
  std::size_t used_ = 0;
  bool ok_ = true;
};

class RecordReader {
 public:
  RecordReader(hal::Storage& storage, std::size_t offset) : storage_(storage), offset_(offset) {}
  void bytes(void* out, std::size_t length) {
    ok_ = ok_ && storage_.read(offset_, static_cast<std::uint8_t*>(out), length);
    offset_ += length;
  }
  std::uint8_t u8() {
    std::uint8_t v = 0;
    bytes(&v, 1);
    return v;
  }
  std::uint16_t u16() {
    std::uint8_t b[2] = {};
    bytes(b, 2);
    return static_cast<std::uint16_t>(b[0] | (b[1] << 8));
  }
  std::uint32_t u32() {
    std::uint8_t b[4] = {};
    bytes(b, 4);
    return static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8) |
           (static_cast<std::uint32_t>(b[2]) << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
  }
  // A length-prefixed field of fixed capacity; a length over the capacity is corrupt.
  std::uint8_t field(void* out, std::size_t capacity, std::size_t out_capacity) {
    std::uint8_t length = u8();
    if (length > capacity || length > out_capacity) {
      ok_ = false;
      length = 0;
    }
    bytes(out, length);
    offset_ += capacity - length;
    return length;
  }
  bool ok() const { return ok_; }

 private:
  hal::Storage& storage_;
  std::size_t offset_;
  bool ok_ = true;
};

bool newer(std::uint32_t a, std::uint32_t b) {
  return static_cast<std::int32_t>(a - b) > 0;
}

bool parse_payload(hal::Storage& storage, std::size_t offset, std::uint16_t schema, NetworkConfig& out) {
  out = NetworkConfig{};
  RecordReader r(storage, offset);
  const std::uint8_t flags = r.u8();
  out.static_ip = (flags & kFlagStaticIp) != 0;
  out.ssid_len = r.field(out.ssid, 32, sizeof out.ssid);
  out.password_len = r.field(out.password, 64, sizeof out.password);
  if (schema == 1) {
    r.bytes(out.token, 32);
    out.token_len = 32;
    out.host_len = r.field(out.host, 64, sizeof out.host);
  } else {
    out.token_len = r.field(out.token, 32, sizeof out.token);
    out.host_len = r.field(out.host, 253, sizeof out.host);
  }
  out.port = r.u16();
  out.ip = r.u32();
  out.mask = r.u32();
  out.gateway = r.u32();
  out.dns = r.u32();
  out.dns2 = r.u32();
  if (schema == 1) {
    // Migration: schema 1 had no TLS flag; the firmware used TLS exactly on the TLS ports.
    out.tls = out.port == 443 || out.port == 9443;
    out.token_invalid = false;
  } else {
    out.tls = (flags & kFlagTls) != 0;
    out.token_invalid = (flags & kFlagTokenInvalid) != 0;
  }
  return r.ok();
}

}  // namespace

bool operator==(const NetworkConfig& a, const NetworkConfig& b) {
  return a.ssid_view() == b.ssid_view() && a.password_view() == b.password_view() &&
         a.token_view() == b.token_view() && a.host_view() == b.host_view() && a.port == b.port &&
         a.tls == b.tls && a.token_invalid == b.token_invalid && a.static_ip == b.static_ip && a.ip == b.ip &&
         a.mask == b.mask && a.gateway == b.gateway && a.dns == b.dns && a.dns2 == b.dns2;
}

ConfigStore::SlotInfo ConfigStore::inspect(std::size_t slot) {
  SlotInfo info;
  const std::size_t base = slot * kSlotSize;
  if (storage_.size() < base + kSlotSize) return info;
  std::uint8_t header[kHeaderSize];
  if (!storage_.read(base, header, sizeof header) || std::memcmp(header, kMagic, 4) != 0) return info;
  const auto schema = static_cast<std::uint16_t>(header[4] | (header[5] << 8));
  const auto length = static_cast<std::size_t>(header[6] | (header[7] << 8));
  const std::size_t expected = schema == 1 ? kPayloadV1 : schema == 2 ? kPayloadV2 : 0;
  if (expected == 0 || length != expected) return info;
  // CRC over header and payload, streamed in chunks to keep the stack small.
  std::uint32_t crc = crc32(0, header, sizeof header);
  std::uint8_t chunk[32];
  for (std::size_t done = 0; done < length;) {
    std::size_t n = length - done < sizeof chunk ? length - done : sizeof chunk;
    if (!storage_.read(base + kHeaderSize + done, chunk, n)) return info;
    crc = crc32(crc, chunk, n);
    done += n;
  }
  std::uint8_t stored[4];
  if (!storage_.read(base + kHeaderSize + length, stored, 4)) return info;
  const std::uint32_t expected_crc =
      static_cast<std::uint32_t>(stored[0]) | (static_cast<std::uint32_t>(stored[1]) << 8) |
      (static_cast<std::uint32_t>(stored[2]) << 16) | (static_cast<std::uint32_t>(stored[3]) << 24);
  if (crc != expected_crc) return info;
  std::uint8_t flags = 0;
  if (!storage_.read(base + kHeaderSize, &flags, 1)) return info;
  info.valid = true;
  info.schema = schema;
  info.erased = schema == 2 && (flags & kFlagErased) != 0;
  info.sequence = static_cast<std::uint32_t>(header[8]) | (static_cast<std::uint32_t>(header[9]) << 8) |
                  (static_cast<std::uint32_t>(header[10]) << 16) |
                  (static_cast<std::uint32_t>(header[11]) << 24);
  return info;
}

int ConfigStore::newest(const SlotInfo* info) const {
  if (info[0].valid && info[1].valid) return newer(info[1].sequence, info[0].sequence) ? 1 : 0;
  if (info[0].valid) return 0;
  if (info[1].valid) return 1;
  return -1;
}

ConfigStore::Load ConfigStore::load(NetworkConfig& out) {
  if (storage_.size() < kStorageNeeded) return Load::StorageError;
  const SlotInfo info[2] = {inspect(0), inspect(1)};
  const int slot = newest(info);
  if (slot < 0 || info[slot].erased) return Load::Empty;
  const std::size_t base = static_cast<std::size_t>(slot) * kSlotSize;
  if (!parse_payload(storage_, base + kHeaderSize, info[slot].schema, out)) {
    out = NetworkConfig{};
    return Load::Empty;
  }
  return Load::Found;
}

bool ConfigStore::write_record(std::size_t slot, std::uint32_t sequence, const NetworkConfig* config) {
  RecordWriter w(storage_, slot * kSlotSize);
  w.bytes(kMagic, 4);
  w.u16(kSchema);
  w.u16(static_cast<std::uint16_t>(kPayloadV2));
  w.u32(sequence);
  if (config == nullptr) {
    // Erased: the flags a default NetworkConfig has (TLS), every field empty and zero.
    w.u8(kFlagErased | kFlagTls);
    w.zeros(kPayloadV2 - 1);
    return w.finish() && storage_.flush();
  }
  const NetworkConfig& c = *config;
  std::uint8_t flags = 0;
  if (c.static_ip) flags |= kFlagStaticIp;
  if (c.token_invalid) flags |= kFlagTokenInvalid;
  if (c.tls) flags |= kFlagTls;
  w.u8(flags);
  w.field(c.ssid, c.ssid_len, 32);
  w.field(c.password, c.password_len, 64);
  w.field(c.token, c.token_len, 32);
  w.field(c.host, c.host_len, 253);
  w.u16(c.port);
  w.u32(c.ip);
  w.u32(c.mask);
  w.u32(c.gateway);
  w.u32(c.dns);
  w.u32(c.dns2);
  return w.finish() && storage_.flush();
}

bool ConfigStore::save(const NetworkConfig& config) {
  if (storage_.size() < kStorageNeeded) return false;
  if (config.ssid_len > 32 || config.password_len > 64 || config.token_len > 32 || config.host_len > 253) {
    return false;
  }
  const SlotInfo info[2] = {inspect(0), inspect(1)};
  const int current = newest(info);
  const std::size_t target = current == 0 ? 1 : 0;
  const std::uint32_t sequence = current < 0 ? 1 : info[current].sequence + 1;
  return write_record(target, sequence, &config);
}

bool ConfigStore::zero_slot(std::size_t slot) {
  static const std::uint8_t zeros[32] = {};
  for (std::size_t done = 0; done < kSlotSize; done += sizeof zeros) {
    if (!storage_.write(slot * kSlotSize + done, zeros, sizeof zeros)) return false;
  }
  return storage_.flush();
}

bool ConfigStore::erase() {
  if (storage_.size() < kStorageNeeded) return false;
  const SlotInfo info[2] = {inspect(0), inspect(1)};
  const int current = newest(info);
  if (current < 0) return zero_slot(0) && zero_slot(1);
  const std::size_t mark = current == 0 ? 1 : 0;
  if (!write_record(mark, info[current].sequence + 1, nullptr)) return false;
  return zero_slot(static_cast<std::size_t>(current)) && zero_slot(mark);
}

}  // namespace onboard::device
