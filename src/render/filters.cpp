#include "render/filters.h"

#include <algorithm>

#include "render/time_format.h"

namespace mastotail::render {
namespace {

bool applies(const decode::FilterResult& result, std::string_view context,
             std::time_t now) {
  std::time_t expires = 0;
  if (!result.expires_at.empty() &&
      parse_timestamp(result.expires_at, expires) && expires <= now) {
    return false;
  }
  if (context.empty() || result.context.empty()) return true;
  return std::find(result.context.begin(), result.context.end(), context) !=
         result.context.end();
}

FilterAction action_of(const decode::FilterResult& result) {
  if (result.action == "hide") return FilterAction::kHide;
  if (result.action == "blur") return FilterAction::kBlur;
  return FilterAction::kWarn;
}

}  // namespace

FilterVerdict evaluate_filters(const std::vector<decode::FilterResult>& results,
                               std::string_view context, std::time_t now) {
  FilterVerdict verdict;
  for (const decode::FilterResult& result : results) {
    if (!applies(result, context, now)) continue;

    FilterAction action = action_of(result);
    if (action > verdict.action) {
      verdict.action = action;
      verdict.titles.clear();
    }
    if (action == verdict.action) {
      if (!verdict.titles.empty()) verdict.titles += ", ";
      verdict.titles += result.title;
    }
  }
  return verdict;
}

}  // namespace mastotail::render
