// libFuzzer target: the PDF form reader on any bytes (a damaged or crafted returned form).
#include <cstdint>
#include <string>

#include "forms/forms.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string pdf(reinterpret_cast<const char*>(data), size);
  reviewkit::Diagnostics diags;
  auto answers = reviewkit::forms::read_form(pdf, "fuzz.pdf", "", diags);
  (void)answers;
  return 0;
}
