#include "package.hpp"

#include "common/utf8.hpp"
#include "common/text.hpp"
#include "security/encryption.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include <zip.h>
#include <zlib.h>

namespace reviewkit::ooxml {

namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

}  // namespace

namespace {


// A name that stays inside the package: relative, no '..' segment, no backslash or drive letter.
bool safe_entry_name(const std::string& name) {
  if (name.empty() || name[0] == '/' || name.find('\\') != std::string::npos || name.find('\0') != std::string::npos)
    return false;
  if (name.size() >= 2 && name[1] == ':') return false;
  std::size_t at = 0;
  while (at <= name.size()) {
    std::size_t slash = name.find('/', at);
    if (slash == std::string::npos) slash = name.size();
    std::string_view segment(name.data() + at, slash - at);
    if (segment == "..") return false;
    at = slash + 1;
  }
  return true;
}

// The DOCTYPE of an XML part's prolog, if it has one (it may only stand before the root element).
bool has_doctype(std::string_view xml) {
  std::size_t i = 0;
  if (xml.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < xml.size()) {
    char c = xml[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    if (xml.compare(i, 2, "<?") == 0) {
      std::size_t end = xml.find("?>", i);
      if (end == std::string_view::npos) return false;
      i = end + 2;
      continue;
    }
    if (xml.compare(i, 4, "<!--") == 0) {
      std::size_t end = xml.find("-->", i);
      if (end == std::string_view::npos) return false;
      i = end + 3;
      continue;
    }
    return xml.compare(i, 9, "<!DOCTYPE") == 0;
  }
  return false;
}

std::string lower_ascii(const std::string& s) { return ascii_lower(s); }

std::string mb(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// Inflates in chunks, checking the size as it goes: never trusts the size the entry declares.
bool inflate_checked(std::string_view data, std::uint64_t declared, std::string* out, std::uint32_t& crc, bool& grew) {
  z_stream zs{};
  if (inflateInit2(&zs, -15) != Z_OK) return false;
  uLong running = crc32(0L, Z_NULL, 0);
  std::uint64_t total = 0;
  char buffer[65536];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    std::size_t got = sizeof buffer - zs.avail_out;
    total += got;
    if (total > declared) {
      rc = Z_BUF_ERROR;  // it inflates to more than it says: stop at once
      break;
    }
    running = crc32(running, reinterpret_cast<const Bytef*>(buffer), static_cast<uInt>(got));
    if (out) out->append(buffer, got);
    if (rc == Z_OK && got == 0 && zs.avail_in == 0) {
      rc = Z_DATA_ERROR;  // cut short
      break;
    }
  }
  inflateEnd(&zs);
  crc = static_cast<std::uint32_t>(running);
  grew = total > declared;
  return rc == Z_STREAM_END && total == declared;
}

}  // namespace

bool is_xml_part(std::string_view name) {
  // Compared without case (Word writes .xml, other tools .XML or .Xml); VML drawings are XML too.
  auto ends = [&](std::string_view suffix) {
    if (name.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(name[name.size() - suffix.size() + i])) != suffix[i]) return false;
    return true;
  };
  return ends(".xml") || ends(".rels") || ends(".vml");
}

std::optional<Package> Package::from_bytes(std::string bytes, std::string& why) {
  if (bytes.size() < 4 || bytes.compare(0, 2, "PK") != 0) {
    if (security::is_encrypted_office_file(bytes))
      why = "the document is protected with a password (Word's Encrypt with Password): reviewkit scan opens it given its "
            "password (--password-file FILE or $REVIEWKIT_PASSWORD); templates, returns and documents to render are read "
            "only unprotected, so keep those in a folder only the people who need them can open";
    else
      why = bytes.compare(0, 4, "\xD0\xCF\x11\xE0") == 0
                ? "it is an old Word .doc file, not a .docx: open it in Word and save it as Word Document (.docx)"
                : "it is not a Word .docx file (a .docx is a zip package; this file is not one)";
    return std::nullopt;
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return std::nullopt;
  }
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
  if (!archive) {
    zip_source_free(source);
    switch (zip_error_code_zip(&error)) {
      case ZIP_ER_NOZIP: why = "the file is cut short or damaged: it is not a complete zip package"; break;
      case ZIP_ER_EXISTS: why = "the package holds the same entry twice (part names must be unique): the file is damaged or crafted"; break;
      case ZIP_ER_INCONS: why = "the zip package's directory does not match its entries: the file is damaged or crafted"; break;
      default: why = std::string("the zip package is damaged (") + zip_error_strerror(&error) + ")";
    }
    zip_error_fini(&error);
    return std::nullopt;
  }
  zip_error_fini(&error);
  Package p;
  zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  if (count < 0 || static_cast<std::uint64_t>(count) > kMaxEntries) {
    why = "the package has " + std::to_string(count) + " entries, more than the " + std::to_string(kMaxEntries) +
          " reviewkit accepts (a Word document has a few dozen): the file is suspicious";
    return std::nullopt;
  }
  std::set<std::string> seen;
  std::uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    if (zip_stat_index(archive.get(), index, 0, &st) != 0) {
      why = "entry " + std::to_string(i + 1) + " of the package cannot be read: the file is damaged";
      return std::nullopt;
    }
    StoredPart part;
    part.name = st.name ? st.name : "";
    if (!safe_entry_name(part.name)) {
      why = "the package has an entry named '" + part.name +
            "', which points outside the document (an absolute path or '..'): the file is suspicious";
      return std::nullopt;
    }
    std::size_t bad = 0;
    if (!valid_utf8(part.name, &bad)) {
      why = "the package has an entry whose name is not valid UTF-8: the file is damaged";
      return std::nullopt;
    }
    if (!seen.insert(lower_ascii(part.name)).second) {
      why = "the package holds '" + part.name + "' twice (part names must be unique): the file is damaged or crafted";
      return std::nullopt;
    }
    if (!part.name.empty() && part.name.back() == '/') continue;  // folders
    part.method = static_cast<std::uint16_t>(st.comp_method);
    part.crc = st.crc;
    part.size = st.size;
    if (st.encryption_method != ZIP_EM_NONE) {
      why = "the package is encrypted; remove the password in Word and save it again";
      return std::nullopt;
    }
    if (part.method != ZIP_CM_STORE && part.method != ZIP_CM_DEFLATE) {
      why = "part " + part.name + " uses a compression method Word does not write";
      return std::nullopt;
    }
    if (st.size > kMaxEntryBytes) {
      why = "part " + part.name + " says it unpacks to " + mb(st.size) + ", more than the " + mb(kMaxEntryBytes) +
            " reviewkit accepts for one part: the file is suspicious (a zip bomb?)";
      return std::nullopt;
    }
    if (is_xml_part(part.name) && st.size > kMaxXmlPartBytes) {
      why = "part " + part.name + " holds " + mb(st.size) + " of XML, more than the " + mb(kMaxXmlPartBytes) +
            " reviewkit reads in one part (a 1,000-page report holds about 30 MB): the file is suspicious";
      return std::nullopt;
    }
    total += st.size;
    if (total > (16u << 20) && total / std::max<std::size_t>(bytes.size(), 1) > kMaxRatio) {
      why = "the package unpacks to more than " + std::to_string(kMaxRatio) + " times its own size (" + mb(total) +
            " so far); Word's documents shrink far less, so the file is suspicious (a zip bomb?)";
      return std::nullopt;
    }
    if (total > kMaxPackageBytes) {
      why = "the package unpacks to more than " + mb(kMaxPackageBytes) + ": the file is suspicious (a zip bomb?)";
      return std::nullopt;
    }
    if (st.size > (1u << 20) && st.size / std::max<zip_uint64_t>(st.comp_size, 1) > kMaxRatio) {
      why = "part " + part.name + " unpacks " + std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1)) +
            " times larger than it is stored (" + mb(st.size) + "); Word's parts shrink far less, so the file is " +
            "suspicious (a zip bomb?)";
      return std::nullopt;
    }
    std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(archive.get(), index, ZIP_FL_COMPRESSED));
    if (!file) {
      why = "part " + part.name + " cannot be read: " + zip_strerror(archive.get());
      return std::nullopt;
    }
    part.stored.resize(st.comp_size);
    zip_int64_t got = st.comp_size ? zip_fread(file.get(), part.stored.data(), st.comp_size) : 0;
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.comp_size) {
      why = "part " + part.name + " is cut short: the file is damaged";
      return std::nullopt;
    }
    // Every entry is unpacked once here: its checksum is checked and its XML looked at before use.
    bool xml = is_xml_part(part.name);
    std::string content;
    std::uint32_t crc = 0;
    bool inflated = true, grew = false;
    if (part.method == ZIP_CM_STORE) {
      if (part.stored.size() != part.size) inflated = false;
      crc = crc32_of(part.stored);
      if (xml) content = part.stored;
    } else {
      if (xml) content.reserve(part.size);
      inflated = inflate_checked(part.stored, part.size, xml ? &content : nullptr, crc, grew);
    }
    if (grew) {
      why = "part " + part.name + " unpacks to more than the " + std::to_string(part.size) +
            " bytes it declares: the file is suspicious (a zip bomb?)";
      return std::nullopt;
    }
    if (!inflated) {
      why = "part " + part.name + " does not unpack to the size it declares: the file is damaged";
      return std::nullopt;
    }
    if (crc != part.crc) {
      why = "part " + part.name + " is damaged (its checksum is wrong)";
      return std::nullopt;
    }
    if (xml) {
      if (content.size() >= 2 && (content.compare(0, 2, "\xFF\xFE") == 0 || content.compare(0, 2, "\xFE\xFF") == 0)) {
        why = "part " + part.name + " is written in UTF-16; Word writes UTF-8: open the document in Word and save it again";
        return std::nullopt;
      }
      if (!valid_utf8(content, &bad, true)) {
        why = "part " + part.name + " is not valid UTF-8 text" +
              (static_cast<unsigned char>(content[bad]) < 0x20 ? " (a control character at byte " : " (at byte ") +
              std::to_string(bad) + "): the file is damaged";
        return std::nullopt;
      }
      if (has_doctype(content)) {
        why = "part " + part.name + " has a DOCTYPE, which Word never writes and which can pull in other files or " +
              "expand without end (XML entities): the file is refused as unsafe";
        return std::nullopt;
      }
      p.xml_.emplace(part.name, std::move(content));
    }
    p.parts_.push_back(std::move(part));
  }
  if (!p.has("[Content_Types].xml")) {
    why = "the package has no [Content_Types].xml, which every Word document has: the file is damaged or was not made by Word";
    return std::nullopt;
  }
  return p;
}

bool Package::has(std::string_view name) const {
  for (const auto& part : parts_)
    if (part.name == name) return true;
  return false;
}

std::string Package::read(std::string_view name) const {
  if (auto x = xml_.find(name); x != xml_.end()) return x->second;
  for (const auto& part : parts_) {
    if (part.name != name) continue;
    std::string data = part.method == 0 ? part.stored : inflate_raw(part.stored, part.size);
    if (crc32_of(data) != part.crc) throw std::runtime_error("part " + part.name + " is damaged (its checksum is wrong)");
    return data;
  }
  throw std::runtime_error("the package has no part " + std::string(name));
}

void Package::replace(std::string_view name, std::string content) {
  for (auto& part : parts_) {
    if (part.name != name) continue;
    part.method = 8;
    part.crc = crc32_of(content);
    part.size = content.size();
    part.stored = deflate_raw(content);
    if (is_xml_part(part.name)) xml_[part.name] = std::move(content);
    return;
  }
}

std::vector<std::string> Package::names(std::string_view prefix, std::string_view suffix) const {
  std::vector<std::string> out;
  for (const auto& part : parts_) {
    std::string_view n = part.name;
    if (n.substr(0, prefix.size()) == prefix && n.size() >= suffix.size() &&
        n.substr(n.size() - suffix.size()) == suffix)
      out.push_back(part.name);
  }
  return out;
}

std::uint32_t crc32_of(std::string_view data) {
  uLong crc = crc32(0L, Z_NULL, 0);
  std::size_t at = 0;
  while (at < data.size()) {
    uInt chunk = static_cast<uInt>(std::min<std::size_t>(data.size() - at, 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data() + at), chunk);
    at += chunk;
  }
  return static_cast<std::uint32_t>(crc);
}

namespace {
// One deflate stream per thread and level, reset between parts: setting a stream up allocates and
// clears a quarter of a megabyte, which would otherwise be most of the cost of a small letter.
struct Deflater {
  z_stream zs{};
  int level;
  explicit Deflater(int l) : level(l) {
    if (deflateInit2(&zs, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2 failed");
  }
  ~Deflater() { deflateEnd(&zs); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
};
}  // namespace

std::string deflate_raw(std::string_view data, int level) {
  thread_local std::map<int, std::unique_ptr<Deflater>> streams;
  auto& slot = streams[level];
  if (!slot) slot = std::make_unique<Deflater>(level);
  z_stream& zs = slot->zs;
  deflateReset(&zs);
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  out.resize(zs.total_out);
  return out;
}

std::string inflate_raw(std::string_view data, std::uint64_t expected_size) {
  z_stream zs{};
  if (inflateInit2(&zs, -15) != Z_OK) throw std::runtime_error("inflateInit2 failed");
  std::string out;
  out.resize(expected_size);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&zs, Z_FINISH);
  inflateEnd(&zs);
  if (rc != Z_STREAM_END || zs.total_out != expected_size) throw std::runtime_error("a part of the package is damaged (it does not inflate)");
  return out;
}

void ZipWriter::write_entry(std::string_view name, std::uint16_t method, std::uint32_t crc, std::uint64_t size,
                            std::string_view stored) {
  if (size > 0xFFFFFFFEu || stored.size() > 0xFFFFFFFEu || out_.size() > 0xFFFFFFFEu)
    throw std::runtime_error("the document is larger than 4 GB, which this writer does not support");
  Central c{std::string(name), method, crc, stored.size(), size, out_.size()};
  put32(out_, 0x04034b50);
  put16(out_, 20);
  put16(out_, 0x0800);  // names are UTF-8
  put16(out_, method);
  put16(out_, 0);   // time 00:00
  put16(out_, 33);  // date 1980-01-01
  put32(out_, crc);
  put32(out_, static_cast<std::uint32_t>(stored.size()));
  put32(out_, static_cast<std::uint32_t>(size));
  put16(out_, static_cast<std::uint32_t>(name.size()));
  put16(out_, 0);
  out_.append(name);
  out_.append(stored);
  central_.push_back(std::move(c));
}

void ZipWriter::add_stored(const StoredPart& part) { write_entry(part.name, part.method, part.crc, part.size, part.stored); }

void ZipWriter::add(std::string_view name, std::string_view content, bool compress) {
  std::uint32_t crc = crc32_of(content);
  if (compress)
    write_entry(name, 8, crc, content.size(), deflate_raw(content));
  else
    write_entry(name, 0, crc, content.size(), content);
}

std::string ZipWriter::finish() {
  std::uint64_t start = out_.size();
  for (const auto& c : central_) {
    put32(out_, 0x02014b50);
    put16(out_, 20);
    put16(out_, 20);
    put16(out_, 0x0800);
    put16(out_, c.method);
    put16(out_, 0);
    put16(out_, 33);
    put32(out_, c.crc);
    put32(out_, static_cast<std::uint32_t>(c.compressed));
    put32(out_, static_cast<std::uint32_t>(c.size));
    put16(out_, static_cast<std::uint32_t>(c.name.size()));
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0);
    put32(out_, 0);
    put32(out_, static_cast<std::uint32_t>(c.offset));
    out_.append(c.name);
  }
  std::uint64_t size = out_.size() - start;
  std::uint64_t entries = central_.size();
  if (entries > 0xFFFE) {
    // More entries than the classic end record counts: a ZIP64 end record and its locator first
    // (APPNOTE 4.3.14-4.3.15), and the classic record says "see ZIP64".
    std::uint64_t zip64_at = out_.size();
    auto put64 = [&](std::uint64_t v) {
      put32(out_, static_cast<std::uint32_t>(v & 0xFFFFFFFFu));
      put32(out_, static_cast<std::uint32_t>(v >> 32));
    };
    put32(out_, 0x06064b50);
    put64(44);  // the record's size after this field
    put16(out_, 45);
    put16(out_, 45);
    put32(out_, 0);
    put32(out_, 0);
    put64(entries);
    put64(entries);
    put64(size);
    put64(start);
    put32(out_, 0x07064b50);
    put32(out_, 0);
    put64(zip64_at);
    put32(out_, 1);
    entries = 0xFFFF;
  }
  put32(out_, 0x06054b50);
  put16(out_, 0);
  put16(out_, 0);
  put16(out_, static_cast<std::uint32_t>(entries));
  put16(out_, static_cast<std::uint32_t>(entries));
  put32(out_, static_cast<std::uint32_t>(size));
  put32(out_, static_cast<std::uint32_t>(start));
  put16(out_, 0);
  central_.clear();
  return std::move(out_);
}

std::optional<std::string> encrypted_zip(const std::vector<std::pair<std::string, std::string>>& files, const std::string& password,
                                         std::string& why) {
  if (password.empty()) {
    why = "an encrypted zip needs a password";
    return std::nullopt;
  }
  if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1)) {
    why = "this system's libzip was built without AES encryption";
    return std::nullopt;
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) {
    why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return std::nullopt;
  }
  zip_source_keep(buffer);  // read back after the archive is closed
  struct SourceFree {
    void operator()(zip_source_t* s) const { zip_source_free(s); }
  };
  std::unique_ptr<zip_source_t, SourceFree> keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return std::nullopt;
  }
  zip_error_fini(&error);
  auto fail = [&](const std::string& what) {
    why = what + ": " + zip_strerror(archive);
    zip_discard(archive);
    return std::nullopt;
  };
  for (const auto& [name, bytes] : files) {
    zip_source_t* data = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);  // the bytes outlive zip_close
    if (!data) return fail("cannot add " + name);
    zip_int64_t index = zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(data);
      return fail("cannot add " + name);
    }
    auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 9) != 0 ||
        zip_file_set_encryption(archive, i, ZIP_EM_AES_256, password.c_str()) != 0)
      return fail("cannot encrypt " + name);
  }
  if (zip_close(archive) != 0) return fail("cannot finish the zip");
  std::string out;
  if (zip_source_open(buffer) != 0) {
    why = "cannot read the finished zip back";
    return std::nullopt;
  }
  char chunk[65536];
  for (zip_int64_t n; (n = zip_source_read(buffer, chunk, sizeof chunk)) > 0;) out.append(chunk, static_cast<std::size_t>(n));
  zip_source_close(buffer);
  return out;
}

}  // namespace reviewkit::ooxml
