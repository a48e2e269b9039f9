// reviewkit/pdf — what every PDF reviewkit writes shares: PoDoFo's errors in words, and AES-256
// encryption with a random owner password. Used by the layout (documents) and the forms.
#pragma once

#include <string>

namespace PoDoFo {
class PdfError;
class PdfMemDocument;
}  // namespace PoDoFo

namespace reviewkit::pdf {

/// PoDoFo's words for an error, never null (PdfError::ErrorMessage gives null for some codes).
std::string pdf_error_text(const PoDoFo::PdfError& e);

/// A random owner password for an encrypted PDF: the owner password lifts the restrictions, so it
/// must never equal the user's password, and nobody needs to know it.
std::string random_owner_password();

/// Encrypts the document with AES-256 (PDF 2.0, revision 6) under `password`, allowing printing,
/// copying and accessibility tools (and filling in, for a form). Nothing when `password` is empty.
void encrypt(PoDoFo::PdfMemDocument& doc, const std::string& password, bool allow_filling = false);

}  // namespace reviewkit::pdf
