#include "pg_result.hpp"

#include <charconv>

namespace onboard::cloud::pg {

Params& Params::add(std::int64_t value) {
  values_.push_back(std::to_string(value));
  nulls_.push_back(false);
  return *this;
}

Params& Params::add(std::string_view value) {
  values_.emplace_back(value);
  nulls_.push_back(false);
  return *this;
}

Params& Params::add(const std::optional<std::int64_t>& value) {
  return value ? add(*value) : add_null();
}

Params& Params::add(const std::optional<std::string>& value) {
  return value ? add(std::string_view(*value)) : add_null();
}

Params& Params::add_null() {
  values_.emplace_back();
  nulls_.push_back(true);
  return *this;
}

std::vector<const char*> Params::pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i) out.push_back(nulls_[i] ? nullptr : values_[i].c_str());
  return out;
}

std::vector<int> Params::lengths() const {
  std::vector<int> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(static_cast<int>(v.size()));
  return out;
}

long Result::affected() const {
  if (!rows_) return 0;
  const char* text = PQcmdTuples(rows_.get());
  long n = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), n);
  return n;
}

std::string Result::text(int row, int column) const {
  return std::string(PQgetvalue(rows_.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(rows_.get(), row, column)));
}

std::int64_t Result::int64(int row, int column) const {
  const char* text = PQgetvalue(rows_.get(), row, column);
  const int length = PQgetlength(rows_.get(), row, column);
  std::int64_t value = 0;
  // BOOLEAN columns come as "t"/"f".
  if (length == 1 && (text[0] == 't' || text[0] == 'f')) return text[0] == 't' ? 1 : 0;
  std::from_chars(text, text + length, value);
  return value;
}

}  // namespace onboard::cloud::pg
