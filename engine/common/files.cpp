#include "files.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include <unistd.h>

namespace reviewkit {

namespace fs = std::filesystem;

std::optional<std::string> read_file(const fs::path& path, std::string& why) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    why = "no such file";
    return std::nullopt;
  }
  if (fs::is_directory(status)) {
    why = "it is a folder, not a file";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = std::strerror(errno);
    if (why.empty()) why = "cannot be opened";
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    why = "it could not be read to the end";
    return std::nullopt;
  }
  return std::move(buffer).str();
}

bool write_file_atomically(const fs::path& path, std::string_view bytes, std::string& why) {
  fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    why = "the folder " + folder.string() + " does not exist";
    return false;
  }
  static unsigned counter = 0;
  fs::path tmp = folder / ("." + path.filename().string() + ".tmp" + std::to_string(getpid()) + "-" + std::to_string(++counter));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      why = std::string("cannot write in ") + folder.string() + ": " + std::strerror(errno);
      return false;
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      why = std::string("writing failed: ") + std::strerror(errno);
      out.close();
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    why = "cannot replace " + path.string() + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

fs::path data_dir() {
  if (const char* env = std::getenv("REVIEWKIT_DATA"); env && *env) return fs::path(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      if (fs::is_directory(dir / "templates" / "boards", ec)) return dir;
    }
  }
  return fs::path(REVIEWKIT_SOURCE_DIR);
}

}  // namespace reviewkit
