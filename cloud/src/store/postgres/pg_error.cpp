#include "pg_error.hpp"

namespace onboard::cloud::pg {

ErrorKind classify(const std::string& sqlstate) {
  if (sqlstate.size() != 5) return ErrorKind::Unavailable;
  const std::string cls = sqlstate.substr(0, 2);
  if (cls == "08") return ErrorKind::Unavailable;  // connection exception
  // admin_shutdown, crash_shutdown, cannot_connect_now, database_dropped; too_many_connections.
  if (sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03" || sqlstate == "57P04" ||
      sqlstate == "53300")
    return ErrorKind::Unavailable;
  if (sqlstate == "57014" || sqlstate == "55P03")
    return ErrorKind::Busy;                 // query_canceled, lock_not_available
  if (cls == "53") return ErrorKind::Full;  // disk_full, out_of_memory
  if (sqlstate == "23505") return ErrorKind::Conflict;
  if (cls == "23") return ErrorKind::Constraint;
  if (sqlstate == "40001" || sqlstate == "40P01") return ErrorKind::Retry;
  return ErrorKind::Internal;
}

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Unavailable: return "database unavailable";
    case ErrorKind::Busy: return "database busy";
    case ErrorKind::Full: return "database full";
    case ErrorKind::Conflict: return "conflict";
    case ErrorKind::Constraint: return "constraint violated";
    case ErrorKind::Retry: return "transaction conflict";
    case ErrorKind::Internal: return "database error";
  }
  return "database error";
}

}  // namespace onboard::cloud::pg
