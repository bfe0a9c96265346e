// How the session reaches the streaming server: one WebSocket for every
// subscription, or one SSE response per subscription. Either way the
// session receives whole messages in Mastodon's envelope form.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/subscriptions.h"
#include "net/loop.h"
#include "net/url.h"
#include "net/ws_client.h"

namespace mastotail::app {

struct TransportConfig {
  net::Url endpoint;  // ws(s)://host[/prefix]/api/v1/streaming
  std::string token;  // never logged
  // Where the token travels. SSE sends kProtocol as the header, because
  // an HTTP request has no subprotocol.
  net::TokenVia token_via = net::TokenVia::kHeader;
  // The subscriptions to open; the pointers stay valid while the
  // transport is open.
  std::vector<const Subscription*> subscriptions;
  size_t max_message_size = 8u << 20;
  int idle_timeout_s = 90;
};

// Events reach the session through net::WebSocketHandler: on_open() once
// every subscription is requested, on_message() with an envelope
// ({"stream":[...],"event":...,"payload":...}), and on_connect_failed() or
// on_closed() once. Each call may destroy the transport.
class Transport {
 public:
  virtual ~Transport() = default;

  virtual void open(const TransportConfig& config) = 0;

  // Closes with a WebSocket close code (SSE just ends its responses).
  virtual void close(int code, std::string reason) = 0;

  virtual bool is_open() const = 0;

  // "WebSocket" or "SSE", for messages.
  virtual const char* name() const = 0;
};

// One WebSocket; sends a subscribe message per subscription once open.
// Pleroma's pleroma:respond replies are protocol messages, logged with -v
// and never passed on; an "unauthorized" reply ends the attempt like a 401
// at the handshake, and a "bad_topic" reply becomes an
// {"error":"Unknown stream type"} frame.
std::unique_ptr<Transport> make_websocket_transport(
    net::Loop& loop, net::WebSocketHandler& handler);

// One server-sent events response per subscription (Mastodon's
// /api/v1/streaming/public and the like), opened when every response
// answered 200 or was rejected on its own. A subscription that the server
// rejects on its own (401 "Not authorized to stream this list") becomes an
// error frame as over WebSocket; a rejected token or a missing endpoint
// fails the attempt with the status and the JSON "error" text.
std::unique_ptr<Transport> make_sse_transport(net::Loop& loop,
                                              net::WebSocketHandler& handler);

}  // namespace mastotail::app
