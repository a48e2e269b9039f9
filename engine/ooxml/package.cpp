#include "package.hpp"

#include <map>
#include <memory>
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

std::optional<Package> Package::from_bytes(std::string bytes, std::string& why) {
  if (bytes.size() < 4 || bytes.compare(0, 2, "PK") != 0) {
    why = bytes.compare(0, 4, "\xD0\xCF\x11\xE0") == 0
              ? "it is an old Word .doc file (or an encrypted document), not a .docx: open it in Word and save it as Word Document (.docx)"
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
    why = std::string("the zip package is damaged (") + zip_error_strerror(&error) + ")";
    zip_error_fini(&error);
    return std::nullopt;
  }
  zip_error_fini(&error);
  Package p;
  zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    if (zip_stat_index(archive.get(), index, 0, &st) != 0) continue;
    StoredPart part;
    part.name = st.name;
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
    p.parts_.push_back(std::move(part));
  }
  return p;
}

bool Package::has(std::string_view name) const {
  for (const auto& part : parts_)
    if (part.name == name) return true;
  return false;
}

std::string Package::read(std::string_view name) const {
  for (const auto& part : parts_) {
    if (part.name != name) continue;
    std::string data = part.method == 0 ? part.stored : inflate_raw(part.stored, part.size);
    if (crc32_of(data) != part.crc) throw std::runtime_error("part " + part.name + " is damaged (its checksum is wrong)");
    return data;
  }
  throw std::runtime_error("the package has no part " + std::string(name));
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
  put32(out_, 0x06054b50);
  put16(out_, 0);
  put16(out_, 0);
  put16(out_, static_cast<std::uint32_t>(central_.size()));
  put16(out_, static_cast<std::uint32_t>(central_.size()));
  put32(out_, static_cast<std::uint32_t>(size));
  put32(out_, static_cast<std::uint32_t>(start));
  put16(out_, 0);
  central_.clear();
  return std::move(out_);
}

}  // namespace reviewkit::ooxml
