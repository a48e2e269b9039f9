// Word's own "Encrypt with Password" for .docx output (engine/security): ECMA-376 agile encryption
// in a compound file, checked by our decryptor, by an independent reader (msoffcrypto-tool) and by
// LibreOffice; the decryptor against damaged and hostile files; --encrypt on fill, letters and
// generate; and the Milton Keynes rule (the case's reference number protects every document).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/stat.h>

#include "security/encryption.hpp"
#include "support.hpp"

using namespace reviewkit;
namespace fs = std::filesystem;

namespace {

const std::string kPassword = "correct horse ± battery";  // not ASCII: the key is made from UTF-16

test::CliResult run(std::vector<std::string> args) { return test::run_cli(std::move(args)); }
std::string fixture(const std::string& name) { return test::fixture_path("fixtures/" + name).string(); }

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
void spill(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}
bool has_program(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}
/// A shell word: the text in single quotes.
std::string shell_word(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
int shell(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
bool is_compound_file(const std::string& bytes) { return bytes.rfind("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0) == 0; }

std::string sample_docx() { return slurp(test::repo_path("templates/letters/coroner-letter.docx")); }

/// The position of the only occurrence of `what` in `bytes` (REQUIREd unique).
std::size_t only(const std::string& bytes, const std::string& what) {
  std::size_t at = bytes.find(what);
  REQUIRE(at != std::string::npos);
  REQUIRE(bytes.find(what, at + 1) == std::string::npos);
  return at;
}

/// The EncryptedPackage stream's first 8 bytes: the package's size, little-endian.
std::string size_field(std::size_t size) {
  std::string le(8, '\0');
  for (int i = 0; i < 8; ++i) le[static_cast<std::size_t>(i)] = static_cast<char>((size >> (8 * i)) & 0xff);
  return le;
}

}  // namespace

TEST_CASE("a .docx encrypted as Word does it decrypts back to the same bytes", "[encryption]") {
  const std::string zip = sample_docx();
  REQUIRE(zip.rfind("PK", 0) == 0);
  std::string why;
  auto file = security::encrypt_office_package(zip, kPassword, why);
  INFO(why);
  REQUIRE(file);
  CHECK(is_compound_file(*file));
  CHECK(security::is_encrypted_office_file(*file));
  CHECK_FALSE(security::is_encrypted_office_file(zip));
  // The descriptor says what Word writes: agile encryption, AES-256, SHA-512, 100,000 spins.
  CHECK(file->find("<keyData saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\" "
                   "cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\"") != std::string::npos);
  CHECK(file->find("spinCount=\"100000\"") != std::string::npos);
  CHECK(file->find("<dataIntegrity encryptedHmacKey=") != std::string::npos);
  // Nothing of the document is left in the clear.
  CHECK(file->find("word/document.xml") == std::string::npos);

  security::DecryptProblem problem = security::DecryptProblem::Damaged;
  auto back = security::decrypt_office_package(*file, kPassword, why, &problem);
  INFO(why);
  REQUIRE(back);
  CHECK(problem == security::DecryptProblem::None);
  CHECK(*back == zip);

  // Random salts and keys: the same document and password never give the same file.
  auto again = security::encrypt_office_package(zip, kPassword, why);
  REQUIRE(again);
  CHECK(*again != *file);
  CHECK(security::decrypt_office_package(*again, kPassword, why) == zip);

  // A package of exactly one segment, and one a byte over, round-trip too.
  for (std::size_t size : {std::size_t{1}, std::size_t{4096}, std::size_t{4097}, std::size_t{3 * 4096 + 15}}) {
    std::string bytes(size, 'x');
    for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(i * 7 + 3);
    auto enc = security::encrypt_office_package(bytes, "pw", why);
    REQUIRE(enc);
    CHECK(security::decrypt_office_package(*enc, "pw", why) == bytes);
  }
}

TEST_CASE("the decryptor refuses a wrong password and says so", "[encryption]") {
  std::string why;
  auto file = security::encrypt_office_package(sample_docx(), kPassword, why);
  REQUIRE(file);
  security::DecryptProblem problem = security::DecryptProblem::None;
  CHECK_FALSE(security::decrypt_office_package(*file, "correct horse battery", why, &problem));
  CHECK(problem == security::DecryptProblem::WrongPassword);
  CHECK(why == "the password is not the document's password");
  CHECK_FALSE(security::decrypt_office_package(*file, "", why, &problem));
  CHECK(problem == security::DecryptProblem::WrongPassword);
}

TEST_CASE("encrypting refuses an empty or overlong password and an empty document", "[encryption]") {
  std::string why;
  CHECK_FALSE(security::encrypt_office_package(sample_docx(), "", why));
  CHECK(why == "the password is empty");
  CHECK_FALSE(security::encrypt_office_package(sample_docx(), std::string(256, 'a'), why));
  CHECK(why == "the password is longer than the 255 characters Word accepts");
  CHECK(security::encrypt_office_package("PK", std::string(255, 'a'), why));
  CHECK_FALSE(security::encrypt_office_package(sample_docx(), "bad \xff byte", why));
  CHECK(why == "the password is not valid UTF-8 text");
  CHECK_FALSE(security::encrypt_office_package("", "pw", why));
  CHECK(why == "there is no document to encrypt");
}

TEST_CASE("an independent reader (msoffcrypto-tool) decrypts our file to exactly the package", "[encryption][msoffcrypto]") {
  if (!has_program("msoffcrypto-tool")) {
    WARN("skipped: msoffcrypto-tool (python3-msoffcrypto-tool) is not installed");
    return;
  }
  test::TempDir tmp;
  const std::string zip = sample_docx();
  std::string why;
  auto file = security::encrypt_office_package(zip, kPassword, why);
  REQUIRE(file);
  spill(tmp.path / "enc.docx", *file);
  const std::string in = shell_word((tmp.path / "enc.docx").string()), out = shell_word((tmp.path / "out.docx").string());
  CHECK(shell("msoffcrypto-tool -p " + shell_word(kPassword) + " " + in + " " + out + " 2>/dev/null") == 0);
  CHECK(slurp(tmp.path / "out.docx") == zip);
  // With its integrity check (the HMAC over EncryptedPackage) and its own test of encryption.
  CHECK(shell("/usr/bin/python3 -c " +
              shell_word("import io, sys, msoffcrypto\n"
                     "f = msoffcrypto.OfficeFile(open(sys.argv[1], 'rb'))\n"
                     "assert f.is_encrypted()\n"
                     "f.load_key(password=sys.argv[2], verify_password=True)\n"
                     "o = io.BytesIO(); f.decrypt(o, verify_integrity=True)\n"
                     "sys.exit(0 if o.getvalue() == open(sys.argv[3], 'rb').read() else 3)\n") +
              " " + in + " " + shell_word(kPassword) + " " + out + " 2>/dev/null") == 0);
  // A wrong password fails (msoffcrypto-tool leaves an empty output file behind).
  fs::remove(tmp.path / "out.docx");
  CHECK(shell("msoffcrypto-tool -p 'correct horse' " + in + " " + out + " >/dev/null 2>&1") != 0);
  CHECK(slurp(tmp.path / "out.docx") != zip);
}

// LibreOffice has no command-line option for a document's password, and python3-uno (its Python
// bridge) is not installed here, so a Basic macro in a private profile opens the document with
// the password and saves its text; --convert-to (no password) must fail to open it.
TEST_CASE("LibreOffice opens the encrypted .docx with its password and not without", "[encryption][soffice]") {
  if (!has_program("soffice")) {
    WARN("skipped: LibreOffice (soffice) is not installed");
    return;
  }
  test::TempDir tmp;
  std::string why;
  // A filled letter, so that its text can be looked for.
  tmp.write("pw", kPassword + "\n");
  auto letters = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people", "-o",
                      (tmp.path / "out").string(), "--encrypt", "--password-file", (tmp.path / "pw").string()});
  INFO(letters.err);
  REQUIRE(letters.status == 0);
  const fs::path enc = tmp.path / "out" / "1.docx";
  REQUIRE(is_compound_file(slurp(enc)));
  const std::string profile = "-env:UserInstallation=file://" + (tmp.path / "lo").string();

  // Without a password: LibreOffice cannot load it (and makes a profile to put the macro in).
  int plain = shell("cd " + shell_word(tmp.path.string()) + " && timeout 300 soffice " + shell_word(profile) +
                    " --headless --norestore --convert-to pdf --outdir " + shell_word((tmp.path / "pdf").string()) + " " +
                    shell_word(enc.string()) + " >/dev/null 2>&1");
  INFO("soffice --convert-to exit status " << plain);
  CHECK_FALSE(fs::exists(tmp.path / "pdf" / "1.pdf"));
  const fs::path module = tmp.path / "lo" / "user" / "basic" / "Standard" / "Module1.xba";
  REQUIRE(fs::exists(module));
  spill(module,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!DOCTYPE script:module PUBLIC \"-//OpenOffice.org//DTD OfficeDocument 1.0//EN\" \"module.dtd\">\n"
        "<script:module xmlns:script=\"http://openoffice.org/2000/script\" script:name=\"Module1\" script:language=\"StarBasic\">\n"
        "Sub OpenWith(inUrl As String, pw As String, outUrl As String)\n"
        "  Dim args(2) As New com.sun.star.beans.PropertyValue\n"
        "  args(0).Name = &quot;Hidden&quot; : args(0).Value = True\n"
        "  args(1).Name = &quot;Password&quot; : args(1).Value = pw\n"
        "  args(2).Name = &quot;InteractionHandler&quot; : args(2).Value = Nothing\n"
        "  Dim doc As Object\n"
        "  On Error GoTo done\n"
        "  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, args())\n"
        "  If IsNull(doc) Then GoTo done\n"
        "  Dim out(0) As New com.sun.star.beans.PropertyValue\n"
        "  out(0).Name = &quot;FilterName&quot; : out(0).Value = &quot;Text&quot;\n"
        "  doc.storeToURL(outUrl, out())\n"
        "  doc.close(True)\n"
        "done:\n"
        "  StarDesktop.terminate()\n"
        "End Sub\n"
        "</script:module>\n");
  auto open_with = [&](const std::string& password, const fs::path& text) {
    std::string macro = "macro:///Standard.Module1.OpenWith(\"file://" + enc.string() + "\",\"" + password + "\",\"file://" +
                        text.string() + "\")";
    return shell("cd " + shell_word(tmp.path.string()) + " && timeout 300 soffice " + shell_word(profile) +
                 " --headless --invisible --norestore " + shell_word(macro) + " >/dev/null 2>&1");
  };
  open_with("correct horse", tmp.path / "wrong.txt");
  CHECK_FALSE(fs::exists(tmp.path / "wrong.txt"));
  open_with(kPassword, tmp.path / "right.txt");
  REQUIRE(fs::exists(tmp.path / "right.txt"));
  std::string text = slurp(tmp.path / "right.txt");
  CHECK_THAT(text, Catch::Contains("Dear Ms Amara Okafor,"));
  CHECK_THAT(text, Catch::Contains("This is a serious case review."));
}

TEST_CASE("damaged and hostile encrypted files give a reason, never a crash", "[encryption][hostile]") {
  const std::string zip = sample_docx();
  std::string why;
  auto good = security::encrypt_office_package(zip, "pw", why);
  REQUIRE(good);
  security::DecryptProblem problem = security::DecryptProblem::None;
  auto fails_with = [&](const std::string& bytes, security::DecryptProblem expected, const std::string& words) {
    why.clear();
    auto r = security::decrypt_office_package(bytes, "pw", why, &problem);
    CHECK_FALSE(r);
    CHECK(problem == expected);
    CHECK_THAT(why, Catch::Contains(words));
  };

  SECTION("not an encrypted file") {
    fails_with("", security::DecryptProblem::NotEncrypted, "not an Office document encrypted with a password");
    fails_with(zip, security::DecryptProblem::NotEncrypted, "not an Office document encrypted with a password");
    std::string cfb_head = good->substr(0, 512);
    fails_with(cfb_head, security::DecryptProblem::NotEncrypted, "not an Office document encrypted");
    CHECK_FALSE(security::is_encrypted_office_file(cfb_head));
  }
  SECTION("cut short anywhere") {
    for (std::size_t cut = 0; cut < good->size(); cut += good->size() / 37 + 1) {
      INFO("cut at " << cut);
      std::string bytes = good->substr(0, cut);
      security::is_encrypted_office_file(bytes);
      CHECK_FALSE(security::decrypt_office_package(bytes, "pw", why));
    }
  }
  SECTION("random bytes, with and without the compound file's signature") {
    std::mt19937 rng(20251201);
    for (int i = 0; i < 40; ++i) {
      std::string bytes(static_cast<std::size_t>(rng() % 5000), '\0');
      for (auto& b : bytes) b = static_cast<char>(rng());
      if (i % 2 && bytes.size() >= 8) bytes.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
      CHECK_FALSE(security::decrypt_office_package(bytes, "pw", why));
      CHECK_FALSE(security::is_encrypted_office_file(bytes));
    }
    // The real header and directory with random sectors after them.
    for (int i = 0; i < 20; ++i) {
      std::string bytes = *good;
      for (std::size_t k = 512 + rng() % 512; k < bytes.size(); k += 1 + rng() % 97) bytes[k] = static_cast<char>(rng());
      CHECK_FALSE(security::decrypt_office_package(bytes, "pw", why));
    }
  }
  SECTION("the fuzz target's seeds decrypt, and the inputs it found are refused") {
    std::size_t seeds = 0, found = 0;
    for (const auto& e : fs::directory_iterator(test::repo_path("tests/fuzz/regressions"))) {
      std::string name = e.path().filename().string();
      if (name.rfind("crypt-", 0) != 0) continue;
      std::string bytes = slurp(e.path());
      INFO(name);
      if (name.rfind("crypt-seed-", 0) == 0) {
        ++seeds;
        CHECK(security::decrypt_office_package(bytes, "pw", why).value_or("").rfind("PK", 0) == 0);
      } else {
        ++found;
        CHECK_FALSE(security::decrypt_office_package(bytes, "pw", why));
        CHECK_FALSE(why.empty());
      }
    }
    CHECK(seeds == 2);
    CHECK(found >= 2);
  }
  SECTION("a byte of the encrypted document changed: the HMAC tells") {
    std::string bytes = *good;
    std::size_t size_at = only(bytes, size_field(zip.size()));
    bytes[size_at + 8 + 1000] = static_cast<char>(bytes[size_at + 8 + 1000] ^ 0x01);
    fails_with(bytes, security::DecryptProblem::Damaged, "its integrity check (HMAC) fails");
  }
  SECTION("the size it declares for the document is huge, too large or nothing") {
    std::size_t at = only(*good, size_field(zip.size()));
    std::string huge = *good;
    huge.replace(at, 8, std::string("\x00\x00\x00\x00\x00\x01\x00\x00", 8));  // 2^40 bytes
    fails_with(huge, security::DecryptProblem::Damaged, "more than the 256 MB reviewkit reads");
    std::string longer = *good;
    longer[at + 2] = static_cast<char>(longer[at + 2] + 1);  // 64 KB more than it holds
    fails_with(longer, security::DecryptProblem::Damaged, "the file is cut short or damaged");
    std::string none = *good;
    none.replace(at, 8, std::string(8, '\0'));
    fails_with(none, security::DecryptProblem::Damaged, "it says the document inside is empty");
  }
  SECTION("a descriptor asking for other algorithms or too much work") {
    // Edited in place, keeping the stream's length: the XML is stored as it is.
    std::string bytes = *good;
    std::size_t at = bytes.find("hashAlgorithm=\"SHA512\" saltValue");  // keyData's, the first
    REQUIRE(at != std::string::npos);
    bytes.replace(at, 22, "hashAlgorithm=\"MD5512\"");
    fails_with(bytes, security::DecryptProblem::Unsupported, "which reviewkit does not read");
    bytes = *good;
    bytes.replace(only(bytes, " standalone=\"yes\""), 17, std::string(15, ' '));
    std::size_t spin = only(bytes, "spinCount=\"100000\"");
    bytes.replace(spin, 18, "spinCount=\"20000000\"");  // two characters more, as many as were taken
    fails_with(bytes, security::DecryptProblem::Damaged, "asks for 20000000 hash iterations, more than the 10000000");
    bytes = *good;
    at = bytes.find("keyBits=\"256\"");
    REQUIRE(at != std::string::npos);
    bytes.replace(at, 13, "keyBits=\"999\"");
    fails_with(bytes, security::DecryptProblem::Unsupported, "which reviewkit does not read");
    bytes = *good;
    bytes.replace(only(bytes, "<dataIntegrity "), 15, "<dataIntegritX ");
    fails_with(bytes, security::DecryptProblem::Damaged, "it has no integrity check (dataIntegrity)");
    bytes = *good;
    bytes.replace(only(bytes, "<keyData "), 9, "<keyData<");
    fails_with(bytes, security::DecryptProblem::Damaged, "its encryption descriptor is damaged");
  }
}

TEST_CASE("fill --encrypt writes a .docx Word asks a password for, mode 0600, beside an encrypted PDF", "[encryption][cli]") {
  test::TempDir tmp;
  tmp.write("pw", kPassword + "\n");
  const std::string pw = (tmp.path / "pw").string();
  const std::string case_file = test::repo_path("samples/child-a/case.yaml").string();
  const std::string tmpl = test::repo_path("templates/letters/anonymisation-key.docx").string();
  const fs::path docx = tmp.path / "out.docx", pdf = tmp.path / "out.pdf";
  auto r = run({"fill", tmpl, case_file, "-o", docx.string(), "--format", "docx,pdf", "--encrypt", "--password-file", pw,
                "--today", "2025-06-30"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "wrote " + docx.string() + "\nwrote " + pdf.string() + "\n");
  std::string bytes = slurp(docx);
  CHECK(is_compound_file(bytes));
  CHECK(slurp(pdf).find("/Encrypt") != std::string::npos);
  for (const auto& f : {docx, pdf}) {
    struct stat st{};
    REQUIRE(::stat(f.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  std::string why;
  auto zip = security::decrypt_office_package(bytes, kPassword, why);
  INFO(why);
  REQUIRE(zip);
  spill(tmp.path / "plain.docx", *zip);
  CHECK_THAT(test::docx_part(tmp.path / "plain.docx", "word/document.xml"), Catch::Contains("Anonymisation key (coding schedule)"));

  // The same without --encrypt is a plain zip package.
  auto plain = run({"fill", tmpl, case_file, "-o", (tmp.path / "open.docx").string(), "--today", "2025-06-30"});
  REQUIRE(plain.status == 0);
  CHECK(slurp(tmp.path / "open.docx").rfind("PK", 0) == 0);

  // Reading an encrypted .docx (a template, a document to scan or render) says it is protected.
  const std::string protected_words = "the document is protected with a password (Word's Encrypt with Password)";
  auto as_template = run({"fill", docx.string(), case_file, "-o", (tmp.path / "x.docx").string()});
  CHECK(as_template.status == 1);
  CHECK_THAT(as_template.err, Catch::Contains(protected_words));
  auto rendered = run({"render", docx.string(), "-o", (tmp.path / "x.pdf").string()});
  CHECK(rendered.status != 0);
  CHECK_THAT(rendered.err, Catch::Contains(protected_words));
  auto scanned = run({"scan", docx.string(), "--case", case_file});
  CHECK(scanned.status != 0);
  CHECK_THAT(scanned.err + scanned.out, Catch::Contains(protected_words));
  CHECK_FALSE(fs::exists(tmp.path / "x.docx"));
  CHECK_FALSE(fs::exists(tmp.path / "x.pdf"));
}

TEST_CASE("generate and letters --encrypt protect every .docx, the combined one too", "[encryption][cli]") {
  test::TempDir tmp;
  tmp.write("pw", kPassword + "\n");
  const std::string pw = (tmp.path / "pw").string();
  const fs::path out = tmp.path / "out";
  auto r = run({"generate", test::repo_path("samples/child-a/case.yaml").string(), "--doc", "coroner-letter", "-o",
                out.string(), "--format", "docx", "--encrypt", "--password-file", pw, "--today", "2025-03-01"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  std::string bytes = slurp(out / "coroner-letter" / "Coroner.docx");
  CHECK(is_compound_file(bytes));
  CHECK_FALSE(fs::exists(out / "coroner-letter" / "Coroner.pdf"));
  std::string why;
  CHECK(security::decrypt_office_package(bytes, kPassword, why).value_or("").rfind("PK", 0) == 0);

  auto letters = run({"letters", fixture("wordlike-letter.docx"), fixture("letters-data.yaml"), "--each", "people",
                      "--combined", (tmp.path / "all.docx").string(), "--encrypt", "--password-file", pw});
  INFO(letters.err);
  REQUIRE(letters.status == 0);
  auto all = security::decrypt_office_package(slurp(tmp.path / "all.docx"), kPassword, why);
  REQUIRE(all);
  spill(tmp.path / "all-plain.docx", *all);
  CHECK_THAT(test::docx_part(tmp.path / "all-plain.docx", "word/document.xml"), Catch::Contains("Mr Tomasz Nowak"));
}

TEST_CASE("a Milton Keynes case's documents are protected with its reference number", "[encryption][cli][milton-keynes]") {
  test::TempDir tmp;
  std::string text = test::read_fixture("cases/minimal.yaml");
  auto change = [&](const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  change("board: northbrook", "board: milton-keynes");
  change("  referrer: {name: Test Referrer", "  dfe: {name: Test DfE}\n  referrer: {name: Test Referrer");
  tmp.write("case.yaml", text);
  const std::string case_file = (tmp.path / "case.yaml").string();
  const fs::path out = tmp.path / "out";
  auto r = run({"generate", case_file, "--doc", "referral-acknowledgement", "-o", out.string(), "--format", "docx,pdf",
                "--today", "2025-01-20"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.err, Catch::Contains("reviewkit generate: warning: the board profile "));
  CHECK_THAT(r.err, Catch::Contains("(protect_documents: reference_number) protects every document with the case's "
                                    "reference number"));
  CHECK_THAT(r.err, Catch::Contains("A reference number is a weak password: anyone who knows the case can guess it."));
  CHECK(r.err.find("TEST/SCR/01") == std::string::npos);  // the password is not printed
  std::size_t docx = 0, pdf = 0;
  std::string why;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (!e.is_regular_file()) continue;
    std::string bytes = slurp(e.path());
    INFO(e.path());
    if (e.path().extension() == ".docx") {
      ++docx;
      CHECK(security::decrypt_office_package(bytes, "TEST/SCR/01", why).value_or("").rfind("PK", 0) == 0);
    } else if (e.path().extension() == ".pdf") {
      ++pdf;
      CHECK(bytes.find("/Encrypt") != std::string::npos);
    }
  }
  CHECK(docx >= 1);
  CHECK(pdf >= 1);

  // A password given with --encrypt is used instead, without the warning.
  tmp.write("pw", "a much better passphrase\n");
  auto given = run({"generate", case_file, "--doc", "referral-acknowledgement", "-o", (tmp.path / "out2").string(),
                    "--format", "docx", "--today", "2025-01-20", "--encrypt", "--password-file", (tmp.path / "pw").string()});
  INFO(given.err);
  REQUIRE(given.status == 0);
  CHECK(given.err.find("weak password") == std::string::npos);
  for (const auto& e : fs::recursive_directory_iterator(tmp.path / "out2"))
    if (e.is_regular_file()) {
      std::string bytes = slurp(e.path());
      CHECK(security::decrypt_office_package(bytes, "a much better passphrase", why));
      CHECK_FALSE(security::decrypt_office_package(bytes, "TEST/SCR/01", why));
    }

  // Without a reference number there is no password: an error that names the field.
  change("reference: TEST/SCR/01", "reference: \"  \"");
  tmp.write("case.yaml", text);
  auto none = run({"generate", case_file, "--doc", "referral-acknowledgement", "-o", (tmp.path / "out3").string(),
                   "--today", "2025-01-20"});
  CHECK(none.status == 1);
  CHECK_THAT(none.err, Catch::Contains("review.reference"));
  CHECK_FALSE(fs::exists(tmp.path / "out3"));
}
