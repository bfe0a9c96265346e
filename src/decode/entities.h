// Plain owned copies of the Mastodon entities that mastotail prints, and a
// lenient decoder for them.
//
// Decoding is lenient because servers other than Mastodon omit fields or
// send them with other types: a missing or null field, or one of an
// unexpected type, leaves the member at its default (empty string, false,
// zero, empty list, null pointer). Only JSON that is not well formed, or a
// top level that is not an object, is an error.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace mastotail::decode {

struct Account {
  std::string id;
  std::string username;
  std::string acct;  // "user" for local accounts, "user@domain" for remote
  std::string display_name;  // may be empty; may contain :shortcode:
  std::string url;
  bool bot = false;
};

struct MediaAttachment {
  std::string id;
  std::string type;  // image, gifv, video, audio, unknown
  std::string url;
  std::string remote_url;
  std::string preview_url;
  std::string description;  // alt text; empty when none
};

struct PollOption {
  std::string title;
  std::optional<int64_t> votes_count;  // nullopt when the server hides it
};

struct Poll {
  std::string id;
  std::string expires_at;  // RFC 3339; empty when the poll never ends
  bool expired = false;
  bool multiple = false;
  std::optional<int64_t> votes_count;
  std::optional<int64_t> voters_count;
  std::vector<PollOption> options;
};

struct Card {
  std::string url;
  std::string title;
  std::string description;
  std::string provider_name;
};

struct Mention {
  std::string id;
  std::string username;
  std::string acct;
  std::string url;
};

// One matched server-side filter (Mastodon's FilterResult with its filter).
struct FilterResult {
  std::string id;
  std::string title;
  std::vector<std::string> context;  // home, notifications, public, ...
  std::string expires_at;            // empty when the filter never expires
  std::string action;  // warn, hide, blur; empty when the server sent none
};

struct Status {
  std::string id;
  std::string uri;
  std::string url;
  std::string created_at;
  std::string edited_at;
  Account account;
  std::string content;  // HTML
  std::string spoiler_text;
  bool sensitive = false;
  std::string visibility;
  std::string language;
  std::string in_reply_to_id;
  std::string in_reply_to_account_id;
  std::unique_ptr<Status> reblog;  // the boosted status, for a boost
  std::unique_ptr<Status> quote;   // the quoted status, when the server sent it
  std::string quote_id;            // the quoted status id, even when shallow
  std::vector<MediaAttachment> media_attachments;
  std::vector<Mention> mentions;
  std::optional<Poll> poll;
  std::optional<Card> card;
  std::vector<FilterResult> filtered;
};

struct Report {
  std::string id;
  std::string category;
  std::string comment;
  Account target_account;
};

// The event of a severed_relationships notification.
struct RelationshipSeveranceEvent {
  std::string type;  // domain_block, user_domain_block, account_suspension
  std::string target_name;
  int64_t followers_count = 0;
  int64_t following_count = 0;
};

struct ModerationWarning {
  std::string action;
  std::string text;
};

struct Notification {
  std::string id;
  std::string type;
  std::string created_at;
  Account account;
  std::unique_ptr<Status> status;
  std::optional<Report> report;
  std::optional<RelationshipSeveranceEvent> event;
  std::optional<ModerationWarning> moderation_warning;
};

struct Conversation {
  std::string id;
  bool unread = false;
  std::vector<Account> accounts;
  std::unique_ptr<Status> last_status;
};

// An announcement.reaction payload, or one element of
// Announcement::reactions.
struct Reaction {
  std::string name;  // a Unicode emoji or a custom emoji shortcode
  int64_t count = 0;
  std::string announcement_id;
  std::string url;  // custom emoji image; empty for Unicode emoji
};

struct Announcement {
  std::string id;
  std::string content;  // HTML
  std::string starts_at;
  std::string ends_at;
  bool all_day = false;
  std::string published_at;
  std::string updated_at;
  std::vector<Reaction> reactions;
};

// Decodes entities from JSON text with one reused simdjson parser. Not
// thread-safe; one decoder per thread.
class EntityDecoder {
 public:
  EntityDecoder();
  ~EntityDecoder();
  EntityDecoder(const EntityDecoder&) = delete;
  EntityDecoder& operator=(const EntityDecoder&) = delete;

  // Each fails with ErrorKind::kProtocol when `json` is not a well-formed
  // JSON object.
  Result<Status> decode_status(std::string_view json);
  Result<Notification> decode_notification(std::string_view json);
  Result<Conversation> decode_conversation(std::string_view json);
  Result<Announcement> decode_announcement(std::string_view json);
  Result<Reaction> decode_reaction(std::string_view json);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mastotail::decode
