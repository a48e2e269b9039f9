#include "kinds.hpp"

#include "common/files.hpp"
#include "common/suggest.hpp"
#include "data/schema.hpp"

#include <algorithm>

namespace reviewkit::documents {

namespace fs = std::filesystem;

const char* audience_name(Audience a) {
  switch (a) {
    case Audience::Restricted: return "restricted";
    case Audience::Anonymised: return "anonymised";
    case Audience::Published: return "published";
  }
  return "restricted";
}

namespace {

const std::vector<std::string>& audiences() {
  static const std::vector<std::string> names = {"restricted", "anonymised", "published"};
  return names;
}

Audience audience_of(const std::string& s) {
  return s == "published" ? Audience::Published : s == "anonymised" ? Audience::Anonymised : Audience::Restricted;
}

const data::Shape& kind_shape() {
  static const data::Shape shape = [] {
    data::Shape s{"document kind", {}};
    s.fields = {
        {"id", data::text(), true, "a short name: agency-notification"},
        {"title", data::text(), true, "what the document is, in the users' words"},
        {"template", data::text(), true, "the Word template, relative to this file"},
        {"each", data::text(), true, "who it is for: a list or a contact of the case (several separated by commas)"},
        {"where", data::text(), false, "which of them: a condition over recipient"},
        {"when", data::text(), false, "whether the case needs it at all: a condition over the case"},
        {"name", data::text(), false, "file names, in the template language"},
        {"stage", data::text(), true, "the review date from which it can be made"},
        {"dated", data::text(), false, "the review date it is dated and written as of, once the case records it"},
        {"audience", data::choice(audiences()), true, "restricted, anonymised or published"},
        {"formats", data::list_of(data::choice({"docx", "pdf"})), true, "the formats it is written in"},
        {"combined", data::text(), false, "also all of them in one document, to print: its file name"},
    };
    return s;
  }();
  return shape;
}

const data::Shape& file_shape() {
  static const data::Shape shape = [] {
    data::Shape s{"documents file", {}};
    s.fields = {
        {"stages", data::list_of(data::text()), true, "the review dates in the order a review reaches them"},
        {"documents", data::list_of(data::map_of(kind_shape())), true, "the documents reviewkit makes"},
    };
    return s;
  }();
  return shape;
}

std::string text_at(const data::Node& n, const char* key) {
  const data::Node* v = n.get(key);
  return v && v->is_scalar() ? v->scalar : std::string();
}

}  // namespace

const Kind* Kinds::find(const std::string& id) const {
  for (const auto& k : kinds)
    if (k.id == id) return &k;
  return nullptr;
}

fs::path default_kinds_file() { return data_dir() / "templates" / "documents.yaml"; }

std::optional<Kinds> load_kinds(const fs::path& file, Diagnostics& diags) {
  std::size_t before = diags.error_count();
  auto root = data::load_yaml_file(file.string(), diags);
  if (!root) return std::nullopt;
  data::IdTable ids;
  data::check(*root, file_shape(), "", ids, diags);
  if (diags.error_count() != before) return std::nullopt;
  Kinds out;
  for (const auto& s : root->get("stages")->items) out.stages.push_back(s->scalar);
  for (const auto& item : root->get("documents")->items) {
    Kind k;
    k.id = text_at(*item, "id");
    k.title = text_at(*item, "title");
    k.templ = file.parent_path() / text_at(*item, "template");
    k.each = text_at(*item, "each");
    k.where = text_at(*item, "where");
    k.when = text_at(*item, "when");
    k.name = text_at(*item, "name");
    k.stage = text_at(*item, "stage");
    k.dated = text_at(*item, "dated");
    k.audience = audience_of(text_at(*item, "audience"));
    for (const auto& f : item->get("formats")->items) k.formats.push_back(f->scalar);
    k.combined = text_at(*item, "combined");
    k.where_defined = item->where();
    if (out.find(k.id)) diags.error(k.where_defined, "the document kind '" + k.id + "' is defined twice", "give each kind its own id");
    if (std::find(out.stages.begin(), out.stages.end(), k.stage) == out.stages.end())
      diags.error(item->get("stage")->where(), "'" + k.stage + "' is not one of the stages", did_you_mean(k.stage, out.stages));
    if (!k.dated.empty() && std::find(out.stages.begin(), out.stages.end(), k.dated) == out.stages.end())
      diags.error(item->get("dated")->where(), "'" + k.dated + "' is not one of the stages", did_you_mean(k.dated, out.stages));
    std::error_code ec;
    if (!fs::is_regular_file(k.templ, ec))
      diags.error(item->get("template")->where(), "no template at " + k.templ.string(), "check the path, relative to " + file.string());
    out.kinds.push_back(std::move(k));
  }
  if (diags.error_count() != before) return std::nullopt;
  return out;
}

void apply_board(Kinds& kinds, const data::Node* board_documents, Diagnostics& diags) {
  if (!board_documents) return;
  if (!board_documents->is_map()) {
    diags.error(board_documents->where(), "documents: must be a map of document kinds",
                "write documents: {overview-report: {audience: anonymised}}");
    return;
  }
  std::vector<std::string> ids;
  for (const auto& k : kinds.kinds) ids.push_back(k.id);
  for (const auto& entry : board_documents->entries) {
    auto it = std::find_if(kinds.kinds.begin(), kinds.kinds.end(), [&](const Kind& k) { return k.id == entry.key; });
    if (it == kinds.kinds.end()) {
      diags.error(entry.value->where(), "the board profile names the document kind '" + entry.key + "', which does not exist",
                  did_you_mean(entry.key, ids));
      continue;
    }
    const data::Node* audience = entry.value->is_map() ? entry.value->get("audience") : nullptr;
    if (!audience || !audience->is_scalar() ||
        std::find(audiences().begin(), audiences().end(), audience->scalar) == audiences().end()) {
      diags.error(audience ? audience->where() : entry.value->where(),
                  "the board's audience for '" + entry.key + "' must be restricted, anonymised or published",
                  "write " + entry.key + ": {audience: anonymised}");
      continue;
    }
    it->audience = audience_of(audience->scalar);
  }
}

}  // namespace reviewkit::documents
