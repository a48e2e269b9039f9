// reviewkit/cli — what the commands that write documents share: the data a template reads, the
// output formats, and writing outputs without ever leaving half a file.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/diagnostics.hpp"
#include "data/node.hpp"

namespace reviewkit::cli {

struct Parsed;

/// Reads the YAML a template is filled from. A case file (one with a top-level `reviewkit:` key)
/// is validated first and gives the derived values too (ages, deadlines, the board profile).
data::NodePtr load_template_data(const std::string& path, const Date& today, Diagnostics& diags);

/// The formats asked for with --format docx|pdf|docx,pdf or --pdf; nothing (after a message on
/// `err`) when the request cannot be met.
std::optional<std::vector<std::string>> output_formats(const Parsed& p, const std::string& command, std::ostream& err);

Date today();

/// "2 errors, 1 warning"
std::string count_problems(const Diagnostics& d);

}  // namespace reviewkit::cli
