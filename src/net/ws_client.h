// The WebSocket client connection to a streaming server.
#pragma once

#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "net/failure.h"
#include "net/loop.h"
#include "net/url.h"

namespace mastotail::net {

// The end of an open connection: close code, reason and cause.
struct CloseInfo {
  // The close code the server sent; 1005 for a close frame without a code;
  // 1006 when the TCP connection ended without a close frame.
  int code = 1006;
  std::string reason;
  bool by_us = false;  // close() or the idle watchdog ended it
  bool idle = false;   // no traffic within the idle timeout
};

// Receives the events of a WebSocket. Each method may destroy the
// WebSocket that called it.
class WebSocketHandler {
 public:
  virtual ~WebSocketHandler() = default;
  virtual void on_open() = 0;
  // One complete text message (fragments joined). The view is valid only
  // during the call.
  virtual void on_message(std::string_view message) = 0;
  // A message over the maximum size was dropped.
  virtual void on_message_too_large(size_t size) = 0;
  virtual void on_connect_failed(const Failure& failure) = 0;
  virtual void on_closed(const CloseInfo& close) = 0;
};

// Where a WebSocket handshake carries the access token.
enum class TokenVia {
  kHeader,    // Authorization: Bearer (Mastodon, GoToSocial)
  kProtocol,  // Sec-WebSocket-Protocol, which the server must echo
  kQuery,     // access_token in the URL; only on explicit request
};

struct WebSocketOptions {
  Url url;                   // ws or wss, with the path
  std::string bearer_token;  // the access token; empty = none
  TokenVia token_via = TokenVia::kHeader;
  size_t max_message_size = 8u << 20;
  int idle_timeout_s = 90;   // close when nothing arrives this long
  int ping_interval_s = 30;  // our own pings keep the idle timer honest
};

class WebSocket : public LwsHandler {
 public:
  WebSocket(Loop& loop, WebSocketHandler& handler);
  ~WebSocket() override;

  // Starts connecting. Failures arrive through on_connect_failed(), always
  // from the loop, never from inside connect().
  void connect(WebSocketOptions options);

  // Queues a text message; it is sent once the socket is open, in order.
  void send_text(std::string message);

  // Sends a close frame with `code` and closes.
  void close(int code, std::string reason);

  bool is_open() const { return open_; }

  int handle(lws* wsi, lws_callback_reasons reason, void* in,
             size_t len) override;

 private:
  int on_writeable();
  int on_receive(lws* wsi, const void* in, size_t len);
  void on_peer_close(const void* in, size_t len);
  void on_traffic();
  void arm_idle_timer(std::chrono::milliseconds delay);
  int append_headers(void* in, size_t len);
  void detach();
  void report_failure(Failure failure);
  void report_closed();
  int on_redirect(std::string_view location);

  Loop& loop_;
  WebSocketHandler& handler_;
  WebSocketOptions options_;
  Timer deferred_;
  Timer idle_;
  lws* wsi_ = nullptr;
  std::deque<std::string> outgoing_;
  std::string message_;      // fragments of the message being received
  size_t dropped_size_ = 0;  // size of a too-large message being skipped
  CloseInfo close_;
  Failure failure_;
  std::optional<Failure> redirect_failure_;  // a redirect we rejected
  std::string connect_path_;  // the path with access_token, for kQuery
  std::string write_buffer_;
  std::chrono::steady_clock::time_point last_traffic_;
  bool binary_ = false;
  bool open_ = false;
  bool in_connect_ = false;
  bool failed_ = false;
  bool closing_ = false;
  bool send_token_ = true;
  bool done_ = false;
};

}  // namespace mastotail::net
