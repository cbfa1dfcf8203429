// Keeps the data directory private: created 0700, and everything the server
// creates in it (database, WAL, keys, certificates) 0600.
#pragma once

#include <string>

namespace onboard::cloud {

// Sets the process umask to 077, creates `dir` (0700) or narrows an existing
// one to 0700, and narrows the files directly inside it to 0600. Returns an
// error message, or an empty string.
std::string make_private_data_dir(const std::string& dir);

}  // namespace onboard::cloud
