#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "onboard/protocol/ota/image.hpp"

namespace onboard::ota {
namespace {

ImageHeader sample() {
  ImageHeader h;
  EXPECT_TRUE(set_template_id(h, "TMPL1234abcd"));
  EXPECT_TRUE(set_version(h, "1.4.2"));
  EXPECT_TRUE(set_build(h, "Dec  2 2026 01:00:00"));
  h.payload_size = 1000;
  for (std::size_t i = 0; i < kSha256Size; ++i) h.payload_sha256[i] = static_cast<std::uint8_t>(i * 7);
  return h;
}

std::vector<std::uint8_t> written(const ImageHeader& h) {
  std::vector<std::uint8_t> out(kHeaderSize);
  EXPECT_EQ(write_header(h, out.data()), HeaderError::none);
  return out;
}

TEST(OtaImage, HeaderRoundTrips) {
  const ImageHeader h = sample();
  const auto bytes = written(h);
  EXPECT_EQ(std::memcmp(bytes.data(), "OBFW", 4), 0);
  EXPECT_EQ(bytes[4], 1);  // format version, little-endian
  EXPECT_EQ(bytes[6], 128);
  ImageHeader back;
  ASSERT_EQ(read_header(bytes.data(), bytes.size(), back), HeaderError::none);
  EXPECT_STREQ(back.template_id, "TMPL1234abcd");
  EXPECT_STREQ(back.version, "1.4.2");
  EXPECT_STREQ(back.build, "Dec  2 2026 01:00:00");
  EXPECT_EQ(back.payload_size, 1000u);
  EXPECT_EQ(std::memcmp(back.payload_sha256, h.payload_sha256, kSha256Size), 0);
  EXPECT_FALSE(back.downgrade());
  EXPECT_EQ(back.signed_size(), 1128u);
  EXPECT_EQ(back.image_size(), 1192u);
}

TEST(OtaImage, DowngradeFlagTravels) {
  ImageHeader h = sample();
  h.flags = kFlagDowngrade;
  const auto bytes = written(h);
  ImageHeader back;
  ASSERT_EQ(read_header(bytes.data(), bytes.size(), back), HeaderError::none);
  EXPECT_TRUE(back.downgrade());
}

TEST(OtaImage, RefusesBrokenHeaders) {
  const auto good = written(sample());
  ImageHeader out;
  EXPECT_EQ(read_header(good.data(), kHeaderSize - 1, out), HeaderError::too_short);
  EXPECT_EQ(read_header(nullptr, 0, out), HeaderError::too_short);
  auto bytes = good;
  bytes[0] = 'X';
  EXPECT_EQ(read_header(bytes.data(), bytes.size(), out), HeaderError::bad_magic);
  bytes = good;
  bytes[4] = 2;
  EXPECT_EQ(read_header(bytes.data(), bytes.size(), out), HeaderError::unsupported_format);
  bytes = good;
  bytes[6] = 64;
  EXPECT_EQ(read_header(bytes.data(), bytes.size(), out), HeaderError::bad_header_size);
  bytes = good;
  bytes[8] = 0x80;
  EXPECT_EQ(read_header(bytes.data(), bytes.size(), out), HeaderError::unknown_flags);
  bytes = good;
  bytes[16 + 31] = 'x';  // text after the NUL padding
  EXPECT_EQ(read_header(bytes.data(), bytes.size(), out), HeaderError::bad_template_id);
  bytes = good;
  bytes[16] = ' ';
  EXPECT_EQ(read_header(bytes.data(), bytes.size(), out), HeaderError::bad_template_id);
  bytes = good;
  bytes[48 + 1] = 'x';  // "1x4.2"
  EXPECT_EQ(read_header(bytes.data(), bytes.size(), out), HeaderError::bad_version);
  bytes = good;
  bytes[64] = 0x01;
  EXPECT_EQ(read_header(bytes.data(), bytes.size(), out), HeaderError::bad_build);
  bytes = good;
  std::memset(bytes.data() + 12, 0, 4);
  EXPECT_EQ(read_header(bytes.data(), bytes.size(), out), HeaderError::empty_payload);
  bytes = good;
  std::memset(bytes.data() + 12, 0xff, 4);
  EXPECT_EQ(read_header(bytes.data(), bytes.size(), out), HeaderError::payload_too_large);
}

TEST(OtaImage, WriterRefusesWhatReadersWould) {
  std::uint8_t out[kHeaderSize];
  std::memset(out, 0xAA, sizeof out);
  ImageHeader h = sample();
  h.payload_size = 0;
  EXPECT_EQ(write_header(h, out), HeaderError::empty_payload);
  EXPECT_EQ(out[0], 0xAA);  // nothing written
  h = sample();
  h.flags = 2;
  EXPECT_EQ(write_header(h, out), HeaderError::unknown_flags);
  h = sample();
  std::memset(h.version, '1', sizeof h.version);  // unterminated
  EXPECT_EQ(write_header(h, out), HeaderError::bad_version);
  ImageHeader empty;
  empty.payload_size = 1;
  EXPECT_EQ(write_header(empty, out), HeaderError::bad_template_id);
}

TEST(OtaImage, FieldSettersCheckText) {
  ImageHeader h;
  EXPECT_FALSE(set_template_id(h, ""));
  EXPECT_FALSE(set_template_id(h, "TMPL with space"));
  EXPECT_FALSE(set_template_id(h, std::string(33, 'A')));
  EXPECT_TRUE(set_template_id(h, std::string(32, 'A')));
  EXPECT_FALSE(set_version(h, "v1.2"));
  EXPECT_FALSE(set_version(h, "1.2.3.4.5"));
  EXPECT_FALSE(set_version(h, "1..2"));
  EXPECT_FALSE(set_version(h, "123456789.123456789"));  // 19 chars: over 16
  EXPECT_TRUE(set_version(h, "1.2.3.4"));
  EXPECT_TRUE(set_build(h, ""));
  EXPECT_FALSE(set_build(h, "tab\there"));
  EXPECT_FALSE(set_build(h, std::string(33, 'b')));
}

TEST(OtaImage, SplitChecksTheWholeSize) {
  ImageHeader h = sample();
  h.payload_size = 10;
  std::vector<std::uint8_t> image = written(h);
  image.resize(kHeaderSize + 10 + kSignatureSize, 0x55);
  ImageParts parts;
  ASSERT_EQ(split_image(image.data(), image.size(), parts), SplitError::none);
  EXPECT_EQ(parts.payload, image.data() + kHeaderSize);
  EXPECT_EQ(parts.signature, image.data() + kHeaderSize + 10);
  EXPECT_EQ(parts.signed_bytes, image.data());
  EXPECT_EQ(split_image(image.data(), image.size() - 1, parts), SplitError::size_mismatch);
  image.push_back(0);
  image.push_back(0);
  EXPECT_EQ(split_image(image.data(), image.size(), parts), SplitError::size_mismatch);
  image[0] = 0;
  HeaderError why = HeaderError::none;
  EXPECT_EQ(split_image(image.data(), image.size(), parts, &why), SplitError::bad_header);
  EXPECT_EQ(why, HeaderError::bad_magic);
}

TEST(OtaImage, ErrorNamesAreStable) {
  EXPECT_EQ(to_string(HeaderError::bad_magic), "bad_magic");
  EXPECT_EQ(to_string(HeaderError::payload_too_large), "payload_too_large");
}

}  // namespace
}  // namespace onboard::ota
