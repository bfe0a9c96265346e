#include "app/cursors.h"

#include "decode/event_ids.h"
#include "decode/state_file.h"
#include "render/json_writer.h"

namespace mastotail::app {
namespace {

bool parse_kind(std::string_view name, FeedKind& kind) {
  for (FeedKind candidate : {FeedKind::kStatuses, FeedKind::kNotifications,
                             FeedKind::kConversations}) {
    if (feed_kind_name(candidate) == name) {
      kind = candidate;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string Cursors::key(std::string_view stream_json, FeedKind kind) {
  std::string out(stream_json);
  out += '\n';
  out += feed_kind_name(kind);
  return out;
}

void Cursors::observe(std::string_view stream_json, FeedKind kind,
                      std::string_view id, std::string_view created_at) {
  if (id.empty()) return;

  lookup_key_.assign(stream_json);
  lookup_key_ += '\n';
  lookup_key_ += feed_kind_name(kind);
  auto found = cursors_.find(lookup_key_);
  if (found == cursors_.end()) {
    found = cursors_.emplace(lookup_key_, Cursor{}).first;
  } else if (decode::compare_ids(id, found->second.id) <= 0) {
    return;
  }

  found->second.id.assign(id);
  found->second.created_at.assign(created_at);
  dirty_ = true;
}

const Cursor* Cursors::find(std::string_view stream_json, FeedKind kind) const {
  auto found = cursors_.find(key(stream_json, kind));
  return found == cursors_.end() ? nullptr : &found->second;
}

std::string Cursors::to_json() const {
  std::string out = "{\"version\":1,\"cursors\":[";
  bool first = true;
  for (const auto& [name, cursor] : cursors_) {
    size_t split = name.rfind('\n');
    out += first ? "\n" : ",\n";
    first = false;
    out += "{\"stream\":";
    out += std::string_view(name).substr(0, split);
    out += ",\"feed\":";
    render::append_json_string(std::string_view(name).substr(split + 1), out);
    out += ",\"id\":";
    render::append_json_string(cursor.id, out);
    out += ",\"created_at\":";
    render::append_json_string(cursor.created_at, out);
    out += '}';
  }
  out += "\n]}\n";
  return out;
}

Status Cursors::load_json(std::string_view text) {
  std::map<std::string, Cursor, std::less<>> loaded;
  bool bad_feed = false;
  Status status =
      decode::read_state_file(text, [&](const decode::StateEntry& entry) {
        FeedKind kind;
        if (!parse_kind(entry.feed, kind)) {
          bad_feed = true;
          return;
        }
        loaded[key(entry.stream_json, kind)] =
            Cursor{std::string(entry.id), std::string(entry.created_at)};
      });
  if (!status.ok()) return status;
  if (bad_feed) {
    return Error{ErrorKind::kUsage,
                 "invalid state file: unknown feed name; delete it to start "
                 "afresh"};
  }

  cursors_ = std::move(loaded);
  dirty_ = false;
  return {};
}

}  // namespace mastotail::app
