// libFuzzer target: the YAML loader, the case-file checks and the genogram's layout on any bytes.
// The input goes through an in-memory file so that load_case reads it exactly as a user's file.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "casefile/case.hpp"
#include "casefile/genogram.hpp"
#include "figures/genogram.hpp"
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
  if (c) {  // the genogram of whatever family it holds, as of two days
    for (reviewkit::Date on : {reviewkit::Date{2026, 1, 1}, reviewkit::Date{1990, 6, 30}}) {
      auto g = reviewkit::casefile::genogram_of(*c, {on, false});
      auto plan = reviewkit::figures::plan_genogram(g);
      (void)plan;
      (void)reviewkit::figures::describe_genogram(g);
    }
  }
  return 0;
}
