// How the session reaches the streaming server: one WebSocket for every
// subscription, or one SSE response per subscription. Either way the
// session sees whole messages in Mastodon's envelope form.
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
std::unique_ptr<Transport> make_websocket_transport(
    net::Loop& loop, net::WebSocketHandler& handler);

}  // namespace mastotail::app
