// The CLI's reading of a structured hint: the words, plus the flag or command that does it
// here. Only the CLI knows its own flags; the library's hints name none.
#pragma once

#include <string>

#include "onboard/wizard/hint.hpp"

namespace onboard::cli {

// The flag or command for an action ("--template TMPL0002", "onboard login ..."); empty when
// there is nothing to type.
std::string flag_for(const wizard::Hint& hint);

}  // namespace onboard::cli
