// Whether a redirect of a request that carries the access token may be
// followed, and with or without the token.
#pragma once

#include <string>
#include <string_view>

#include "net/url.h"

namespace mastotail::net {

enum class RedirectAction {
  kFollowWithToken,     // the same host name (any port), as curl does
  kFollowWithoutToken,  // another host: the token stays behind
  kReject,              // https to http, an invalid Location, or a token
                        // that cannot be left behind
};

struct RedirectVerdict {
  RedirectAction action = RedirectAction::kReject;
  std::string reason;  // for kReject and kFollowWithoutToken: a sentence
  // The location is https or wss, so following it needs TLS
  // (Loop::enable_tls).
  bool to_tls = false;
};

// Decides about a redirect from `from` to `location` (absolute, or a path
// on the same server). `token_removable` is true when the token travels in
// the Authorization header, which the next request can leave out; a token
// in the URL or in Sec-WebSocket-Protocol cannot be left out, so a
// redirect to another host is rejected. A redirect from https or wss to
// http or ws is always rejected, token or not.
RedirectVerdict decide_redirect(const Url& from, std::string_view location,
                                bool token_removable);

}  // namespace mastotail::net
