#include "stores.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>

namespace fake {

namespace {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

// Returns the entity's JSON text: the payload string, or the value of
// "payload_json" (a JSON string there is taken as the entity's text).
std::optional<std::string> entity_text(const Payload& payload) {
  switch (payload.kind) {
    case Payload::Kind::kNone:
      return std::nullopt;
    case Payload::Kind::kString:
      return payload.text;
    case Payload::Kind::kRawJson:
      break;
  }
  simdjson::dom::parser parser;
  std::string_view text;
  if (parser.parse(payload.text).get(text) == simdjson::SUCCESS) {
    return std::string(text);
  }
  return payload.text;
}

// Returns the status id that a "delete" payload carries: the payload
// string, or a JSON string or integer in "payload_json".
std::optional<std::string> deleted_id(const Payload& payload) {
  if (payload.kind == Payload::Kind::kString) return payload.text;
  if (payload.kind == Payload::Kind::kNone) return std::nullopt;

  simdjson::dom::parser parser;
  simdjson::dom::element value;
  if (parser.parse(payload.text).get(value) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  if (value.is_string()) return std::string(value.get_string().value());
  if (value.is_uint64()) return std::to_string(value.get_uint64().value());
  return std::nullopt;
}

// Returns the string member `key` of `object`, or of its object member
// `parent` when that is not empty. Returns "" when there is none.
std::string string_at(simdjson::dom::object object, std::string_view parent,
                      std::string_view key) {
  simdjson::dom::object inner = object;
  if (!parent.empty() && object[parent].get(inner) != simdjson::SUCCESS) {
    return {};
  }
  std::string_view value;
  if (inner[key].get(value) != simdjson::SUCCESS) return {};
  return std::string(value);
}

// Inserts `entry` at its id position, or replaces the entry with the same
// id in place.
void insert_by_cursor(std::vector<StoredEntry>& entries, StoredEntry entry) {
  auto same = std::find_if(
      entries.begin(), entries.end(),
      [&](const StoredEntry& stored) { return stored.id == entry.id; });
  if (same != entries.end()) {
    *same = std::move(entry);
    return;
  }
  auto position = std::find_if(entries.begin(), entries.end(),
                               [&](const StoredEntry& stored) {
                                 return id_less(stored.cursor, entry.cursor);
                               });
  entries.insert(position, std::move(entry));
}

}  // namespace

bool id_less(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

std::optional<std::string> status_store_key(const Subscription& stream) {
  const std::string& name = stream.stream;
  if (name == "user") return "home";
  if (name == "public" || name == "public:media" || name == "public:local" ||
      name == "public:local:media" || name == "public:remote" ||
      name == "public:remote:media") {
    return name;
  }
  if (name == "hashtag" || name == "hashtag:local") {
    if (stream.param.empty()) return std::nullopt;
    return name + ":" + ascii_lower(stream.param);
  }
  if (name == "list" && !stream.param.empty()) return "list:" + stream.param;
  return std::nullopt;
}

std::string Stores::record(const Subscription& target, std::string_view event,
                           const Payload& payload) {
  if (event == "delete") {
    auto id = deleted_id(payload);
    if (!id || id->empty()) return "a delete needs the status id as payload";
    remove_status(*id);
    return {};
  }

  bool status_event = event == "update" || event == "status.update";
  std::optional<std::string> key;
  if (status_event) {
    key = status_store_key(target);
  } else if (event == "notification" &&
             (target.stream == "user" ||
              target.stream == "user:notification")) {
    key = std::string(kNotificationsStore);
  } else if (event == "conversation" && target.stream == "direct") {
    key = std::string(kConversationsStore);
  }
  if (!key) {
    return "no REST timeline keeps \"" + std::string(event) +
           "\" events of stream \"" + target.stream + "\"";
  }

  auto text = entity_text(payload);
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (!text || parser.parse(*text).get(object) != simdjson::SUCCESS) {
    return "the payload is not a JSON object";
  }
  StoredEntry entry{string_at(object, "", "id"), {}, {}, *text};
  if (entry.id.empty()) return "the payload has no string \"id\"";

  if (status_event) {
    entry.cursor = entry.id;
    entry.status_id = entry.id;
    if (event == "status.update") replace_status_everywhere(entry);
    insert_by_cursor(store_for(*key, Kind::kStatuses).entries,
                     std::move(entry));
  } else if (*key == kNotificationsStore) {
    entry.cursor = entry.id;
    entry.status_id = string_at(object, "status", "id");
    insert_by_cursor(store_for(*key, Kind::kNotifications).entries,
                     std::move(entry));
  } else {
    // Mastodon paginates conversations by internal ids that the API never
    // shows. The fake uses last_status.id instead.
    entry.cursor = string_at(object, "last_status", "id");
    entry.status_id = entry.cursor;
    auto& entries = store_for(*key, Kind::kConversations).entries;
    std::erase_if(entries, [&](const StoredEntry& stored) {
      return stored.id == entry.id;
    });
    entries.insert(entries.begin(), std::move(entry));
  }
  return {};
}

std::vector<const StoredEntry*> Stores::page(std::string_view key,
                                             const PageRequest& request) const {
  std::vector<const StoredEntry*> matches;
  auto found = stores_.find(key);
  if (found == stores_.end()) return matches;

  for (const StoredEntry& entry : found->second.entries) {
    if (request.max_id && !id_less(entry.cursor, *request.max_id)) continue;
    if (request.since_id && !id_less(*request.since_id, entry.cursor)) {
      continue;
    }
    if (request.min_id && !id_less(*request.min_id, entry.cursor)) continue;
    matches.push_back(&entry);
  }

  if (matches.size() <= request.limit) return matches;
  // With min_id Mastodon takes the oldest entries after the cursor and
  // returns them newest first. Otherwise it takes the newest ones.
  if (request.min_id) {
    matches.erase(matches.begin(), matches.end() - request.limit);
  } else {
    matches.resize(request.limit);
  }
  return matches;
}

Stores::Store& Stores::store_for(std::string_view key, Kind kind) {
  auto found = stores_.find(key);
  if (found == stores_.end()) {
    found = stores_.emplace(std::string(key), Store{kind, {}}).first;
  }
  return found->second;
}

void Stores::replace_status_everywhere(const StoredEntry& entry) {
  for (auto& [key, store] : stores_) {
    if (store.kind != Kind::kStatuses) continue;
    for (StoredEntry& stored : store.entries) {
      if (stored.id == entry.id) stored = entry;
    }
  }
}

void Stores::remove_status(std::string_view status_id) {
  for (auto& [key, store] : stores_) {
    // NOTE: Mastodon moves a conversation whose last status is deleted back
    // to its previous status. The fake keeps no history, so it removes the
    // conversation.
    std::erase_if(store.entries, [&](const StoredEntry& stored) {
      return stored.status_id == status_id;
    });
  }
}

}  // namespace fake
