// libFuzzer target: the YAML loader and the case-file checks on any bytes.
// The input goes through an in-memory file so that load_case reads it exactly as a user's file.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "casefile/case.hpp"
#include "data/node.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static int fd = memfd_create("case.yaml", 0);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  {
    reviewkit::Diagnostics diags;
    reviewkit::data::parse_yaml(text, "fuzz.yaml", diags);
  }
  if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) return 0;
  reviewkit::Diagnostics diags;
  auto c = reviewkit::casefile::load_case(path, diags);
  (void)c;
  return 0;
}
