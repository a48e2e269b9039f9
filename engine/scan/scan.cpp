#include "scan/scan.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "common/text.hpp"
#include "common/utf8.hpp"

namespace reviewkit::scan {

namespace {

bool word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

/// The length of the UTF-8 sequence its lead byte begins (1 for a stray byte).
std::size_t sequence_length(unsigned char c) { return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1; }

/// A letter or digit of any script at byte `i` of `s` (a UTF-8 sequence read whole); false at the
/// ends. Punctuation beyond ASCII (curly quotes, guillemets, dashes) is not one.
bool letter_at(const std::string& s, std::size_t i) {
  if (i >= s.size()) return false;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return std::isalnum(c) != 0;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  std::u32string one = utf32(std::string_view(s).substr(i, sequence_length(static_cast<unsigned char>(s[i]))));
  return !one.empty() && is_letter(one[0]);
}

/// The character just before byte `i` is a letter or digit.
bool letter_before(const std::string& s, std::size_t i) {
  if (i == 0) return false;
  std::size_t k = i - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return letter_at(s, k);
}

/// The text as the matcher sees it: ASCII letters in small letters, curly apostrophes straight,
/// every run of spaces, tabs, line breaks and no-break spaces one space. `from[i]` is the byte of
/// the original where normalised byte i came from.
struct Folded {
  std::string text;
  std::vector<std::size_t> from;
};

Folded fold(const std::string& s) {
  Folded f;
  f.text.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t at = i;
    bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      blank = true;
      ++i;
    }
    if (blank) {
      if (!space && !f.text.empty()) {
        f.text += ' ';
        f.from.push_back(at);
      }
      space = true;
      continue;
    }
    space = false;
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x98 || static_cast<unsigned char>(s[i + 2]) == 0x99)) {
      f.text += '\'';
      f.from.push_back(at);
      i += 2;
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x94) {
      f.text += '-';  // hyphens and dashes
      f.from.push_back(at);
      i += 2;
      continue;
    }
    if (c >= 0xC0) {  // a letter of another script in its small form, where that keeps its length
      std::size_t n = std::min(sequence_length(c), s.size() - i);
      std::string one = s.substr(i, n);
      std::string small = change_case(one, LetterCase::Lower);
      const std::string& use = small.size() == one.size() ? small : one;
      for (std::size_t k = 0; k < use.size(); ++k) {
        f.text += use[k];
        f.from.push_back(i + k);
      }
      i += n - 1;
      continue;
    }
    f.text += static_cast<char>(std::tolower(c));
    f.from.push_back(at);
  }
  f.from.push_back(s.size());
  return f;
}

std::string folded(const std::string& s) { return fold(s).text; }

using Found = Hit;

// ---- Identifiers no case lists ----------------------------------------------------------------

bool digit(char c) { return c >= '0' && c <= '9'; }
bool alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }
bool boundary_before(const std::string& s, std::size_t i) { return i == 0 || !word_byte(static_cast<unsigned char>(s[i - 1])); }
bool boundary_after(const std::string& s, std::size_t i) { return i >= s.size() || !word_byte(static_cast<unsigned char>(s[i])); }

/// Digits from i, allowing one space or hyphen between groups; the digits, and where they end.
std::string digit_run(const std::string& s, std::size_t i, std::size_t max, std::size_t& end) {
  std::string d;
  end = i;
  while (end < s.size() && d.size() < max) {
    if (digit(s[end])) {
      d += s[end++];
    } else if ((s[end] == ' ' || s[end] == '-') && end + 1 < s.size() && digit(s[end + 1]) && !d.empty()) {
      ++end;
    } else {
      break;
    }
  }
  return d;
}

void generic(const std::string& s, std::vector<Found>& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    // NHS numbers (3 3 4 digits, the last a modulus-11 check) and UK telephone numbers.
    if ((digit(c) || (c == '+' && i + 3 < s.size() && s.compare(i, 3, "+44") == 0)) && boundary_before(s, i)) {
      std::size_t end = 0;
      std::size_t start = c == '+' ? i + 3 : i;
      if (c == '+' && start < s.size() && s[start] == ' ') ++start;
      std::string d = digit_run(s, start, 12, end);
      if (boundary_after(s, end)) {
        if (c != '+' && d.size() == 10 && nhs_number_valid(d)) {
          out.push_back({i, end, nullptr, true, "an NHS number ('" + s.substr(i, end - i) + "')", "remove it: no published document holds one"});
          i = end;
          continue;
        }
        bool uk = (c == '+' && (d.size() == 10 || (d.size() == 11 && d[0] == '0'))) ||
                  (c == '0' && (d.size() == 10 || d.size() == 11) && d.size() > 1 && std::string("1237").find(d[1]) != std::string::npos);
        if (uk && end - i >= 10) {
          out.push_back({i, end, nullptr, true, "a telephone number ('" + s.substr(i, end - i) + "')", "remove it, or give the organisation's name instead"});
          i = end;
          continue;
        }
      }
    }
    // E-mail addresses.
    if (c == '@' && i > 0) {
      auto local = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || std::string("._%+-").find(ch) != std::string::npos; };
      auto domain = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-'; };
      std::size_t b = i;
      while (b > 0 && local(s[b - 1])) --b;
      std::size_t e = i + 1;
      while (e < s.size() && domain(s[e])) ++e;
      while (e > i + 1 && s[e - 1] == '.') --e;
      std::string host = s.substr(i + 1, e - i - 1);
      std::size_t dot = host.rfind('.');
      if (b < i && dot != std::string::npos && dot > 0 && host.size() - dot > 2) {
        out.push_back({b, e, nullptr, true, "an e-mail address ('" + s.substr(b, e - b) + "')", "remove it, or give the organisation's name instead"});
        i = e;
        continue;
      }
    }
    if (!alpha(c) || !boundary_before(s, i)) continue;
    // National Insurance numbers: two letters (not D, F, I, Q, U or V; O not second; not BG, GB,
    // KN, NK, NT, TN or ZZ), six digits, A to D.
    if (i + 8 < s.size() && alpha(s[i + 1])) {
      std::string prefix{upper(s[i]), upper(s[i + 1])};
      std::size_t end = 0;
      std::size_t j = i + 2;
      if (j < s.size() && s[j] == ' ') ++j;
      std::string d = digit_run(s, j, 6, end);
      std::size_t k = end;
      if (k < s.size() && s[k] == ' ') ++k;
      const std::string bad_letters = "DFIQUV";
      bool letters_ok = bad_letters.find(prefix[0]) == std::string::npos && bad_letters.find(prefix[1]) == std::string::npos &&
                        prefix[1] != 'O';
      static const std::set<std::string> excluded{"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};
      if (d.size() == 6 && k < s.size() && upper(s[k]) >= 'A' && upper(s[k]) <= 'D' && boundary_after(s, k + 1) && letters_ok &&
          !excluded.count(prefix)) {
        out.push_back({i, k + 1, nullptr, true, "a National Insurance number ('" + s.substr(i, k + 1 - i) + "')", "remove it: no published document holds one"});
        i = k;
        continue;
      }
    }
    // Vehicle registrations in the current format (AB12 CDE), in capitals.
    if (i + 7 <= s.size() && std::isupper(static_cast<unsigned char>(s[i])) && std::isupper(static_cast<unsigned char>(s[i + 1])) &&
        digit(s[i + 2]) && digit(s[i + 3])) {
      std::size_t j = i + 4;
      if (j < s.size() && s[j] == ' ') ++j;
      if (j + 3 <= s.size() && std::isupper(static_cast<unsigned char>(s[j])) && std::isupper(static_cast<unsigned char>(s[j + 1])) &&
          std::isupper(static_cast<unsigned char>(s[j + 2])) && boundary_after(s, j + 3)) {
        out.push_back({i, j + 3, nullptr, true, "a vehicle registration ('" + s.substr(i, j + 3 - i) + "')", "remove it"});
        i = j + 2;
        continue;
      }
    }
    // UK postcodes, in capitals: A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA.
    std::size_t j = i, letters = 0;
    while (j < s.size() && alpha(s[j]) && letters < 2) ++j, ++letters;
    if (j < s.size() && digit(s[j])) {
      auto inward = [&](std::size_t k) -> std::size_t {
        if (k < s.size() && s[k] == ' ') ++k;
        if (k + 3 <= s.size() && digit(s[k]) && alpha(s[k + 1]) && alpha(s[k + 2]) && boundary_after(s, k + 3)) return k + 3;
        return 0;
      };
      std::size_t end = inward(j + 1);
      if (!end && j + 1 < s.size() && std::isalnum(static_cast<unsigned char>(s[j + 1]))) end = inward(j + 2);
      bool capitals = end > 0;
      for (std::size_t k = i; k < end; ++k) capitals = capitals && !(s[k] >= 'a' && s[k] <= 'z');
      if (capitals) {
        out.push_back({i, end, nullptr, true, "a postcode ('" + s.substr(i, end - i) + "')", "remove it: give the area in words, or nothing"});
        i = end - 1;
        continue;
      }
    }
  }
}

/// Initials at [at, end) of the folded text stand for a person: a title or a word for a relation
/// before them, a possessive after them, or brackets round them.
bool person_meant(const std::string& f, std::size_t at, std::size_t end) {
  static const std::set<std::string> before{"mr", "mrs", "ms", "miss", "mx", "dr", "mother", "father", "mum", "dad", "child",
                                            "baby", "brother", "sister", "grandmother", "grandfather", "grandparent", "partner",
                                            "stepfather", "stepmother", "uncle", "aunt", "carer", "parent", "cousin", "nan",
                                            "sibling", "boyfriend", "girlfriend", "husband", "wife"};
  if (end + 1 < f.size() && f[end] == '\'' && f[end + 1] == 's' && (end + 2 >= f.size() || !std::isalnum(static_cast<unsigned char>(f[end + 2]))))
    return true;
  if (at > 0 && f[at - 1] == '(' && end < f.size() && f[end] == ')') return true;
  std::size_t e = at;
  while (e > 0 && (f[e - 1] == ' ' || f[e - 1] == '.')) --e;
  std::size_t b = e;
  while (b > 0 && std::isalpha(static_cast<unsigned char>(f[b - 1]))) --b;
  return e > b && before.count(f.substr(b, e - b)) > 0;
}

bool capitalised(const std::string& s, std::size_t i) { return i < s.size() && std::isupper(static_cast<unsigned char>(s[i])); }

/// Details that identify together with others, as warnings: an exact age in days, a named street,
/// a named school or nursery.
void jigsaw(const std::string& s, std::vector<Found>& out) {
  static const std::set<std::string> streets{"Street", "Road", "Close", "Lane", "Avenue", "Drive", "Way", "Crescent", "Grove",
                                             "Terrace", "Gardens", "Walk", "Mews", "Place", "Row", "Square", "Hill", "Rise", "View"};
  static const std::set<std::string> schools{"School", "Academy", "Nursery", "College"};
  // Words: [begin, end) of each run of letters, apostrophes and hyphens.
  std::vector<std::pair<std::size_t, std::size_t>> words;
  for (std::size_t i = 0; i < s.size();) {
    if (!alpha(s[i]) && !digit(s[i])) {
      ++i;
      continue;
    }
    std::size_t b = i;
    while (i < s.size()) {
      if (alpha(s[i]) || digit(s[i])) ++i;
      else if ((s[i] == '\'' || s[i] == '-') && i + 1 < s.size() && alpha(s[i + 1])) ++i;
      else if (s.compare(i, 3, "\xE2\x80\x99") == 0 && i + 3 < s.size() && alpha(s[i + 3])) i += 3;  // Word's apostrophe
      else break;
    }
    words.emplace_back(b, i);
  }
  auto word = [&](std::size_t k) { return s.substr(words[k].first, words[k].second - words[k].first); };
  for (std::size_t k = 0; k < words.size(); ++k) {
    std::string w = word(k);
    // "43 days old", "a 43-day-old baby", "aged 43 days"
    std::size_t digits = 0;
    while (digits < w.size() && digit(w[digits])) ++digits;
    if (digits > 0 && digits <= 3 && (digits == w.size() || w.substr(digits) == "-day-old")) {
      std::size_t after = words[k].first + digits, end = 0;
      bool aged = false;
      if (s.compare(after, 9, " days old") == 0 || s.compare(after, 8, " day old") == 0)
        end = after + (s.compare(after, 9, " days old") == 0 ? 9 : 8);
      else if (s.compare(after, 8, "-day-old") == 0)
        end = after + 8;
      else if (k > 0 && ascii_lower(word(k - 1)) == "aged" && s.compare(after, 5, " days") == 0)
        end = after + 5, aged = true;
      if (end && boundary_after(s, end)) {
        std::size_t begin = aged ? words[k - 1].first : words[k].first;
        out.push_back({begin, end, nullptr, false, "an exact age in days ('" + s.substr(begin, end - begin) + "'): with other details it identifies the child",
                       "give the age in weeks or months"});
      }
      continue;
    }
    bool street = streets.count(w) > 0, school = schools.count(w) > 0;
    if (!street && !school) continue;
    // The capitalised words before it that name it ("Fernbank Close", "St Anne's Primary School").
    std::size_t first = k;
    while (first > 0 && k - first < 4 && capitalised(s, words[first - 1].first) && words[first].first - words[first - 1].second <= 1 &&
           (!names_no_one(word(first - 1)) || (school && (word(first - 1) == "Primary" || word(first - 1) == "Day" || word(first - 1) == "High" ||
                                                          word(first - 1) == "Infant" || word(first - 1) == "Junior"))))
      --first;
    while (first < k && (word(first) == "Primary" || word(first) == "Day" || word(first) == "High" || word(first) == "Infant" || word(first) == "Junior"))
      ++first;  // a kind of school is not its name
    if (first == k) continue;
    std::size_t begin = words[first].first, end = words[k].second;
    if (k + 1 < words.size() && school && word(k + 1) == "School" && words[k + 1].first == end + 1) end = words[++k].second;
    std::string named = s.substr(begin, end - begin);
    out.push_back({begin, end, nullptr, false,
                   std::string(street ? "a named street" : "a named school or nursery") + " ('" + named + "'): with other details it can identify the family",
                   street ? "say 'the family's street' or leave it out" : "say 'the child's school' or 'the nursery'"});
  }
}

}  // namespace

/// Up to about 40 characters either side of [begin, end) of the original, cut at whole characters,
/// with an ellipsis where cut, on one line.
std::string excerpt(const std::string& s, std::size_t begin, std::size_t end) {
  auto back = [&](std::size_t i) {
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return i;
  };
  std::size_t from = begin > 40 ? back(begin - 40) : 0;
  std::size_t to = std::min(s.size(), end + 40);
  while (to < s.size() && (static_cast<unsigned char>(s[to]) & 0xC0) == 0x80) ++to;
  std::string body;  // on one line, runs of spaces as one
  for (std::size_t i = from; i < to; ++i) {
    char c = s[i];
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && (body.empty() || body.back() == ' ')) continue;
    body += c;
  }
  while (!body.empty() && body.back() == ' ') body.pop_back();
  std::string out = (from > 0 ? "\u2026" : "") + body + (to < s.size() ? "\u2026" : "");
  return valid_utf8(out, nullptr, false) ? out : std::string("(text that is not UTF-8)");
}

bool nhs_number_valid(const std::string& d) {
  if (d.size() != 10 || !std::all_of(d.begin(), d.end(), digit)) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[static_cast<std::size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;
  return check == d[9] - '0';
}

bool everyday_word(const std::string& part) {
  static const std::set<std::string> words = {
      "grace", "hope", "faith", "joy", "may", "will", "mark", "rose", "ivy", "holly", "dawn", "summer", "autumn", "april", "june",
      "august", "bill", "pat", "sue", "rob", "jack", "guy", "art", "ray", "dean", "birch", "wood", "green", "brown", "white",
      "black", "young", "king", "bird", "rich", "long", "short", "hill", "rowan", "victoria", "paris", "chase", "frank", "drew",
      "harbour", "brook", "marsh", "fox", "lamb", "bush", "wells", "banks", "hart", "cross", "church", "hall", "moss", "rivers",
      "lake", "page", "bell", "stone", "field", "mills", "ford", "baker", "cook", "hunter", "mason", "star", "sky", "river",
      "amber", "ruby", "pearl", "jade", "violet", "iris", "daisy", "heather", "crystal", "angel", "honey", "sunny", "cash",
      "sterling", "norman", "victor", "gene", "eve", "lily", "child", "parent", "baby"};
  return words.count(change_case(part, LetterCase::Lower)) > 0;
}

bool names_no_one(const std::string& part) {
  static const std::set<std::string> words = {
      "mr", "mrs", "ms", "miss", "mx", "dr", "the", "and", "baby", "unborn", "child", "parent", "chief", "constable", "detective",
      "sergeant", "inspector", "superintendent", "officer", "doctor", "nurse", "sister", "father", "mother", "reverend", "professor",
      "sir", "dame", "lady", "lord", "councillor", "judge", "her", "his", "day", "house", "close", "road", "street", "lane",
      "avenue", "way", "court", "flat", "drive", "place", "walk", "ward", "centre", "medical", "nursery", "school",
      "hospital", "surgery", "practice", "children's", "general", "north", "south", "east", "west", "new", "old", "little"};
  return words.count(change_case(part, LetterCase::Lower)) > 0;
}

std::vector<Identifier> name_identifiers(const std::string& name, const std::string& who, const std::string& use) {
  // First names that are also words a report uses, which would flag ordinary prose.
  static const std::set<std::string> common{
      "will", "grace", "hope", "faith", "joy", "may", "june", "april", "august", "rose", "lily", "ivy", "holly", "dawn",
      "mark", "bill", "frank", "rob", "sue", "pat", "jack", "guy", "art", "ray", "dean", "gene", "summer", "autumn", "star",
      "sky", "river", "brook", "eve", "amber", "crystal", "ruby", "pearl", "jade", "violet", "iris", "daisy", "heather",
      "norman", "victor", "sterling", "chase", "hunter", "mason", "cash", "angel", "honey", "sunny", "wood", "young", "white",
      "brown", "green", "black", "little", "long", "short", "child", "parent", "baby"};
  std::vector<Identifier> out;
  std::string trimmed = name;
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
  if (trimmed.empty()) return out;
  out.push_back({trimmed, "real name of " + who + " ('" + trimmed + "')", "write '" + use + "'", true, 0, false, use});
  std::vector<std::string> words, parts;  // words: split at spaces and hyphens; parts: at spaces
  std::string w, part;
  for (char c : trimmed + " ") {
    if (c == ' ' || c == '-') {
      if (!w.empty()) words.push_back(w);
      w.clear();
    } else {
      w += c;
    }
    if (c == ' ') {
      if (!part.empty()) parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  for (const auto& p : parts)  // a double-barrelled name, whole
    if (p.find('-') != std::string::npos && words.size() > 1)
      out.push_back({p, "part of the real name of " + who + " ('" + p + "', from '" + trimmed + "')", "write '" + use + "'", true, 0, false, use});
  // Initials: of the words that name (not "Mrs", not "Detective"), the first letter of each.
  std::vector<std::string> letters;
  for (const auto& p : words)
    if (!names_no_one(p) && !p.empty() && std::isupper(static_cast<unsigned char>(p[0]))) letters.push_back(p.substr(0, 1));
  if (letters.size() >= 2) {
    std::vector<std::vector<std::string>> sets{letters};
    if (letters.size() > 2) sets.push_back({letters.front(), letters.back()});
    for (const auto& set : sets) {
      std::string dotted, spaced, bare;
      for (std::size_t k = 0; k < set.size(); ++k) {
        dotted += set[k] + ".";
        spaced += (k ? " " : "") + set[k] + ".";
        bare += set[k];
      }
      std::string what = "the initials of " + who + " ('";
      for (const auto& form : {dotted, spaced}) {
        Identifier id{form, what + form + "', from '" + trimmed + "')", "write '" + use + "'", true, 0, false, use};
        id.as_written = true;
        out.push_back(id);
      }
      Identifier id{bare, what + bare + "', from '" + trimmed + "')", "write '" + use + "'", true, 0, false, use};
      id.as_written = true;
      id.needs_context = true;
      out.push_back(id);
    }
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& p = words[i];
    std::string f = folded(p);
    while (!f.empty() && (f.back() == '.' || f.back() == ',')) f.pop_back();
    if (f.size() < 3) continue;
    bool is_first = i == 0 && words.size() > 1;
    if ((is_first && common.count(f)) || names_no_one(p)) continue;
    out.push_back({p, std::string(is_first ? "first name" : "name") + " of " + who + " ('" + p + "', from '" + trimmed + "')",
                   "write '" + use + "'", true, 0, false, use});
    out.back().as_written = everyday_word(p);
  }
  return out;
}

std::vector<Identifier> date_identifiers(int y, int m, int d, const std::string& what, const std::string& hint) {
  static const std::array<const char*, 12> months{"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};
  if (m < 1 || m > 12 || d < 1 || d > 31) return {};
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  std::string month = months[static_cast<std::size_t>(m - 1)], mon = month.substr(0, 3);
  std::string suffix = (d % 10 == 1 && d != 11) ? "st" : (d % 10 == 2 && d != 12) ? "nd" : (d % 10 == 3 && d != 13) ? "rd" : "th";
  std::string yy = two(y % 100), yyyy = std::to_string(y), dd = two(d), mm = two(m), ds = std::to_string(d), ms = std::to_string(m);
  std::vector<std::string> forms{dd + "/" + mm + "/" + yyyy, ds + "/" + ms + "/" + yyyy, dd + "/" + mm + "/" + yy, ds + "/" + ms + "/" + yy,
                                 dd + "." + mm + "." + yyyy, dd + "-" + mm + "-" + yyyy,  yyyy + "-" + mm + "-" + dd,
                                 ds + " " + month + " " + yyyy, ds + suffix + " " + month + " " + yyyy, ds + " " + mon + " " + yyyy,
                                 ds + suffix + " " + month, ds + " " + month, ds + " " + mon,
                                 month + " " + ds + ", " + yyyy, month + " " + ds + suffix + ", " + yyyy, ds + " " + month + " " + yy,
                                 ds + suffix + " of " + month + " " + yyyy, ds + suffix + " of " + month};
  std::vector<Identifier> out;
  std::set<std::string> seen;
  for (const auto& f : forms) {
    if (!seen.insert(folded(f)).second) continue;
    bool has_year = f.find(yyyy) != std::string::npos || f.find("/" + yy) != std::string::npos || f.find(" " + yy) == f.size() - 3;
    out.push_back({f, what, hint, true, has_year ? 0 : y});
  }
  return out;
}

Matcher::Matcher(std::vector<Identifier> ids) : ids_(std::move(ids)) {
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    std::string f = folded(ids_[i].text);
    while (!f.empty() && f.back() == ' ') f.pop_back();
    if (f.size() >= 3 || (ids_[i].as_written && f.size() >= 2)) folded_.emplace_back(std::move(f), i);
  }
  // Longer first, so that a whole name is told before its parts at the same place.
  std::stable_sort(folded_.begin(), folded_.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::vector<Hit> Matcher::find(const std::string& text, bool with_generic) const {
  std::vector<Hit> found;
  if (text.empty()) return found;
  Folded f = fold(text);
  std::vector<std::pair<std::size_t, std::size_t>> open;  // publishable texts
  for (const auto& [needle, index] : folded_) {
    const Identifier& id = ids_[index];
    for (std::size_t at = f.text.find(needle); at != std::string::npos; at = f.text.find(needle, at + 1)) {
      std::size_t end = at + needle.size();
      if (letter_before(f.text, at) || (letter_at(f.text, end) && !(id.year == 0 && alpha(needle.back()) && f.text[end] == 's' &&
                                                                    !letter_at(f.text, end + 1))))
        continue;
      if (letter_at(f.text, end)) ++end;  // a plural: "the Marlows"
      std::size_t begin = f.from[at], stop = f.from[end - 1] + 1;
      while (stop < text.size() && (static_cast<unsigned char>(text[stop]) & 0xC0) == 0x80) ++stop;
      if (id.publishable) {
        open.emplace_back(begin, stop);
        continue;
      }
      // As written: initials letter for letter; an everyday word with its capital (BIRCH, Birch; not birch).
      if (id.as_written && (id.text.size() <= 6 && (id.needs_context || id.text.find('.') != std::string::npos)
                                ? text.compare(begin, id.text.size(), id.text) != 0
                                : text[begin] != id.text[0]))
        continue;
      if (id.needs_context && !person_meant(f.text, at, end)) continue;
      if (id.year) {  // "1 December" followed by another year is another day
        std::size_t k = end;
        while (k < f.text.size() && (f.text[k] == ' ' || f.text[k] == ',')) ++k;
        if (k + 4 <= f.text.size() && std::all_of(f.text.begin() + static_cast<long>(k), f.text.begin() + static_cast<long>(k + 4), digit) &&
            f.text.compare(k, 4, std::to_string(id.year)) != 0)
          continue;
      }
      found.push_back({begin, stop, &id, id.error, id.what, id.hint});
    }
  }
  if (with_generic) {
    generic(text, found);
    jigsaw(text, found);
  }
  // The board's own address, phone numbers and e-mail addresses may be published: nothing found
  // inside them is told.
  if (!open.empty())
    found.erase(std::remove_if(found.begin(), found.end(),
                               [&](const Found& h) {
                                 for (const auto& [b, e] : open)
                                   if (h.begin >= b && h.end <= e) return true;
                                 return false;
                               }),
                found.end());
  // Of hits that overlap, the longer (the first found when as long) is kept.
  std::vector<Found> kept;
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.end - a.begin > b.end - b.begin; });
  for (auto& h : found) {
    bool inside = false;
    for (const auto& k : kept) inside = inside || (h.begin < k.end && k.begin < h.end);
    if (!inside) kept.push_back(std::move(h));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const Found& a, const Found& b) { return a.begin < b.begin; });
  return kept;
}

std::string replace_hits(const std::string& text, const std::vector<Hit>& hits, std::vector<std::string>& used) {
  std::string out;
  std::size_t at = 0;
  for (const auto& h : hits) {
    if (!h.id || h.id->replacement.empty() || h.begin < at || h.end > text.size()) continue;
    out.append(text, at, h.begin - at);
    out += h.id->replacement;
    if (std::find(used.begin(), used.end(), h.id->replacement) == used.end()) used.push_back(h.id->replacement);
    at = h.end;
  }
  out.append(text, at, std::string::npos);
  return out;
}

std::vector<SpanHit> find_in_spans(const std::vector<Span>& spans, const Matcher& matcher) {
  std::vector<SpanHit> out;
  bool a_place = false;
  for (std::size_t i = 0; i < spans.size(); ++i)
    for (auto& h : matcher.find(spans[i].text)) {
      a_place = a_place || (h.id && h.id->place) || h.message.rfind("a named street", 0) == 0;
      out.push_back({i, std::move(h)});
    }
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const SpanHit& s) { return s.hit.id && (s.hit.id->silent || (s.hit.id->with_a_place && !a_place)); }),
            out.end());
  return out;
}

void scan_spans(const std::vector<Span>& spans, const std::vector<Identifier>& ids, Diagnostics& diags) {
  Matcher matcher(ids);
  for (const auto& [i, h] : find_in_spans(spans, matcher)) {
    Location where = spans[i].where;
    where.excerpt = excerpt(spans[i].text, h.begin, h.end);
    if (h.error) diags.error(where, h.message, h.hint);
    else diags.warning(where, h.message, h.hint);
  }
}

std::vector<Span> text_spans(const std::string& bytes, const std::string& file) {
  std::string text = bytes;
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
    text = utf16_to_utf8(std::string_view(text).substr(2), text[0] == '\xFF');
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (!valid_utf8(text, nullptr, false)) text = windows_1252_to_utf8(text);
  std::vector<Span> out;
  int line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      Span s;
      s.where.file = file;
      s.where.line = line++;
      s.text = text.substr(start, i - start);
      if (!s.text.empty() && s.text.back() == '\r') s.text.pop_back();
      out.push_back(std::move(s));
      start = i + 1;
    }
  }
  return out;
}

}  // namespace reviewkit::scan
