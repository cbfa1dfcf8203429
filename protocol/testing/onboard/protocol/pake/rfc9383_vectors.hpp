// RFC 9383 Appendix C (P256-SHA256-HKDF-SHA256-HMAC-SHA256), and Onboard's own vectors
// computed with an independent implementation (Python `cryptography`), for tests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "onboard/protocol/pake/bytes.hpp"
#include "onboard/protocol/pake/suite.hpp"

namespace onboard::pake::vectors {

inline constexpr std::string_view kContext = "SPAKE2+-P256-SHA256-HKDF-SHA256-HMAC-SHA256 Test Vectors";
inline constexpr std::string_view kIdProver = "client";
inline constexpr std::string_view kIdVerifier = "server";

inline constexpr std::string_view kW0 = "bb8e1bbcf3c48f62c08db243652ae55d3e5586053fca77102994f23ad95491b3";
inline constexpr std::string_view kW1 = "7e945f34d78785b8a3ef44d0df5a1a97d6b3b460409a345ca7830387a74b1dba";
inline constexpr std::string_view kL =
    "04eb7c9db3d9a9eb1f8adab81b5794c1f13ae3e225efbe91ea487425854c7fc00f00bfedcbd09b2400142d40a14f2064ef31dfaa"
    "903b91d"
    "1faea7093d835966efd";
inline constexpr std::string_view kX = "d1232c8e8693d02368976c174e2088851b8365d0d79a9eee709c6a05a2fad539";
inline constexpr std::string_view kShareP =
    "04ef3bd051bf78a2234ec0df197f7828060fe9856503579bb1733009042c15c0c1de127727f418b5966afadfdd95a6e4591d1710"
    "56b333da"
    "b97a79c7193e341727";
inline constexpr std::string_view kY = "717a72348a182085109c8d3917d6c43d59b224dc6a7fc4f0483232fa6516d8b3";
inline constexpr std::string_view kShareV =
    "04c0f65da0d11927bdf5d560c69e1d7d939a05b0e88291887d679fcadea75810fb5cc1ca7494db39e82ff2f50665255d76173e09"
    "986ab467"
    "42c798a9a68437b048";
inline constexpr std::string_view kZ =
    "04bbfce7dd7f277819c8da21544afb7964705569bdf12fb92aa388059408d50091a0c5f1d3127f56813b5337f9e4e67e2ca63311"
    "7a4fbd55"
    "9946ab474356c41839";
inline constexpr std::string_view kV =
    "0458bf27c6bca011c9ce1930e8984a797a3419797b936629a5a937cf2f11c8b9514b82b993da8a46e664f23db7c01edc87faa530"
    "db01c2ee"
    "405230b18997f16b68";
inline constexpr std::string_view kKMain = "4c59e1ccf2cfb961aa31bd9434478a1089b56cd11542f53d3576fb6c2a438a29";
inline constexpr std::string_view kKConfirmP =
    "871ae3f7b78445e34438fb284504240239031c39d80ac23eb5ab9be5ad6db58a";
inline constexpr std::string_view kKConfirmV =
    "ccd53c7c1fa37b64a462b40db8be101cedcf838950162902054e644b400f1680";
inline constexpr std::string_view kConfirmP =
    "926cc713504b9b4d76c9162ded04b5493e89109f6d89462cd33adc46fda27527";
inline constexpr std::string_view kConfirmV =
    "9747bcc4f8fe9f63defee53ac9b07876d907d55047e6ff2def2e7529089d3e68";
inline constexpr std::string_view kKShared =
    "0c5f8ccd1413423a54f6c1fb26ff01534a87f893779c6e68666d772bfd91f3e7";

// Onboard's key schedule applied to the RFC's K_shared: keyPV || keyVP.
inline constexpr std::string_view kSessionKeys =
    "df7ed01b4c7464e73cb4c51a07484184f13b0f530e9ef993169ece6a9eb62b33";
// Session 0001020304050607, counter 1: the phone's request and the device's answer.
inline constexpr std::string_view kRequestPlain = "GET /wifi_scan.json";
inline constexpr std::string_view kRequestSealed =
    "9e3105807b9fbff9837ba4f01d5e84b9b5bd239f30a74374aa95ece5530c4ee5d5b1fc";
inline constexpr std::string_view kResponsePlain = "200 {\"status\":\"ok\"}";
inline constexpr std::string_view kResponseSealed =
    "4f7e33de6399b16216726a08b8eb922830c1e6de8e065fae45fb772a4458ef09421f0e";

// Registration of code 24681357, salt 000102..0f, 1000 iterations.
inline constexpr std::string_view kRegistrationCode = "24681357";
inline constexpr std::string_view kRegistrationPbkdf =
    "2df5d25a0b9a4be47c02c8dd048c2434107c4c4df18a13298be5665bb4ca37cdc926a85a1b9cc284ec5172892d5f113ed485cacd"
    "7967847d"
    "3ab897160915e3c02304264452f50bd228357ad9fe668725";
inline constexpr std::string_view kRegistrationW0 =
    "879d14c0cafc05f61c882051af39c6c2dc46630448d2945b818817ff56aa3ae6";
inline constexpr std::string_view kRegistrationW1 =
    "01e4dc0b5fb700b578a900edf8b17e62bf823677b45f136d8ce8e8e58428ecdd";
inline constexpr std::string_view kRegistrationL =
    "049d07cba4f0a9256d3942796ac75a5b4e9f7e8c5ce0ee39e87ff58a71c7ad4749f28a42055fb557715146c7229b30a8a5b1b27a"
    "ea4b0cd6"
    "1684cfff721c05768a";

inline Point point(std::string_view hex) {
  Point p;
  hex_decode_exact(hex, p.bytes, kPointSize);
  return p;
}

inline Scalar scalar(std::string_view hex) {
  Scalar s;
  hex_decode_exact(hex, s.bytes, kScalarSize);
  return s;
}

inline std::string hex(ByteView bytes) {
  std::string out(2 * bytes.size, '\0');
  hex_encode(bytes, out.data(), out.size());
  return out;
}

}  // namespace onboard::pake::vectors
