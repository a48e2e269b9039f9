#include "evaluate.hpp"

#include <cmath>

#include "common/suggest.hpp"
#include "expressions/filters.hpp"

namespace reviewkit::expressions {

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


Evaluation failure(std::string error, std::string hint) {
  Evaluation ev;
  ev.error = std::move(error);
  ev.hint = std::move(hint);
  return ev;
}

namespace {

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
        return failure("the index of '" + path + "[…]' is " + describe(at.value) + ", not a whole number");
      index = static_cast<long>(*n);
    }
    std::string next_path = seg.key.empty() ? path + "[" + std::to_string(index) + "]" : path + "." + seg.key;
    if (seg.key.empty()) {
      if (v.kind != Value::List)
        return failure("'" + path + "' is " + describe(v) + ", not a list, so '" + next_path + "' does not exist");
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
        return failure("'" + path + "' is " + describe(v) + ", not a map, so '" + next_path + "' does not exist");
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
      return failure(name_for(*operand, ev.value) + " is " + describe(ev.value) + ", not a number, so '" + e.text +
                  "' cannot work on it");
    n.push_back(*x);
  }
  Evaluation out;
  if (e.kind == Expr::Negate) {
    out.value = number_value(-n[0]);
    return out;
  }
  const std::string& op = e.text;
  if (op == "/" && n[1] == 0) return failure("a division by zero", "check the value after '/'");
  double r = op == "+" ? n[0] + n[1] : op == "-" ? n[0] - n[1] : op == "*" ? n[0] * n[1] : n[0] / n[1];
  if (!std::isfinite(r)) return failure("the result of '" + op + "' is too large a number");
  out.value = number_value(r);
  return out;
}


// `x in list` (an item equal to x), `key in map`, `"text" in other_text`.
Evaluation membership(const Expr& e, const Scope& scope) {
  Evaluation a = evaluate(*e.operands[0], scope);
  if (!a.error.empty() || a.value.kind == Value::Missing) return a;
  Evaluation b = evaluate(*e.operands[1], scope);
  if (!b.error.empty() || b.value.kind == Value::Missing) return b;
  const Value &x = a.value, &y = b.value;
  if (x.kind == Value::List || x.kind == Value::Map)
    return failure(name_for(*e.operands[0], x) + " is " + describe(x) + "; 'in' looks for a single value");
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
        ev = apply_filter(f, ev, scope, subject);
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
        return failure("a list or map cannot be compared with '" + e.text + "'");
      int c;
      if (x.kind == Value::Null || y.kind == Value::Null) {
        c = (x.kind == y.kind) ? 0 : 1;
        if (e.text != "==" && e.text != "!=") return failure("an empty value cannot be compared with '" + e.text + "'");
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
  return failure("cannot evaluate");
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

}  // namespace reviewkit::expressions
