// The REST endpoints that return what a streaming subscription carries,
// for filling gaps after a reconnect and for -n/--backfill.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/options.h"

namespace mastotail::app {

enum class FeedKind { kStatuses, kNotifications, kConversations };

struct Feed {
  FeedKind kind = FeedKind::kStatuses;
  std::string path;        // e.g. /api/v1/timelines/tag/rust
  std::string query;       // fixed parameters, e.g. "local=true"; may be empty
  std::string_view event;  // streaming event name of the entities
};

// Returns the feeds of a timeline: home has statuses and notifications, a
// custom --stream has none (its gaps cannot be filled).
std::vector<Feed> feeds_for(const cli::Timeline& timeline);

// "statuses", "notifications" or "conversations", for state files and
// messages.
std::string_view feed_kind_name(FeedKind kind);

// "status", "notification" or "conversation": one entry of the feed.
std::string_view feed_entry_name(FeedKind kind);

}  // namespace mastotail::app
