#include "stamp.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <podofo/podofo.h>

#include "common/utf8.hpp"
#include "pdf/document.hpp"
#include "pdf/text.hpp"

namespace reviewkit::pdf {

using namespace PoDoFo;

namespace {

PdfString utf8_string(const std::string& s) { return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())); }

PdfObject* resolve(PdfMemDocument& doc, PdfObject* o) {
  for (int depth = 0; o && o->IsReference() && depth < 32; ++depth) o = doc.GetObjects().GetObject(o->GetReference());
  return o && o->IsReference() ? nullptr : o;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", std::abs(v) < 0.0005 ? 0.0 : v);
  return buf;
}

const char* kEncrypted =
    "the PDF is encrypted, and reviewkit does not take another's protection off: give the unprotected original "
    "(or the .docx), and use --encrypt to protect the copies";

// Loads `pdf` into `doc`, or says why it cannot be stamped.
bool load(PdfMemDocument& doc, const std::string& pdf, std::string& why) {
  PdfError::EnableLogging(false);
  if (pdf.find("%PDF-") > 1024) {  // not found near the start (npos too)
    why = "it is not a PDF (it does not start with %PDF-)";
    return false;
  }
  try {
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  } catch (const PdfError& e) {
    if (e.GetError() == ePdfError_InvalidPassword) why = kEncrypted;
    else why = "the PDF cannot be read (" + pdf_error_text(e) + "); check that it opens in a PDF reader";
    return false;
  }
  if (doc.GetEncrypted()) {
    why = kEncrypted;
    return false;
  }
  if (doc.GetPageCount() <= 0) {
    why = "the PDF has no pages";
    return false;
  }
  return true;
}

// The page as the reader sees it: its visible box (CropBox within MediaBox) and its rotation.
struct PageView {
  double llx = 0, lly = 0, width = 0, height = 0;  // in the page's own space
  int rotate = 0;                                   // 0, 90, 180, 270
  double shown_width() const { return rotate % 180 ? height : width; }
  double shown_height() const { return rotate % 180 ? width : height; }
};

PageView view_of(PdfPage& page) {
  auto box = [](const PdfRect& r, double& l, double& b, double& rr, double& t) {
    l = std::min(r.GetLeft(), r.GetLeft() + r.GetWidth());
    rr = std::max(r.GetLeft(), r.GetLeft() + r.GetWidth());
    b = std::min(r.GetBottom(), r.GetBottom() + r.GetHeight());
    t = std::max(r.GetBottom(), r.GetBottom() + r.GetHeight());
  };
  PageView v;
  double l, b, r, t;
  PdfRect media = page.GetMediaBox();
  box(media, l, b, r, t);
  if (r - l < 1 || t - b < 1) l = 0, b = 0, r = 612, t = 792;  // no usable MediaBox: US Letter, as poppler and Acrobat assume
  if (page.GetInheritedKey(PdfName("CropBox"))) {
    double cl, cb, cr, ct;
    box(page.GetCropBox(), cl, cb, cr, ct);
    double nl = std::max(l, cl), nb = std::max(b, cb), nr = std::min(r, cr), nt = std::min(t, ct);
    if (nr - nl >= 1 && nt - nb >= 1) l = nl, b = nb, r = nr, t = nt;  // a CropBox outside the page is ignored, as readers do
  }
  v.llx = l, v.lly = b, v.width = r - l, v.height = t - b;
  if (const PdfObject* rot = page.GetInheritedKey(PdfName("Rotate")); rot && rot->IsNumber()) {
    long long deg = rot->GetNumber();
    deg = ((deg % 360) + 360) % 360;
    v.rotate = static_cast<int>(deg / 90 * 90);  // only multiples of 90 are allowed; readers round down
  } else if (rot && rot->IsReal()) {
    long long deg = static_cast<long long>(rot->GetReal());
    deg = ((deg % 360) + 360) % 360;
    v.rotate = static_cast<int>(deg / 90 * 90);
  }
  return v;
}

// The matrix from the shown page (origin at its lower left, as the reader sees it) to the page's space.
std::string matrix(const PageView& v) {
  double a = 1, b = 0, c = 0, d = 1, e = v.llx, f = v.lly;
  switch (v.rotate) {
    case 90: a = 0, b = 1, c = -1, d = 0, e = v.llx + v.width, f = v.lly; break;
    case 180: a = -1, b = 0, c = 0, d = -1, e = v.llx + v.width, f = v.lly + v.height; break;
    case 270: a = 0, b = -1, c = 1, d = 0, e = v.llx, f = v.lly + v.height; break;
    default: break;
  }
  return number(a) + " " + number(b) + " " + number(c) + " " + number(d) + " " + number(e) + " " + number(f) + " cm\n";
}

class Stamper {
 public:
  Stamper(PdfMemDocument& doc, FontBook& fonts) : doc_(doc), fonts_(fonts) {
    regular_ = fonts.face("Arial", false, false);
    bold_ = fonts.face("Arial", true, false);
    multiply_ = std::make_unique<PdfExtGState>(&doc);
    multiply_->SetBlendMode(ePdfBlendMode_Multiply);
  }

  void page(PdfPage& page, const Stamp& stamp) {
    PageView v = view_of(page);
    const double w = v.shown_width(), h = v.shown_height();
    PdfXObject mark(PdfRect(0, 0, w, h), &doc_, "RkCopy");
    PdfPainter p;
    p.SetPage(&mark);
    draw_diagonal(p, stamp.diagonal, w, h);
    draw_lines(p, stamp.line, w, h);
    p.FinishPage();

    PdfDictionary& dict = page.GetObject()->GetDictionary();
    // A page without a MediaBox (which the standard requires) gets the one the mark was placed on.
    if (!page.GetInheritedKey(PdfName("MediaBox"))) {
      PdfVariant box;
      PdfRect(v.llx, v.lly, v.width, v.height).ToVariant(box);
      dict.AddKey(PdfName("MediaBox"), box);
    }
    // Its resources: its own, else a copy of those it inherits, with the mark added.
    PdfObject* resources = resolve(doc_, dict.GetKey(PdfName("Resources")));
    if (!resources || !resources->IsDictionary()) {
      const PdfObject* inherited = page.GetInheritedKey(PdfName("Resources"));
      if (inherited && inherited->IsDictionary()) dict.AddKey(PdfName("Resources"), *inherited);
      else dict.AddKey(PdfName("Resources"), PdfDictionary());
      resources = dict.GetKey(PdfName("Resources"));
    }
    PdfObject* xobjects = resolve(doc_, resources->GetDictionary().GetKey(PdfName("XObject")));
    if (!xobjects || !xobjects->IsDictionary()) {
      resources->GetDictionary().AddKey(PdfName("XObject"), PdfDictionary());
      xobjects = resources->GetDictionary().GetKey(PdfName("XObject"));
    }
    xobjects->GetDictionary().AddKey(mark.GetIdentifier(), mark.GetObjectReference());

    // Its content, whatever it was, between q and Q; the mark after it, on top.
    PdfArray contents;
    PdfObject* save = doc_.GetObjects().CreateObject();
    save->GetStream()->Set("q\n", 2);
    contents.push_back(save->Reference());
    if (PdfObject* c = dict.GetKey(PdfName("Contents"))) {
      PdfObject* target = resolve(doc_, c);
      if (target && target->IsArray()) {
        for (const auto& item : target->GetArray())
          if (item.IsReference()) contents.push_back(item);
      } else if (c->IsReference() && target && target->HasStream()) {
        contents.push_back(*c);
      }
    }
    std::string ops = "Q\nq\n" + matrix(v) + "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\n/" +
                      mark.GetIdentifier().GetName() + " Do\nEMC\nQ\n";
    PdfObject* tail = doc_.GetObjects().CreateObject();
    tail->GetStream()->Set(ops.data(), static_cast<pdf_long>(ops.size()));
    contents.push_back(tail->Reference());
    dict.AddKey(PdfName("Contents"), contents);
  }

 private:
  // A piece of text in one face: a character the face lacks (a name in another script) is drawn
  // in a fallback face that has it.
  struct Run {
    Face* face;
    std::string text;
  };

  std::vector<Run> runs(const std::string& text, Face* base) {
    std::vector<Run> out;
    for (char32_t c : utf32(text)) {
      Face* f = fonts_.face_for(base, c);
      if (!f) f = base;  // no installed font has it: the font's own box
      if (out.empty() || out.back().face != f) out.push_back({f, {}});
      append_utf8(out.back().text, c);
    }
    return out;
  }

  static double width(const std::vector<Run>& rs, double size) {
    double w = 0;
    for (const auto& r : rs) w += text_width(r.text, r.face, size);
    return w;
  }

  PdfFont* font(Face* face) {
    auto it = pdf_fonts_.find(face);
    if (it != pdf_fonts_.end()) return it->second;
    PdfFont* f = doc_.CreateFontSubset(face->family().c_str(), face->bold(), face->italic(), false,
                                       new PdfIdentityEncoding(0, 0xffff, true), face->path().c_str());
    pdf_fonts_[face] = f;
    return f;
  }

  void draw(PdfPainter& p, const std::vector<Run>& rs, double size, double x, double y) {
    for (const auto& r : rs) {
      PdfFont* f = font(r.face);
      f->SetFontSize(static_cast<float>(size));
      p.SetFont(f);
      p.DrawText(x, y, utf8_string(r.text));
      x += text_width(r.text, r.face, size);
    }
  }

  void draw_lines(PdfPainter& p, const std::string& text, double w, double h) {
    const double margin = 18, room = w - 2 * margin;
    double size = 8;
    while (size > 5 && width(runs(text, regular_), size) > room) size -= 0.25;
    std::vector<std::string> lines = wrap_text(text, regular_, size, room);
    if (lines.size() > 3) lines.resize(3);  // the recipient's words are limited; never over the text area
    p.SetColor(0.55, 0.0, 0.0);
    const double leading = size * 1.2;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      auto rs = runs(lines[i], regular_);
      double x = (w - width(rs, size)) / 2;
      draw(p, rs, size, x, h - 10 - size * 0.75 - static_cast<double>(i) * leading);
      draw(p, rs, size, x, 9 + static_cast<double>(lines.size() - 1 - i) * leading);
    }
  }

  void draw_diagonal(PdfPainter& p, const std::string& text, double w, double h) {
    if (text.empty()) return;
    auto rs = runs(text, bold_);
    const double diagonal = std::sqrt(w * w + h * h);
    double unit = width(rs, 1);
    double size = unit > 0 ? std::clamp(diagonal * 0.7 / unit, 10.0, 80.0) : 40;
    const double angle = std::atan2(h, w), cs = std::cos(angle), sn = std::sin(angle);
    p.Save();
    p.SetExtGState(multiply_.get());
    p.SetTransformationMatrix(cs, sn, -sn, cs, w / 2, h / 2);
    p.SetColor(0.80, 0.80, 0.80);
    draw(p, rs, size, -width(rs, size) / 2, -size * 0.35);
    p.Restore();
  }

  PdfMemDocument& doc_;
  FontBook& fonts_;
  Face* regular_ = nullptr;
  Face* bold_ = nullptr;
  std::map<Face*, PdfFont*> pdf_fonts_;
  std::unique_ptr<PdfExtGState> multiply_;
};

}  // namespace

std::optional<StampedInfo> inspect_pdf(const std::string& pdf, std::string& why) {
  try {
    PdfMemDocument doc;
    if (!load(doc, pdf, why)) return std::nullopt;
    StampedInfo info;
    info.pages = doc.GetPageCount();
    if (PdfInfo* i = doc.GetInfo(); i && i->GetTitle().IsValid()) info.title = i->GetTitle().GetStringUtf8();
    return info;
  } catch (const PdfError& e) {
    why = "the PDF cannot be read (" + pdf_error_text(e) + "); check that it opens in a PDF reader";
  } catch (const std::exception& e) {
    why = std::string("the PDF cannot be read (") + e.what() + ")";
  }
  return std::nullopt;
}

std::optional<std::string> stamp_pdf(const std::string& pdf, const Stamp& stamp, FontBook& fonts, std::string& why) {
  try {
    PdfMemDocument doc;
    if (!load(doc, pdf, why)) return std::nullopt;
    Stamper stamper(doc, fonts);
    for (int i = 0; i < doc.GetPageCount(); ++i) {
      PdfPage* page = doc.GetPage(i);
      if (!page) {
        why = "page " + std::to_string(i + 1) + " of the PDF cannot be read; check that it opens in a PDF reader";
        return std::nullopt;
      }
      stamper.page(*page, stamp);
    }
    encrypt(doc, stamp.password);
    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    doc.Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
  } catch (const PdfError& e) {
    why = "the PDF cannot be stamped (" + pdf_error_text(e) + "); check that it opens in a PDF reader";
  } catch (const std::exception& e) {
    why = std::string("the PDF cannot be stamped (") + e.what() + ")";
  }
  return std::nullopt;
}

}  // namespace reviewkit::pdf
