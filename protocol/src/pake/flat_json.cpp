#include "onboard/protocol/pake/flat_json.hpp"

namespace onboard::pake {

namespace {

struct Cursor {
  std::string_view text;
  std::size_t at = 0;

  bool done() const { return at >= text.size(); }
  char peek() const { return done() ? '\0' : text[at]; }
  void skip_space() {
    while (!done() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) ++at;
  }
  bool take(char c) {
    skip_space();
    if (peek() != c) return false;
    ++at;
    return true;
  }
  // A string's raw contents; escapes are skipped over, not decoded.
  bool string(std::string_view& out) {
    skip_space();
    if (peek() != '"') return false;
    const std::size_t start = ++at;
    while (!done()) {
      const char c = text[at];
      if (c == '"') {
        out = text.substr(start, at - start);
        ++at;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      at += c == '\\' ? 2 : 1;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (text.substr(at, word.size()) != word) return false;
    at += word.size();
    return true;
  }
  bool number(std::string_view& out) {
    const std::size_t start = at;
    if (peek() == '-') ++at;
    while (!done()) {
      const char c = text[at];
      if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        ++at;
      } else {
        break;
      }
    }
    out = text.substr(start, at - start);
    return at > start;
  }
};

}  // namespace

FlatJson::FlatJson(std::string_view text) {
  Cursor c{text};
  if (!c.take('{')) return;
  c.skip_space();
  if (c.peek() == '}') {
    ++c.at;
  } else {
    for (;;) {
      if (count_ == kMaxMembers) return;
      Member& m = members_[count_];
      if (!c.string(m.key) || !c.take(':')) return;
      // A repeated key could mean one thing to us and another to a proxy: refuse it.
      for (int i = 0; i < count_; ++i) {
        if (members_[i].key == m.key) return;
      }
      c.skip_space();
      const char first = c.peek();
      if (first == '"') {
        if (!c.string(m.value)) return;
        m.kind = 's';
      } else if (first == 't' || first == 'f' || first == 'n') {
        const std::string_view word = first == 't' ? "true" : first == 'f' ? "false" : "null";
        if (!c.literal(word)) return;
        m.value = word;
        m.kind = first == 'n' ? 'z' : first;
      } else if (first == '-' || (first >= '0' && first <= '9')) {
        if (!c.number(m.value)) return;
        m.kind = 'n';
      } else {
        return;  // objects, arrays or garbage: not a flat message
      }
      ++count_;
      if (c.take(',')) continue;
      if (c.take('}')) break;
      return;
    }
  }
  c.skip_space();
  valid_ = c.done();
}

const FlatJson::Member* FlatJson::find(std::string_view key) const {
  if (!valid_) return nullptr;
  for (int i = 0; i < count_; ++i) {
    if (members_[i].key == key) return &members_[i];
  }
  return nullptr;
}

bool FlatJson::string(std::string_view key, std::string_view& out) const {
  const Member* m = find(key);
  if (m == nullptr || m->kind != 's') return false;
  out = m->value;
  return true;
}

bool FlatJson::unsigned32(std::string_view key, std::uint32_t& out) const {
  const Member* m = find(key);
  if (m == nullptr || m->kind != 'n' || m->value.empty() || m->value.size() > 10) return false;
  std::uint64_t v = 0;
  for (char ch : m->value) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  if (v > 0xffffffffu) return false;
  out = static_cast<std::uint32_t>(v);
  return true;
}

bool FlatJson::boolean(std::string_view key, bool& out) const {
  const Member* m = find(key);
  if (m == nullptr || (m->kind != 't' && m->kind != 'f')) return false;
  out = m->kind == 't';
  return true;
}

}  // namespace onboard::pake
