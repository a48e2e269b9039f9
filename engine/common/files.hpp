// reviewkit/common — reading inputs and writing outputs so that nothing is lost.
//
// Inputs are read whole and never modified. Outputs are written to a temporary file beside the
// target and renamed over it, so a failure never leaves a half-written document.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace reviewkit {

/// Reads a whole file. On failure returns nothing and sets `why` to a sentence a user can act on
/// ("no such file", "it is a folder", "permission denied").
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& why);

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
/// Returns false and sets `why` when the folder is missing or not writable.
bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes, std::string& why);

/// Where reviewkit's data folders (templates/, checklists/) are: $REVIEWKIT_DATA, else the
/// folder above the executable if it holds templates/, else the source tree it was built from.
std::filesystem::path data_dir();

}  // namespace reviewkit
