// The parts of /api/v1/instance and /api/v2/instance that mastotail uses.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace mastotail::decode {

// Who may read a feed, from /api/v2/instance
// configuration.timelines_access (Mastodon 4.5 and later): "public",
// "authenticated" or "disabled" (only roles with the "View live and topic
// feeds" permission). Empty when the server does not say.
struct FeedAccess {
  std::string local;
  std::string remote;
};

struct InstanceInfo {
  std::string streaming_url;  // base URL without path; empty when absent
  std::string version;        // server version string, when given
  FeedAccess live_feeds;      // the public timelines
  FeedAccess hashtag_feeds;   // the hashtag timelines
};

// Decodes a /api/v2/instance body (configuration.urls.streaming).
Result<InstanceInfo> decode_instance_v2(std::string_view json);

// Decodes a /api/v1/instance body (urls.streaming_api).
Result<InstanceInfo> decode_instance_v1(std::string_view json);

// Returns the "error" string of a Mastodon JSON error body, or "" when the
// body is not such an object.
std::string decode_error_message(std::string_view json);

}  // namespace mastotail::decode
