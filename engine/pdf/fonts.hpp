// reviewkit/pdf — the fonts a document asks for, found on this machine and measured.
//
// Word's fonts map to installed TrueType fonts: Arial, Times New Roman, Calibri, Cambria and
// Courier New to their metric-compatible Debian fonts (Liberation, Carlito, Caladea), so lines break
// where Word breaks them; anything else through fontconfig. A font that is not installed is
// substituted (with a warning naming it once); a character no font has is drawn as a visible box.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/utf8.hpp"

namespace reviewkit::pdf {

/// One font file at one weight and slant, measured with FreeType.
class Face {
 public:
  ~Face();
  const std::string& path() const { return path_; }
  const std::string& family() const { return family_; }
  bool bold() const { return bold_; }
  bool italic() const { return italic_; }
  /// Advance width of a character in 1/1000 em; 0 when the font does not have it.
  double advance(char32_t c);
  bool has(char32_t c);
  /// Pair kerning between two characters in 1/1000 em (negative: closer); 0 when the font has none.
  double kerning(char32_t left, char32_t right);
  double ascent() const { return ascent_; }    ///< em units × 1000, as Word measures a line
  double descent() const { return descent_; }  ///< positive
  double underline_position() const { return underline_pos_; }
  double underline_thickness() const { return underline_thick_; }

 private:
  friend class FontBook;
  std::string path_, family_;
  bool bold_ = false, italic_ = false;
  void* ft_face_ = nullptr;
  double units_ = 1000;
  double ascent_ = 900, descent_ = 200, underline_pos_ = -100, underline_thick_ = 50;
  std::map<char32_t, double> widths_;
  std::map<std::pair<char32_t, char32_t>, double> kerning_;
};

class FontBook {
 public:
  FontBook();
  ~FontBook();
  FontBook(const FontBook&) = delete;
  FontBook& operator=(const FontBook&) = delete;

  /// The face for a Word font name; never null (substitutes when the font is missing).
  Face* face(const std::string& family, bool bold, bool italic);
  /// A face that has `c`, trying the given one first, then fallbacks; null when none has it.
  Face* face_for(Face* preferred, char32_t c);
  /// Starts a new document: from now on substitutions() names only the fonts it asks for. One
  /// FontBook serves a whole batch (fonts are found and measured once), owned by whoever runs it.
  void begin_document() { asked_.clear(); }
  /// Fonts the current document asked for that are not installed, with what replaced them.
  std::map<std::string, std::string> substitutions() const;

 private:
  std::string find_file(const std::string& family, bool bold, bool italic, bool& exact);
  void* library_ = nullptr;
  std::map<std::string, std::unique_ptr<Face>> faces_;  // by path
  std::map<std::string, Face*> by_request_;
  std::map<std::string, std::string> substitutions_;  // every font not installed, ever asked for
  std::set<std::string> asked_;                        // the families the current document asked for
  std::vector<Face*> fallbacks_;
};


}  // namespace reviewkit::pdf
