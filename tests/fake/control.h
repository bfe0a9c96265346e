// The control port: a plain HTTP/1.1 server on 127.0.0.1 through which
// tests publish events, inject faults and read the recorded state. Every
// request gets one JSON response and the connection is closed.
//
//   POST /publish         {"stream":"hashtag","tag":"rust","event":"update",
//                          "payload":"..."} or "streams":[...] -> {"sent":N}
//                         (also recorded for the REST timelines, see
//                         stores.h)
//   POST /store           the same body; recorded for the REST timelines
//                         only, nothing is streamed -> {"stored":N}
//   POST /clear-stores    empties the REST timelines
//   POST /frame           {"text":"...","fragments":K}   -> {"sent":N}
//   POST /drop            {"code":C,"reason":"..."} | {"abrupt":true}
//                         | {"reset":true} | {} (empty close frame)
//   POST /silence         {"seconds":N}
//   POST /reject          {"count":1,"status":401,"headers":{...},
//                          "body":"","paths":[...],"reset":false}
//                         (a path matches requests whose path without
//                         the query is equal to it)
//   POST /kill-mid-frame  {"text":"..."}
//   POST /oauth           {"apps":"422","authorize":"deny",...}: see
//                         OAuthServer::configure in oauth.h
//   GET  /state           connections, requests, handshakes
//   POST /shutdown        exits with status 0
#pragma once

#include <libwebsockets.h>

#include <functional>

#include "fd_watch.h"
#include "http_request.h"
#include "http_response.h"
#include "shared_state.h"
#include "streaming.h"

namespace fake {

class ControlServer : public FdWatcher {
 public:
  // Takes ownership of the listening descriptor `listen_fd`. `on_shutdown`
  // runs after the response to POST /shutdown was sent.
  ControlServer(SharedState& state, StreamingServer& streaming, int listen_fd,
                std::function<void()> on_shutdown);
  ~ControlServer() override;
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // Starts accepting; `watch_vhost` must list kFdWatchProtocol.
  bool start(lws_vhost* watch_vhost);

  bool on_readable() override;
  void on_closed() override {}

 private:
  void serve(int fd);
  HttpResponse handle(const HttpRequest& request);

  SharedState& state_;
  StreamingServer& streaming_;
  int listen_fd_;
  std::function<void()> on_shutdown_;
  lws_vhost* watch_vhost_ = nullptr;
};

}  // namespace fake
