// reviewkit/ooxml — a .docx package: the zip of XML parts Word writes.
//
// In: the bytes of a .docx. Out: its parts by name, readable as text, and a writer that copies the
// parts a step did not change without recompressing them (the compressed bytes are copied as they
// are) and deflates the ones it replaced. Reading checks that the file is a zip and a Word document,
// and says so in words a user understands when it is not.
//
// Packages come from many machines, so opening one checks all of it before anything is used:
// entry names that would leave a folder (../, /abs, C:), duplicates, a missing [Content_Types].xml,
// entries too many, too large or inflating suspiciously far (a zip bomb), a wrong checksum, and in
// every XML part invalid UTF-8 or a DOCTYPE (Word never writes one; it is how external entities and
// entity bombs get in). The limits are below and in docs/reliability.md.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reviewkit::ooxml {

constexpr std::size_t kMaxEntries = 10'000;                  ///< entries in one package
constexpr std::uint64_t kMaxEntryBytes = 256ull << 20;       ///< one entry, uncompressed
constexpr std::uint64_t kMaxXmlPartBytes = 64ull << 20;      ///< one XML part, uncompressed (its tree takes ~10x)
constexpr std::uint64_t kMaxPackageBytes = 1ull << 30;       ///< all entries, uncompressed
constexpr std::uint64_t kMaxRatio = 500;                     ///< uncompressed / compressed, above 1 MB (deflate tops out near 1,030; Word XML is 5-20, a batch of 4,000 letters 131)

/// True for the parts that hold XML (*.xml, *.rels).
bool is_xml_part(std::string_view name);

/// One entry of the zip as stored: its name, compression method, CRC, sizes and the stored
/// (possibly compressed) bytes, so that it can be written again without recompressing.
struct StoredPart {
  std::string name;
  std::uint16_t method = 0;  ///< 0 stored, 8 deflate
  std::uint32_t crc = 0;
  std::uint64_t size = 0;    ///< uncompressed
  std::string stored;        ///< the bytes as they are in the zip
};

class Package {
 public:
  /// Opens a package from its bytes; on failure returns nothing and sets `why`.
  static std::optional<Package> from_bytes(std::string bytes, std::string& why);

  const std::vector<StoredPart>& parts() const { return parts_; }
  bool has(std::string_view name) const;
  /// The uncompressed content of a part (throws std::runtime_error when there is no such part).
  std::string read(std::string_view name) const;
  /// Replaces a part's content (it is deflated again when written).
  void replace(std::string_view name, std::string content);
  /// Part names matching a prefix and suffix, in zip order ("word/header", ".xml").
  std::vector<std::string> names(std::string_view prefix, std::string_view suffix = {}) const;

 private:
  std::vector<StoredPart> parts_;
  std::map<std::string, std::string, std::less<>> xml_;  ///< the XML parts, inflated once when checked
};

/// Writes a zip: parts from a package copied as stored, new content deflated. Build it in memory
/// with add_*; bytes() gives the finished zip.
class ZipWriter {
 public:
  void add_stored(const StoredPart& part);
  void add(std::string_view name, std::string_view content, bool compress = true);
  std::string finish();

 private:
  struct Central {
    std::string name;
    std::uint16_t method;
    std::uint32_t crc;
    std::uint64_t compressed, size, offset;
  };
  void write_entry(std::string_view name, std::uint16_t method, std::uint32_t crc, std::uint64_t size,
                   std::string_view stored);
  std::string out_;
  std::vector<Central> central_;
};

/// A zip of `files` (name inside the zip → bytes), each entry deflated and encrypted with AES-256
/// (WinZip AE-2, which 7-Zip, Windows 11's and macOS's archivers, and WinZip open) with `password`;
/// names keep their folders ("overview/report.pdf"). Nothing, with `why`, when it cannot be made.
std::optional<std::string> encrypted_zip(const std::vector<std::pair<std::string, std::string>>& files, const std::string& password,
                                         std::string& why);

/// Deflates (raw, as zip stores it) and inflates.
std::string deflate_raw(std::string_view data, int level = 6);
/// Inflates at most `expected_size` bytes; throws std::runtime_error when the data does not inflate
/// to exactly that size.
std::string inflate_raw(std::string_view data, std::uint64_t expected_size);
std::uint32_t crc32_of(std::string_view data);

}  // namespace reviewkit::ooxml
