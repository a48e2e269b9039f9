#include "expression.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "common/date.hpp"
#include "common/numbers.hpp"
#include "common/suggest.hpp"
#include "common/utf8.hpp"

namespace reviewkit::templating {

// ---------------------------------------------------------------- values

namespace {
// Empty, or only spaces, tabs, line breaks and non-breaking spaces: a value nobody filled in.
bool is_blank(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (s.compare(i, 2, "\xC2\xA0") == 0) {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

std::optional<double> as_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

Value Value::of(const data::Node* node, std::string path) {
  Value v;
  v.path = std::move(path);
  if (!node) return v;
  v.node = node;
  switch (node->kind) {
    case data::Kind::Null: v.kind = Null; break;
    case data::Kind::List: v.kind = List; break;
    case data::Kind::Map: v.kind = Map; break;
    case data::Kind::Scalar:
      v.text = node->scalar;
      v.kind = Text;
      if (!node->quoted) {
        if (node->scalar == "true" || node->scalar == "false") {
          v.kind = Bool;
          v.boolean = node->scalar == "true";
        } else if (auto n = as_number(node->scalar)) {
          v.kind = Number;
          v.number = *n;
        }
      }
      break;
  }
  return v;
}

Value Value::of_text(std::string text) {
  Value v;
  v.kind = Text;
  v.text = std::move(text);
  return v;
}

bool Value::truthy() const {
  switch (kind) {
    case Missing:
    case Null: return false;
    case Text: return !text.empty();
    case Number: return number != 0;
    case Bool: return boolean;
    case List: return node && !node->items.empty();
    case Map: return node && !node->entries.empty();
  }
  return false;
}

std::string describe(const Value& v) {
  switch (v.kind) {
    case Value::Missing: return "missing";
    case Value::Null: return "empty";
    case Value::List: return "a list";
    case Value::Map: return "a map";
    default: return "'" + v.text + "'";
  }
}

// ---------------------------------------------------------------- lexer

namespace {

struct Token {
  enum Kind { Name, Number, String, Op, End } kind;
  std::string text;
};

// Quotes Word's autocorrect puts in: “ ” ‘ ’ as well as " and '.
std::size_t quote_length(std::string_view s, std::size_t i, bool& is_open, std::string& closer) {
  if (s[i] == '"' || s[i] == '\'') {
    is_open = true;
    closer = std::string(1, s[i]);
    return 1;
  }
  if (s.compare(i, 3, "\xE2\x80\x9C") == 0 || s.compare(i, 3, "\xE2\x80\x9D") == 0) {
    is_open = true;
    closer = "\xE2\x80\x9D";
    return 3;
  }
  if (s.compare(i, 3, "\xE2\x80\x98") == 0 || s.compare(i, 3, "\xE2\x80\x99") == 0) {
    is_open = true;
    closer = "\xE2\x80\x99";
    return 3;
  }
  is_open = false;
  return 0;
}

bool lex(std::string_view s, std::vector<Token>& out, std::string& error) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    if (s.compare(i, 2, "\xC2\xA0") == 0) {  // a non-breaking space Word typed
      i += 2;
      continue;
    }
    bool quoted = false;
    std::string closer;
    std::size_t qlen = quote_length(s, i, quoted, closer);
    if (quoted) {
      std::size_t start = i + qlen;
      // A closing quote: the same character, or for curly quotes either curly form.
      std::size_t end = std::string_view::npos;
      if (closer.size() == 1) {
        end = s.find(closer, start);
      } else {
        for (std::size_t k = start; k + 2 < s.size() + 0 && k < s.size(); ++k) {
          if (s.compare(k, 3, closer) == 0 || (closer == "\xE2\x80\x9D" && s.compare(k, 3, "\xE2\x80\x9C") == 0) ||
              (closer == "\xE2\x80\x99" && s.compare(k, 3, "\xE2\x80\x98") == 0)) {
            end = k;
            break;
          }
        }
        // Straight quote closing a curly one (mixed typing).
        if (end == std::string_view::npos) end = s.find('"', start);
      }
      if (end == std::string_view::npos) {
        error = "a quoted text is not closed";
        return false;
      }
      out.push_back({Token::String, std::string(s.substr(start, end - start))});
      i = end + (s[end] == '"' || s[end] == '\'' ? 1 : 3);
      continue;
    }
    if (std::isalpha(c) || c == '_') {
      std::size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      out.push_back({Token::Name, std::string(s.substr(i, j - i))});
      i = j;
      continue;
    }
    if (std::isdigit(c)) {
      std::size_t j = i + 1;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
      out.push_back({Token::Number, std::string(s.substr(i, j - i))});
      i = j;
      continue;
    }
    for (std::string_view op : {"==", "!=", "<=", ">=", "<", ">", "|", ":", ",", ".", "[", "]", "(", ")", "+", "-", "*", "/"}) {
      if (s.compare(i, op.size(), op) == 0) {
        out.push_back({Token::Op, std::string(op)});
        i += op.size();
        goto next;
      }
    }
    if (c == '=') {
      error = "'=' is not a comparison; write '==' to compare";
      return false;
    }
    error = "unexpected character '" + std::string(1, s[i]) + "'";
    return false;
  next:;
  }
  out.push_back({Token::End, ""});
  return true;
}

// ---------------------------------------------------------------- parser

class Parser {
 public:
  Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  ExprPtr parse_full(std::string& error) {
    auto e = parse_or();
    if (e && peek().kind != Token::End) fail("unexpected '" + peek().text + "'");
    if (!error_.empty()) {
      error = error_;
      return nullptr;
    }
    return e;
  }

 private:
  const Token& peek(std::size_t ahead = 0) const { return t_[std::min(pos_ + ahead, t_.size() - 1)]; }
  bool is_op(const char* op, std::size_t ahead = 0) const {
    return peek(ahead).kind == Token::Op && peek(ahead).text == op;
  }
  bool is_word(const char* w, std::size_t ahead = 0) const {
    return peek(ahead).kind == Token::Name && peek(ahead).text == w;
  }
  void fail(std::string msg) {
    if (error_.empty()) error_ = std::move(msg);
  }
  // Brackets, 'not' and '-' nest by recursion; a limit keeps a crafted tag from exhausting the stack.
  bool deeper() {
    if (++depth_ <= kMaxExpressionDepth) return true;
    fail("the expression nests brackets, 'not' or '-' more than " + std::to_string(kMaxExpressionDepth) +
         " deep; simplify it");
    return false;
  }

  // Lowest to highest: or, and, not, comparisons and `in`, + -, * /, unary -, filters, a value.
  ExprPtr parse_or() {
    auto left = parse_and();
    while (left && is_word("or")) {
      ++pos_;
      auto right = parse_and();
      if (!right) return nullptr;
      left = binary(Expr::Or, "or", left, right);
    }
    return left;
  }

  ExprPtr parse_and() {
    auto left = parse_not();
    while (left && is_word("and")) {
      ++pos_;
      auto right = parse_not();
      if (!right) return nullptr;
      left = binary(Expr::And, "and", left, right);
    }
    return left;
  }

  ExprPtr parse_not() {
    if (is_word("not")) {
      ++pos_;
      if (!deeper()) return nullptr;
      auto inner = parse_not();
      --depth_;
      if (!inner) return nullptr;
      auto e = std::make_shared<Expr>();
      e->kind = Expr::Not;
      e->operands.push_back(inner);
      return e;
    }
    return parse_compare();
  }

  ExprPtr parse_compare() {
    auto left = parse_sum();
    if (!left) return nullptr;
    if (is_word("is")) {
      ++pos_;
      bool negated = false;
      if (is_word("not")) {
        negated = true;
        ++pos_;
      }
      if (!is_word("defined")) {
        fail("'is' must be followed by 'defined' or 'not defined'");
        return nullptr;
      }
      ++pos_;
      auto e = std::make_shared<Expr>();
      e->kind = Expr::Defined;
      e->negated = negated;
      e->operands.push_back(left);
      return e;
    }
    if (is_word("in") || (is_word("not") && is_word("in", 1))) {
      bool negated = is_word("not");
      pos_ += negated ? 2 : 1;
      auto right = parse_sum();
      if (!right) return nullptr;
      auto e = binary(Expr::In, negated ? "not in" : "in", left, right);
      std::const_pointer_cast<Expr>(e)->negated = negated;
      return e;
    }
    for (const char* op : {"==", "!=", "<=", ">=", "<", ">"}) {
      if (is_op(op)) {
        ++pos_;
        auto right = parse_sum();
        if (!right) return nullptr;
        return binary(Expr::Compare, op, left, right);
      }
    }
    return left;
  }

  ExprPtr parse_sum() {
    auto left = parse_product();
    while (left && (is_op("+") || is_op("-"))) {
      std::string op = peek().text;
      ++pos_;
      auto right = parse_product();
      if (!right) return nullptr;
      left = binary(Expr::Arithmetic, op, left, right);
    }
    return left;
  }

  ExprPtr parse_product() {
    auto left = parse_unary();
    while (left && (is_op("*") || is_op("/"))) {
      std::string op = peek().text;
      ++pos_;
      auto right = parse_unary();
      if (!right) return nullptr;
      left = binary(Expr::Arithmetic, op, left, right);
    }
    return left;
  }

  ExprPtr parse_unary() {
    if (!is_op("-")) return parse_filtered();
    ++pos_;
    if (!deeper()) return nullptr;
    auto inner = parse_unary();
    --depth_;
    if (!inner) return nullptr;
    if (inner->kind == Expr::Literal && inner->literal.kind == Value::Number) {  // -1 is a number
      auto e = std::make_shared<Expr>(*inner);
      e->literal.number = -e->literal.number;
      e->literal.text = "-" + e->literal.text;
      return e;
    }
    auto e = std::make_shared<Expr>();
    e->kind = Expr::Negate;
    e->text = "-";
    e->operands.push_back(inner);
    return e;
  }

  // A filter binds to the value just before it: `agencies | count > 2`, `name | lower == "ada"`.
  ExprPtr parse_filtered() {
    auto e = parse_primary();
    if (!e || !is_op("|")) return e;
    auto f = std::make_shared<Expr>();
    f->kind = Expr::Filtered;
    f->operands.push_back(e);
    while (is_op("|")) {
      ++pos_;
      if (peek().kind != Token::Name) {
        fail("a filter name is expected after '|'");
        return nullptr;
      }
      Filter filter{peek().text, {}};
      ++pos_;
      const auto& names = filter_names();
      if (std::find(names.begin(), names.end(), filter.name) == names.end()) {
        std::string hint = did_you_mean(filter.name, names);
        fail("unknown filter '" + filter.name + "'" + (hint.empty() ? " (the filters are " + one_of(names) + ")" : " (" + hint + ")"));
        return nullptr;
      }
      if (is_op(":")) {
        ++pos_;
        do {
          if (is_op(",")) ++pos_;
          // An argument is one value: `| default: "none" | upper` filters the result, not "none".
          bool minus = is_op("-");
          if (minus) ++pos_;
          auto arg = parse_primary();
          if (!arg) return nullptr;
          if (minus) {
            if (arg->kind != Expr::Literal || arg->literal.kind != Value::Number) {
              fail("'-' before a filter's argument must be followed by a number");
              return nullptr;
            }
            auto neg = std::make_shared<Expr>(*arg);
            neg->literal.number = -neg->literal.number;
            neg->literal.text = "-" + neg->literal.text;
            arg = neg;
          }
          filter.args.push_back(arg);
        } while (is_op(","));
      }
      f->filters.push_back(std::move(filter));
    }
    return f;
  }

  ExprPtr list_literal() {
    ++pos_;  // [
    auto e = std::make_shared<Expr>();
    e->list = data::Node::make_list();
    while (!is_op("]")) {
      if (!e->list->items.empty()) {
        if (!is_op(",")) {
          fail("a ',' or ']' is missing in the list");
          return nullptr;
        }
        ++pos_;
        if (is_op("]")) break;  // a trailing comma
      }
      bool minus = is_op("-");
      if (minus) ++pos_;
      const Token& t = peek();
      if (t.kind == Token::String && !minus) {
        e->list->items.push_back(data::Node::make_scalar(t.text, true));
      } else if (t.kind == Token::Number) {
        e->list->items.push_back(data::Node::make_scalar((minus ? "-" : "") + t.text, false));
      } else if (t.kind == Token::Name && !minus && (t.text == "true" || t.text == "false")) {
        e->list->items.push_back(data::Node::make_scalar(t.text, false));
      } else {
        fail(t.kind == Token::End ? std::string("a ']' is missing at the end of the list")
                                  : "a list written in a template holds quoted text, numbers, true and false, not '" +
                                        t.text + "'");
        return nullptr;
      }
      ++pos_;
      if (e->list->items.size() > 10000) {
        fail("a list written in a template holds at most 10,000 items");
        return nullptr;
      }
    }
    ++pos_;  // ]
    e->literal.kind = Value::List;
    e->literal.node = e->list.get();
    return e;
  }

  ExprPtr parse_primary() {
    const Token& t = peek();
    auto e = std::make_shared<Expr>();
    if (t.kind == Token::String) {
      e->literal = Value::of_text(t.text);
      ++pos_;
      return e;
    }
    if (t.kind == Token::Number) {
      auto n = as_number(t.text);
      if (!n) {
        fail("'" + t.text + "' is not a number");
        return nullptr;
      }
      e->literal.kind = Value::Number;
      e->literal.text = t.text;
      e->literal.number = *n;
      ++pos_;
      return e;
    }
    if (is_op("[")) return list_literal();
    if (is_op("(")) {
      ++pos_;
      if (!deeper()) return nullptr;
      auto inner = parse_or();
      --depth_;
      if (!inner) return nullptr;
      if (!is_op(")")) {
        fail("a ')' is missing");
        return nullptr;
      }
      ++pos_;
      return inner;
    }
    if (t.kind == Token::Name) {
      if (t.text == "true" || t.text == "false") {
        e->literal.kind = Value::Bool;
        e->literal.boolean = t.text == "true";
        e->literal.text = t.text;
        ++pos_;
        return e;
      }
      if (t.text == "none" || t.text == "null") {
        e->literal.kind = Value::Null;
        ++pos_;
        return e;
      }
      if (t.text == "and" || t.text == "or" || t.text == "not" || t.text == "is" || t.text == "in") {
        fail("a value is expected before '" + t.text + "'");
        return nullptr;
      }
      e->kind = Expr::Path;
      e->path.push_back({t.text, 0, nullptr});
      e->text = t.text;
      ++pos_;
      while (is_op(".") || is_op("[")) {
        if (is_op(".")) {
          ++pos_;
          if (peek().kind != Token::Name) {
            fail("a name is expected after '.' in '" + e->text + ".'");
            return nullptr;
          }
          e->path.push_back({peek().text, 0, nullptr});
          e->text += "." + peek().text;
          ++pos_;
          continue;
        }
        ++pos_;
        bool minus = is_op("-");
        if (minus && peek(1).kind == Token::Number && is_op("]", 2)) ++pos_;
        else minus = false;
        if (peek().kind == Token::Number && is_op("]", 1)) {  // a fixed index: items[2], items[-1]
          auto parsed = parse_integer<long>(peek().text);
          if (peek().text.find('.') != std::string::npos) {
            fail("the index [" + peek().text + "] in '" + e->text + "[' is not a whole number");
            return nullptr;
          }
          if (!parsed || *parsed > 100000000) {
            fail("the index [" + std::string(minus ? "-" : "") + peek().text + "] in '" + e->text +
                 "[' is too large (a list holds at most 100,000,000 items)");
            return nullptr;
          }
          e->text += "[" + std::string(minus ? "-" : "") + peek().text + "]";
          e->path.push_back({"", minus ? -*parsed : *parsed, nullptr});
          pos_ += 2;
          continue;
        }
        if (!deeper()) return nullptr;
        auto index = parse_sum();  // an index from the data: items[loop.index0 + 1]
        --depth_;
        if (!index) return nullptr;
        if (!is_op("]")) {
          fail("a ']' is missing in '" + e->text + "['");
          return nullptr;
        }
        ++pos_;
        e->text += "[" + (index->kind == Expr::Path ? index->text : std::string("…")) + "]";
        e->path.push_back({"", 0, index});
      }
      return e;
    }
    if (t.kind == Token::End)
      fail("a value is missing");
    else
      fail("unexpected '" + t.text + "'");
    return nullptr;
  }

  static ExprPtr binary(Expr::Kind kind, const std::string& op, ExprPtr a, ExprPtr b) {
    auto e = std::make_shared<Expr>();
    e->kind = kind;
    e->text = op;
    e->operands = {std::move(a), std::move(b)};
    return e;
  }

  std::vector<Token> t_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::string error_;
};

}  // namespace

ExprPtr parse_expression(std::string_view text, std::string& error) {
  std::vector<Token> tokens;
  if (!lex(text, tokens, error)) return nullptr;
  if (tokens.size() == 1) {
    error = "the tag is empty";
    return nullptr;
  }
  return Parser(std::move(tokens)).parse_full(error);
}

const std::vector<std::string>& filter_names() {
  static const std::vector<std::string> names = {"date",     "upper", "lower", "title", "initials",
                                                 "default",  "join",  "count", "ordinal"};
  return names;
}

// ---------------------------------------------------------------- scope and evaluation

Value Scope::lookup(const std::string& name) const {
  for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
    auto found = it->find(name);
    if (found != it->end()) return found->second;
  }
  return Value::of(root_ ? root_->get(name) : nullptr, name);
}

std::vector<std::string> Scope::names() const {
  std::vector<std::string> out;
  for (const auto& f : frames_)
    for (const auto& [k, v] : f) out.push_back(k);
  if (root_)
    for (const auto& e : root_->entries) out.push_back(e.key);
  return out;
}

namespace {

Evaluation fail(std::string error, std::string hint = {}) {
  Evaluation ev;
  ev.error = std::move(error);
  ev.hint = std::move(hint);
  return ev;
}

Evaluation eval_path(const Expr& e, const Scope& scope) {
  Evaluation ev;
  Value v = scope.lookup(e.path[0].key);
  std::string path = e.path[0].key;
  if (v.kind == Value::Missing) {
    ev.value = v;
    ev.hint = did_you_mean(path, scope.names());
    return ev;
  }
  for (std::size_t i = 1; i < e.path.size(); ++i) {
    const PathSegment& seg = e.path[i];
    const data::Node* next = nullptr;
    long index = seg.index;
    if (seg.key.empty() && seg.index_expr) {
      Evaluation at = evaluate(*seg.index_expr, scope);
      if (!at.error.empty() || at.value.kind == Value::Missing) return at;
      auto n = at.value.kind == Value::Number ? std::optional<double>(at.value.number) : as_number(at.value.text);
      if (!n || std::floor(*n) != *n || std::fabs(*n) > 100000000)
        return fail("the index of '" + path + "[…]' is " + describe(at.value) + ", not a whole number");
      index = static_cast<long>(*n);
    }
    std::string next_path = seg.key.empty() ? path + "[" + std::to_string(index) + "]" : path + "." + seg.key;
    if (seg.key.empty()) {
      if (v.kind != Value::List)
        return fail("'" + path + "' is " + describe(v) + ", not a list, so '" + next_path + "' does not exist");
      long size = static_cast<long>(v.node->items.size());
      long at = index < 0 ? size + index : index;  // items[-1] is the last
      if (at >= 0 && at < size) next = v.node->items[static_cast<std::size_t>(at)].get();
      if (!next) {
        ev.value = Value::of(nullptr, next_path);
        ev.hint = "'" + path + "' has " + std::to_string(size) + " item" + (size == 1 ? "" : "s") +
                  ", counted from 0 (and from -1 at the end)";
        return ev;
      }
    } else {
      if (v.kind == Value::Null) {
        ev.value = Value::of(nullptr, next_path);
        ev.hint = "'" + path + "' is empty";
        return ev;
      }
      if (v.kind != Value::Map)
        return fail("'" + path + "' is " + describe(v) + ", not a map, so '" + next_path + "' does not exist");
      next = v.node->get(seg.key);
      if (!next) {
        std::vector<std::string> keys;
        for (const auto& entry : v.node->entries) keys.push_back(entry.key);
        ev.value = Value::of(nullptr, next_path);
        if (auto best = closest(seg.key, keys)) ev.hint = "did you mean '" + path + "." + *best + "'?";
        return ev;
      }
    }
    v = Value::of(next, next_path);
    path = next_path;
  }
  ev.value = v;
  return ev;
}

int compare(const Value& a, const Value& b) {
  auto na = a.kind == Value::Number ? std::optional<double>(a.number) : as_number(a.text);
  auto nb = b.kind == Value::Number ? std::optional<double>(b.number) : as_number(b.text);
  if (na && nb) return *na < *nb ? -1 : *na > *nb ? 1 : 0;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

// Equal as `==` decides: numbers as numbers, booleans as booleans, text as text.
bool same(const Value& a, const Value& b) {
  if (a.kind == Value::Null || b.kind == Value::Null) return a.kind == b.kind;
  if (a.kind == Value::Bool || b.kind == Value::Bool) {
    bool x = a.kind == Value::Bool ? a.boolean : a.text == "true";
    bool y = b.kind == Value::Bool ? b.boolean : b.text == "true";
    return x == y;
  }
  return compare(a, b) == 0;
}

// A computed number as a person writes it: 3, not 3.000000; 2.5; -0.25.
Value number_value(double n) {
  Value v;
  v.kind = Value::Number;
  v.number = n;
  if (std::floor(n) == n && std::fabs(n) < 1e15) {
    v.text = std::to_string(static_cast<long long>(n));
  } else {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, n);
    v.text = ec == std::errc() ? std::string(buffer, end) : std::to_string(n);
  }
  return v;
}

std::optional<double> number_of(const Value& v) {
  if (v.kind == Value::Number) return v.number;
  if (v.kind == Value::Text) return as_number(v.text);
  return std::nullopt;
}

std::string name_for(const Expr& e, const Value& v) {
  if (!v.path.empty()) return "'" + v.path + "'";
  if (e.kind == Expr::Path) return "'" + e.text + "'";
  return "the value";
}

Evaluation arithmetic(const Expr& e, const Scope& scope) {
  std::vector<double> n;
  for (const auto& operand : e.operands) {
    Evaluation ev = evaluate(*operand, scope);
    if (!ev.error.empty() || ev.value.kind == Value::Missing) return ev;
    auto x = number_of(ev.value);
    if (!x)
      return fail(name_for(*operand, ev.value) + " is " + describe(ev.value) + ", not a number, so '" + e.text +
                  "' cannot work on it");
    n.push_back(*x);
  }
  Evaluation out;
  if (e.kind == Expr::Negate) {
    out.value = number_value(-n[0]);
    return out;
  }
  const std::string& op = e.text;
  if (op == "/" && n[1] == 0) return fail("a division by zero", "check the value after '/'");
  double r = op == "+" ? n[0] + n[1] : op == "-" ? n[0] - n[1] : op == "*" ? n[0] * n[1] : n[0] / n[1];
  if (!std::isfinite(r)) return fail("the result of '" + op + "' is too large a number");
  out.value = number_value(r);
  return out;
}

bool same(const Value& a, const Value& b);

// `x in list` (an item equal to x), `key in map`, `"text" in other_text`.
Evaluation membership(const Expr& e, const Scope& scope) {
  Evaluation a = evaluate(*e.operands[0], scope);
  if (!a.error.empty() || a.value.kind == Value::Missing) return a;
  Evaluation b = evaluate(*e.operands[1], scope);
  if (!b.error.empty() || b.value.kind == Value::Missing) return b;
  const Value &x = a.value, &y = b.value;
  if (x.kind == Value::List || x.kind == Value::Map)
    return fail(name_for(*e.operands[0], x) + " is " + describe(x) + "; 'in' looks for a single value");
  bool found = false;
  if (y.kind == Value::List) {
    for (const auto& item : y.node->items)
      if (item->is_scalar() && same(x, Value::of(item.get(), {}))) found = true;
  } else if (y.kind == Value::Map) {
    found = y.node->get(x.text) != nullptr;
  } else if (y.kind == Value::Null) {
    found = false;
  } else {
    found = y.text.find(x.text) != std::string::npos;
  }
  Evaluation out;
  out.value.kind = Value::Bool;
  out.value.boolean = e.negated ? !found : found;
  return out;
}

std::string ordinal(long n) {
  long tens = std::labs(n) % 100, units = std::labs(n) % 10;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th" : units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

Evaluation apply(const Filter& f, Evaluation in, const Scope& scope, const std::string& subject) {
  std::vector<Value> args;
  for (const auto& a : f.args) {
    Evaluation ev = evaluate(*a, scope);
    if (!ev.error.empty()) return ev;
    args.push_back(ev.value);
  }
  const Value& v = in.value;
  auto text_result = [&](std::string s) {
    Evaluation out;
    out.value = Value::of_text(std::move(s));
    out.value.path = v.path;
    return out;
  };
  if (f.name == "default") {
    if (args.size() != 1) return fail("the default filter takes one value: | default: \"…\"");
    if (v.kind == Value::Missing || v.kind == Value::Null || (v.kind == Value::Text && is_blank(v.text))) {
      Evaluation out;
      out.value = args[0];
      return out;
    }
    return in;
  }
  if (v.kind == Value::Missing) return in;  // the caller reports the missing value itself
  auto number_result = [&](std::size_t n) {  // a number, so that `| count - 1` and `not (x | count)` work
    Evaluation out;
    out.value = number_value(static_cast<double>(n));
    out.value.path = v.path;
    return out;
  };
  if (v.kind == Value::Null) {
    if (f.name == "count") return number_result(0);
    return in;
  }
  if (f.name == "count") {
    if (v.kind == Value::List) return number_result(v.node->items.size());
    if (v.kind == Value::Map) return number_result(v.node->entries.size());
    return fail("'" + subject + "' is " + describe(v) + "; count works on lists");
  }
  if (f.name == "join") {
    if (v.kind != Value::List) return fail("'" + subject + "' is " + describe(v) + "; join works on lists");
    std::string sep = args.empty() ? ", " : args[0].text;
    std::string out;
    for (std::size_t i = 0; i < v.node->items.size(); ++i) {
      const data::Node& item = *v.node->items[i];
      if (!item.is_scalar()) return fail("'" + subject + "' holds maps, which join cannot print; use a {% for %} loop");
      out += (i ? sep : "") + item.scalar;
    }
    return text_result(out);
  }
  if (v.kind == Value::List || v.kind == Value::Map)
    return fail("'" + subject + "' is " + describe(v) + "; the " + f.name + " filter works on a single value");
  if (f.name == "date") {
    auto d = Date::parse(v.text);
    if (!d) return fail("'" + subject + "' is '" + v.text + "', not a date written YYYY-MM-DD, so it cannot be formatted as a date");
    if (args.size() > 1) return fail("the date filter takes one format: | date: \"%d/%m/%Y\"");
    return text_result(args.empty() ? d->uk() : d->format(args[0].text));
  }
  if (f.name == "upper") return text_result(change_case(v.text, LetterCase::Upper));
  if (f.name == "lower") return text_result(change_case(v.text, LetterCase::Lower));
  if (f.name == "title") return text_result(change_case(v.text, LetterCase::Title));
  if (f.name == "initials") {  // the first letter of each word, of any script: Łucja Ōta → ŁŌ
    std::string out;
    bool start = true;
    for (char32_t c : utf32(v.text)) {
      bool space = c == ' ' || c == '\t' || c == '\n' || c == '-' || c == 0xA0;
      if (start && !space && is_letter(c)) out += change_case(utf8(c), LetterCase::Upper);
      start = space;
    }
    return text_result(out);
  }
  if (f.name == "ordinal") {
    auto n = v.kind == Value::Number ? std::optional<double>(v.number) : as_number(v.text);
    if (!n || std::floor(*n) != *n) return fail("'" + subject + "' is " + describe(v) + ", not a whole number, so it has no ordinal");
    if (std::fabs(*n) > 1e15) return fail("'" + subject + "' is too large a number for an ordinal");
    return text_result(ordinal(static_cast<long>(*n)));
  }
  return fail("unknown filter '" + f.name + "'");
}

}  // namespace

Evaluation evaluate(const Expr& e, const Scope& scope) {
  switch (e.kind) {
    case Expr::Literal: {
      Evaluation ev;
      ev.value = e.literal;
      return ev;
    }
    case Expr::Path: return eval_path(e, scope);
    case Expr::Filtered: {
      Evaluation ev = evaluate(*e.operands[0], scope);
      if (!ev.error.empty()) return ev;
      std::string subject = e.operands[0]->kind == Expr::Path ? e.operands[0]->text : "the value";
      bool defaulted = false;
      for (const auto& f : e.filters) {
        std::string hint = ev.hint;
        const Value& before = ev.value;
        if (f.name == "default" && (before.kind == Value::Missing || before.kind == Value::Null ||
                                    (before.kind == Value::Text && is_blank(before.text))))
          defaulted = true;
        ev = apply(f, ev, scope, subject);
        if (!ev.error.empty()) return ev;
        if (ev.value.kind == Value::Missing && ev.hint.empty()) ev.hint = hint;
      }
      ev.defaulted = defaulted;
      return ev;
    }
    case Expr::Defined: {
      Evaluation ev = evaluate(*e.operands[0], scope);
      if (!ev.error.empty()) return ev;
      bool defined = ev.value.kind != Value::Missing;
      Evaluation out;
      out.value.kind = Value::Bool;
      out.value.boolean = e.negated ? !defined : defined;
      return out;
    }
    case Expr::Not:
    case Expr::And:
    case Expr::Or: {
      Evaluation out;
      out.value.kind = Value::Bool;
      for (std::size_t i = 0; i < e.operands.size(); ++i) {
        Evaluation ev = evaluate(*e.operands[i], scope);
        if (!ev.error.empty() || ev.value.kind == Value::Missing) return ev;
        bool t = ev.value.truthy();
        if (e.kind == Expr::Not) {
          out.value.boolean = !t;
          return out;
        }
        if (e.kind == Expr::And && !t) return out;
        if (e.kind == Expr::Or && t) {
          out.value.boolean = true;
          return out;
        }
      }
      out.value.boolean = e.kind == Expr::And;
      return out;
    }
    case Expr::Arithmetic:
    case Expr::Negate: return arithmetic(e, scope);
    case Expr::In: return membership(e, scope);
    case Expr::Compare: {
      Evaluation a = evaluate(*e.operands[0], scope);
      if (!a.error.empty() || a.value.kind == Value::Missing) return a;
      Evaluation b = evaluate(*e.operands[1], scope);
      if (!b.error.empty() || b.value.kind == Value::Missing) return b;
      Evaluation out;
      out.value.kind = Value::Bool;
      const Value &x = a.value, &y = b.value;
      if (x.kind == Value::List || x.kind == Value::Map || y.kind == Value::List || y.kind == Value::Map)
        return fail("a list or map cannot be compared with '" + e.text + "'");
      int c;
      if (x.kind == Value::Null || y.kind == Value::Null) {
        c = (x.kind == y.kind) ? 0 : 1;
        if (e.text != "==" && e.text != "!=") return fail("an empty value cannot be compared with '" + e.text + "'");
      } else if (x.kind == Value::Bool || y.kind == Value::Bool) {
        bool bx = x.kind == Value::Bool ? x.boolean : x.text == "true";
        bool by = y.kind == Value::Bool ? y.boolean : y.text == "true";
        c = bx == by ? 0 : 1;
      } else {
        c = compare(x, y);
      }
      const std::string& op = e.text;
      out.value.boolean = op == "==" ? c == 0 : op == "!=" ? c != 0 : op == "<" ? c < 0 : op == ">" ? c > 0 : op == "<=" ? c <= 0 : c >= 0;
      return out;
    }
  }
  return fail("cannot evaluate");
}

std::optional<std::string> render_text(const std::string& pattern, const Scope& scope, std::string& error) {
  std::string out;
  std::size_t at = 0;
  while (at < pattern.size()) {
    std::size_t open = pattern.find("{{", at);
    if (open == std::string::npos) {
      out += pattern.substr(at);
      break;
    }
    out += pattern.substr(at, open - at);
    std::size_t close = pattern.find("}}", open);
    if (close == std::string::npos) {
      error = "'{{' is not closed";
      return std::nullopt;
    }
    auto expr = parse_expression(pattern.substr(open + 2, close - open - 2), error);
    if (!expr) return std::nullopt;
    auto ev = evaluate(*expr, scope);
    if (!ev.error.empty()) {
      error = ev.error;
      return std::nullopt;
    }
    const auto& v = ev.value;
    if (v.kind == Value::Missing || v.kind == Value::Null || v.kind == Value::List ||
        v.kind == Value::Map) {
      error = "'" + (v.path.empty() ? pattern.substr(open, close + 2 - open) : v.path) + "' is " +
              describe(v) + (ev.hint.empty() ? "" : " (" + ev.hint + ")");
      return std::nullopt;
    }
    out += v.text;
    at = close + 2;
  }
  return out;
}

}  // namespace reviewkit::templating
