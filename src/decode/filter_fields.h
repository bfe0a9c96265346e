// The fields of an event payload that client-side filters read (--lang,
// --match, --from, ...), decoded without building entity structs.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace mastotail::decode {

struct ParsedJson;  // decode/json_validate.h

// The fields of one status that the filters read. Strings are unescaped. A
// field that is missing, null or of another type is empty, false or zero.
struct StatusFields {
  std::string_view id;
  std::string_view language;      // ISO 639 code as sent, e.g. "en"
  std::string_view visibility;    // public, unlisted, private, direct, ...
  bool is_reply = false;          // in_reply_to_id is set
  std::string_view account_acct;  // "user" (local) or "user@domain"
  bool account_bot = false;
  std::string_view content_html;
  std::string_view spoiler_text;
  size_t media_count = 0;
  // Descriptions (alt text) of the media attachments that have one.
  std::vector<std::string_view> media_descriptions;
};

// The filter fields of one event payload.
struct FilterFields {
  // The status the event carries: the payload of update and status.update,
  // a notification's status, a conversation's last_status. For a boost it
  // is the boosted status.
  bool has_status = false;
  StatusFields status;

  // The carried status is the reblog of a boost; `booster` is the boost
  // itself (its id, account and visibility).
  bool is_boost = false;
  StatusFields booster;

  // notification events: the notification type and the notifying account.
  bool is_notification = false;
  std::string_view notification_type;
  std::string_view notification_acct;
  bool notification_bot = false;
};

// Decodes FilterFields with one reused simdjson parser and buffers: once
// they have grown to the largest payload seen, decoding allocates nothing.
// Not thread-safe.
class FilterFieldsDecoder {
 public:
  FilterFieldsDecoder();
  ~FilterFieldsDecoder();
  FilterFieldsDecoder(const FilterFieldsDecoder&) = delete;
  FilterFieldsDecoder& operator=(const FilterFieldsDecoder&) = delete;

  // Decodes the payload of an `event` (update, status.update, notification
  // or conversation; any other event yields empty fields). `payload_json`
  // is the JSON text of the payload, as in Frame::payload, where escaped
  // lone surrogates are already replaced. Fails with ErrorKind::kProtocol
  // when it is not well-formed JSON. The views in the result point into the
  // decoder and stay valid until the next call.
  // `parsed`, when not nullptr, is the DOM of `payload_json` that the frame
  // decoder built; it is read instead of parsing the text again.
  Result<const FilterFields*> decode(std::string_view event,
                                     std::string_view payload_json,
                                     const ParsedJson* parsed = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mastotail::decode
