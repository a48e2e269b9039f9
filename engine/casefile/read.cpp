#include "read.hpp"

namespace reviewkit::casefile::read {

std::string str(const data::Node* map, std::string_view key) {
  const data::Node* n = map ? map->get(key) : nullptr;
  return n ? n->text() : std::string();
}

std::optional<Date> date(const data::Node* map, std::string_view key) { return Date::parse(str(map, key)); }

std::optional<bool> flag(const data::Node* map, std::string_view key) { return data::parse_bool(str(map, key)); }

std::vector<std::string> strs(const data::Node* map, std::string_view key) {
  std::vector<std::string> out;
  for (const auto* n : items(map, key))
    if (n->is_scalar()) out.push_back(n->scalar);
  return out;
}

std::vector<const data::Node*> items(const data::Node* map, std::string_view key) {
  std::vector<const data::Node*> out;
  const data::Node* n = map ? map->get(key) : nullptr;
  if (n && n->is_list())
    for (const auto& item : n->items) out.push_back(item.get());
  return out;
}

Location at(const data::Node* map, std::string_view key) {
  if (!map) return {};
  const data::Node* n = map->get(key);
  return n ? n->where() : map->where();
}

}  // namespace reviewkit::casefile::read
