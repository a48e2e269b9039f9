#include "pdf.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

#include <podofo/podofo.h>

#include "common/files.hpp"
#include "pdf/document.hpp"
#include "common/utf8.hpp"
#include "ooxml/image_info.hpp"

namespace reviewkit::layout {

using namespace PoDoFo;

namespace {

PdfString utf8_string(const std::string& s) { return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())); }

class Writer {
 public:
  Writer(const Layout& layout, const PdfOptions& options) : layout_(layout), options_(options) {}

  std::string run() {
    PdfMemDocument doc;
    // Each page is made and drawn before the next: PoDoFo 0.9 keeps pages in a cache that does not
    // like pages being drawn after others were added.
    // Pictures first: one that cannot be read stops the PDF before any page is half drawn.
    for (const Page& p : layout_.pages)
      for (const auto& pic : p.pictures) load(doc, pic.image);
    for (const Page& p : layout_.pages) {
      PdfPage* page = doc.CreatePage(PdfRect(0, 0, p.width, p.height));
      draw(doc, *page, p);
    }
    std::vector<PdfPage*> pages;
    for (int i = 0; i < doc.GetPageCount(); ++i) pages.push_back(doc.GetPage(i));
    for (std::size_t i = 0; i < layout_.pages.size(); ++i) links(doc, *pages[i], layout_.pages[i], pages);
    outline(doc, pages);
    PdfInfo* info = doc.GetInfo();
    const PdfMetadata& m = options_.metadata;
    if (!m.title.empty()) info->SetTitle(utf8_string(m.title));
    if (!m.subject.empty()) info->SetSubject(utf8_string(m.subject));
    if (!m.author.empty()) info->SetAuthor(utf8_string(m.author));
    if (!m.keywords.empty()) info->SetKeywords(utf8_string(m.keywords));
    info->SetCreator(PdfString("reviewkit"));
    info->SetProducer(PdfString("reviewkit"));
    if (!options_.password.empty()) {
      pdf::encrypt(doc, options_.password);
    }
    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    doc.Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
  }

 private:
  PdfFont* font(PdfMemDocument& doc, Face* face) {
    auto it = fonts_.find(face);
    if (it != fonts_.end()) return it->second;
    PdfFont* f = doc.CreateFontSubset(face->family().c_str(), face->bold(), face->italic(), false,
                                      new PdfIdentityEncoding(0, 0xffff, true), face->path().c_str());
    if (!f) throw std::runtime_error("the font " + face->path() + " cannot be embedded");
    fonts_[face] = f;
    return f;
  }

  /// What draws a picture: a PNG or JPEG as an image; a PDF as its first page, a Form XObject.
  struct Drawable {
    PdfImage* image = nullptr;
    PdfXObject* form = nullptr;
  };

  Drawable drawable(PdfMemDocument& doc, const std::shared_ptr<ooxml::Image>& img) {
    if (auto it = forms_.find(img.get()); it != forms_.end()) return {nullptr, it->second.get()};
    if (auto it = images_.find(img.get()); it != images_.end()) return {it->second.get(), nullptr};
    auto info = ooxml::inspect_image(img->bytes);
    if (!info)
      throw std::runtime_error("the picture " + img->part + " cannot be drawn: it is not a PNG or JPEG image, or it is damaged "
                               "(replace it in Word with a PNG or JPEG)");
    if (info->extension == "pdf") return {nullptr, form(doc, img)};
    return {image(doc, img, *info), nullptr};
  }

  /// The PDF's first page copied into the document as a Form XObject: drawn as the vector art it is.
  PdfXObject* form(PdfMemDocument& doc, const std::shared_ptr<ooxml::Image>& img) {
    PdfMemDocument source;
    source.LoadFromBuffer(img->bytes.data(), static_cast<long>(img->bytes.size()));
    if (source.GetPageCount() < 1)
      throw std::runtime_error("the picture " + img->part + " cannot be drawn: it is a PDF without pages (replace it in Word)");
    auto xobject = std::make_unique<PdfXObject>(source, 0, &doc);
    PdfRect size = xobject->GetPageSize();
    if (!(size.GetWidth() > 0 && size.GetHeight() > 0))
      throw std::runtime_error("the picture " + img->part + " cannot be drawn: its PDF page has no size (replace it in Word)");
    PdfXObject* raw = xobject.get();
    forms_[img.get()] = std::move(xobject);
    return raw;
  }

  PdfImage* image(PdfMemDocument& doc, const std::shared_ptr<ooxml::Image>& img, const ooxml::ImageInfo& info) {
    if (info.width > ooxml::kMaxImagePixels || info.height > ooxml::kMaxImagePixels)
      throw std::runtime_error("the picture " + img->part + " is too large to draw (" + std::to_string(info.width) + " x " +
                               std::to_string(info.height) + " pixels; reduce it in Word with Compress Pictures)");
    auto pdf_image = std::make_unique<PdfImage>(&doc);
    const auto* data = reinterpret_cast<const unsigned char*>(img->bytes.data());
    auto len = static_cast<pdf_long>(img->bytes.size());
    if (img->bytes.size() > 3 && img->bytes.compare(1, 3, "PNG") == 0)
      pdf_image->LoadFromPngData(data, len);
    else
      pdf_image->LoadFromData(data, len);
    PdfImage* raw = pdf_image.get();
    images_[img.get()] = std::move(pdf_image);
    return raw;
  }

  void load(PdfMemDocument& doc, const std::shared_ptr<ooxml::Image>& img) {
    try {
      drawable(doc, img);
    } catch (const PdfError&) {
      throw std::runtime_error("the picture " + img->part + " cannot be drawn: it is damaged (replace it in Word)");
    }
  }

  void draw(PdfMemDocument& doc, PdfPage& page, const Page& p) {
    PdfPainter painter;
    painter.SetPage(&page);
    const double h = p.height;
    for (const auto& f : p.fills) {
      painter.SetColor(f.color.r, f.color.g, f.color.b);
      painter.Rectangle(f.x, h - f.y - f.h, f.w, f.h);
      painter.Fill();
    }
    for (const auto& pic : p.pictures) {
      Drawable d = drawable(doc, pic.image);
      // The picture's alternative text, as marked content around its drawing (PoDoFo 0.9's painter
      // writes each operator to the page's stream as it is called, so this lands around it).
      const std::string& alt = pic.image->description;
      if (!alt.empty()) painter.GetCanvas()->Append("/Span <</Alt " + pdf_literal_string(alt) + ">> BDC\n");
      if (d.form) {
        PdfRect size = d.form->GetPageSize();
        painter.DrawXObject(pic.x, h - pic.y - pic.h, d.form, pic.w / size.GetWidth(), pic.h / size.GetHeight());
      } else {
        double sx = pic.w / d.image->GetWidth(), sy = pic.h / d.image->GetHeight();
        painter.DrawImage(pic.x, h - pic.y - pic.h, d.image, sx, sy);
      }
      if (!alt.empty()) painter.GetCanvas()->Append("EMC\n");
    }
    // A page number was laid out one digit wide; "Page 10 of 12" moves what follows it on its line
    // to the right by what the longer number needs, so that nothing overlaps.
    auto field_text = [&](const PlacedText& t) {
      if (t.field == "PAGE") return std::to_string(p.number);
      if (t.field == "NUMPAGES") return std::to_string(layout_.pages.size());
      if (t.field == "SECTIONPAGES") return std::to_string(p.section_pages);
      return t.text;
    };
    std::vector<double> shift(p.texts.size(), 0);
    for (std::size_t i = 0; i < p.texts.size(); ++i) {
      const auto& t = p.texts[i];
      if (t.field.empty() || !t.face) continue;
      double w = 0;
      for (char32_t c : utf32(field_text(t))) w += t.face->advance(c);
      double extra = w * t.size / 1000.0 - t.width;
      if (extra <= 0.01) continue;
      for (std::size_t k = 0; k < p.texts.size(); ++k)
        if (k != i && std::abs(p.texts[k].baseline - t.baseline) < 0.01 && p.texts[k].x > t.x) shift[k] += extra;
    }
    for (std::size_t i = 0; i < p.texts.size(); ++i) {
      PlacedText t = p.texts[i];
      t.x += shift[i];
      std::string text = field_text(t);
      if (t.missing_glyph) {
        painter.SetStrokingColor(t.color.r, t.color.g, t.color.b);
        painter.SetStrokeWidth(0.5);
        painter.Rectangle(t.x + t.size * 0.05, h - t.baseline, t.size * 0.5, t.size * 0.7);
        painter.Stroke();
        continue;
      }
      PdfFont* f = font(doc, t.face);
      f->SetFontSize(static_cast<float>(t.size));
      painter.SetFont(f);
      painter.SetColor(t.color.r, t.color.g, t.color.b);
      painter.DrawText(t.x, h - t.baseline, utf8_string(text));
      if (t.underline || t.strike) {
        double y = t.underline ? t.baseline - t.face->underline_position() * t.size / 1000.0 : t.baseline - t.size * 0.3;
        painter.SetStrokingColor(t.color.r, t.color.g, t.color.b);
        painter.SetStrokeWidth(t.face->underline_thickness() * t.size / 1000.0);
        painter.DrawLine(t.x, h - y, t.x + t.width, h - y);
      }
    }
    for (const auto& r : p.rules) {
      painter.SetStrokingColor(r.color.r, r.color.g, r.color.b);
      painter.SetStrokeWidth(r.width);
      painter.DrawLine(r.x1, h - r.y1, r.x2, h - r.y2);
    }
    painter.FinishPage();
  }

  void links(PdfMemDocument& doc, PdfPage& page, const Page& p, const std::vector<PdfPage*>& pages) {
    const double h = p.height;
    for (const auto& l : p.links) {
      PdfAnnotation* a = page.CreateAnnotation(ePdfAnnotation_Link, PdfRect(l.x, h - l.y - l.h, l.w, l.h));
      a->SetBorderStyle(0, 0, 0);
      if (!l.url.empty()) {
        PdfAction action(ePdfAction_URI, &doc);
        action.SetURI(PdfString(l.url));
        a->SetAction(action);
      } else {
        for (const auto& b : layout_.bookmarks)
          if (b.name == l.anchor && b.page < pages.size()) {
            a->SetDestination(PdfDestination(pages[b.page], 0, layout_.pages[b.page].height - b.y, 0));
            break;
          }
      }
    }
  }

  void outline(PdfMemDocument& doc, const std::vector<PdfPage*>& pages) {
    if (layout_.outline.empty()) return;
    PdfOutlines* outlines = doc.GetOutlines();
    PdfOutlineItem* root = outlines->CreateRoot(utf8_string(options_.metadata.title.empty() ? "Contents" : options_.metadata.title));
    std::vector<std::pair<int, PdfOutlineItem*>> stack{{-1, root}};
    for (const auto& e : layout_.outline) {
      if (e.page >= pages.size()) continue;
      while (stack.size() > 1 && stack.back().first >= e.level) stack.pop_back();
      PdfDestination dest(pages[e.page], 0, layout_.pages[e.page].height - e.y, 0);
      PdfOutlineItem* parent = stack.back().second;
      PdfOutlineItem* item = nullptr;
      if (parent->First()) {
        PdfOutlineItem* last = parent->Last();
        item = last->CreateNext(utf8_string(e.title), dest);
      } else {
        item = parent->CreateChild(utf8_string(e.title), dest);
      }
      stack.push_back({e.level, item});
    }
  }

  const Layout& layout_;
  const PdfOptions& options_;
  std::map<Face*, PdfFont*> fonts_;
  std::map<const ooxml::Image*, std::unique_ptr<PdfImage>> images_;
  std::map<const ooxml::Image*, std::unique_ptr<PdfXObject>> forms_;
};

}  // namespace

std::string pdf_literal_string(const std::string& utf8) {
  bool ascii = true;
  for (unsigned char c : utf8) ascii = ascii && c < 0x80;
  std::string bytes;
  if (ascii) {
    bytes = utf8;
  } else {
    bytes = "\xFE\xFF";
    for (char32_t c : utf32(utf8)) {
      auto unit = [&](unsigned u) {
        bytes += static_cast<char>(u >> 8);
        bytes += static_cast<char>(u & 0xFF);
      };
      if (c >= 0x10000) {
        c -= 0x10000;
        unit(0xD800 + static_cast<unsigned>(c >> 10));
        unit(0xDC00 + static_cast<unsigned>(c & 0x3FF));
      } else {
        unit(static_cast<unsigned>(c));
      }
    }
  }
  std::string out = "(";
  for (unsigned char c : bytes) {
    if (c == '(' || c == ')' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      char octal[5];
      std::snprintf(octal, sizeof octal, "\\%03o", c);
      out += octal;
    }
  }
  return out + ")";
}

std::string write_pdf(const Layout& layout, const PdfOptions& options) {
  PdfError::EnableLogging(false);  // reviewkit reports problems itself
  try {
    return Writer(layout, options).run();
  } catch (const PdfError& e) {
    throw std::runtime_error("the PDF could not be written: " + pdf::pdf_error_text(e));
  }
}

}  // namespace reviewkit::layout
