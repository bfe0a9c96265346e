// The loopback listener of mastotail login: the OAuth redirect target
// http://127.0.0.1:PORT/callback, served by libwebsockets on the shared
// loop.
#pragma once

#include <libwebsockets.h>

#include <optional>
#include <string>

#include "net/loop.h"
#include "util/result.h"

namespace mastotail::app {

// The query parameters of the redirect from the authorization server: a
// code, or an error such as access_denied, and the echoed `state`.
struct AuthorizationReply {
  std::string code;
  std::string state;
  std::string error;
  std::string error_description;
};

// Serves GET /callback?code=...&state=... (or ?error=...) on 127.0.0.1 at a
// port the kernel picks and responds with a short HTML page. Every other
// path gets 404. Only the first /callback request with a code or an error
// counts.
// The object must outlive the Loop, because lws may call it until the
// context is destroyed.
class CallbackServer {
 public:
  CallbackServer() = default;
  CallbackServer(const CallbackServer&) = delete;
  CallbackServer& operator=(const CallbackServer&) = delete;

  // Creates the listening vhost on `loop` and returns its port. Fails with
  // kInternal when lws cannot listen.
  Result<int> start(net::Loop& loop);

  // The reply, once a browser has reached /callback.
  const std::optional<AuthorizationReply>& reply() const { return reply_; }

  // Sets the state value of the running login: a reply without it gets an
  // error page in the browser (and still ends the login).
  void expect_state(std::string state) { expected_state_ = std::move(state); }

 private:
  static int on_lws_callback(lws* wsi, lws_callback_reasons reason, void* user,
                             void* in, size_t len);
  int serve(lws* wsi, std::string_view path);

  std::optional<AuthorizationReply> reply_;
  std::string expected_state_;
};

}  // namespace mastotail::app
