// The zip writer and reader at their limits (issue 8): more entries than the classic end record
// counts need a ZIP64 end record; a reader of any other tool must then see every entry.
#include <catch2/catch.hpp>

#include <zip.h>

#include "ooxml/package.hpp"
#include "ooxml/xml_tokens.hpp"

using namespace reviewkit;

TEST_CASE("a zip of 70,000 entries gets a ZIP64 end record that libzip reads", "[package]") {
  ooxml::ZipWriter zip;
  for (int i = 0; i < 70000; ++i) zip.add("customXml/item" + std::to_string(i) + ".xml", "<a/>", false);
  std::string bytes = zip.finish();
  CHECK(bytes.find(std::string("PK\x06\x06", 4)) != std::string::npos);  // the ZIP64 end record
  CHECK(bytes.find(std::string("PK\x06\x07", 4)) != std::string::npos);  // and its locator
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  REQUIRE(source);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  REQUIRE(archive);
  CHECK(zip_get_num_entries(archive, 0) == 70000);
  zip_discard(archive);
  // reviewkit's own reader refuses so many entries, with the reason.
  std::string why;
  CHECK_FALSE(ooxml::Package::from_bytes(bytes, why));
  CHECK(why.find("the package has 70000 entries, more than the 10000 reviewkit accepts") != std::string::npos);
}

TEST_CASE("a small zip keeps the classic end record", "[package]") {
  ooxml::ZipWriter zip;
  zip.add("[Content_Types].xml", "<Types/>");
  std::string bytes = zip.finish();
  CHECK(bytes.find(std::string("PK\x06\x06", 4)) == std::string::npos);
  std::string why;
  auto package = ooxml::Package::from_bytes(bytes, why);
  REQUIRE(package);
  CHECK(package->read("[Content_Types].xml") == "<Types/>");
}

TEST_CASE("WordprocessingML under another prefix is renamed to w:", "[package]") {
  std::string why;
  auto renamed = ooxml::with_word_prefix(
      "<?xml version=\"1.0\"?><x:document xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<x:body><x:p x:rsidR=\"00A1\"><x:r><x:t xml:space=\"preserve\">a > b</x:t></x:r></x:p></x:body></x:document>",
      why);
  REQUIRE(renamed);
  CHECK(*renamed ==
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:body><w:p w:rsidR=\"00A1\"><w:r><w:t xml:space=\"preserve\">a > b</w:t></w:r></w:p></w:body></w:document>");
  CHECK_FALSE(ooxml::with_word_prefix("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>", why));
  CHECK(why.empty());
}

TEST_CASE("prefix renaming copes with spaces around = and with w: bound as well", "[package]") {
  const std::string ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  std::string why;
  auto spaced = ooxml::with_word_prefix("<x:document xmlns:x = \"" + ns + "\"><x:body x:a = 'v'/></x:document>", why);
  REQUIRE(spaced);
  CHECK(*spaced == "<w:document xmlns:w = \"" + ns + "\"><w:body w:a = 'v'/></w:document>");
  // x: and w: both bound to WordprocessingML: one declaration of w: is left.
  auto both = ooxml::with_word_prefix("<x:document xmlns:x=\"" + ns + "\" xmlns:w=\"" + ns + "\"><x:p/><w:p/></x:document>", why);
  REQUIRE(both);
  CHECK(*both == "<w:document xmlns:w=\"" + ns + "\"><w:p/><w:p/></w:document>");
  // The default namespace with w: bound too (attributes need a prefix): elements get w:.
  auto with_default = ooxml::with_word_prefix("<document xmlns=\"" + ns + "\" xmlns:w=\"" + ns + "\"><p w:rsidR=\"1\"/></document>", why);
  REQUIRE(with_default);
  CHECK(*with_default == "<w:document xmlns=\"" + ns + "\" xmlns:w=\"" + ns + "\"><w:p w:rsidR=\"1\"/></w:document>");
}

TEST_CASE("a document of one paragraph repeated is not taken for a zip bomb", "[package]") {
  // Real documents can repeat themselves: a batch of combined letters shrinks about 130 times, one
  // paragraph repeated about 240 times. Only the ratio of a bomb (near deflate's 1,030) is refused.
  std::string para = "<w:p w:rsidR=\"00A0B1C2\"><w:r><w:t>The agency saw the family on this day.</w:t></w:r></w:p>";
  std::string body;
  while (body.size() < (2u << 20)) body += para;
  ooxml::ZipWriter zip;
  zip.add("[Content_Types].xml", "<Types/>");
  zip.add("word/document.xml", "<w:document><w:body>" + body + "</w:body></w:document>");
  std::string why;
  CHECK(ooxml::Package::from_bytes(zip.finish(), why));
  CHECK(why.empty());
  ooxml::ZipWriter bomb;
  bomb.add("[Content_Types].xml", "<Types/>");
  bomb.add("word/document.xml", "<w:document>" + std::string(8u << 20, ' ') + "</w:document>");
  CHECK_FALSE(ooxml::Package::from_bytes(bomb.finish(), why));
  CHECK(why.find("times larger than it is stored") != std::string::npos);
}
