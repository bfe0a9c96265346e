#include "render/time_format.h"

#include <cstdio>

#include "util/sanitize.h"

namespace mastotail::render {
namespace {

// Reads exactly `digits` decimal digits at `text[pos]`.
bool read_number(std::string_view text, size_t pos, size_t digits, int& out) {
  if (pos + digits > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

bool read_date(std::string_view text, std::tm& tm) {
  int year = 0, month = 0, day = 0;
  if (!read_number(text, 0, 4, year) || text.size() < 10 || text[4] != '-' ||
      !read_number(text, 5, 2, month) || text[7] != '-' ||
      !read_number(text, 8, 2, day)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  return true;
}

// Reads "HH:MM:SS[.fraction]" at text[11] and returns the position after it.
bool read_clock(std::string_view text, std::tm& tm, size_t& pos) {
  if (text.size() < 19 ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) {
    return false;
  }
  if (!read_number(text, 11, 2, tm.tm_hour) || text[13] != ':' ||
      !read_number(text, 14, 2, tm.tm_min) || text[16] != ':' ||
      !read_number(text, 17, 2, tm.tm_sec)) {
    return false;
  }
  pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  }
  return tm.tm_hour < 24 && tm.tm_min < 60 && tm.tm_sec <= 60;
}

// Reads "Z" or "+HH:MM"/"-HH:MM" at `pos` as seconds east of UTC.
bool read_offset(std::string_view text, size_t pos, long& offset) {
  if (pos >= text.size()) return false;
  if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) {
    offset = 0;
    return true;
  }
  int hours = 0, minutes = 0;
  if ((text[pos] != '+' && text[pos] != '-') ||
      !read_number(text, pos + 1, 2, hours) || pos + 6 != text.size() ||
      text[pos + 3] != ':' || !read_number(text, pos + 4, 2, minutes)) {
    return false;
  }
  offset = (hours * 3600L + minutes * 60L) * (text[pos] == '-' ? -1 : 1);
  return true;
}

}  // namespace

bool parse_timestamp(std::string_view text, std::time_t& out) {
  std::tm tm{};
  if (!read_date(text, tm)) return false;

  long offset = 0;
  if (text.size() > 10) {
    size_t pos = 0;
    if (!read_clock(text, tm, pos) || !read_offset(text, pos, offset)) {
      return false;
    }
  }
  out = timegm(&tm) - offset;
  return true;
}

void append_local_time(std::string_view timestamp, std::string& out) {
  std::time_t seconds = 0;
  std::tm local{};
  if (!parse_timestamp(timestamp, seconds) ||
      localtime_r(&seconds, &local) == nullptr) {
    append_sanitized_line(timestamp, out);
    return;
  }

  char buffer[32];
  int n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d",
                        local.tm_year + 1900, local.tm_mon + 1, local.tm_mday,
                        local.tm_hour, local.tm_min);
  if (n > 0) out.append(buffer, static_cast<size_t>(n));
}

}  // namespace mastotail::render
