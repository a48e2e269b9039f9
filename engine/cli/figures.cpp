#include "figures.hpp"

#include <map>
#include <tuple>
#include <vector>

#include <algorithm>
#include <cmath>

#include "casefile/genogram.hpp"
#include "chronology/timeline.hpp"
#include "common/suggest.hpp"
#include "figures/genogram.hpp"
#include "figures/plan.hpp"
#include "figures/timeline.hpp"

namespace reviewkit::cli {

namespace {

constexpr double kPointsPerCm = 72 / 2.54;
constexpr double kTextWidthCm = 16;  // an A4 page's text, as a figure with no width is drawn
constexpr int kPrintDpi = 300;

std::optional<templating::FigureImage> timeline(const casefile::Case& kase, const templating::FigureRequest& request,
                                                std::string& error) {
  std::vector<const casefile::ChronologyEntry*> entries;
  for (const auto& e : kase.chronology) entries.push_back(&e);
  // The review period (or the entries' span), people by their pseudonyms, as `reviewkit figure timeline` draws it.
  figures::Timeline t = chronology::timeline_of(entries, kase, std::nullopt, std::nullopt, false);
  double width = (request.width_cm > 0 ? request.width_cm : kTextWidthCm) * kPointsPerCm;
  double height = request.height_cm > 0 ? request.height_cm * kPointsPerCm : 0;
  auto plan = figures::plan_timeline(t, width, height);
  templating::FigureImage out;
  if (plan) {
    out.png = figures::draw_timeline(t, figures::Format::Png, width, height, kPrintDpi);
    out.svg = figures::draw_timeline(t, figures::Format::Svg, width, height);
    out.pdf = figures::draw_timeline(t, figures::Format::Pdf, width, height);
  }
  if (!plan || out.png.empty() || out.svg.empty() || out.pdf.empty()) {
    error = "the timeline cannot be drawn for " + t.from.uk() + " to " + t.to.uk() +
            " (the review period must start on or before its end)";
    return std::nullopt;
  }
  out.width_pt = plan->width;
  out.height_pt = plan->height;
  out.description = figures::describe_timeline(t);
  return out;
}

/// The family as known on the day the document is written (its data's `today`), by pseudonyms:
/// documents that carry a genogram (the agency reports, the overview report) are anonymised from
/// the start. Drawn at its own size; the document shows it at the size the tag asks, and the PNG has
/// at least 300 dots per inch there.
std::optional<templating::FigureImage> genogram(const casefile::Case& kase, const templating::FigureRequest& request,
                                                std::string& error) {
  Date on = kase.today.value_or(Date{});
  if (request.data)
    if (const data::Node* t = request.data->get("today"); t && t->is_scalar())
      if (auto d = Date::parse(t->scalar)) on = *d;
  auto g = casefile::genogram_of(kase, {on, false});
  auto [w, h] = figures::genogram_size(g);
  if (g.people.empty() || w <= 0) {
    error = "the genogram cannot be drawn: nobody in the case was born or known of by " + on.uk();
    return std::nullopt;
  }
  double shown = request.width_cm > 0 ? request.width_cm * kPointsPerCm
                 : request.height_cm > 0 ? request.height_cm * kPointsPerCm * w / h
                                         : std::min(w, kTextWidthCm * kPointsPerCm);
  int dpi = static_cast<int>(std::clamp(std::ceil(kPrintDpi * shown / w), 150.0, 600.0));
  templating::FigureImage out;
  out.png = figures::draw_genogram(g, figures::Format::Png, dpi);
  out.svg = figures::draw_genogram(g, figures::Format::Svg);
  out.pdf = figures::draw_genogram(g, figures::Format::Pdf);
  if (out.png.empty() || out.svg.empty() || out.pdf.empty()) {
    error = "the genogram of " + std::to_string(g.people.size()) + " people is too large to draw";
    return std::nullopt;
  }
  out.width_pt = w;
  out.height_pt = h;
  out.description = figures::describe_genogram(g);
  return out;
}

}  // namespace

std::optional<templating::FigureImage> case_figure(const casefile::Case& kase, const templating::FigureRequest& request,
                                                   std::string& error) {
  if (request.name == "timeline") return timeline(kase, request, error);
  if (request.name == "genogram") return genogram(kase, request, error);
  const std::vector<std::string> known = {"genogram", "timeline"};
  std::string hint = did_you_mean(request.name, known);
  error = "reviewkit draws no figure '" + request.name + "'" + (hint.empty() ? "" : " (" + hint + ")") +
          "; the figures are " + one_of(known);
  return std::nullopt;
}

templating::FigureHandler case_figures(std::shared_ptr<const casefile::Case> kase) {
  using Key = std::tuple<std::string, double, double>;
  auto drawn = std::make_shared<std::map<Key, templating::FigureImage>>();
  return [kase, drawn](const templating::FigureRequest& request, std::string& error) -> std::optional<templating::FigureImage> {
    std::string day;  // the genogram is drawn as of the document's day
    if (request.data)
      if (const data::Node* t = request.data->get("today"); t && t->is_scalar()) day = t->scalar;
    Key key{request.name + "@" + day, request.width_cm, request.height_cm};
    if (auto it = drawn->find(key); it != drawn->end()) return it->second;
    auto figure = case_figure(*kase, request, error);
    if (figure) (*drawn)[key] = *figure;
    return figure;
  };
}

}  // namespace reviewkit::cli
