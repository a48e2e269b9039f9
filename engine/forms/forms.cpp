#include "forms.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>

#include <podofo/podofo.h>
#include <yaml-cpp/yaml.h>

#include "data/schema.hpp"
#include "pdf/document.hpp"
#include "pdf/fonts.hpp"
#include "pdf/text.hpp"
#include "expressions/expression.hpp"

namespace reviewkit::forms {

using namespace PoDoFo;
using pdf::Face;
using pdf::FontBook;

namespace {

PdfString utf8_string(const std::string& s) { return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())); }

// ------------------------------------------------------------------ the description's shape

struct FormShapes {
  data::Shape field{"form field", {}};
  data::Shape criterion{"criterion", {}};
  data::Shape section{"form section", {}};
  data::Shape form{"form description", {}};
  FormShapes() {
    field.fields = {
        {"name", data::text(), true, "the field's name: letters, digits and _ (what form read reports)"},
        {"label", data::text(), true, "the words printed beside the field"},
        {"kind", data::choice({"text", "multiline", "checkbox", "choice"}), false, "text (default), multiline, checkbox or choice"},
        {"options", data::list_of(data::text()), false, "the values of a choice"},
        {"lines", data::integer(), false, "lines of a multiline field (default 3)"},
        {"tooltip", data::text(), false, "what fill puts in: a template expression such as {{ child.pseudonym }}"},
    };
    criterion.fields = {
        {"id", data::text(), true, "the criterion's id: the fields are ID_answer and ID_comment"},
        {"text", data::text(), true, "the criterion, as the source words it"},
    };
    section.fields = {
        {"heading", data::text(), false, "the section's heading"},
        {"text", data::text(), false, "explanatory text"},
        {"fields", data::list_of(data::map_of(field)), false, "labelled fields"},
        {"criteria", data::list_of(data::map_of(criterion)), false, "criteria answered Yes / No / Partially with a comment"},
    };
    form.fields = {
        {"title", data::text(), true, "the form's title"},
        {"subtitle", data::text(), false, "a line under the title"},
        {"marking", data::text(), false, "protective marking printed at the top of each page: RESTRICTED"},
        {"sections", data::list_of(data::map_of(section)), true, "the form's sections, in order"},
    };
  }
};

const FormShapes& shapes() {
  static const FormShapes s;
  return s;
}

std::string str(const data::Node* n, const char* key) {
  const data::Node* v = n ? n->get(key) : nullptr;
  return v && v->is_scalar() ? v->scalar : std::string();
}

// ------------------------------------------------------------------ building

class Builder {
 public:
  Builder(PdfMemDocument& doc, FontBook& fonts) : doc_(doc), fonts_(fonts) {}

  void run(const data::Node& form) {
    acro_ = doc_.GetAcroForm(ePdfCreateObject, ePdfAcroFormDefaultAppearance_BlackText12pt);
    acro_->SetNeedAppearances(false);
    regular_ = fonts_.face("Arial", false, false);
    bold_ = fonts_.face("Arial", true, false);
    marking_ = str(&form, "marking");
    new_page();
    text(str(&form, "title"), bold_, 16, 6);
    if (!str(&form, "subtitle").empty()) text(str(&form, "subtitle"), regular_, 10, 10);
    y_ += 6;
    for (const auto& s : form.get("sections")->items) section(*s);
    painter_.FinishPage();
  }

 private:
  static constexpr double kLeft = 50, kRight = 545.3, kTop = 60, kBottom = 790, kHeight = 841.9;

  PdfFont* font(Face* face) {
    auto it = fonts_used_.find(face);
    if (it != fonts_used_.end()) return it->second;
    PdfFont* f = doc_.CreateFontSubset(face->family().c_str(), face->bold(), face->italic(), false,
                                       new PdfIdentityEncoding(0, 0xffff, true), face->path().c_str());
    fonts_used_[face] = f;
    return f;
  }

  void new_page() {
    if (page_) painter_.FinishPage();
    page_ = doc_.CreatePage(PdfRect(0, 0, 595.3, kHeight));
    painter_.SetPage(page_);
    y_ = kTop;
    if (!marking_.empty()) {
      PdfFont* f = font(bold_);
      f->SetFontSize(9);
      painter_.SetFont(f);
      painter_.SetColor(0, 0, 0);
      double w = width(marking_, bold_, 9);
      painter_.DrawText(kRight - w, kHeight - 35, utf8_string(marking_));
    }
  }

  void need(double h) {
    if (y_ + h > kBottom) new_page();
  }

  double width(const std::string& s, Face* face, double size) { return pdf::text_width(s, face, size); }
  std::vector<std::string> wrap(const std::string& s, Face* face, double size, double max) {
    return pdf::wrap_text(s, face, size, max);
  }

  void text(const std::string& s, Face* face, double size, double after, double x = kLeft, double max = kRight - kLeft) {
    PdfFont* f = font(face);
    f->SetFontSize(static_cast<float>(size));
    painter_.SetFont(f);
    painter_.SetColor(0, 0, 0);
    for (const auto& line : wrap(s, face, size, max)) {
      need(size * 1.25);
      y_ += size * 1.25;
      painter_.DrawText(x, kHeight - y_, utf8_string(line));
    }
    y_ += after;
  }

  void box(double x, double top, double w, double h) {
    painter_.SetStrokingColor(0.45, 0.45, 0.45);
    painter_.SetStrokeWidth(0.5);
    painter_.Rectangle(x, kHeight - top - h, w, h);
    painter_.Stroke();
  }

  PdfRect rect(double x, double top, double w, double h) { return PdfRect(x, kHeight - top - h, w, h); }

  void checkbox_appearance(PdfCheckBox& cb, double size) {
    auto on = std::make_unique<PdfXObject>(PdfRect(0, 0, size, size), &doc_);
    auto off = std::make_unique<PdfXObject>(PdfRect(0, 0, size, size), &doc_);
    PdfPainter p;
    p.SetPage(on.get());
    p.SetStrokingColor(0, 0, 0);
    p.SetStrokeWidth(1.2);
    p.DrawLine(size * 0.2, size * 0.5, size * 0.42, size * 0.22);
    p.DrawLine(size * 0.42, size * 0.22, size * 0.82, size * 0.8);
    p.FinishPage();
    PdfPainter q;
    q.SetPage(off.get());
    q.FinishPage();
    cb.SetAppearanceChecked(*on);
    cb.SetAppearanceUnchecked(*off);
    appearances_.push_back(std::move(on));
    appearances_.push_back(std::move(off));
  }

  void field(const data::Node& f) {
    std::string kind = str(&f, "kind").empty() ? "text" : str(&f, "kind");
    std::string name = str(&f, "name"), label = str(&f, "label"), tooltip = str(&f, "tooltip");
    if (kind == "checkbox") {
      need(18);
      double top = y_ + 3;
      PdfCheckBox cb(page_, rect(kLeft, top, 11, 11), acro_);
      cb.SetFieldName(PdfString(name));
      if (!tooltip.empty()) cb.SetAlternateName(utf8_string(tooltip));
      checkbox_appearance(cb, 11);
      cb.SetChecked(false);  // the appearance state, which viewers need
      box(kLeft, top, 11, 11);
      double saved = y_;
      text(label, regular_, 10, 0, kLeft + 18, kRight - kLeft - 18);
      y_ = std::max(y_, saved + 16) + 4;
      return;
    }
    double lines = kind == "multiline" ? std::max(1.0, static_cast<double>(std::atoi(str(&f, "lines").c_str()))) : 1;
    if (kind == "multiline" && str(&f, "lines").empty()) lines = 3;
    double h = kind == "multiline" ? lines * 13 + 6 : 18;
    need(14 + h);
    text(label, bold_, 9, 2);
    double top = y_;
    if (kind == "choice") {
      PdfComboBox combo(page_, rect(kLeft, top, kRight - kLeft, h), acro_);
      combo.SetFieldName(PdfString(name));
      if (!tooltip.empty()) combo.SetAlternateName(utf8_string(tooltip));
      for (const auto& o : f.get("options")->items) combo.InsertItem(utf8_string(o->scalar), utf8_string(o->scalar));
    } else {
      PdfTextField t(page_, rect(kLeft, top, kRight - kLeft, h), acro_);
      t.SetFieldName(PdfString(name));
      if (!tooltip.empty()) t.SetAlternateName(utf8_string(tooltip));
      if (kind == "multiline") t.SetMultiLine(true);
    }
    box(kLeft, top, kRight - kLeft, h);
    y_ = top + h + 8;
  }

  void criterion(const data::Node& c) {
    std::string id = str(&c, "id");
    std::vector<std::string> lines = wrap(str(&c, "text"), regular_, 9.5, 330);
    double text_h = static_cast<double>(lines.size()) * 12;
    double h = std::max(text_h, 16.0) + 46;
    need(h);
    double top = y_;
    PdfFont* f = font(regular_);
    f->SetFontSize(9.5f);
    painter_.SetFont(f);
    painter_.SetColor(0, 0, 0);
    for (std::size_t i = 0; i < lines.size(); ++i)
      painter_.DrawText(kLeft, kHeight - top - 10 - static_cast<double>(i) * 12, utf8_string(lines[i]));
    PdfComboBox answer(page_, rect(kLeft + 345, top, kRight - kLeft - 345, 16), acro_);
    answer.SetFieldName(PdfString(id + "_answer"));
    for (const char* o : {"Yes", "No", "Partially"}) answer.InsertItem(PdfString(o), PdfString(o));
    box(kLeft + 345, top, kRight - kLeft - 345, 16);
    double comment_top = top + std::max(text_h, 16.0) + 4;
    PdfTextField comment(page_, rect(kLeft, comment_top, kRight - kLeft, 34), acro_);
    comment.SetFieldName(PdfString(id + "_comment"));
    comment.SetMultiLine(true);
    box(kLeft, comment_top, kRight - kLeft, 34);
    painter_.SetStrokingColor(0.8, 0.8, 0.8);
    painter_.DrawLine(kLeft, kHeight - (top + h - 2), kRight, kHeight - (top + h - 2));
    y_ = top + h + 4;
  }

  void section(const data::Node& s) {
    if (!str(&s, "heading").empty()) {
      need(40);
      y_ += 6;
      text(str(&s, "heading"), bold_, 12, 4);
    }
    if (!str(&s, "text").empty()) text(str(&s, "text"), regular_, 10, 6);
    if (const data::Node* fields = s.get("fields"))
      for (const auto& f : fields->items) field(*f);
    if (const data::Node* criteria = s.get("criteria")) {
      if (!criteria->items.empty()) {
        need(20);
        PdfFont* f = font(bold_);
        f->SetFontSize(9);
        painter_.SetFont(f);
        y_ += 12;
        painter_.DrawText(kLeft, kHeight - y_, PdfString("Criteria"));
        painter_.DrawText(kLeft + 345, kHeight - y_, utf8_string("Yes / No / Partially"));
        y_ += 6;
      }
      for (const auto& c : criteria->items) criterion(*c);
    }
  }

  PdfMemDocument& doc_;
  FontBook& fonts_;
  PdfAcroForm* acro_ = nullptr;
  PdfPage* page_ = nullptr;
  PdfPainter painter_;
  double y_ = kTop;
  Face* regular_ = nullptr;
  Face* bold_ = nullptr;
  std::string marking_;
  std::map<Face*, PdfFont*> fonts_used_;
  std::vector<std::unique_ptr<PdfXObject>> appearances_;
};


std::string write(PdfMemDocument& doc) {
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  doc.Write(&device);
  return std::string(buffer.GetBuffer(), device.GetLength());
}

}  // namespace

std::optional<std::string> build_form(const std::string& path, Diagnostics& diags) {
  PdfError::EnableLogging(false);
  auto root = data::load_yaml_file(path, diags);
  if (!root) return std::nullopt;
  data::IdTable ids;
  data::check(*root, shapes().form, "", ids, diags);
  if (diags.has_errors()) return std::nullopt;
  // Names are unique and plain; a choice has options.
  std::map<std::string, int> names;
  for (const auto& s : root->get("sections")->items) {
    auto claim = [&](const std::string& name, const data::Node& at) {
      bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
      });
      if (!plain)
        diags.error(at.where(), "the field name '" + name + "' may hold only letters, digits and _",
                    "PDF field names cannot hold dots; use a tooltip for a path: tooltip: \"{{ child.pseudonym }}\"");
      else if (names.count(name))
        diags.error(at.where(), "the field name '" + name + "' is used twice", "the first is at line " + std::to_string(names[name]));
      else
        names[name] = at.mark.line;
    };
    if (const data::Node* fields = s->get("fields"))
      for (const auto& f : fields->items) {
        claim(str(f.get(), "name"), *f);
        if (str(f.get(), "kind") == "choice" && (!f->get("options") || f->get("options")->items.empty()))
          diags.error(f->where(), "the choice '" + str(f.get(), "name") + "' has no options", "add options: [First, Second]");
      }
    if (const data::Node* criteria = s->get("criteria"))
      for (const auto& c : criteria->items) {
        claim(str(c.get(), "id") + "_answer", *c);
        claim(str(c.get(), "id") + "_comment", *c);
      }
  }
  if (diags.has_errors()) return std::nullopt;
  try {
    PdfMemDocument doc;
    pdf::FontBook fonts;  // owned by this call: nothing is shared between calls
    Builder(doc, fonts).run(*root);
    doc.GetInfo()->SetTitle(utf8_string(str(root.get(), "title")));
    doc.GetInfo()->SetCreator(PdfString("reviewkit"));
    return write(doc);
  } catch (const PdfError& e) {
    diags.error(Location{path, 0, 0, {}, {}, 0}, std::string("the form could not be written: ") + pdf::pdf_error_text(e));
    return std::nullopt;
  }
}

namespace {

struct Widget {
  PdfPage* page;
  PdfAnnotation* annotation;
  int index;
};

constexpr int kMaxFormPages = 1000;

std::vector<Widget> widgets(PdfMemDocument& doc) {
  std::vector<Widget> out;
  int pages = doc.GetPageCount();
  if (pages < 0 || pages > kMaxFormPages)
    throw std::runtime_error("the PDF says it has " + std::to_string(pages) + " pages; a form has at most " +
                             std::to_string(kMaxFormPages) + ", so the file is damaged or crafted");
  for (int p = 0; p < pages; ++p) {
    PdfPage* page = doc.GetPage(p);
    if (!page) throw std::runtime_error("page " + std::to_string(p + 1) + " of the PDF cannot be found: the file is damaged");
    for (int a = 0; a < page->GetNumAnnots(); ++a) {
      PdfAnnotation* annot = page->GetAnnotation(a);
      if (annot && annot->GetType() == ePdfAnnotation_Widget) out.push_back({page, annot, a});
    }
  }
  return out;
}

// The appearance of a text value: the words in the field's box, wrapped for a multiline field.
std::unique_ptr<PdfXObject> text_appearance(PdfMemDocument& doc, PdfFont* font, const PdfRect& r, const std::string& value,
                                            bool multiline, Face* face) {
  auto x = std::make_unique<PdfXObject>(PdfRect(0, 0, r.GetWidth(), r.GetHeight()), &doc);
  PdfPainter p;
  p.SetPage(x.get());
  double size = 10;
  font->SetFontSize(static_cast<float>(size));
  p.SetFont(font);
  p.SetColor(0, 0, 0);
  std::vector<std::string> lines;
  std::string current;
  for (std::size_t i = 0, n = value.size(); i <= n; ++i) {
    if (i == n || value[i] == '\n') {
      lines.push_back(current);
      current.clear();
      continue;
    }
    current += value[i];
  }
  if (multiline) {
    std::vector<std::string> wrapped;
    for (const auto& l : lines) {  // each line of the value wrapped in the box; an empty line kept
      auto w = pdf::wrap_text(l, face, size, r.GetWidth() - 6);
      if (w.empty()) wrapped.push_back("");
      wrapped.insert(wrapped.end(), w.begin(), w.end());
    }
    double y = r.GetHeight() - 3 - size;
    for (const auto& l : wrapped) {
      if (y < 1) break;
      p.DrawText(3, y, utf8_string(l));
      y -= size * 1.2;
    }
  } else {
    p.DrawText(3, (r.GetHeight() - size * 0.7) / 2, utf8_string(lines.empty() ? std::string() : lines[0]));
  }
  p.FinishPage();
  return x;
}

// PoDoFo 0.9.8 leaves the AES block padding on strings it decrypts (n bytes of value n at the
// end): in a byte string they show as control characters, in a UTF-16 one as repeated U+0n0n.
std::string strip_aes_padding(const std::string& s) {
  std::u32string chars = utf32(s);
  if (chars.empty()) return s;
  char32_t last = chars.back();
  bool byte_padding = last >= 1 && last <= 16;
  bool wide_padding = (last >> 8) == (last & 0xFF) && (last & 0xFF) >= 1 && (last & 0xFF) <= 16 && last <= 0x1010;
  if (!byte_padding && !wide_padding) return s;
  while (!chars.empty() && chars.back() == last) chars.pop_back();
  std::string out;
  for (char32_t c : chars) out += utf8(c);
  return out;
}

}  // namespace

std::optional<std::string> fill_form(const std::string& pdf, const std::string& name, const data::Node& data,
                                     const FormFillOptions& options, Diagnostics& diags) {
  PdfError::EnableLogging(false);
  Location at{name, 0, 0, {}, {}, 0};
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
    pdf::FontBook fonts;
    Face* face = fonts.face("Arial", false, false);
    PdfFont* font = doc.CreateFontSubset(face->family().c_str(), false, false, false,
                                         new PdfIdentityEncoding(0, 0xffff, true), face->path().c_str());
    expressions::Scope scope(&data);
    std::vector<std::unique_ptr<PdfXObject>> keep;
    auto list = widgets(doc);
    if (list.empty()) {
      diags.error(at, "the PDF has no form fields", "make a form with reviewkit form build, or fill a Word template instead");
      return std::nullopt;
    }
    for (const auto& w : list) {
      PdfField field(w.annotation->GetObject(), w.annotation);
      std::string field_name = field.GetFieldName().GetStringUtf8();
      std::string tooltip = field.GetAlternateName().IsValid() ? field.GetAlternateName().GetStringUtf8() : "";
      std::optional<std::string> value;
      std::string problem;
      bool boolean_value = false;
      if (tooltip.find("{{") != std::string::npos) {
        value = expressions::render_text(tooltip, scope, problem);
      } else {
        expressions::Value v = expressions::Value::of(data.get(field_name), field_name);
        // A field the data says nothing about is left for the person filling the form in.
        if (v.kind == expressions::Value::Missing || v.kind == expressions::Value::Null) continue;
        if (v.kind == expressions::Value::List || v.kind == expressions::Value::Map) problem = "its value in the data is not a single value";
        else value = v.text;
        boolean_value = v.kind == expressions::Value::Bool ? v.boolean : false;
        if (v.kind != expressions::Value::Bool && value) {
          auto b = data::parse_bool(*value);
          boolean_value = b.value_or(false);
        }
      }
      if (!value) {
        std::string message = "field '" + field_name + "': " + problem;
        std::string hint = tooltip.empty() ? "give it a single value in the data"
                                           : "its tooltip is '" + tooltip + "': add the value to the data, or change the tooltip";
        if (options.lenient) diags.warning(at, message, hint);
        else diags.error(at, message, hint);
        continue;
      }
      while (!value->empty() && value->back() == '\n') value->pop_back();  // YAML's final line break
      PdfRect r = w.annotation->GetRect();
      switch (field.GetType()) {
        case ePdfField_CheckBox: {
          // A tick needs a yes or a no: any other word is an error, never a silent blank.
          std::optional<bool> tick = boolean_value ? std::optional<bool>(true) : data::parse_bool(*value);
          if (!tick) {
            std::string message = "field '" + field_name + "' is a checkbox, and '" + *value + "' is not yes, no, true or false";
            if (options.lenient) diags.warning(at, message, "write yes or no in the data");
            else diags.error(at, message, "write yes or no in the data");
            break;
          }
          PdfCheckBox cb(field);
          cb.SetChecked(*tick);
          break;
        }
        case ePdfField_ComboBox:
        case ePdfField_ListBox: {
          PdfListField list_field(field);
          int index = -1;
          for (std::size_t i = 0; i < list_field.GetItemCount(); ++i)
            if (list_field.GetItem(static_cast<int>(i)).GetStringUtf8() == *value) index = static_cast<int>(i);
          if (index < 0) {
            std::string options_text;
            for (std::size_t i = 0; i < list_field.GetItemCount(); ++i)
              options_text += (i ? ", '" : "'") + list_field.GetItem(static_cast<int>(i)).GetStringUtf8() + "'";
            diags.error(at, "field '" + field_name + "': '" + *value + "' is not one of its options", "use one of " + options_text);
            continue;
          }
          list_field.SetSelectedItem(index);
          auto x = text_appearance(doc, font, r, *value, false, face);
          w.annotation->SetAppearanceStream(x.get());
          keep.push_back(std::move(x));
          break;
        }
        case ePdfField_TextField: {
          PdfTextField text_field(field);
          text_field.SetText(utf8_string(*value));
          auto x = text_appearance(doc, font, r, *value, text_field.IsMultiLine(), face);
          w.annotation->SetAppearanceStream(x.get());
          keep.push_back(std::move(x));
          break;
        }
        default:
          diags.warning(at, "field '" + field_name + "' is of a kind reviewkit does not fill (a button or a signature)");
      }
    }
    if (diags.has_errors()) return std::nullopt;
    if (options.flatten) {
      // Draw each field's appearance into its page, then remove the fields.
      std::map<PdfPage*, std::vector<int>> remove;
      for (const auto& w : widgets(doc)) {
        PdfObject* ap = w.annotation->GetObject()->GetIndirectKey(PdfName("AP"));
        PdfObject* normal = ap ? ap->GetIndirectKey(PdfName("N")) : nullptr;
        if (normal && normal->IsDictionary() && !normal->HasStream()) {
          PdfObject* as = w.annotation->GetObject()->GetIndirectKey(PdfName("AS"));
          normal = as && as->IsName() ? normal->GetIndirectKey(as->GetName()) : nullptr;
        }
        if (normal && normal->HasStream()) {
          PdfXObject x(normal);
          PdfPainter p;
          p.SetPage(w.page);
          PdfRect r = w.annotation->GetRect();
          p.DrawXObject(r.GetLeft(), r.GetBottom(), &x);
          p.FinishPage();
        }
        remove[w.page].push_back(w.index);
      }
      for (auto& [page, indexes] : remove) {
        std::sort(indexes.rbegin(), indexes.rend());
        for (int i : indexes) page->DeleteAnnotation(i);
      }
      doc.GetCatalog()->GetDictionary().RemoveKey(PdfName("AcroForm"));
    }
    pdf::encrypt(doc, options.password, /*allow_filling=*/true);
    return write(doc);
  } catch (const PdfError& e) {
    diags.error(at, std::string("cannot fill the form: the PDF cannot be read (") + pdf::pdf_error_text(e) + ")",
                "check it opens in a PDF reader");
    return std::nullopt;
  } catch (const std::exception& e) {
    diags.error(at, std::string("cannot fill the form: ") + e.what(), "check it opens in a PDF reader");
    return std::nullopt;
  }
}

std::optional<std::string> read_form(const std::string& pdf, const std::string& name, const std::string& password,
                                     Diagnostics& diags) {
  PdfError::EnableLogging(false);
  Location at{name, 0, 0, {}, {}, 0};
  try {
    PdfMemDocument doc;
    try {
      doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
    } catch (const PdfError& e) {
      if (e.GetError() != ePdfError_InvalidPassword) throw;
      if (password.empty()) {
        diags.error(at, "the form is encrypted", "give its password with --password-file FILE or REVIEWKIT_PASSWORD");
        return std::nullopt;
      }
      try {
        doc.SetPassword(password);
      } catch (const PdfError&) {
        diags.error(at, "the password does not open the form", "check the password file");
        return std::nullopt;
      }
    }
    std::vector<std::pair<std::string, std::string>> values;
    std::map<std::string, bool> booleans;
    const bool encrypted = doc.GetEncrypted();
    auto clean = [&](const std::string& s) { return encrypted ? strip_aes_padding(s) : s; };
    for (const auto& w : widgets(doc)) {
      PdfField field(w.annotation->GetObject(), w.annotation);
      std::string field_name = clean(field.GetFieldName().GetStringUtf8());
      std::string value;
      switch (field.GetType()) {
        case ePdfField_CheckBox:
          value = PdfCheckBox(field).IsChecked() ? "true" : "false";
          booleans[field_name] = true;
          break;
        case ePdfField_ComboBox:
        case ePdfField_ListBox: {
          PdfListField list_field(field);
          int index = list_field.GetSelectedItem();
          if (index >= 0) value = clean(list_field.GetItem(index).GetStringUtf8());
          break;
        }
        case ePdfField_TextField: {
          PdfString text = PdfTextField(field).GetText();
          if (text.IsValid()) value = clean(text.GetStringUtf8());
          break;
        }
        default: continue;
      }
      values.push_back({field_name, value});
    }
    if (values.empty()) {
      diags.error(at, "the PDF has no form fields to read", "is it the form itself, filled in a PDF reader?");
      return std::nullopt;
    }
    // Criteria: ID_answer and ID_comment together.
    YAML::Emitter out;
    out << YAML::BeginMap;
    std::vector<std::string> done;
    auto find = [&](const std::string& key) -> const std::string* {
      for (const auto& [k, v] : values)
        if (k == key) return &v;
      return nullptr;
    };
    for (const auto& entry : values) {
      const std::string& key = entry.first;  // clang 14: a lambda cannot capture a structured binding
      const auto& value = entry.second;
      if (std::find(done.begin(), done.end(), key) != done.end()) continue;
      auto suffix = [&](const std::string& s) { return key.size() > s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0; };
      std::string id = suffix("_answer") ? key.substr(0, key.size() - 7) : suffix("_comment") ? key.substr(0, key.size() - 8) : "";
      if (!id.empty() && find(id + "_answer") && find(id + "_comment")) {
        out << YAML::Key << id << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "answer" << YAML::Value << YAML::DoubleQuoted << *find(id + "_answer");
        out << YAML::Key << "comment" << YAML::Value << YAML::DoubleQuoted << *find(id + "_comment");
        out << YAML::EndMap;
        done.push_back(id + "_answer");
        done.push_back(id + "_comment");
        continue;
      }
      out << YAML::Key << key << YAML::Value;
      // Quoted, so that a "Yes" is read back as text, not as a boolean.
      if (booleans.count(key)) out << (value == "true");
      else out << YAML::DoubleQuoted << value;
      done.push_back(key);
    }
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
  } catch (const PdfError& e) {
    diags.error(at, std::string("cannot read the form: ") + pdf::pdf_error_text(e), "check it opens in a PDF reader");
    return std::nullopt;
  } catch (const std::exception& e) {
    diags.error(at, std::string("cannot read the form: ") + e.what(), "check it opens in a PDF reader");
    return std::nullopt;
  }
}

}  // namespace reviewkit::forms
