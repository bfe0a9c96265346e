// How the fake instance imitates servers other than Mastodon that speak
// its streaming API: GoToSocial and Pleroma/Akkoma. Each function returns
// what the chosen server sends; Dialect::kMastodon keeps Mastodon's form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "routing.h"

namespace fake {

enum class Dialect {
  kMastodon,
  // WebSocket only; lists appear as ["list:ID"]; no error frames and no
  // acknowledgements; hashtag subscriptions are accepted and never fed.
  kGoToSocial,
  // WebSocket only; the Authorization header is ignored (the token comes
  // as access_token or Sec-WebSocket-Protocol); every subscribe gets a
  // pleroma:respond reply; delete frames carry no "stream".
  kPleroma,
};

// Parses "mastodon", "gotosocial" or "pleroma".
std::optional<Dialect> parse_dialect(std::string_view name);

// True when the dialect serves server-sent events (Mastodon only).
bool serves_sse(Dialect dialect);

// Returns the Authorization header value the dialect reads: Pleroma
// ignores it, so it returns nullopt there.
std::optional<std::string_view> authorization_seen(
    Dialect dialect, std::optional<std::string_view> authorization);

// Returns the envelope of one event for a subscriber, in the dialect's
// form.
std::string dialect_envelope(Dialect dialect, const Subscription& subscription,
                             std::string_view event, const Payload& payload);

// Returns the message the dialect sends after a subscribe request whose
// Mastodon error frame is `mastodon_error` (empty when accepted), or ""
// for no message. `request` is the subscription asked for.
std::string subscribe_reply(Dialect dialect, const Subscription& request,
                            const std::string& mastodon_error);

// True when the dialect delivers events of `stream` at all.
bool feeds_stream(Dialect dialect, std::string_view stream);

}  // namespace fake
