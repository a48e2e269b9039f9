#include "figures.hpp"

#include <map>
#include <tuple>
#include <vector>

#include "chronology/timeline.hpp"
#include "common/suggest.hpp"
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

}  // namespace

std::optional<templating::FigureImage> case_figure(const casefile::Case& kase, const templating::FigureRequest& request,
                                                   std::string& error) {
  if (request.name == "timeline") return timeline(kase, request, error);
  if (request.name == "genogram") {
    error = "genogram: not drawn by this version yet";
    return std::nullopt;
  }
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
    Key key{request.name, request.width_cm, request.height_cm};
    if (auto it = drawn->find(key); it != drawn->end()) return it->second;
    auto figure = case_figure(*kase, request, error);
    if (figure) (*drawn)[key] = *figure;
    return figure;
  };
}

}  // namespace reviewkit::cli
