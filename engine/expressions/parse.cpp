#include "parse.hpp"

#include <algorithm>
#include <cctype>

#include "common/numbers.hpp"
#include "common/suggest.hpp"
#include "expressions/filters.hpp"

namespace reviewkit::expressions {

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
      const FilterDef* def = find_filter(filter.name);
      if (!def) {
        const auto& names = filter_names();
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
      int given = static_cast<int>(filter.args.size());
      if (given < def->min_args || given > def->max_args) {
        fail("the " + filter.name + " filter takes " +
             (def->max_args == 0 ? std::string("nothing after it")
                                 : def->min_args == def->max_args ? std::string("one value") : std::string("at most one value")) +
             ", not " + std::to_string(given) + ": write " + def->usage);
        return nullptr;
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

}  // namespace reviewkit::expressions
