// Checks and conversions of the run-control and connection option values.
// Like values.h: each returns the value or an Error of kind kUsage whose
// message is only the reason.
#pragma once

#include <chrono>
#include <string_view>

#include "util/result.h"

namespace mastotail::cli {

// Parses a duration: a number with the unit s, m, h or d, or several such
// parts ("1h30m"); a bare number means seconds. At least 1 s, at most 365 d.
Result<std::chrono::seconds> parse_duration(std::string_view text);

// Parses a whole number of seconds from `min` to `max`.
Result<int> parse_seconds(std::string_view text, int min, int max);

// Parses a whole number from `min` to `max`.
Result<int> parse_bounded_int(std::string_view text, int min, int max);

}  // namespace mastotail::cli
