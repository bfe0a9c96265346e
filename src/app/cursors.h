// The newest id seen per timeline and feed: where a gap fill starts after a
// reconnect, and what --state keeps between runs.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "app/rest_feeds.h"
#include "util/result.h"

namespace mastotail::app {

struct Cursor {
  std::string id;          // newest id, compared with decode::compare_ids
  std::string created_at;  // that entity's created_at, for gap reports
};

class Cursors {
 public:
  // Moves the cursor of (stream_json, kind) to `id` when `id` is newer.
  // No allocation once the cursor exists and ids keep their length.
  void observe(std::string_view stream_json, FeedKind kind, std::string_view id,
               std::string_view created_at);

  // Returns the cursor, or nullptr when nothing was seen.
  const Cursor* find(std::string_view stream_json, FeedKind kind) const;

  // True when a cursor moved since the last mark_saved().
  bool dirty() const { return dirty_; }
  void mark_saved() { dirty_ = false; }

  // The state file text:
  // {"version":1,"cursors":[{"stream":["public"],"feed":"statuses",
  //   "id":"...","created_at":"..."}]}
  std::string to_json() const;

  // Replaces every cursor with those of a state file's text. Fails with
  // kUsage naming the problem when the text is not a state file.
  Status load_json(std::string_view text);

 private:
  static std::string key(std::string_view stream_json, FeedKind kind);

  // Key: the stream array's JSON text, '\n', the feed kind's name.
  std::map<std::string, Cursor, std::less<>> cursors_;
  std::string lookup_key_;  // reused to avoid an allocation per event
  bool dirty_ = false;
};

}  // namespace mastotail::app
