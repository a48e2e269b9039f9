// libFuzzer target: the decryptor of Word's Encrypt with Password (engine/security) on damaged and
// crafted compound files. The seeds (tests/fuzz/regressions/crypt-*) are files our encryptor made
// with the password "pw" and one hash iteration, so that a mutation reaches the password check,
// the HMAC and the segments in a few microseconds rather than after 100,000 iterations.
#include <cstdint>
#include <string>
#include <string_view>

#include "security/encryption.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)reviewkit::security::is_encrypted_office_file(bytes);
  std::string why;
  reviewkit::security::DecryptProblem problem = reviewkit::security::DecryptProblem::None;
  auto plain = reviewkit::security::decrypt_office_package(bytes, "pw", why, &problem);
  if (!plain && why.empty()) __builtin_trap();  // every failure says why
  if (plain && problem != reviewkit::security::DecryptProblem::None) __builtin_trap();
  return 0;
}
