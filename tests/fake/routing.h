// Stream names, subscriptions and event envelopes of the Mastodon streaming
// API, as the Mastodon 4.x Node streaming server handles them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fake {

// The parameter a stream name takes.
enum class StreamParam { kNone, kTag, kList };

// Returns the parameter of a stream name Mastodon knows (user, public,
// hashtag:local, list, direct, ...), or nullopt for any other name.
std::optional<StreamParam> stream_param(std::string_view stream);

// One subscription of a socket, or one stream an event is published to.
// `param` is the tag or list id exactly as the client sent it, and empty for
// streams without a parameter.
struct Subscription {
  std::string stream;
  std::string param;

  bool operator==(const Subscription&) const = default;
};

// List ids a client may subscribe to. With no ids given, every id is
// allowed except those starting with "forbidden".
struct ListPolicy {
  std::vector<std::string> allowed_ids;

  bool allows(std::string_view list_id) const;
};

// Returns the error frame Mastodon sends for a subscribe request, such as
// {"error":"Unknown stream type","status":400}, or an empty string when the
// request is accepted. An empty tag or list id counts as missing.
std::string subscribe_error(const Subscription& request,
                            const ListPolicy& policy);

// Returns true when an event published to `target` reaches `subscription`:
// the stream names are equal and so are the parameters, where tags are
// compared case-insensitively (ASCII only) and list ids exactly.
bool subscription_matches(const Subscription& subscription,
                          const Subscription& target);

// The payload of an event envelope.
struct Payload {
  enum class Kind { kNone, kString, kRawJson };

  Kind kind = Kind::kNone;
  // The string for kString (escaped when rendered), or JSON text copied
  // verbatim for kRawJson.
  std::string text;
};

// Returns the envelope a subscribed socket receives, with Mastodon's key
// order: {"stream":[name(,param)],"event":...,"payload":...}. The payload
// key is left out for Payload::Kind::kNone.
std::string render_envelope(const Subscription& subscription,
                            std::string_view event, const Payload& payload);

}  // namespace fake
