// The client-side filters of one run, as plain data. app/filter_setup.cpp
// fills it from the command line; make_event_filter() compiles it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace mastotail::filter {

// Number of boosted status ids kept so that text output prints repeated
// boosts of one status once. The oldest id is dropped first.
inline constexpr size_t kBoostWindowSize = 4096;

struct FilterSpec {
  // Event names to show; empty shows every event.
  std::vector<std::string> events;

  // Status filters, applied to the status an event carries (the boosted
  // status for a boost). Events that carry no status pass them.
  std::vector<std::string> languages;     // lowercase ISO 639 codes; "none"
  std::vector<std::string> visibilities;  // public, unlisted, ...
  bool no_boosts = false;
  bool no_replies = false;
  std::vector<std::string> match_patterns;    // RE2 syntax
  std::vector<std::string> exclude_patterns;  // RE2 syntax
  bool ignore_case = false;  // for match_patterns and exclude_patterns

  // Account filters: "user", "user@domain", "@user@domain" or "@domain".
  // They look at the notifying account of a notification, and at the
  // author and the booster of a status.
  std::vector<std::string> from_accounts;
  std::vector<std::string> excluded_accounts;
  bool no_bots = false;

  // The domain of local accounts, whose acct has no "@domain"; empty when
  // unknown (a replay without --instance).
  std::string local_domain;

  // Show a boost only when no boost of the same status passed among the
  // last `boost_window_size` boosted statuses (text and template output).
  bool collapse_repeated_boosts = false;
  size_t boost_window_size = kBoostWindowSize;
};

}  // namespace mastotail::filter
