// reviewkit/cli — the subcommands, looked up in a table; each takes its arguments and two streams
// and returns the exit status of DESIGN.md's contract: 0 done, 1 input problems, 2 usage error.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace reviewkit::cli {

enum Exit { kDone = 0, kInputProblem = 1, kUsage = 2 };

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace reviewkit::cli
