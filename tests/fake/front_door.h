// The listening socket of the main port.
//
// On the plain port the front door reads each request itself, so that
// it can respond to a WebSocket upgrade with a canned response (Mastodon's 401
// with X-Error-Message, or a POST /reject rule) or a TCP reset, which the
// lws server role cannot produce. It also serves the REST endpoints. An
// accepted upgrade is handed to lws together with the bytes already read.
// With TLS every connection goes to lws unread, and streaming_tls.cpp does
// the same checks.
#pragma once

#include <libwebsockets.h>

#include <string_view>

#include "fd_watch.h"
#include "http_request.h"
#include "shared_state.h"
#include "streaming.h"

namespace fake {

class FrontDoor : public FdWatcher {
 public:
  // Takes ownership of the listening descriptor `listen_fd`.
  FrontDoor(SharedState& state, StreamingServer& streaming, int listen_fd);
  ~FrontDoor() override;
  FrontDoor(const FrontDoor&) = delete;
  FrontDoor& operator=(const FrontDoor&) = delete;

  // Starts accepting. `watch_vhost` must list kFdWatchProtocol;
  // `streaming_vhost` serves the streaming protocol (with TLS when
  // configured). Returns false when lws cannot watch the socket.
  bool start(lws_vhost* watch_vhost, lws_vhost* streaming_vhost);

  bool on_readable() override;
  void on_closed() override {}

 private:
  void serve_plain(int fd);
  void dispatch(int fd, const HttpRequestReader& reader);
  void hand_to_lws(int fd, const HttpRequest& request, std::string_view head,
                   std::string auth);

  SharedState& state_;
  StreamingServer& streaming_;
  int listen_fd_;
  lws_vhost* watch_vhost_ = nullptr;
  lws_vhost* streaming_vhost_ = nullptr;
};

}  // namespace fake
