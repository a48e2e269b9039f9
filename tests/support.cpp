#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "cli/cli.hpp"
#include "ooxml/package.hpp"

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

namespace {
// The text an XML writer escaped, as it reads: &lt; is <, &amp; is &.
std::string unescape(const std::string& text) {
  static const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '&')
      for (const auto& [entity, character] : entities)
        if (text.compare(i, std::string(entity).size(), entity) == 0) {
          out += character;
          i += std::string(entity).size();
          replaced = true;
          break;
        }
    if (!replaced) out += text[i++];
  }
  return out;
}
}  // namespace

std::vector<std::string> paragraphs(const std::string& xml) {
  // A paragraph inside a text box is its own paragraph, listed when it ends (before the one around it).
  std::vector<std::string> out, open;
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml.compare(i, 4, "<w:p") == 0 && (xml[i + 4] == '>' || xml[i + 4] == ' ' || xml[i + 4] == '/')) {
      std::size_t end = xml.find('>', i);
      if (xml[end - 1] == '/')
        out.push_back("");
      else
        open.push_back("");
      i = end + 1;
    } else if (xml.compare(i, 6, "</w:p>") == 0) {
      if (!open.empty()) {
        out.push_back(open.back());
        open.pop_back();
      }
      i += 6;
    } else if (xml.compare(i, 5, "<w:br") == 0) {
      if (!open.empty()) open.back() += "\n";
      i = xml.find('>', i) + 1;
    } else if (xml.compare(i, 4, "<w:t") == 0 && (xml[i + 4] == '>' || xml[i + 4] == ' ')) {
      std::size_t start = xml.find('>', i) + 1;
      if (xml[start - 2] == '/') {
        i = start;
        continue;
      }
      std::size_t end = xml.find("</w:t>", start);
      if (!open.empty()) open.back() += unescape(xml.substr(start, end - start));
      i = end + 6;
    } else {
      ++i;
    }
  }
  return out;
}

std::string docx_part(const std::filesystem::path& docx, const std::string& part) {
  std::ifstream in(docx, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::string why;
  auto package = ooxml::Package::from_bytes(s.str(), why);
  if (!package) throw std::runtime_error(docx.string() + ": " + why);
  return package->read(part);
}

CliResult run_cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  int status = cli::run(args, out, err);
  return {status, out.str(), err.str()};
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

void check_golden(const std::string& name, const std::string& actual) {
  auto path = test::fixture_path("golden/" + name);
  if (const char* refresh = std::getenv("REVIEWKIT_REFRESH_GOLDEN"); refresh && *refresh) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    WARN("refreshed " << path.string());
    return;
  }
  std::string expected = test::read_fixture("golden/" + name);
  if (expected == actual) return;
  auto a = test::split_lines(expected), b = test::split_lines(actual);
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  FAIL("golden/" << name << " differs at line " << i + 1 << ":\n  expected: " << (i < a.size() ? a[i] : "(end)")
                 << "\n  actual:   " << (i < b.size() ? b[i] : "(end)")
                 << "\n(refresh with REVIEWKIT_REFRESH_GOLDEN=1 build/tests/reviewkit_tests \"[golden]\" if the change is meant)");
}

}  // namespace reviewkit::test
