#include "app/rest_feeds.h"

#include "net/url.h"

namespace mastotail::app {
namespace {

Feed statuses(std::string path, std::string query = {}) {
  return Feed{FeedKind::kStatuses, std::move(path), std::move(query), "update"};
}

Feed notifications() {
  return Feed{
      FeedKind::kNotifications, "/api/v1/notifications", {}, "notification"};
}

// Strips a ":media" suffix and reports whether it was there.
std::string_view without_media(std::string_view stream, bool& media) {
  constexpr std::string_view kMedia = ":media";
  media = stream.size() > kMedia.size() &&
          stream.substr(stream.size() - kMedia.size()) == kMedia;
  if (media) stream.remove_suffix(kMedia.size());
  return stream;
}

std::string join_query(std::string a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return a;
  return a + "&" + std::string(b);
}

}  // namespace

std::string_view feed_kind_name(FeedKind kind) {
  switch (kind) {
    case FeedKind::kStatuses:
      return "statuses";
    case FeedKind::kNotifications:
      return "notifications";
    case FeedKind::kConversations:
      return "conversations";
  }
  return "statuses";
}

std::string_view feed_entry_name(FeedKind kind) {
  switch (kind) {
    case FeedKind::kStatuses:
      return "status";
    case FeedKind::kNotifications:
      return "notification";
    case FeedKind::kConversations:
      return "conversation";
  }
  return "status";
}

std::vector<Feed> feeds_for(const cli::Timeline& timeline) {
  bool media = false;
  std::string_view stream = without_media(timeline.stream, media);
  std::string media_query = media ? "only_media=true" : "";

  if (stream == "user") {
    return {statuses("/api/v1/timelines/home"), notifications()};
  }
  if (stream == "user:notification") return {notifications()};
  if (stream == "direct") {
    return {Feed{
        FeedKind::kConversations, "/api/v1/conversations", {}, "conversation"}};
  }
  if (stream == "public") {
    return {statuses("/api/v1/timelines/public", media_query)};
  }
  if (stream == "public:local") {
    return {statuses("/api/v1/timelines/public",
                     join_query("local=true", media_query))};
  }
  if (stream == "public:remote") {
    return {statuses("/api/v1/timelines/public",
                     join_query("remote=true", media_query))};
  }
  if (stream == "hashtag" || stream == "hashtag:local") {
    std::string query = stream == "hashtag:local" ? "local=true" : "";
    return {statuses(
        "/api/v1/timelines/tag/" + net::percent_encode(timeline.param_value),
        join_query(query, media_query))};
  }
  if (stream == "list") {
    return {statuses("/api/v1/timelines/list/" +
                     net::percent_encode(timeline.param_value))};
  }
  return {};
}

}  // namespace mastotail::app
