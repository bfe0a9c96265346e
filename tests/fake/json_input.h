// Reading publish targets and payloads from JSON objects (control requests
// and timeline lines) with simdjson's DOM API.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "routing.h"

namespace fake {

// Returns a member that is a string, or a number as its decimal text
// (Mastodon passes list ids either way). Returns nullopt otherwise.
std::optional<std::string> string_member(simdjson::dom::object object,
                                         std::string_view key);

// Reads a target from "stream" (a name, or an array [name, param] as in an
// envelope) plus an optional "tag" or "list". Returns false when "stream"
// is missing or not a string or array of strings.
bool parse_target(simdjson::dom::element value, Subscription& target);
bool parse_target(simdjson::dom::object object, Subscription& target);

// Reads the payload: "payload_json" (any JSON value, sent unquoted),
// "payload" as a string, or "payload" as another JSON value, which is sent
// as its JSON text inside a string the way Mastodon double-encodes
// entities. No payload key gives Payload::Kind::kNone.
Payload parse_payload(simdjson::dom::object object);

}  // namespace fake
