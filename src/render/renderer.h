// The interface every output format implements.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "decode/frame.h"

namespace mastotail::render {

// One event and what a renderer needs to know about where it came from.
struct EventContext {
  const decode::Frame* frame = nullptr;
  // The message exactly as received (a WebSocket message, or a replayed
  // line); `raw` output prints it.
  std::string_view raw_message;
  // The stream array to print: the server's, else the subscription's, as
  // JSON text; "null" when unknown.
  std::string_view stream_json = "null";
  // The server-side filter context of the timeline the event came from:
  // "home", "public", "notifications" or "thread"; empty when unknown.
  std::string_view filter_context;
  // The event was fetched over REST to fill a gap.
  bool backfill = false;
};

class Renderer {
 public:
  virtual ~Renderer() = default;

  // Appends the rendering of `event` to `out`, which the caller flushes to
  // stdout. Returns true when something was appended, false when the event
  // is not shown in this format (for example an unknown event in text).
  virtual bool render(const EventContext& event, std::string& out) = 0;
};

}  // namespace mastotail::render
