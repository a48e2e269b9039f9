#include "fonts.hpp"
#include "common/text.hpp"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace reviewkit::pdf {

Face::~Face() {
  if (ft_face_) FT_Done_Face(static_cast<FT_Face>(ft_face_));
}

bool Face::has(char32_t c) {
  return c == ' ' || FT_Get_Char_Index(static_cast<FT_Face>(ft_face_), static_cast<FT_ULong>(c)) != 0;
}

double Face::kerning(char32_t left, char32_t right) {
  FT_Face f = static_cast<FT_Face>(ft_face_);
  if (!FT_HAS_KERNING(f)) return 0;
  auto key = std::make_pair(left, right);
  if (auto it = kerning_.find(key); it != kerning_.end()) return it->second;
  FT_Vector k{0, 0};
  FT_Get_Kerning(f, FT_Get_Char_Index(f, static_cast<FT_ULong>(left)), FT_Get_Char_Index(f, static_cast<FT_ULong>(right)),
                 FT_KERNING_UNSCALED, &k);
  double v = static_cast<double>(k.x) * 1000.0 / units_;
  kerning_[key] = v;
  return v;
}

double Face::advance(char32_t c) {
  auto it = widths_.find(c);
  if (it != widths_.end()) return it->second;
  FT_Face f = static_cast<FT_Face>(ft_face_);
  double w = 0;
  FT_UInt glyph = FT_Get_Char_Index(f, static_cast<FT_ULong>(c));
  if (glyph && FT_Load_Glyph(f, glyph, FT_LOAD_NO_SCALE | FT_LOAD_IGNORE_TRANSFORM) == 0)
    w = static_cast<double>(f->glyph->metrics.horiAdvance) * 1000.0 / units_;
  widths_[c] = w;
  return w;
}

FontBook::FontBook() {
  FT_Library lib = nullptr;
  if (FT_Init_FreeType(&lib) != 0) throw std::runtime_error("FreeType could not start");
  library_ = lib;
  FcInit();
  // Fallbacks for characters the document's font lacks.
  for (const char* family : {"DejaVu Sans", "Liberation Sans", "DejaVu Serif"}) {
    Face* f = face(family, false, false);
    if (std::find(fallbacks_.begin(), fallbacks_.end(), f) == fallbacks_.end()) fallbacks_.push_back(f);
  }
  substitutions_.clear();
  asked_.clear();
}

std::map<std::string, std::string> FontBook::substitutions() const {
  std::map<std::string, std::string> out;
  for (const auto& [asked, used] : substitutions_)
    if (asked_.count(asked)) out[asked] = used;
  return out;
}

FontBook::~FontBook() {
  faces_.clear();
  if (library_) FT_Done_FreeType(static_cast<FT_Library>(library_));
}

namespace {
std::string lower(const std::string& s) { return ascii_lower(s); }
}  // namespace

std::string FontBook::find_file(const std::string& family, bool bold, bool italic, bool& exact) {
  // Word's common fonts and their metric-compatible equivalents.
  static const std::map<std::string, std::string> equivalents = {
      {"arial", "Liberation Sans"},          {"helvetica", "Liberation Sans"},
      {"times new roman", "Liberation Serif"}, {"times", "Liberation Serif"},
      {"courier new", "Liberation Mono"},    {"calibri", "Carlito"},
      {"calibri light", "Carlito"},          {"cambria", "Caladea"},
      {"arial narrow", "Liberation Sans Narrow"},
  };
  std::string wanted = family;
  if (auto it = equivalents.find(lower(family)); it != equivalents.end()) wanted = it->second;
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(wanted.c_str()));
  FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pattern, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
  FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  std::string path, matched_family;
  if (match) {
    FcChar8* file = nullptr;
    FcChar8* fam = nullptr;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) path = reinterpret_cast<const char*>(file);
    if (FcPatternGetString(match, FC_FAMILY, 0, &fam) == FcResultMatch) matched_family = reinterpret_cast<const char*>(fam);
    FcPatternDestroy(match);
  }
  FcPatternDestroy(pattern);
  exact = lower(matched_family) == lower(wanted);
  return path;
}

Face* FontBook::face(const std::string& family, bool bold, bool italic) {
  std::string key = family + (bold ? "|b" : "|") + (italic ? "i" : "");
  asked_.insert(family);
  if (auto it = by_request_.find(key); it != by_request_.end()) return it->second;
  bool exact = false;
  std::string path = find_file(family.empty() ? "Liberation Serif" : family, bold, italic, exact);
  // Only TrueType and OpenType-TrueType files can be embedded as subsets.
  auto ends = [&](const char* ext) {
    return path.size() >= 4 && lower(path.substr(path.size() - 4)) == ext;
  };
  if (path.empty() || !(ends(".ttf") || ends(".ttc") || ends(".otf"))) {
    bool ignored = false;
    path = find_file("Liberation Sans", bold, italic, ignored);
    exact = false;
  }
  if (!exact) {
    substitutions_[family] = "";  // filled below with the family used
  }
  auto found = faces_.find(path);
  if (found == faces_.end()) {
    FT_Face f = nullptr;
    if (FT_New_Face(static_cast<FT_Library>(library_), path.c_str(), 0, &f) != 0)
      throw std::runtime_error("the font file " + path + " cannot be read");
    auto face = std::make_unique<Face>();
    face->path_ = path;
    face->family_ = f->family_name ? f->family_name : family;
    face->bold_ = (f->style_flags & FT_STYLE_FLAG_BOLD) != 0;
    face->italic_ = (f->style_flags & FT_STYLE_FLAG_ITALIC) != 0;
    face->ft_face_ = f;
    face->units_ = f->units_per_EM ? f->units_per_EM : 1000;
    // Word's line height comes from the OS/2 table's Windows ascent and descent.
    auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2));
    if (os2 && os2->version != 0xFFFF && (os2->fsSelection & (1u << 7))) {
      // The font asks for its typographic metrics (USE_TYPO_METRICS): ascender, descender, gap.
      face->ascent_ = os2->sTypoAscender * 1000.0 / face->units_;
      face->descent_ = (-os2->sTypoDescender + os2->sTypoLineGap) * 1000.0 / face->units_;
    } else if (os2 && os2->usWinAscent) {
      face->ascent_ = os2->usWinAscent * 1000.0 / face->units_;
      face->descent_ = os2->usWinDescent * 1000.0 / face->units_;
      // A line is as tall as the Windows metrics or the horizontal header's ascender, descender and
      // line gap, whichever is more (as LibreOffice measures Word documents' lines).
      if (auto* hhea = static_cast<TT_HoriHeader*>(FT_Get_Sfnt_Table(f, FT_SFNT_HHEA))) {
        double hhea_total = (hhea->Ascender - hhea->Descender + std::max<int>(0, hhea->Line_Gap)) * 1000.0 / face->units_;
        double win_total = face->ascent_ + face->descent_;
        if (hhea_total > win_total) face->descent_ += hhea_total - win_total;
      }
    } else {
      face->ascent_ = f->ascender * 1000.0 / face->units_;
      face->descent_ = -f->descender * 1000.0 / face->units_;
    }
    face->underline_pos_ = f->underline_position * 1000.0 / face->units_;
    face->underline_thick_ = std::max(30.0, f->underline_thickness * 1000.0 / face->units_);
    found = faces_.emplace(path, std::move(face)).first;
  }
  if (!exact) substitutions_[family] = found->second->family();
  by_request_[key] = found->second.get();
  return found->second.get();
}

Face* FontBook::face_for(Face* preferred, char32_t c) {
  if (preferred->has(c)) return preferred;
  for (Face* f : fallbacks_)
    if (f->has(c)) return f;
  return nullptr;
}

}  // namespace reviewkit::pdf
