// A long-lived HTTP/1.1 GET whose body is handed out as it arrives (one
// server-sent events response), with an idle watchdog.
#pragma once

#include <string>
#include <string_view>

#include "net/failure.h"
#include "net/loop.h"
#include "net/url.h"

namespace mastotail::net {

struct HttpStreamRequest {
  Url url;                   // http or https, path and query included
  std::string bearer_token;  // Authorization header; empty = none
  std::string accept = "text/event-stream";
  // Close when no body bytes arrive for this long; Mastodon sends a
  // ":thump" comment every 15 s.
  int idle_timeout_s = 60;
};

// Receives the events of an HttpStream. on_stream_data() must not destroy
// the stream; the other methods may.
class HttpStreamHandler {
 public:
  virtual ~HttpStreamHandler() = default;
  // The server answered 200; body bytes follow.
  virtual void on_stream_open(std::string_view content_type) = 0;
  virtual void on_stream_data(std::string_view bytes) = 0;
  // No 200 response: `failure` holds the status or the network error and
  // `body` up to 64 KiB of the response body (a JSON error, usually).
  virtual void on_stream_failed(const Failure& failure,
                                std::string_view body) = 0;
  // The open response ended: the server finished or dropped it, or
  // nothing arrived within the idle timeout (`idle`).
  virtual void on_stream_closed(bool idle) = 0;
};

class HttpStream : public LwsHandler {
 public:
  static constexpr size_t kMaxErrorBody = 64 * 1024;

  HttpStream(Loop& loop, HttpStreamHandler& handler);
  ~HttpStream() override;

  // Starts the request. Failures arrive through on_stream_failed(), always
  // from the loop, never from inside start().
  void start(HttpStreamRequest request);

  // Ends the response without calling the handler again.
  void close();

  bool is_open() const { return open_; }

  int handle(lws* wsi, lws_callback_reasons reason, void* in,
             size_t len) override;

 private:
  int append_headers(void* in, size_t len);
  int on_redirect(std::string_view location);
  int on_headers(lws* wsi);
  int on_body(const void* in, size_t len);
  void report_failure(Failure failure);
  void report_end();
  void detach();

  Loop& loop_;
  HttpStreamHandler& handler_;
  HttpStreamRequest request_;
  Timer deferred_;
  lws* wsi_ = nullptr;
  Failure failure_;         // a failure seen inside start(), or a redirect
  std::string error_body_;  // body of a response other than 200
  int status_ = 0;
  bool open_ = false;
  bool idle_ = false;
  bool in_connect_ = false;
  bool failed_ = false;
  bool redirect_rejected_ = false;
  bool send_token_ = true;
  bool done_ = false;
};

}  // namespace mastotail::net
