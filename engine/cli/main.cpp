// reviewkit's entry point: everything but the catch-all for bugs lives in run().
#include <exception>
#include <iostream>

#include "cli.hpp"
#include "common/files.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  reviewkit::install_cleanup_on_signals();
  try {
    return reviewkit::cli::run(args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "reviewkit: internal error: " << e.what()
              << " (this is a bug in reviewkit; please report it with the command you ran)\n";
    return 70;
  }
}
