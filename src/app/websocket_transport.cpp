#include <memory>

#include "app/transport.h"
#include "decode/pleroma_reply.h"
#include "util/log.h"

namespace mastotail::app {
namespace {

class WebSocketTransport : public Transport, net::WebSocketHandler {
 public:
  WebSocketTransport(net::Loop& loop, net::WebSocketHandler& handler)
      : socket_(loop, *this), handler_(handler) {}

  void open(const TransportConfig& config) override {
    subscribe_messages_.clear();
    for (const Subscription* sub : config.subscriptions) {
      subscribe_messages_.push_back(sub->subscribe_message);
    }

    net::WebSocketOptions options;
    options.url = config.endpoint;
    options.bearer_token = config.token;
    options.token_via = config.token_via;
    options.max_message_size = config.max_message_size;
    options.idle_timeout_s = config.idle_timeout_s;
    socket_.connect(std::move(options));
  }

  void close(int code, std::string reason) override {
    socket_.close(code, std::move(reason));
  }

  bool is_open() const override { return socket_.is_open(); }

  const char* name() const override { return "WebSocket"; }

 private:
  void on_open() override {
    for (const std::string& message : subscribe_messages_) {
      socket_.send_text(message);
    }
    handler_.on_open();
  }

  void on_message(std::string_view message) override {
    if (auto reply = decode::decode_pleroma_reply(message)) {
      on_pleroma_reply(*reply);
      return;
    }
    handler_.on_message(message);
  }

  void on_pleroma_reply(const decode::PleromaReply& reply) {
    log::debug("pleroma:respond {} {} {}", reply.type, reply.result,
               reply.error);
    if (reply.result != "error") return;

    if (reply.error == "unauthorized") {
      // Handled like a 401 at the handshake, so that --token-via auto can
      // try Sec-WebSocket-Protocol next.
      net::Failure failure;
      failure.kind = net::FailureKind::kHttpStatus;
      failure.http_status = 401;
      failure.error_message = "the server replied unauthorized to " +
                              (reply.type.empty() ? "a request" : reply.type);
      socket_.close(1000, "unauthorized");
      finished_ = true;
      handler_.on_connect_failed(failure);
      return;
    }
    // bad_topic and other errors concern one subscription, like
    // Mastodon's error frames.
    std::string frame = reply.error == "bad_topic"
                            ? R"({"error":"Unknown stream type","status":400})"
                            : R"({"error":"the server rejected a )"
                              R"(subscription","status":400})";
    handler_.on_message(frame);
  }

  void on_message_too_large(size_t size) override {
    handler_.on_message_too_large(size);
  }

  void on_connect_failed(const net::Failure& failure) override {
    if (finished_) return;
    handler_.on_connect_failed(failure);
  }

  void on_closed(const net::CloseInfo& close) override {
    if (finished_) return;
    handler_.on_closed(close);
  }

  net::WebSocket socket_;
  net::WebSocketHandler& handler_;
  std::vector<std::string> subscribe_messages_;
  // The attempt was already reported as failed (a pleroma:respond
  // unauthorized reply), so the socket's own close is not.
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<Transport> make_websocket_transport(
    net::Loop& loop, net::WebSocketHandler& handler) {
  return std::make_unique<WebSocketTransport>(loop, handler);
}

}  // namespace mastotail::app
