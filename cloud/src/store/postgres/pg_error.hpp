// What went wrong talking to PostgreSQL, as a value: the kind decides the answer the
// caller gets (a lost connection is "unavailable": 503, retry later), the text is for logs.
#pragma once

#include <string>

namespace onboard::cloud::pg {

enum class ErrorKind {
  Unavailable,  // no connection, or it was lost (the outcome of an unfinished COMMIT is unknown)
  Busy,         // statement timeout or lock wait: the server is there but overloaded
  Full,         // the server is out of disk or memory
  Conflict,     // a UNIQUE constraint refused the row
  Constraint,   // another constraint (foreign key, NOT NULL, CHECK) refused it
  Retry,        // serialization failure or deadlock: the whole transaction may be run again
  Internal      // anything else (a bug in our SQL, a permission)
};

struct Error {
  ErrorKind kind = ErrorKind::Internal;
  std::string message;   // the server's message, one line
  std::string sqlstate;  // five characters, or empty when the server never answered
};

// The kind of a server error by its SQLSTATE (empty: no answer at all).
ErrorKind classify(const std::string& sqlstate);
const char* to_string(ErrorKind kind);

}  // namespace onboard::cloud::pg
