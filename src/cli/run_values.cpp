#include "cli/run_values.h"

#include <charconv>
#include <string>

namespace mastotail::cli {
namespace {

constexpr std::chrono::seconds kMaxDuration{365LL * 24 * 3600};

Error usage(std::string reason) {
  return Error{ErrorKind::kUsage, std::move(reason)};
}

int64_t unit_seconds(char unit) {
  switch (unit) {
    case 's':
      return 1;
    case 'm':
      return 60;
    case 'h':
      return 3600;
    case 'd':
      return 86400;
    default:
      return 0;
  }
}

}  // namespace

Result<std::chrono::seconds> parse_duration(std::string_view text) {
  const char* hint = "expected a duration such as 90s, 55m, 1h30m or 2d";
  if (text.empty()) return usage(hint);

  int64_t total = 0;
  const char* cursor = text.data();
  const char* end = text.data() + text.size();
  while (cursor < end) {
    int64_t number = 0;
    auto [next, ec] = std::from_chars(cursor, end, number);
    if (ec != std::errc() || next == cursor) return usage(hint);

    int64_t scale = 1;
    if (next < end) {
      scale = unit_seconds(*next);
      if (scale == 0) return usage(hint);
      ++next;
    } else if (cursor != text.data()) {
      return usage(hint);  // "1h30" is ambiguous
    }
    total += number * scale;
    if (total > kMaxDuration.count()) {
      return usage("the longest duration is 365d");
    }
    cursor = next;
  }
  if (total < 1) return usage("the duration must be at least 1s");
  return std::chrono::seconds(total);
}

Result<int> parse_bounded_int(std::string_view text, int min, int max) {
  int value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  bool digits_only =
      !text.empty() && text.front() != '-' && text.front() != '+';
  if (ec != std::errc() || end != text.data() + text.size() || !digits_only ||
      value < min || value > max) {
    return usage("expected a whole number from " + std::to_string(min) +
                 " to " + std::to_string(max));
  }
  return value;
}

Result<int> parse_seconds(std::string_view text, int min, int max) {
  Result<int> value = parse_bounded_int(text, min, max);
  if (!value) {
    return usage("expected a number of seconds from " + std::to_string(min) +
                 " to " + std::to_string(max));
  }
  return value;
}

}  // namespace mastotail::cli
