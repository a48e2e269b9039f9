#include "support.hpp"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace reviewkit::test {

namespace fs = std::filesystem;

fs::path fixture_path(const std::string& relative) { return fs::path(REVIEWKIT_TESTS_DIR) / relative; }
fs::path repo_path(const std::string& relative) { return fs::path(REVIEWKIT_TESTS_DIR).parent_path() / relative; }

std::string read_fixture(const std::string& relative) {
  std::ifstream in(fixture_path(relative), std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + relative);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TempDir::TempDir() {
  std::random_device rd;
  path = fs::temp_directory_path() / ("reviewkit-test-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

void TempDir::write(const std::string& name, const std::string& text) const {
  std::ofstream out(path / name, std::ios::binary);
  out << text;
}

std::vector<std::string> lines(const Diagnostics& d, const std::string& strip) {
  std::vector<std::string> out;
  for (const auto& item : d.sorted()) {
    std::string line = format(item);
    if (!strip.empty() && line.compare(0, strip.size(), strip) == 0) line = line.substr(strip.size());
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace reviewkit::test
