// The SSE transport: one long-lived GET per subscription, each parsed into
// events and handed on in the WebSocket envelope form.
#include <algorithm>
#include <memory>

#include "app/sse_streams.h"
#include "app/transport.h"
#include "decode/instance.h"
#include "net/http_stream.h"
#include "net/sse_parser.h"
#include "render/json_writer.h"
#include "util/log.h"

namespace mastotail::app {
namespace {

// Mastodon sends ":thump" every 15 s, so a minute of silence means that
// the response is dead.
constexpr int kSseIdleTimeoutS = 60;

// True when a failed SSE request concerns the token or the server as a
// whole, so that the attempt fails. Mastodon rejects a single
// subscription with 401 "Not authorized to stream this list" or 400
// "Missing tag name parameter"; those become error frames instead.
bool fails_whole_attempt(const net::Failure& failure) {
  if (failure.kind != net::FailureKind::kHttpStatus) return true;
  int status = failure.http_status;
  if (status == 401) {
    return failure.error_message.find("access token") != std::string::npos ||
           failure.error_message.find("scope") != std::string::npos ||
           failure.error_message.empty();
  }
  if (status == 400) {
    return failure.error_message.empty() ||
           failure.error_message == "Unknown channel requested";
  }
  return true;
}

class SseTransport;

// One subscription's response.
class SseStream : public net::HttpStreamHandler {
 public:
  SseStream(SseTransport& owner, net::Loop& loop, const Subscription& sub,
            size_t max_message_size)
      : owner_(owner),
        sub_(sub),
        http_(loop, *this),
        parser_(max_message_size) {}

  void start(net::HttpStreamRequest request) {
    http_.start(std::move(request));
  }
  void close() { http_.close(); }
  const Subscription& subscription() const { return sub_; }
  bool open = false;
  bool rejected = false;

  void on_stream_open(std::string_view content_type) override;
  void on_stream_data(std::string_view bytes) override;
  void on_stream_failed(const net::Failure& failure,
                        std::string_view body) override;
  void on_stream_closed(bool idle) override;

 private:
  SseTransport& owner_;
  const Subscription& sub_;
  net::HttpStream http_;
  net::SseParser parser_;
  std::vector<net::SseEvent> events_;
};

class SseTransport : public Transport {
 public:
  SseTransport(net::Loop& loop, net::WebSocketHandler& handler)
      : loop_(loop), handler_(handler), deferred_(loop) {}

  void open(const TransportConfig& config) override;
  void close(int code, std::string reason) override;
  bool is_open() const override { return open_; }
  const char* name() const override { return "SSE"; }

  // Called by the streams.
  void stream_opened();
  void stream_rejected(const SseStream& stream, const net::Failure& failure);
  void stream_failed(const net::Failure& failure);
  void stream_closed(bool idle);
  void deliver(const SseStream& stream, const net::SseEvent& event);

 private:
  void close_streams();
  bool all_settled() const;

  net::Loop& loop_;
  net::WebSocketHandler& handler_;
  net::Timer deferred_;
  std::vector<std::unique_ptr<SseStream>> streams_;
  std::string envelope_;
  bool open_ = false;
  bool done_ = false;
};

void SseStream::on_stream_open(std::string_view content_type) {
  if (content_type.find("text/event-stream") == std::string_view::npos) {
    log::warning(
        "{}: the server answered with {} instead of "
        "text/event-stream",
        sub_.label, content_type.empty() ? "no content type" : content_type);
  }
  open = true;
  owner_.stream_opened();
}

void SseStream::on_stream_data(std::string_view bytes) {
  events_.clear();
  parser_.feed(bytes, events_);
  for (const net::SseEvent& event : events_) owner_.deliver(*this, event);
}

void SseStream::on_stream_failed(const net::Failure& failure,
                                 std::string_view body) {
  net::Failure detailed = failure;
  if (detailed.error_message.empty() && !body.empty()) {
    detailed.error_message = decode::decode_error_message(body);
  }
  if (fails_whole_attempt(detailed)) {
    owner_.stream_failed(detailed);
    return;
  }
  rejected = true;
  owner_.stream_rejected(*this, detailed);
}

void SseStream::on_stream_closed(bool idle) { owner_.stream_closed(idle); }

void SseTransport::open(const TransportConfig& config) {
  for (const Subscription* sub : config.subscriptions) {
    Result<net::Url> url = sse_url(config.endpoint, sub->timeline);
    if (!url.ok()) {
      // The session checks this before it picks SSE; report it anyway.
      net::Failure failure =
          net::make_failure(net::FailureKind::kOther, url.error().message);
      deferred_.schedule(std::chrono::milliseconds(0),
                         [this, failure] { stream_failed(failure); });
      return;
    }

    net::HttpStreamRequest request;
    request.url = *url;
    request.idle_timeout_s = std::min(kSseIdleTimeoutS, config.idle_timeout_s);
    if (config.token_via == net::TokenVia::kQuery) {
      request.url.path +=
          request.url.path.find('?') == std::string::npos ? "?" : "&";
      request.url.path += "access_token=" + net::percent_encode(config.token);
    } else {
      request.bearer_token = config.token;
    }

    streams_.push_back(std::make_unique<SseStream>(*this, loop_, *sub,
                                                   config.max_message_size));
    streams_.back()->start(std::move(request));
  }
}

bool SseTransport::all_settled() const {
  return std::all_of(streams_.begin(), streams_.end(),
                     [](const auto& s) { return s->open || s->rejected; });
}

void SseTransport::stream_opened() {
  if (done_ || open_ || !all_settled()) return;
  open_ = true;
  handler_.on_open();
}

void SseTransport::stream_rejected(const SseStream& stream,
                                   const net::Failure& failure) {
  if (done_) return;
  // The same error frame a WebSocket would carry for this subscription.
  std::string frame = "{\"error\":";
  render::append_json_string(failure.error_message, frame);
  frame += ",\"status\":" + std::to_string(failure.http_status) + "}";
  log::debug("{}: HTTP {}", stream.subscription().label, failure.http_status);
  handler_.on_message(frame);
  stream_opened();
}

void SseTransport::stream_failed(const net::Failure& failure) {
  if (done_) return;
  done_ = true;
  close_streams();
  if (open_) {
    open_ = false;
    net::CloseInfo close;
    close.reason = failure.describe();
    handler_.on_closed(close);
    return;
  }
  handler_.on_connect_failed(failure);
}

void SseTransport::stream_closed(bool idle) {
  if (done_) return;
  if (!open_) {
    stream_failed(net::make_failure(net::FailureKind::kClosed,
                                    "a response ended before all opened"));
    return;
  }
  done_ = true;
  open_ = false;
  close_streams();
  net::CloseInfo close;
  close.idle = idle;
  close.reason = "the server ended the event stream";
  handler_.on_closed(close);
}

void SseTransport::deliver(const SseStream& stream,
                           const net::SseEvent& event) {
  if (done_) return;
  if (event.dropped_size > 0) {
    handler_.on_message_too_large(event.dropped_size);
    return;
  }
  envelope_ = sse_envelope(stream.subscription().stream_json, event);
  handler_.on_message(envelope_);
}

void SseTransport::close_streams() {
  for (auto& stream : streams_) stream->close();
}

void SseTransport::close(int code, std::string reason) {
  if (done_) return;
  done_ = true;
  open_ = false;
  close_streams();
  net::CloseInfo close;
  close.code = code;
  close.reason = std::move(reason);
  close.by_us = true;
  // Reported from the loop, like a WebSocket's close.
  deferred_.schedule(std::chrono::milliseconds(0),
                     [this, close] { handler_.on_closed(close); });
}

}  // namespace

std::unique_ptr<Transport> make_sse_transport(net::Loop& loop,
                                              net::WebSocketHandler& handler) {
  return std::make_unique<SseTransport>(loop, handler);
}

}  // namespace mastotail::app
