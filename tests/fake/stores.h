// The data behind the REST timelines of the fake instance. Events
// published through the control port or read from the --timeline file
// leave statuses, notifications and conversations here, as they would
// stay in Mastodon's database whether or not a client was connected.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "routing.h"

namespace fake {

// Store keys that are not stream names.
inline constexpr std::string_view kNotificationsStore = "notifications";
inline constexpr std::string_view kConversationsStore = "conversations";

// Returns true when id `a` is older than id `b` in Mastodon's order:
// shorter ids first, then bytewise. Ids are opaque strings and never parsed
// as numbers.
bool id_less(std::string_view a, std::string_view b);

// Returns the key of the status store that an "update" to `stream` fills:
// "home" for user, the stream name for public and its :local, :remote and
// :media variants, "hashtag:TAG" and "hashtag:local:TAG" with the tag in
// ASCII lowercase, "list:ID". Returns nullopt for other streams.
std::optional<std::string> status_store_key(const Subscription& stream);

// One recorded entity.
struct StoredEntry {
  std::string id;  // the entity's "id"
  // The id that orders and paginates the entry: "id", except
  // last_status.id for conversations.
  std::string cursor;
  // The status the entry shows: its own id for statuses, status.id for
  // notifications, last_status.id for conversations (may be empty).
  std::string status_id;
  std::string json;
};

// Pagination parameters of a REST timeline request.
struct PageRequest {
  std::optional<std::string> max_id;
  std::optional<std::string> since_id;
  std::optional<std::string> min_id;
  std::size_t limit = 20;
};

class Stores {
 public:
  // Records one event as Mastodon would. "update" adds a status to the
  // target's status store. "status.update" replaces the status with that
  // id in place in every status store, and adds it to the target's store
  // if absent. "notification" (to user or user:notification) adds to the
  // notifications. "conversation" (to direct) replaces the conversation
  // with that "id" and moves it to the newest position. "delete" removes
  // the status, the notifications about it and the conversations whose
  // last status it is. Returns "" or the reason the event was not
  // recorded.
  std::string record(const Subscription& target, std::string_view event,
                     const Payload& payload);

  void clear() { stores_.clear(); }

  // Returns the page of store `key` that Mastodon's paginate_by_id
  // selects, newest first. A missing store gives an empty page.
  std::vector<const StoredEntry*> page(std::string_view key,
                                       const PageRequest& request) const;

 private:
  enum class Kind { kStatuses, kNotifications, kConversations };

  struct Store {
    Kind kind = Kind::kStatuses;
    std::vector<StoredEntry> entries;  // newest first
  };

  Store& store_for(std::string_view key, Kind kind);
  void replace_status_everywhere(const StoredEntry& entry);
  void remove_status(std::string_view status_id);

  std::map<std::string, Store, std::less<>> stores_;
};

}  // namespace fake
