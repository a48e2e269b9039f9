#include "security/encryption.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-output.h>
#include <gsf/gsf-utils.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "common/utf8.hpp"

namespace reviewkit::security {

namespace {

// MS-OFFCRYPTO §2.3.4.11 and §2.3.4.14: the block keys that make the keys and IVs of each use.
constexpr std::array<unsigned char, 8> kVerifierInputBlock{0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79};
constexpr std::array<unsigned char, 8> kVerifierValueBlock{0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e};
constexpr std::array<unsigned char, 8> kKeyValueBlock{0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6};
constexpr std::array<unsigned char, 8> kHmacKeyBlock{0x5f, 0xb2, 0xad, 0x01, 0x0c, 0xb9, 0xe1, 0xf6};
constexpr std::array<unsigned char, 8> kHmacValueBlock{0xa0, 0x67, 0x7f, 0x02, 0xb2, 0x2c, 0x84, 0x33};

constexpr std::size_t kSegment = 4096;          // §2.3.4.15: the package is encrypted in 4096-byte segments
constexpr std::uint32_t kSpinCount = 100000;    // what Word writes
constexpr std::size_t kSaltBytes = 16, kBlockBytes = 16, kKeyBytes = 32, kHashBytes = 64;
constexpr const char* kPasswordUri = "http://schemas.microsoft.com/office/2006/keyEncryptor/password";

std::string_view block(const std::array<unsigned char, 8>& b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
std::uint64_t get64(std::string_view s, std::size_t at) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
  return v;
}
std::string le32(std::uint32_t v) {
  std::string s;
  put32(s, v);
  return s;
}

/// The password as UTF-16LE, how the key is derived from it (§2.3.4.11).
std::string utf16le(const std::string& utf8_text) {
  std::string out;
  auto unit = [&](std::uint32_t u) {
    out.push_back(static_cast<char>(u & 0xff));
    out.push_back(static_cast<char>((u >> 8) & 0xff));
  };
  for (char32_t c : utf32(utf8_text)) {
    auto cp = static_cast<std::uint32_t>(c);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3ff));
    } else {
      unit(cp);
    }
  }
  return out;
}

struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

/// H(a + b); empty when the digest fails.
std::string digest(const EVP_MD* md, std::string_view a, std::string_view b = {}) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 || EVP_DigestUpdate(ctx.get(), a.data(), a.size()) != 1 ||
      EVP_DigestUpdate(ctx.get(), b.data(), b.size()) != 1 || EVP_DigestFinal_ex(ctx.get(), out, &n) != 1)
    return {};
  return std::string(reinterpret_cast<char*>(out), n);
}

/// `s` cut to `size` bytes, or padded to it with 0x36 (§2.3.4.11, §2.3.4.12).
std::string fit(std::string s, std::size_t size) {
  s.resize(size, '\x36');
  return s;
}

/// §2.3.4.11: H0 = H(salt + password); Hn = H(iterator + Hn-1), `spins` times. Empty on failure.
std::string spun_hash(const EVP_MD* md, std::string_view salt, const std::string& password16, std::uint32_t spins) {
  std::string h = digest(md, salt, password16);
  if (h.empty()) return {};
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx) return {};
  unsigned char buf[EVP_MAX_MD_SIZE];
  std::memcpy(buf, h.data(), h.size());
  unsigned int n = static_cast<unsigned int>(h.size());
  for (std::uint32_t i = 0; i < spins; ++i) {
    unsigned char iter[4] = {static_cast<unsigned char>(i & 0xff), static_cast<unsigned char>((i >> 8) & 0xff),
                             static_cast<unsigned char>((i >> 16) & 0xff), static_cast<unsigned char>(i >> 24)};
    if (EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 || EVP_DigestUpdate(ctx.get(), iter, 4) != 1 ||
        EVP_DigestUpdate(ctx.get(), buf, n) != 1 || EVP_DigestFinal_ex(ctx.get(), buf, &n) != 1)
      return {};
  }
  return std::string(reinterpret_cast<char*>(buf), n);
}

/// The key of one use: H(spun hash + block key), fitted to the key's size.
std::string password_key(const EVP_MD* md, const std::string& spun, std::string_view block_key, std::size_t key_bytes) {
  std::string h = digest(md, spun, block_key);
  return h.empty() ? std::string() : fit(std::move(h), key_bytes);
}

/// AES-CBC without padding over whole blocks; nothing when it fails.
std::optional<std::string> aes_cbc(bool encrypt, const EVP_CIPHER* cipher, std::string_view key, std::string_view iv,
                                   std::string_view data) {
  if (data.size() % kBlockBytes != 0 || key.size() != static_cast<std::size_t>(EVP_CIPHER_key_length(cipher)) ||
      iv.size() != kBlockBytes || data.size() > (1u << 30))
    return std::nullopt;
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  if (!ctx ||
      EVP_CipherInit_ex(ctx.get(), cipher, nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                        reinterpret_cast<const unsigned char*>(iv.data()), encrypt ? 1 : 0) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1)
    return std::nullopt;
  std::string out(data.size() + kBlockBytes, '\0');
  int n = 0, tail = 0;
  if (EVP_CipherUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n,
                       reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + n, &tail) != 1)
    return std::nullopt;
  out.resize(static_cast<std::size_t>(n + tail));
  return out;
}

std::optional<std::string> random(std::size_t count) {
  std::string out(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1) return std::nullopt;
  return out;
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  return out;
}

/// Strict base64 (whitespace allowed between groups); nothing for any other character or a bad end.
std::optional<std::string> unbase64(std::string_view text) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0, pad = 0;
  for (char ch : text) {
    int v;
    if (ch >= 'A' && ch <= 'Z') v = ch - 'A';
    else if (ch >= 'a' && ch <= 'z') v = ch - 'a' + 26;
    else if (ch >= '0' && ch <= '9') v = ch - '0' + 52;
    else if (ch == '+') v = 62;
    else if (ch == '/') v = 63;
    else if (ch == '=') { ++pad; continue; }
    else if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') continue;
    else return std::nullopt;
    if (pad) return std::nullopt;  // data after padding
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  if (pad > 2 || bits >= 6) return std::nullopt;
  return out;
}

// ---- the compound file -------------------------------------------------------------------------

void quiet_log(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

void init_gsf() {
  static std::once_flag once;
  std::call_once(once, [] {
    gsf_init();
    // Whatever libgsf's writer would warn about on stderr, the caller says in words instead.
    for (const char* domain : {"libgsf:msole", "libgsf"})
      g_log_set_handler(domain, static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO |
                                                            G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_CRITICAL),
                        quiet_log, nullptr);
  });
}

struct Unref {
  void operator()(gpointer p) const {
    if (p) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, Unref>;

/// A length-prefixed UTF-16 string padded to 4 bytes (MS-OFFCRYPTO §2.1.2, UNICODE-LP-P4).
void put_unicode_lp_p4(std::string& out, std::string_view ascii) {
  put32(out, static_cast<std::uint32_t>(2 * ascii.size()));
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  while (out.size() % 4) out.push_back('\0');
}
void put_version(std::string& out) {  // reader, updater and writer version 1.0 (§2.1.5)
  for (int i = 0; i < 3; ++i) put32(out, 1);
}

// The \x06DataSpaces storage (MS-OFFCRYPTO §2.2): which transform protects EncryptedPackage.
std::string version_stream() {  // §2.1.5 DataSpaceVersionInfo
  std::string s;
  put_unicode_lp_p4(s, "Microsoft.Container.DataSpaces");
  put_version(s);
  return s;
}
std::string data_space_map_stream() {  // §2.1.6 DataSpaceMap with one §2.1.6.1 DataSpaceMapEntry
  std::string entry;
  put32(entry, 1);  // ReferenceComponentCount
  put32(entry, 0);  // ReferenceComponentType: a stream
  put_unicode_lp_p4(entry, "EncryptedPackage");
  put_unicode_lp_p4(entry, "StrongEncryptionDataSpace");
  std::string s;
  put32(s, 8);  // HeaderLength
  put32(s, 1);  // EntryCount
  put32(s, static_cast<std::uint32_t>(entry.size() + 4));
  return s + entry;
}
std::string data_space_definition_stream() {  // §2.1.7 DataSpaceDefinition
  std::string s;
  put32(s, 8);  // HeaderLength
  put32(s, 1);  // TransformReferenceCount
  put_unicode_lp_p4(s, "StrongEncryptionTransform");
  return s;
}
std::string primary_stream() {  // §2.1.8 TransformInfoHeader and §2.1.9 EncryptionTransformInfo
  std::string id;
  put_unicode_lp_p4(id, "{FF9A3F03-56EF-4613-BDD5-5A41C1D07246}");
  std::string s;
  put32(s, static_cast<std::uint32_t>(8 + id.size()));  // TransformLength: up to the TransformName
  put32(s, 1);                                           // TransformType
  s += id;
  put_unicode_lp_p4(s, "Microsoft.Container.EncryptionTransform");
  put_version(s);
  put32(s, 0);  // EncryptionName: empty (UTF-8-LP-P4)
  put32(s, 0);  // EncryptionBlockSize
  put32(s, 0);  // CipherMode
  put32(s, 4);  // Reserved
  return s;
}

bool put_stream(GsfOutfile* dir, const char* name, std::string_view data) {
  GPtr<GsfOutput> s(gsf_outfile_new_child(dir, name, FALSE));
  if (!s) return false;
  bool ok = data.empty() || gsf_output_write(s.get(), data.size(), reinterpret_cast<const guint8*>(data.data()));
  return gsf_output_close(s.get()) && ok;
}

std::optional<std::string> compound_file(std::string_view info, std::string_view package) {
  init_gsf();
  GPtr<GsfOutput> memory(gsf_output_memory_new());
  if (!memory) return std::nullopt;
  GPtr<GsfOutfile> root(gsf_outfile_msole_new(memory.get()));
  if (!root) return std::nullopt;
  bool ok = put_stream(root.get(), "EncryptionInfo", info) && put_stream(root.get(), "EncryptedPackage", package);
  if (ok) {
    GPtr<GsfOutput> spaces(gsf_outfile_new_child(root.get(), "\x06" "DataSpaces", TRUE));
    ok = spaces != nullptr;
    if (ok) {
      auto* sp = GSF_OUTFILE(spaces.get());
      ok = put_stream(sp, "Version", version_stream()) && put_stream(sp, "DataSpaceMap", data_space_map_stream());
      GPtr<GsfOutput> info_dir(ok ? gsf_outfile_new_child(sp, "DataSpaceInfo", TRUE) : nullptr);
      ok = ok && info_dir && put_stream(GSF_OUTFILE(info_dir.get()), "StrongEncryptionDataSpace", data_space_definition_stream());
      if (info_dir) ok = gsf_output_close(info_dir.get()) && ok;
      GPtr<GsfOutput> transforms(ok ? gsf_outfile_new_child(sp, "TransformInfo", TRUE) : nullptr);
      GPtr<GsfOutput> strong(ok && transforms ? gsf_outfile_new_child(GSF_OUTFILE(transforms.get()), "StrongEncryptionTransform", TRUE)
                                              : nullptr);
      ok = ok && strong && put_stream(GSF_OUTFILE(strong.get()), "\x06" "Primary", primary_stream());
      if (strong) ok = gsf_output_close(strong.get()) && ok;
      if (transforms) ok = gsf_output_close(transforms.get()) && ok;
      ok = gsf_output_close(spaces.get()) && ok;
    }
  }
  ok = gsf_output_close(GSF_OUTPUT(root.get())) && ok;
  if (!ok) return std::nullopt;
  const guint8* bytes = gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(memory.get()));
  gsf_off_t size = gsf_output_size(memory.get());
  if (!bytes || size <= 0) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

/// A compound file (MS-CFB) opened for reading, with the streams of its root storage read whole up
/// to a limit. Read here rather than with libgsf, whose reader leaks on damaged directories (found
/// by the crypt fuzz target): every sector number, chain and size is checked against the file before
/// it is followed, chains are followed at most as many steps as the file has sectors, and nothing
/// is allocated beyond the file's own size.
class CompoundFile {
 public:
  explicit CompoundFile(std::string_view bytes) : file_(bytes) { open_ = parse(); }
  bool is_open() const { return open_; }
  bool has(const char* name) const { return find(name) != nullptr; }
  /// The stream `name` of the root storage; nothing when it is missing, larger than `limit` (or
  /// than the file itself), or its sectors cannot be followed. `too_large` tells the second case.
  std::optional<std::string> read(const char* name, std::uint64_t limit, bool& too_large) const {
    too_large = false;
    const Entry* e = find(name);
    if (!e) return std::nullopt;
    if (e->size > limit || e->size > file_.size()) {
      too_large = true;
      return std::nullopt;
    }
    if (e->size < kMiniCutoff) return read_mini(e->start, e->size);
    return read_chain(e->start, e->size);
  }

 private:
  static constexpr std::uint32_t kEnd = 0xFFFFFFFE, kFree = 0xFFFFFFFF, kMaxRegular = 0xFFFFFFFA;
  static constexpr std::uint64_t kMiniCutoff = 4096;
  static constexpr std::size_t kMiniSector = 64;
  struct Entry {
    std::u16string name;
    std::uint8_t type = 0;  // 1 storage, 2 stream, 5 root
    std::uint32_t left = kFree, right = kFree, child = kFree, start = kEnd;
    std::uint64_t size = 0;
  };

  std::uint32_t u32(std::size_t at) const {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(file_[at + static_cast<std::size_t>(i)]);
    return v;
  }
  std::uint16_t u16(std::size_t at) const {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(file_[at]) | (static_cast<unsigned char>(file_[at + 1]) << 8));
  }
  std::size_t sector_count() const { return file_.size() / sector_ - 1; }  // sectors after the header's
  std::string_view sector(std::uint32_t n) const {
    return file_.substr((static_cast<std::size_t>(n) + 1) * sector_, sector_);
  }

  /// The sector numbers of a chain of the FAT (or the mini FAT), checked; nothing when it is broken.
  std::optional<std::vector<std::uint32_t>> chain(std::uint32_t start, const std::vector<std::uint32_t>& fat,
                                                  std::size_t limit) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t n = start; n != kEnd;) {
      if (n >= fat.size() || n > kMaxRegular || out.size() >= limit) return std::nullopt;
      out.push_back(n);
      n = fat[n];
    }
    return out;
  }
  std::optional<std::string> read_chain(std::uint32_t start, std::uint64_t size) const {
    auto sectors = chain(start, fat_, sector_count());
    if (!sectors || static_cast<std::uint64_t>(sectors->size()) * sector_ < size) return std::nullopt;
    std::string out;
    out.reserve(static_cast<std::size_t>(size));
    for (std::uint32_t n : *sectors) {
      if (out.size() >= size) break;
      std::string_view s = sector(n);
      if (s.size() != sector_) return std::nullopt;
      out.append(s.substr(0, static_cast<std::size_t>(std::min<std::uint64_t>(sector_, size - out.size()))));
    }
    return out;
  }
  std::optional<std::string> read_mini(std::uint32_t start, std::uint64_t size) const {
    if (!mini_stream_) return std::nullopt;
    auto sectors = chain(start, mini_fat_, mini_stream_->size() / kMiniSector);
    if (!sectors || static_cast<std::uint64_t>(sectors->size()) * kMiniSector < size) return std::nullopt;
    std::string out;
    for (std::uint32_t n : *sectors) {
      if (out.size() >= size) break;
      std::size_t at = static_cast<std::size_t>(n) * kMiniSector;
      if (at + kMiniSector > mini_stream_->size()) return std::nullopt;
      out.append(mini_stream_->substr(at, static_cast<std::size_t>(std::min<std::uint64_t>(kMiniSector, size - out.size()))));
    }
    return out;
  }

  bool parse() {
    static constexpr unsigned char kSignature[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (file_.size() < 512 || std::memcmp(file_.data(), kSignature, 8) != 0 || u16(0x1C) != 0xFFFE) return false;
    std::uint16_t major = u16(0x1A), shift = u16(0x1E);
    if (!((major == 3 && shift == 9) || (major == 4 && shift == 12)) || u16(0x20) != 6) return false;
    sector_ = std::size_t{1} << shift;
    if (file_.size() < 2 * sector_) return false;
    // The FAT's sectors: 109 in the header, the rest in the DIFAT chain.
    std::vector<std::uint32_t> fat_sectors;
    const std::uint32_t fat_count = u32(0x2C);
    if (fat_count > sector_count()) return false;
    for (std::size_t i = 0; i < 109 && fat_sectors.size() < fat_count; ++i) fat_sectors.push_back(u32(0x4C + 4 * i));
    std::uint32_t difat = u32(0x44);
    for (std::size_t steps = 0; fat_sectors.size() < fat_count; ++steps) {
      if (difat > kMaxRegular || difat >= sector_count() || steps > sector_count()) return false;
      std::string_view s = sector(difat);
      for (std::size_t i = 0; i + 4 < sector_ && fat_sectors.size() < fat_count; i += 4)
        fat_sectors.push_back(u32((static_cast<std::size_t>(difat) + 1) * sector_ + i));
      difat = static_cast<std::uint32_t>(static_cast<unsigned char>(s[sector_ - 4]) | (static_cast<unsigned char>(s[sector_ - 3]) << 8) |
                                         (static_cast<unsigned char>(s[sector_ - 2]) << 16) |
                                         (static_cast<std::uint32_t>(static_cast<unsigned char>(s[sector_ - 1])) << 24));
    }
    for (std::uint32_t n : fat_sectors) {
      if (n >= sector_count()) return false;
      for (std::size_t i = 0; i < sector_; i += 4) fat_.push_back(u32((static_cast<std::size_t>(n) + 1) * sector_ + i));
    }
    if (fat_.size() > sector_count()) fat_.resize(sector_count());  // entries past the file's end name nothing
    // The directory, 128 bytes an entry.
    auto dir_sectors = chain(u32(0x30), fat_, sector_count());
    if (!dir_sectors || dir_sectors->empty()) return false;
    for (std::uint32_t n : *dir_sectors) {
      std::size_t base = (static_cast<std::size_t>(n) + 1) * sector_;
      for (std::size_t at = base; at + 128 <= base + sector_; at += 128) {
        Entry e;
        std::uint16_t name_bytes = u16(at + 0x40);
        for (std::size_t k = 0; k + 2 < name_bytes && k < 62; k += 2) e.name.push_back(static_cast<char16_t>(u16(at + k)));
        e.type = static_cast<std::uint8_t>(file_[at + 0x42]);
        e.left = u32(at + 0x44);
        e.right = u32(at + 0x48);
        e.child = u32(at + 0x4C);
        e.start = u32(at + 0x74);
        e.size = u32(at + 0x78) | (major == 4 ? static_cast<std::uint64_t>(u32(at + 0x7C)) << 32 : 0);
        entries_.push_back(std::move(e));
      }
    }
    if (entries_.empty() || entries_[0].type != 5) return false;
    // The mini stream (in the root entry's chain) and its FAT, for the streams under 4096 bytes.
    const Entry& root = entries_[0];
    if (root.size > 0 && root.size <= file_.size()) mini_stream_ = read_chain(root.start, root.size);
    std::uint32_t mini_fat_start = u32(0x3C);
    if (mini_fat_start != kEnd) {
      auto mini_fat = chain(mini_fat_start, fat_, sector_count());
      if (!mini_fat) return false;
      for (std::uint32_t n : *mini_fat)
        for (std::size_t i = 0; i < sector_; i += 4) mini_fat_.push_back(u32((static_cast<std::size_t>(n) + 1) * sector_ + i));
    }
    return true;
  }

  /// The stream `name` among the root storage's children (a tree through left, right), or nothing.
  const Entry* find(const char* name) const {
    if (!open_) return nullptr;
    std::u16string wanted;
    for (const char* c = name; *c; ++c) wanted.push_back(static_cast<char16_t>(static_cast<unsigned char>(*c)));
    std::vector<std::uint32_t> todo{entries_[0].child};
    std::vector<bool> seen(entries_.size(), false);
    while (!todo.empty()) {
      std::uint32_t n = todo.back();
      todo.pop_back();
      if (n >= entries_.size() || seen[n]) continue;
      seen[n] = true;
      const Entry& e = entries_[n];
      if (e.type == 2 && e.name == wanted) return &e;
      todo.push_back(e.left);
      todo.push_back(e.right);
    }
    return nullptr;
  }

  std::string_view file_;
  bool open_ = false;
  std::size_t sector_ = 512;
  std::vector<std::uint32_t> fat_, mini_fat_;
  std::vector<Entry> entries_;
  std::optional<std::string> mini_stream_;
};

// ---- the descriptor (§2.3.4.10) ----------------------------------------------------------------

std::string descriptor_xml(std::uint32_t spins, std::string_view key_salt, std::string_view hmac_key, std::string_view hmac_value,
                           std::string_view password_salt, std::string_view verifier_input,
                           std::string_view verifier_value, std::string_view key_value) {
  const std::string common = "blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\" "
                             "cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\"";
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
  x += "<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\" "
       "xmlns:p=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\" "
       "xmlns:c=\"http://schemas.microsoft.com/office/2006/keyEncryptor/certificate\">";
  x += "<keyData saltSize=\"16\" " + common + " saltValue=\"" + base64(key_salt) + "\"/>";
  x += "<dataIntegrity encryptedHmacKey=\"" + base64(hmac_key) + "\" encryptedHmacValue=\"" + base64(hmac_value) + "\"/>";
  x += "<keyEncryptors><keyEncryptor uri=\"" + std::string(kPasswordUri) + "\">";
  x += "<p:encryptedKey spinCount=\"" + std::to_string(spins) + "\" saltSize=\"16\" " + common + " saltValue=\"" +
       base64(password_salt) + "\" encryptedVerifierHashInput=\"" + base64(verifier_input) +
       "\" encryptedVerifierHashValue=\"" + base64(verifier_value) + "\" encryptedKeyValue=\"" + base64(key_value) + "\"/>";
  x += "</keyEncryptor></keyEncryptors></encryption>";
  return x;
}

/// The parameters keyData and p:encryptedKey share (§2.3.4.10), checked.
struct Params {
  const EVP_MD* md = nullptr;
  const EVP_CIPHER* cipher = nullptr;
  std::size_t key_bytes = 0, hash_bytes = 0, block_bytes = 0;
  std::string salt;
};

std::string attribute(xmlNode* node, const char* name) {
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}
bool has_attribute(xmlNode* node, const char* name) { return xmlHasProp(node, reinterpret_cast<const xmlChar*>(name)) != nullptr; }

std::optional<std::uint32_t> number(const std::string& text) {
  std::uint32_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

bool is(xmlNode* node, const char* local_name) {
  return node && node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>(local_name)) == 0;
}
xmlNode* child(xmlNode* parent, const char* local_name) {
  for (xmlNode* c = parent ? parent->children : nullptr; c; c = c->next)
    if (is(c, local_name)) return c;
  return nullptr;
}

/// Reads and checks the algorithm attributes of keyData or p:encryptedKey; false with `why`.
bool read_params(xmlNode* node, const char* what, Params& p, std::string& why) {
  auto salt_size = number(attribute(node, "saltSize"));
  auto block_size = number(attribute(node, "blockSize"));
  auto key_bits = number(attribute(node, "keyBits"));
  auto hash_size = number(attribute(node, "hashSize"));
  std::string cipher = attribute(node, "cipherAlgorithm"), chaining = attribute(node, "cipherChaining"),
              hash = attribute(node, "hashAlgorithm");
  auto salt = unbase64(attribute(node, "saltValue"));
  if (!salt_size || !block_size || !key_bits || !hash_size || !salt || salt->empty() || *salt_size != salt->size() ||
      salt->size() > 1024) {
    why = std::string("its encryption descriptor's ") + what + " is incomplete or damaged";
    return false;
  }
  if (cipher != "AES" || chaining != "ChainingModeCBC" || *block_size != kBlockBytes ||
      (*key_bits != 128 && *key_bits != 192 && *key_bits != 256)) {
    why = "it is encrypted with " + cipher + " " + std::to_string(*key_bits) + "-bit " + chaining +
          ", which reviewkit does not read (it reads AES in CBC mode, as Word writes)";
    return false;
  }
  if (hash == "SHA512") p.md = EVP_sha512();
  else if (hash == "SHA384") p.md = EVP_sha384();
  else if (hash == "SHA256") p.md = EVP_sha256();
  else if (hash == "SHA1") p.md = EVP_sha1();
  if (!p.md) {
    why = "it is encrypted with the hash " + hash + ", which reviewkit does not read (it reads SHA-1 and SHA-2)";
    return false;
  }
  p.hash_bytes = static_cast<std::size_t>(EVP_MD_size(p.md));
  if (*hash_size != p.hash_bytes) {
    why = std::string("its encryption descriptor's ") + what + " gives a hash size that is not " + hash + "'s";
    return false;
  }
  p.key_bytes = *key_bits / 8;
  p.cipher = p.key_bytes == 16 ? EVP_aes_128_cbc() : p.key_bytes == 24 ? EVP_aes_192_cbc() : EVP_aes_256_cbc();
  p.block_bytes = *block_size;
  p.salt = std::move(*salt);
  return true;
}

/// An encrypted value of the descriptor, at least `needed` bytes, whole blocks, at most 1 KB.
std::optional<std::string> encrypted_value(xmlNode* node, const char* name, std::size_t needed) {
  auto v = unbase64(attribute(node, name));
  if (!v || v->size() < needed || v->size() % kBlockBytes != 0 || v->size() > 1024) return std::nullopt;
  return v;
}

void quiet_xml(void*, const char*, ...) {}
void quiet_xml_structured(void*, xmlErrorPtr) {}

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

void fail(std::string& why, DecryptProblem* problem, DecryptProblem kind, std::string text) {
  why = std::move(text);
  if (problem) *problem = kind;
}

}  // namespace

std::optional<std::string> encrypt_office_package(std::string_view zip_bytes, const std::string& password,
                                                  std::string& why) {
  return detail::encrypt_with_spin_count(zip_bytes, password, kSpinCount, why);
}

std::optional<std::string> detail::encrypt_with_spin_count(std::string_view zip_bytes, const std::string& password,
                                                           std::uint32_t spins, std::string& why) {
  if (password.empty()) {
    why = "the password is empty";
    return std::nullopt;
  }
  if (!valid_utf8(password)) {
    why = "the password is not valid UTF-8 text";
    return std::nullopt;
  }
  std::string password16 = utf16le(password);
  if (password16.size() / 2 > kMaxPasswordLength) {
    why = "the password is longer than the " + std::to_string(kMaxPasswordLength) + " characters Word accepts";
    return std::nullopt;
  }
  if (zip_bytes.empty()) {
    why = "there is no document to encrypt";
    return std::nullopt;
  }
  if (zip_bytes.size() > kMaxPackageBytes) {
    why = "the document is larger than the " + std::to_string(kMaxPackageBytes >> 20) + " MB reviewkit encrypts";
    return std::nullopt;
  }
  auto key_salt = random(kSaltBytes), secret = random(kKeyBytes), password_salt = random(kSaltBytes),
       verifier = random(kSaltBytes), hmac_key = random(kHashBytes);
  if (!key_salt || !secret || !password_salt || !verifier || !hmac_key) {
    why = "the system's random number generator failed";
    return std::nullopt;
  }
  const EVP_MD* md = EVP_sha512();
  const EVP_CIPHER* cipher = EVP_aes_256_cbc();
  const auto crypto_failed = [&] {
    why = "the encryption failed inside OpenSSL";
    return std::nullopt;
  };

  // The package, segment by segment (§2.3.4.15): each IV from the keyData salt and its index.
  std::string package;
  package.reserve(8 + zip_bytes.size() + kBlockBytes);
  put64(package, zip_bytes.size());
  for (std::size_t at = 0, index = 0; at < zip_bytes.size(); at += kSegment, ++index) {
    std::string chunk(zip_bytes.substr(at, kSegment));
    chunk.resize((chunk.size() + kBlockBytes - 1) / kBlockBytes * kBlockBytes, '\0');
    auto iv = fit(digest(md, *key_salt, le32(static_cast<std::uint32_t>(index))), kBlockBytes);
    auto encrypted = aes_cbc(true, cipher, *secret, iv, chunk);
    if (!encrypted) return crypto_failed();
    package += *encrypted;
  }

  // dataIntegrity (§2.3.4.14): an HMAC of the whole EncryptedPackage stream, its key and value encrypted.
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  if (!HMAC(md, hmac_key->data(), static_cast<int>(hmac_key->size()), reinterpret_cast<const unsigned char*>(package.data()),
            package.size(), mac, &mac_size))
    return crypto_failed();
  auto enc_hmac_key = aes_cbc(true, cipher, *secret, fit(digest(md, *key_salt, block(kHmacKeyBlock)), kBlockBytes), *hmac_key);
  auto enc_hmac_value = aes_cbc(true, cipher, *secret, fit(digest(md, *key_salt, block(kHmacValueBlock)), kBlockBytes),
                                std::string_view(reinterpret_cast<char*>(mac), mac_size));

  // The password key encryptor (§2.3.4.13): the verifier and the secret key, under keys made from
  // the password; the IV is the encryptor's salt.
  std::string spun = spun_hash(md, *password_salt, password16, spins);
  if (spun.empty() || !enc_hmac_key || !enc_hmac_value) return crypto_failed();
  auto enc_verifier = aes_cbc(true, cipher, password_key(md, spun, block(kVerifierInputBlock), kKeyBytes), *password_salt, *verifier);
  auto enc_verifier_hash = aes_cbc(true, cipher, password_key(md, spun, block(kVerifierValueBlock), kKeyBytes), *password_salt,
                                   digest(md, *verifier));
  auto enc_key = aes_cbc(true, cipher, password_key(md, spun, block(kKeyValueBlock), kKeyBytes), *password_salt, *secret);
  if (!enc_verifier || !enc_verifier_hash || !enc_key) return crypto_failed();

  // EncryptionInfo (§2.3.4.10): version 4.4, reserved 0x40, the XML descriptor.
  std::string info;
  info += std::string("\x04\x00\x04\x00", 4);
  put32(info, 0x40);
  info += descriptor_xml(spins, *key_salt, *enc_hmac_key, *enc_hmac_value, *password_salt, *enc_verifier, *enc_verifier_hash, *enc_key);

  auto file = compound_file(info, package);
  if (!file) {
    why = "the compound file (the container Word reads) could not be made";
    return std::nullopt;
  }
  return file;
}

bool is_encrypted_office_file(std::string_view bytes) {
  CompoundFile file(bytes);
  return file.is_open() && file.has("EncryptedPackage");
}

std::optional<std::string> decrypt_office_package(std::string_view file_bytes, const std::string& password,
                                                  std::string& why, DecryptProblem* problem) {
  if (problem) *problem = DecryptProblem::None;
  CompoundFile file(file_bytes);
  if (!file.is_open() || !file.has("EncryptedPackage")) {
    fail(why, problem, DecryptProblem::NotEncrypted, "it is not an Office document encrypted with a password");
    return std::nullopt;
  }
  bool too_large = false;
  auto info = file.read("EncryptionInfo", kMaxEncryptionInfoBytes, too_large);
  if (!info) {
    fail(why, problem, DecryptProblem::Damaged,
         too_large ? "its EncryptionInfo stream is larger than any Office writes: the file is damaged or crafted"
                   : "its EncryptionInfo stream is missing or cut short: the file is damaged");
    return std::nullopt;
  }
  if (info->size() < 8) {
    fail(why, problem, DecryptProblem::Damaged, "its EncryptionInfo stream is cut short: the file is damaged");
    return std::nullopt;
  }
  std::uint32_t major = static_cast<unsigned char>((*info)[0]) | (static_cast<unsigned char>((*info)[1]) << 8);
  std::uint32_t minor = static_cast<unsigned char>((*info)[2]) | (static_cast<unsigned char>((*info)[3]) << 8);
  if (major != 4 || minor != 4) {
    fail(why, problem, DecryptProblem::Unsupported,
         (minor == 2 && major >= 2 && major <= 4)
             ? "it is encrypted with Office 2007's older method (standard encryption), which reviewkit does not read"
             : "it is encrypted with a method reviewkit does not read (EncryptionInfo version " + std::to_string(major) + "." +
                   std::to_string(minor) + "; reviewkit reads 4.4, agile encryption)");
    return std::nullopt;
  }

  // The descriptor, parsed without a network, a DTD or entities (Word's has none), and without
  // libxml2 printing anything of it.
  std::string_view xml = std::string_view(*info).substr(8);
  if (xml.find("<!DOCTYPE") != std::string_view::npos || xml.find("<!ENTITY") != std::string_view::npos) {
    fail(why, problem, DecryptProblem::Damaged, "its encryption descriptor holds a DOCTYPE, which Office never writes: the file is crafted");
    return std::nullopt;
  }
  xmlSetGenericErrorFunc(nullptr, quiet_xml);
  xmlSetStructuredErrorFunc(nullptr, quiet_xml_structured);
  std::unique_ptr<xmlDoc, XmlDocFree> doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "EncryptionInfo", nullptr,
                                                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  xmlNode* key_data = is(root, "encryption") ? child(root, "keyData") : nullptr;
  xmlNode* integrity = child(root, "dataIntegrity");
  xmlNode* encrypted_key = nullptr;
  for (xmlNode* e = child(child(root, "keyEncryptors"), "keyEncryptor"); e; e = e->next)
    if (is(e, "keyEncryptor") && attribute(e, "uri") == kPasswordUri) encrypted_key = child(e, "encryptedKey");
  if (!key_data || !encrypted_key) {
    fail(why, problem, root && key_data ? DecryptProblem::Unsupported : DecryptProblem::Damaged,
         root && key_data ? "it is not protected with a password (it is encrypted for a certificate or a rights service)"
                          : "its encryption descriptor is damaged");
    return std::nullopt;
  }
  Params data, pass;
  if (!read_params(key_data, "keyData", data, why) || !read_params(encrypted_key, "password key", pass, why)) {
    if (problem) *problem = why.find("does not read") != std::string::npos ? DecryptProblem::Unsupported : DecryptProblem::Damaged;
    return std::nullopt;
  }
  auto spins = number(attribute(encrypted_key, "spinCount"));
  if (!spins || *spins > kMaxSpinCount) {
    fail(why, problem, DecryptProblem::Damaged,
         spins ? "its password key asks for " + std::to_string(*spins) + " hash iterations, more than the " +
                     std::to_string(kMaxSpinCount) + " the format allows: the file is crafted"
               : "its password key has no valid spinCount: the file is damaged");
    return std::nullopt;
  }
  auto enc_verifier = encrypted_value(encrypted_key, "encryptedVerifierHashInput", pass.salt.size());
  auto enc_verifier_hash = encrypted_value(encrypted_key, "encryptedVerifierHashValue", pass.hash_bytes);
  auto enc_key = encrypted_value(encrypted_key, "encryptedKeyValue", data.key_bytes);
  bool has_integrity = integrity && has_attribute(integrity, "encryptedHmacKey");
  auto enc_hmac_key = has_integrity ? encrypted_value(integrity, "encryptedHmacKey", data.hash_bytes) : std::nullopt;
  auto enc_hmac_value = has_integrity ? encrypted_value(integrity, "encryptedHmacValue", data.hash_bytes) : std::nullopt;
  if (!enc_verifier || !enc_verifier_hash || !enc_key || !enc_hmac_key || !enc_hmac_value) {
    fail(why, problem, DecryptProblem::Damaged,
         has_integrity ? "its encryption descriptor's keys are incomplete or damaged"
                       : "it has no integrity check (dataIntegrity), which Word always writes: the file is damaged or altered");
    return std::nullopt;
  }
  std::string iv = pass.salt;
  if (iv.size() != pass.block_bytes) iv = fit(iv, pass.block_bytes);

  // The password, checked with the verifier (§2.3.4.13).
  std::string password16 = utf16le(password);
  std::string spun = spun_hash(pass.md, pass.salt, password16, *spins);
  auto verifier = spun.empty() ? std::nullopt
                               : aes_cbc(false, pass.cipher, password_key(pass.md, spun, block(kVerifierInputBlock), pass.key_bytes),
                                         iv, *enc_verifier);
  auto verifier_hash = spun.empty() ? std::nullopt
                                    : aes_cbc(false, pass.cipher, password_key(pass.md, spun, block(kVerifierValueBlock), pass.key_bytes),
                                              iv, *enc_verifier_hash);
  if (!verifier || !verifier_hash) {
    fail(why, problem, DecryptProblem::Damaged, "its password key cannot be decrypted: the file is damaged");
    return std::nullopt;
  }
  std::string expected = digest(pass.md, std::string_view(*verifier).substr(0, pass.salt.size()));
  if (expected.size() != pass.hash_bytes || CRYPTO_memcmp(expected.data(), verifier_hash->data(), pass.hash_bytes) != 0) {
    fail(why, problem, DecryptProblem::WrongPassword, "the password is not the document's password");
    return std::nullopt;
  }
  auto secret = aes_cbc(false, pass.cipher, password_key(pass.md, spun, block(kKeyValueBlock), pass.key_bytes), iv, *enc_key);
  if (!secret || secret->size() < data.key_bytes) {
    fail(why, problem, DecryptProblem::Damaged, "its document key cannot be decrypted: the file is damaged");
    return std::nullopt;
  }
  secret->resize(data.key_bytes);

  // The package: its size first, then the segments; checked against the HMAC before anything is used.
  auto package = file.read("EncryptedPackage", kMaxPackageBytes + 8 + kSegment, too_large);
  if (!package || package->size() < 8) {
    fail(why, problem, DecryptProblem::Damaged,
         too_large ? "the encrypted document is larger than the " + std::to_string(kMaxPackageBytes >> 20) + " MB reviewkit reads"
                   : "its EncryptedPackage stream is cut short or cannot be read: the file is damaged");
    return std::nullopt;
  }
  std::uint64_t declared = get64(*package, 0);
  std::uint64_t stored = package->size() - 8;
  if (declared > kMaxPackageBytes || declared > stored || declared == 0) {
    fail(why, problem, DecryptProblem::Damaged,
         declared == 0 ? std::string("it says the document inside is empty: the file is damaged")
         : declared > kMaxPackageBytes
             ? "it says the document inside is " + std::to_string(declared >> 20) + " MB, more than the " +
                   std::to_string(kMaxPackageBytes >> 20) + " MB reviewkit reads: the file is damaged or crafted"
             : "it says the document inside is " + std::to_string(declared) + " bytes, but holds " + std::to_string(stored) +
                   ": the file is cut short or damaged");
    return std::nullopt;
  }
  auto hmac_key = aes_cbc(false, data.cipher, *secret, fit(digest(data.md, data.salt, block(kHmacKeyBlock)), data.block_bytes), *enc_hmac_key);
  auto hmac_value = aes_cbc(false, data.cipher, *secret, fit(digest(data.md, data.salt, block(kHmacValueBlock)), data.block_bytes),
                            *enc_hmac_value);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  if (!hmac_key || !hmac_value ||
      !HMAC(data.md, hmac_key->data(), static_cast<int>(data.hash_bytes), reinterpret_cast<const unsigned char*>(package->data()),
            package->size(), mac, &mac_size) ||
      mac_size != data.hash_bytes || CRYPTO_memcmp(mac, hmac_value->data(), data.hash_bytes) != 0) {
    fail(why, problem, DecryptProblem::Damaged,
         "its integrity check (HMAC) fails: the document was altered or damaged after it was encrypted");
    return std::nullopt;
  }
  std::string out;
  out.reserve(static_cast<std::size_t>(declared) + kSegment);
  std::string_view body = std::string_view(*package).substr(8);
  for (std::size_t at = 0, index = 0; out.size() < declared; at += kSegment, ++index) {
    std::string_view chunk = body.substr(at, kSegment);
    chunk = chunk.substr(0, chunk.size() / data.block_bytes * data.block_bytes);
    auto iv_i = fit(digest(data.md, data.salt, le32(static_cast<std::uint32_t>(index))), data.block_bytes);
    auto plain = chunk.empty() ? std::nullopt : aes_cbc(false, data.cipher, *secret, iv_i, chunk);
    if (!plain) {
      fail(why, problem, DecryptProblem::Damaged, "segment " + std::to_string(index + 1) + " of the document cannot be decrypted: the file is damaged");
      return std::nullopt;
    }
    out += *plain;
  }
  out.resize(static_cast<std::size_t>(declared));
  return out;
}

}  // namespace reviewkit::security
