#include "document.hpp"

#include <podofo/podofo.h>

#include "common/files.hpp"

namespace reviewkit::pdf {

using namespace PoDoFo;

std::string pdf_error_text(const PdfError& e) {
  const char* text = PdfError::ErrorMessage(e.GetError());
  if (text && *text) return text;
  const char* name = PdfError::ErrorName(e.GetError());
  return name && *name ? std::string(name) : "PoDoFo error " + std::to_string(static_cast<int>(e.GetError()));
}

std::string random_owner_password() {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : random_bytes(24)) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

void encrypt(PdfMemDocument& doc, const std::string& password, bool allow_filling) {
  if (password.empty()) return;
  doc.SetEncrypted(password, random_owner_password(),
                   PdfEncrypt::ePdfPermissions_Print | PdfEncrypt::ePdfPermissions_Copy |
                       PdfEncrypt::ePdfPermissions_Accessible | PdfEncrypt::ePdfPermissions_HighPrint |
                       (allow_filling ? PdfEncrypt::ePdfPermissions_FillAndSign : 0),
                   PdfEncrypt::ePdfEncryptAlgorithm_AESV3R6, PdfEncrypt::ePdfKeyLength_256);
}

}  // namespace reviewkit::pdf
