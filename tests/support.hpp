// Shared helpers for the tests: fixtures, temporary folders, diagnostics as lines.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"

namespace reviewkit::test {

/// A fixture under tests/ (by path relative to it), read whole.
std::string read_fixture(const std::string& relative);
std::filesystem::path fixture_path(const std::string& relative);
std::filesystem::path repo_path(const std::string& relative);

/// A fresh folder, removed when it goes out of scope.
struct TempDir {
  std::filesystem::path path;
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  void write(const std::string& name, const std::string& text) const;
};

/// Every diagnostic formatted, in order, with `strip` removed from the front of file names.
std::vector<std::string> lines(const Diagnostics& d, const std::string& strip = {});
/// The text of each paragraph (w:p) of a WordprocessingML part, in order, as it reads (entities
/// decoded); line breaks as "\n".
std::vector<std::string> paragraphs(const std::string& xml);
/// One part of a .docx file, uncompressed.
std::string docx_part(const std::filesystem::path& docx, const std::string& part);

/// The reviewkit command run in this process, with what it printed.
struct CliResult {
  int status;
  std::string out, err;
};
CliResult run_cli(std::vector<std::string> args);

/// Compares `actual` with tests/golden/NAME, or writes it there when REVIEWKIT_REFRESH_GOLDEN is set
/// (REVIEWKIT_REFRESH_GOLDEN=1 build/tests/reviewkit_tests "[golden]"); a difference fails the test
/// with its first differing line.
void check_golden(const std::string& name, const std::string& actual);

/// Each line of a text, without the newlines.
std::vector<std::string> split_lines(const std::string& text);

}  // namespace reviewkit::test
