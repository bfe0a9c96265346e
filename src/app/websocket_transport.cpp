#include <memory>

#include "app/transport.h"

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
    handler_.on_message(message);
  }

  void on_message_too_large(size_t size) override {
    handler_.on_message_too_large(size);
  }

  void on_connect_failed(const net::Failure& failure) override {
    handler_.on_connect_failed(failure);
  }

  void on_closed(const net::CloseInfo& close) override {
    handler_.on_closed(close);
  }

  net::WebSocket socket_;
  net::WebSocketHandler& handler_;
  std::vector<std::string> subscribe_messages_;
};

}  // namespace

std::unique_ptr<Transport> make_websocket_transport(
    net::Loop& loop, net::WebSocketHandler& handler) {
  return std::make_unique<WebSocketTransport>(loop, handler);
}

}  // namespace mastotail::app
