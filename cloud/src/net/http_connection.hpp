// Internal to net/: hands an accepted stream whose first bytes looked like
// HTTP to a Beast session (compiled in http_connection.cpp only).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "net.hpp"

namespace onboard::cloud::net {

// `already_read` holds the bytes read while sniffing; they start the request. `remote`:
// the client's address (the socket's peer, or the PROXY header's).
template <typename Stream>
void start_http(Shared& shared, Stream stream, std::string_view already_read, std::uint64_t conn_id,
                std::string remote);

}  // namespace onboard::cloud::net
