// `onboard`: the wizard CLI. All logic lives in onboard_cli so tests can run it in-process.
#include <unistd.h>

#include <iostream>

#include "cli_app.hpp"

int main(int argc, char** argv) {
  return onboard::cli::run(argc, argv, onboard::cli::Streams{std::cin, STDIN_FILENO, std::cout, std::cerr});
}
