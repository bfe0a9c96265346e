// Decisions about the streaming transport that do not need a socket:
// when a failed WebSocket handshake justifies switching to server-sent
// events, and where the access token travels on each attempt.
#pragma once

#include <optional>

#include "cli/options.h"
#include "net/failure.h"
#include "net/ws_client.h"

namespace mastotail::app {

// True when a failed WebSocket handshake says that WebSocket is not
// offered here while plain HTTP is: HTTP 400 (Mastodon's answer when a
// proxy stripped the Upgrade header), 404, 426 Upgrade Required, or a 200
// that is not an upgrade.
bool websocket_refused(const net::Failure& failure);

// True when the server rejected the token itself: HTTP 401 at the
// handshake.
bool token_rejected(const net::Failure& failure);

// Where the token travels on the first attempt.
net::TokenVia initial_token_via(cli::TokenViaMode mode);

// Where the token travels on the next attempt after the server rejected
// it on an attempt that used `current`; nullopt when nothing else is left
// to try. Only kAuto switches, once: from the header to the protocol.
std::optional<net::TokenVia> token_via_after_rejection(cli::TokenViaMode mode,
                                                       net::TokenVia current);

// Returns "the Authorization header", "Sec-WebSocket-Protocol" or "the
// URL", for messages.
const char* token_via_name(net::TokenVia via);

}  // namespace mastotail::app
