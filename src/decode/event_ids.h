// The identifiers of the entity an event carries, for deduplication, gap
// filling and ordering.
#pragma once

#include <memory>
#include <string_view>

namespace mastotail::decode {

struct EventIds {
  std::string_view id;              // "id" of the payload object
  std::string_view edited_at;       // "edited_at", empty when null
  std::string_view created_at;      // "created_at"
  std::string_view last_status_id;  // "last_status"."id" (conversations)
  std::string_view last_status_created_at;  // "last_status"."created_at"
};

// Reads the identifiers from a payload object with one reused parser.
// Views stay valid until the next read(). Missing fields are empty; a
// payload that is not an object gives all-empty ids.
class EventIdReader {
 public:
  EventIdReader();
  ~EventIdReader();
  EventIdReader(const EventIdReader&) = delete;
  EventIdReader& operator=(const EventIdReader&) = delete;

  EventIds read(std::string_view payload_json);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Orders ids the way Mastodon does (shorter is older, then byte order), so
// that numeric snowflake ids compare without arithmetic. Returns <0, 0, >0.
int compare_ids(std::string_view a, std::string_view b);

}  // namespace mastotail::decode
