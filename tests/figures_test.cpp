// The chronology timeline (engine/figures): what each format's file holds, where labels land
// (never on each other), what is left out, and that odd timelines still make a figure.
#include <catch2/catch.hpp>

#include <podofo/podofo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <regex>
#include <set>

#include "figures/timeline.hpp"
#include "ooxml/image_info.hpp"

using namespace reviewkit;
using namespace reviewkit::figures;

namespace {

figures::Timeline review(std::size_t lanes = 3, std::size_t marks = 12) {
  figures::Timeline t;
  t.title = "Agency contact with Child A, 1 October 2023 to 15 January 2025";
  t.from = {2023, 10, 1};
  t.to = {2025, 1, 15};
  const char* names[] = {"CSC", "Police", "GP", "HV", "School", "ED", "CAMHS", "Housing"};
  for (std::size_t i = 0; i < lanes; ++i) t.lanes.push_back(names[i % 8]);
  std::mt19937 rng(7);
  long span = t.to.days() - t.from.days();
  for (std::size_t i = 0; i < marks; ++i) {
    TimelineMark m;
    m.date = Date::from_days(t.from.days() + static_cast<long>(rng() % static_cast<unsigned>(span + 1)));
    m.lane = i % lanes;
    m.child_seen = i % 3 == 0;
    m.seen_alone = i % 6 == 0;
    t.marks.push_back(m);
  }
  t.events = {{{2023, 12, 4}, {}, "Referral from school"},
              {{2024, 6, 20}, {}, "Move to Anytown"},
              {{2024, 3, 1}, Date{2024, 9, 30}, "Child protection plan"}};
  return t;
}

std::uint32_t be32(const std::string& b, std::size_t at) {
  return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}

/// Where cairo's SVG draws each glyph (its <use x= y=>).
std::vector<std::pair<double, double>> glyph_origins(const std::string& svg) {
  std::vector<std::pair<double, double>> out;
  std::regex use(R"re(<use xlink:href="#glyph[0-9-]+" x="([0-9.]+)" y="([0-9.]+)")re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), use); it != std::sregex_iterator(); ++it)
    out.push_back({std::stod((*it)[1]), std::stod((*it)[2])});
  return out;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

void check_apart(const std::vector<Box>& boxes) {
  for (std::size_t i = 0; i < boxes.size(); ++i)
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      INFO("labels " << i << " and " << j << ": x " << boxes[i].x << " w " << boxes[i].w << " y " << boxes[i].y << " / x "
                     << boxes[j].x << " w " << boxes[j].w << " y " << boxes[j].y);
      CHECK(!overlap(boxes[i], boxes[j]));
    }
}

}  // namespace

TEST_CASE("figures: the format is told by the file's extension in any case", "[figures]") {
  CHECK(format_for("timeline.svg") == Format::Svg);
  CHECK(format_for("out/Timeline.PDF") == Format::Pdf);
  CHECK(format_for("t.Png") == Format::Png);
  CHECK(!format_for("t.jpg"));
  CHECK(!format_for("svg"));
  CHECK(overlap({0, 0, 10, 10}, {5, 5, 10, 10}));
  CHECK(!overlap({0, 0, 10, 10}, {10, 0, 10, 10}));  // an edge shared is not an overlap
}

TEST_CASE("figures: the SVG names every lane and event, and draws each event label where its box is", "[figures]") {
  auto t = review();
  t.lanes[1] = "Police & <Probation>";
  std::string svg = draw_timeline(t, Format::Svg);
  REQUIRE(svg.rfind("<?xml", 0) == 0);
  CHECK(svg.find("</svg>") != std::string::npos);
  CHECK(svg.find("<title>Agency contact with Child A, 1 October 2023 to 15 January 2025</title>") != std::string::npos);
  for (const char* lane : {"CSC: ", "Police &amp; &lt;Probation&gt;: ", "GP: "}) CHECK(svg.find(lane) != std::string::npos);
  for (const auto& e : t.events) CHECK(svg.find(e.label) != std::string::npos);
  CHECK(svg.find("Child protection plan, 1 March 2024 to 30 September 2024") != std::string::npos);
  // cairo writes text as glyphs: the first glyph of each label starts its box, on the box's line.
  auto glyphs = glyph_origins(svg);
  auto boxes = timeline_label_boxes(t);
  REQUIRE(boxes.size() == 3);
  for (std::size_t i = 0; i < 2; ++i) {  // the period's box starts with its swatch, not a glyph
    bool found = std::any_of(glyphs.begin(), glyphs.end(), [&](const std::pair<double, double>& g) {
      return std::abs(g.first - boxes[i].x) < 0.01 && g.second > boxes[i].y && g.second < boxes[i].y + boxes[i].h;
    });
    INFO("label " << t.events[i].label);
    CHECK(found);
  }
  // The same timeline gives the same bytes.
  CHECK(draw_timeline(t, Format::Svg) == svg);
}

TEST_CASE("figures: the PNG is width * dpi / 72 pixels wide and records its resolution", "[figures]") {
  auto t = review();
  std::string png = draw_timeline(t, Format::Png, 720, 0, 100);
  REQUIRE(png.size() > 33);
  CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  CHECK(png.compare(12, 4, "IHDR") == 0);
  CHECK(be32(png, 16) == 1000);
  auto info = ooxml::inspect_image(png);
  REQUIRE(info);
  CHECK(info->dpi_x == Approx(100).margin(0.01));
  // The default: 770 pt at 200 dpi; and a height given is kept.
  png = draw_timeline(t, Format::Png, 770, 400, 200);
  CHECK(be32(png, 16) == 2139);
  CHECK(be32(png, 20) == 1111);
}

TEST_CASE("figures: the PDF is one page of the figure's size, without a creation date", "[figures]") {
  auto t = review();
  std::string pdf = draw_timeline(t, Format::Pdf, 770, 420);
  REQUIRE(pdf.rfind("%PDF-", 0) == 0);
  CHECK(pdf.find("%%EOF") != std::string::npos);
  CHECK(pdf.find("/CreationDate") == std::string::npos);
  CHECK(draw_timeline(t, Format::Pdf, 770, 420) == pdf);
  PoDoFo::PdfError::EnableLogging(false);
  PoDoFo::PdfMemDocument doc;
  doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  REQUIRE(doc.GetPageCount() == 1);
  CHECK(doc.GetPage(0)->GetMediaBox().GetWidth() == Approx(770));
  CHECK(doc.GetPage(0)->GetMediaBox().GetHeight() == Approx(420));
}

TEST_CASE("figures: eight lanes and five hundred marks in every format", "[figures]") {
  auto t = review(8, 500);
  CHECK(timeline_marks_drawn(t) == 500);
  std::string svg = draw_timeline(t, Format::Svg);
  CHECK(count(svg, "<path") > 500);  // a path each mark, at least
  CHECK(draw_timeline(t, Format::Pdf).rfind("%PDF-", 0) == 0);
  CHECK(draw_timeline(t, Format::Png).compare(1, 3, "PNG") == 0);
  // 60 pt a lane: eight lanes make a taller figure than three.
  std::regex height(R"re(height="([0-9.]+)pt")re");
  std::smatch m8, m3;
  std::string svg3 = draw_timeline(review(3, 500), Format::Svg);
  REQUIRE(std::regex_search(svg, m8, height));
  REQUIRE(std::regex_search(svg3, m3, height));
  CHECK(std::stod(m8[1]) - std::stod(m3[1]) == Approx(5 * 60));
}

TEST_CASE("figures: event labels close together stack on rows and never overlap", "[figures]") {
  auto t = review();
  t.events.clear();
  for (int d = 0; d < 6; ++d) t.events.push_back({Date{2024, 2, 1}.add_days(d * 3), {}, "Home visit, no answer, letter left " + std::to_string(d)});
  t.events.push_back({{2024, 1, 20}, Date{2024, 4, 1}, "Child in need plan"});
  t.events.push_back({{2025, 1, 14}, {}, "Near the end: a label that would run off the figure's right edge"});
  auto boxes = timeline_label_boxes(t);
  REQUIRE(boxes.size() == 8);
  check_apart(boxes);
  for (const auto& b : boxes) {
    CHECK(b.x >= 0);
    CHECK(b.x + b.w <= 770);
  }
  // More than one row was needed, and the figure grew for them.
  std::set<double> rows;
  for (const auto& b : boxes) rows.insert(b.y);
  CHECK(rows.size() >= 6);
  auto spread = review();
  std::regex height(R"re(height="([0-9.]+)pt")re");
  std::smatch close_h, spread_h;
  std::string close_svg = draw_timeline(t, Format::Svg), spread_svg = draw_timeline(spread, Format::Svg);
  REQUIRE(std::regex_search(close_svg, close_h, height));
  REQUIRE(std::regex_search(spread_svg, spread_h, height));
  CHECK(std::stod(close_h[1]) > std::stod(spread_h[1]) + 4 * 12);
  // Events far apart share the lowest row.
  auto far = timeline_label_boxes(spread);
  REQUIRE(far.size() == 3);
  CHECK(far[0].y == far[1].y);
}

TEST_CASE("figures: month labels are every month when they fit, fewer when not, never overlapping", "[figures]") {
  auto t = review();
  auto wide = timeline_axis_label_boxes(t, 770);
  CHECK(wide.size() == 16);  // October 2023 to January 2025
  check_apart(wide);
  auto narrow = timeline_axis_label_boxes(t, 300);
  CHECK(narrow.size() >= 3);
  CHECK(narrow.size() < 16);
  check_apart(narrow);
  t.from = {2015, 1, 1};
  auto decade = timeline_axis_label_boxes(t, 770);
  CHECK(decade.size() >= 5);
  check_apart(decade);
  t.from = t.to = {2024, 3, 5};  // one day: labelled by its date
  auto day = timeline_axis_label_boxes(t, 770);
  CHECK(day.size() == 1);
}

TEST_CASE("figures: marks outside the period or in no lane are not drawn", "[figures]") {
  auto t = review(3, 20);
  std::string inside = draw_timeline(t, Format::Svg);
  auto outside = t;
  outside.marks.push_back({{2023, 9, 30}, 0, true, false});  // the day before the period
  outside.marks.push_back({{2025, 1, 16}, 1, false, false});  // the day after
  outside.marks.push_back({{2024, 5, 1}, 3, true, true});     // lane 3 of three lanes
  outside.marks.push_back({{2024, 2, 30}, 0, false, false});  // no such day
  CHECK(timeline_marks_drawn(outside) == 20);
  // Neither drawn nor counted in the description: the file is the same, byte for byte.
  CHECK(draw_timeline(outside, Format::Svg) == inside);
  // And the first and last day of the period are in it: one more mark changes the drawing.
  auto edge = t;
  edge.marks.push_back({t.from, 0, false, false});
  edge.marks.push_back({t.to, 2, false, false});
  CHECK(timeline_marks_drawn(edge) == 22);
  std::string drawn = draw_timeline(edge, Format::Svg);
  CHECK(drawn != inside);
  CHECK(count(drawn, "<path") == count(inside, "<path") + 2);  // a tick each
}

TEST_CASE("figures: no marks, one lane, no lanes, one day and very long labels still make a figure", "[figures]") {
  auto check_all = [](const figures::Timeline& t) {
    for (Format f : {Format::Svg, Format::Pdf, Format::Png}) {
      INFO("format " << static_cast<int>(f));
      CHECK(!draw_timeline(t, f, 770, 0, 72).empty());
    }
  };
  auto t = review(1, 0);
  check_all(t);
  t.lanes.clear();
  t.marks = {{{2024, 1, 1}, 0, true, false}};
  CHECK(timeline_marks_drawn(t) == 0);
  check_all(t);
  t = review(2, 10);
  t.from = t.to = {2024, 3, 5};
  t.marks = {{{2024, 3, 5}, 1, true, true}, {{2024, 3, 6}, 0, false, false}};
  t.events = {{{2024, 3, 5}, {}, "Incident"}, {{2024, 3, 1}, Date{2024, 3, 31}, "Plan"}};
  CHECK(timeline_marks_drawn(t) == 1);
  CHECK(timeline_label_boxes(t).size() == 2);
  check_all(t);
  t = review(8, 50);
  std::string lorem(5000, 'x');
  t.title = "A title " + lorem;
  t.lanes[2] = "A very long agency name " + lorem;
  t.events.push_back({{2024, 1, 1}, {}, "A very long event " + lorem});
  t.events.push_back({{2024, 1, 2}, {}, "Bad UTF-8 \xC3\x28 and a line\nbreak"});
  check_all(t);
  auto boxes = timeline_label_boxes(t);
  REQUIRE(boxes.size() == 5);
  CHECK(boxes[3].w <= 770.0 / 2);
  check_apart(boxes);
  std::string svg = draw_timeline(t, Format::Svg);
  CHECK(svg.find("A very long event xxx") != std::string::npos);  // the description keeps it whole
}

TEST_CASE("figures: what cannot make a figure gives no bytes", "[figures]") {
  auto t = review();
  auto backwards = t;
  std::swap(backwards.from, backwards.to);
  CHECK(draw_timeline(backwards, Format::Svg).empty());
  auto no_date = t;
  no_date.from = {};
  CHECK(draw_timeline(no_date, Format::Pdf).empty());
  CHECK(draw_timeline(t, Format::Svg, 0).empty());
  CHECK(draw_timeline(t, Format::Svg, -5).empty());
  CHECK(draw_timeline(t, Format::Png, 770, 0, 0).empty());
  CHECK(draw_timeline(t, Format::Png, 770, 0, 100000).empty());
  CHECK(draw_timeline(t, Format::Png, 19000, 0, 200).empty());  // 52,778 pixels wide
  CHECK(timeline_label_boxes(backwards).empty());
  CHECK(timeline_marks_drawn(backwards) == 0);
}
