#include "onboard/protocol/pake/transcript.hpp"

#include <cstring>

namespace onboard::pake {

namespace {

struct Writer {
  std::uint8_t* out;
  std::size_t size = 0;

  void field(ByteView bytes) {
    std::uint64_t len = bytes.size;
    for (int i = 0; i < 8; ++i) {
      out[size++] = static_cast<std::uint8_t>(len & 0xff);
      len >>= 8;
    }
    if (bytes.size != 0) std::memcpy(out + size, bytes.data, bytes.size);
    size += bytes.size;
  }
};

}  // namespace

std::size_t write_transcript(const TranscriptParts& parts, std::uint8_t (&out)[kMaxTranscriptSize]) {
  const HandshakeContext& names = parts.names;
  if (names.context.size > kMaxContextSize || names.id_prover.size > kMaxIdentitySize ||
      names.id_verifier.size > kMaxIdentitySize) {
    return 0;
  }
  Writer w{out};
  w.field(names.context);
  w.field(names.id_prover);
  w.field(names.id_verifier);
  w.field(point_m().view());
  w.field(point_n().view());
  w.field(parts.x->view());
  w.field(parts.y->view());
  w.field(parts.z->view());
  w.field(parts.v->view());
  w.field(parts.w0->view());
  return w.size;
}

}  // namespace onboard::pake
