// reviewkit/security — Word's own "Encrypt with Password" for .docx output: ECMA-376 agile
// encryption (MS-OFFCRYPTO §2.3.4.10–2.3.4.15: AES-256-CBC, SHA-512, 100,000 spins) in a compound
// file (OLE2/CFB) holding EncryptionInfo, EncryptedPackage and the \x06DataSpaces storage Word
// writes, so that Word, LibreOffice and other readers ask for the password and open it.
//
// Everything is done in memory: the encrypted file is bytes, handed to the atomic output writer
// (common/files.hpp) like any other document. The decryptor reads files from anywhere, so it
// checks every size and count before it uses it (it reads the compound file itself: libgsf only
// writes it), never throws, and says what is wrong in words.
// docs/security.md says what the encryption protects and what it does not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reviewkit::security {

/// The longest password Word accepts (characters, counted in UTF-16 units).
constexpr std::size_t kMaxPasswordLength = 255;
/// The largest package encrypted or decrypted (the size reviewkit reads any input up to).
constexpr std::uint64_t kMaxPackageBytes = 256u << 20;
/// The largest EncryptionInfo stream read (Word's is about 1 KB).
constexpr std::size_t kMaxEncryptionInfoBytes = 64u << 10;
/// The most hash iterations a file may ask for (the spec's limit; Word writes 100,000).
constexpr std::uint32_t kMaxSpinCount = 10'000'000;

/// `zip_bytes` (a .docx, or any OOXML package) encrypted with `password` as Word encrypts it:
/// the bytes of a compound file. Nothing, with `why` set, when the password is empty, not UTF-8 or
/// longer than Word accepts, when the package is too large, or when the cryptography fails.
std::optional<std::string> encrypt_office_package(std::string_view zip_bytes, const std::string& password,
                                                  std::string& why);

/// A compound file (signature D0 CF 11 E0 A1 B1 1A E1) that holds an EncryptedPackage stream:
/// an Office document protected with a password.
bool is_encrypted_office_file(std::string_view bytes);

/// Why a decryption failed, for callers that act on it (a scanner asks for the password again).
enum class DecryptProblem { None, NotEncrypted, WrongPassword, Unsupported, Damaged };

/// The package inside an encrypted Office file, after the password is checked against the file's
/// verifier hashes and the package against its HMAC (dataIntegrity). Nothing, with `why` set (and
/// `problem`, when given), for a wrong password, a file altered or cut short, an encryption other
/// than agile (Office 2007's standard encryption is "unsupported"), or sizes beyond the limits above.
std::optional<std::string> decrypt_office_package(std::string_view file_bytes, const std::string& password,
                                                  std::string& why, DecryptProblem* problem = nullptr);

namespace detail {
/// encrypt_office_package with another number of hash iterations, for the fuzzer's seeds only
/// (reviewkit's documents always have Word's 100,000).
std::optional<std::string> encrypt_with_spin_count(std::string_view zip_bytes, const std::string& password,
                                                   std::uint32_t spins, std::string& why);
}  // namespace detail

}  // namespace reviewkit::security
