// Mastodon's server-sent events endpoints, one per stream, and the
// envelope that turns an SSE event into the form WebSocket messages have.
#pragma once

#include <string>
#include <string_view>

#include "cli/options.h"
#include "net/sse_parser.h"
#include "net/url.h"
#include "util/result.h"

namespace mastotail::app {

// Returns the SSE URL of `timeline` on the streaming server whose WebSocket
// endpoint is `ws_endpoint` (ws[s]://host[/prefix]/api/v1/streaming): for
// example /api/v1/streaming/hashtag/local?tag=rust, or
// /api/v1/streaming/public?only_media=true for public:media. Fails with
// ErrorKind::kUsage for a stream that has no SSE endpoint (--stream names
// other than Mastodon's twelve).
Result<net::Url> sse_url(const net::Url& ws_endpoint,
                         const cli::Timeline& timeline);

// Returns {"stream":STREAM_JSON,"event":NAME,"payload":DATA} with DATA as a
// JSON string, the envelope a WebSocket carries. The literal data
// "undefined" (older Mastodon's filters_changed) leaves the payload out.
std::string sse_envelope(std::string_view stream_json,
                         const net::SseEvent& event);

}  // namespace mastotail::app
