// libFuzzer target: agencies' chronology returns as they arrive — CSV (any encoding), XLSX and
// DOCX packages — read and checked against the column sets. The first byte chooses the reader:
// 'P' (a zip: "PK") is tried as a workbook and as a Word document, anything else as CSV.
#include <cstdint>
#include <string>

#include "chronology/check.hpp"
#include "chronology/columns.hpp"
#include "chronology/returns.hpp"

namespace {
const reviewkit::chronology::ColumnSets& sets() {
  static const reviewkit::chronology::ColumnSets s = [] {
    reviewkit::Diagnostics diags;
    auto loaded = reviewkit::chronology::load_column_sets(reviewkit::chronology::default_column_sets_file(), diags);
    return loaded ? *loaded : reviewkit::chronology::ColumnSets{};
  }();
  return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reviewkit::chronology;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  const auto words = heading_words(sets());
  auto check = [&](const std::optional<RawReturn>& raw, reviewkit::Diagnostics& diags) {
    if (raw) check_return(*raw, sets(), CheckOptions{}, diags);
  };
  reviewkit::Diagnostics diags;
  if (bytes.size() > 1 && bytes[0] == 'P' && bytes[1] == 'K') {
    check(read_xlsx_return("fuzz.xlsx", bytes, words, diags), diags);
    check(read_docx_return("fuzz.docx", bytes, words, diags), diags);
  } else {
    check(read_csv_return("fuzz.csv", bytes, words, diags), diags);
  }
  return 0;
}
