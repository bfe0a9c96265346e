// Server-side keyword filters (the "filtered" array of a status).
#pragma once

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "decode/entities.h"

namespace mastotail::render {

enum class FilterAction { kNone, kBlur, kWarn, kHide };  // ascending strength

struct FilterVerdict {
  FilterAction action = FilterAction::kNone;
  std::string titles;  // titles of the filters behind `action`, ", "-joined
};

// Returns the strongest action among the filters that apply: a filter
// applies unless it has expired by `now` or its context list names other
// contexts than `context` ("home", "public", "notifications", "thread"; an
// empty `context` or list matches every filter). Mastodon's streaming server
// does not check contexts on public streams and drops "blur" there, so both
// are checked here, and a missing or unknown action counts as "warn".
FilterVerdict evaluate_filters(const std::vector<decode::FilterResult>& results,
                               std::string_view context, std::time_t now);

}  // namespace mastotail::render
