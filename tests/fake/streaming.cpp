// Connection lifecycle, output queues and injected faults of the streaming
// server. Message handling is in streaming_messages.cpp and the TLS-only
// request checks in streaming_tls.cpp.
#include "streaming.h"

#include <algorithm>
#include <cstring>

#include "dialect.h"
#include "json_text.h"
#include "log.h"
#include "socket_util.h"
#include "streaming_client.h"

namespace fake {

namespace {

constexpr const char* kProtocolName = "mastodon-streaming";
constexpr size_t kRxBufferBytes = 65536;

// Payload of the server's pings. Mastodon sends empty pings, but lws 4.1.6
// raises LWS_CALLBACK_RECEIVE_PONG only for pongs with a payload, and the
// pong is what tells a live client from a dead one.
constexpr std::string_view kPingPayload = "mastodon";

// Returns the bytes of one unmasked, final text frame carrying `text`.
std::string text_frame_bytes(std::string_view text) {
  std::string frame(1, '\x81');
  auto size = text.size();
  if (size < 126) {
    frame += static_cast<char>(size);
  } else if (size < 65536) {
    frame += static_cast<char>(126);
    frame += static_cast<char>(size >> 8);
    frame += static_cast<char>(size & 0xff);
  } else {
    frame += static_cast<char>(127);
    for (int shift = 56; shift >= 0; shift -= 8) {
      frame += static_cast<char>((size >> shift) & 0xff);
    }
  }
  frame += text;
  return frame;
}

}  // namespace

StreamingServer::StreamingServer(SharedState& state,
                                 std::vector<TimelineEvent> timeline)
    : state_(state), timeline_(std::move(timeline)) {
  lws_protocols streaming{};
  streaming.name = kProtocolName;
  streaming.callback = &StreamingServer::lws_callback;
  streaming.rx_buffer_size = kRxBufferBytes;
  streaming.user = this;
  protocols_.push_back(streaming);

  for (const auto& token : state_.options().tokens) {
    lws_protocols named_after_token = streaming;
    named_after_token.name = token.c_str();
    protocols_.push_back(named_after_token);
  }
  protocols_.push_back(lws_protocols{});

  for (Timer* timer : {&ping_timer_, &silence_timer_, &timeline_timer_}) {
    timer->owner = this;
  }
}

StreamingServer::~StreamingServer() = default;

void StreamingServer::stop() {
  for (Timer* timer : {&ping_timer_, &silence_timer_, &timeline_timer_}) {
    lws_sul_cancel(&timer->sul);
  }
}

void StreamingServer::start(lws_context* context) {
  context_ = context;
  schedule(ping_timer_, &StreamingServer::on_ping_timer,
           state_.options().ping_interval_s * LWS_US_PER_SEC);
}

void StreamingServer::schedule(Timer& timer, sul_cb_t callback,
                               lws_usec_t delay) {
  lws_sul_schedule(context_, 0, &timer.sul, callback, delay);
}

void StreamingServer::expect_handshake(int fd, Handshake handshake) {
  expected_handshakes_[fd] = std::move(handshake);
}

int StreamingServer::lws_callback(lws* wsi, lws_callback_reasons reason,
                                  void* user, void* in, size_t len) {
  const lws_protocols* protocol = lws_get_protocol(wsi);
  if (protocol == nullptr || protocol->user == nullptr) {
    return lws_callback_http_dummy(wsi, reason, user, in, len);
  }
  auto* server = static_cast<StreamingServer*>(protocol->user);

  switch (reason) {
    case LWS_CALLBACK_HTTP:
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
    case LWS_CALLBACK_ADD_HEADERS:
    case LWS_CALLBACK_ESTABLISHED:
    case LWS_CALLBACK_RECEIVE:
    case LWS_CALLBACK_RECEIVE_PONG:
    case LWS_CALLBACK_SERVER_WRITEABLE:
    case LWS_CALLBACK_CLOSED:
      return server->handle_callback(wsi, reason, in, len);
    default:
      return lws_callback_http_dummy(wsi, reason, user, in, len);
  }
}

int StreamingServer::handle_callback(lws* wsi, lws_callback_reasons reason,
                                     void* in, size_t len) {
  switch (reason) {
    case LWS_CALLBACK_HTTP:
      return serve_tls_http(wsi);

    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
      return check_tls_upgrade(wsi);

    case LWS_CALLBACK_ADD_HEADERS:
      return add_echo_protocol(wsi, static_cast<lws_process_html_args*>(in));

    case LWS_CALLBACK_ESTABLISHED:
      on_established(wsi);
      return 0;

    default:
      break;
  }

  Client* client = find_client(wsi);
  if (client == nullptr) return 0;

  switch (reason) {
    case LWS_CALLBACK_RECEIVE:
      return on_receive(*client, in, len);

    case LWS_CALLBACK_RECEIVE_PONG:
      client->awaiting_pong = false;
      return 0;

    case LWS_CALLBACK_SERVER_WRITEABLE:
      return on_writeable(*client);

    case LWS_CALLBACK_CLOSED:
      log_line("client {} disconnected", client->id);
      std::erase_if(clients_, [&](const auto& c) { return c.get() == client; });
      return 0;

    default:
      return 0;
  }
}

int StreamingServer::add_echo_protocol(lws* wsi, lws_process_html_args* args) {
  auto found = expected_handshakes_.find(lws_get_socket_fd(wsi));
  if (found == expected_handshakes_.end()) return 0;

  const std::string& protocol = found->second.echo_protocol;
  if (protocol.empty()) return 0;

  auto* p = reinterpret_cast<unsigned char*>(args->p);
  unsigned char* end = p + args->max_len;
  if (lws_add_http_header_by_name(
          wsi,
          reinterpret_cast<const unsigned char*>("sec-websocket-protocol:"),
          reinterpret_cast<const unsigned char*>(protocol.data()),
          static_cast<int>(protocol.size()), &p, end)) {
    return -1;
  }
  args->max_len -= static_cast<int>(reinterpret_cast<char*>(p) - args->p);
  args->p = reinterpret_cast<char*>(p);
  return 0;
}

void StreamingServer::on_established(lws* wsi) {
  auto client = std::make_unique<Client>();
  client->id = next_client_id_++;
  client->wsi = wsi;

  auto found = expected_handshakes_.find(lws_get_socket_fd(wsi));
  if (found != expected_handshakes_.end()) {
    client->handshake = std::move(found->second);
    expected_handshakes_.erase(found);
  }
  log_line("client {} connected: {} (token via {})", client->id,
           client->handshake.target, client->handshake.auth);

  clients_.push_back(std::move(client));
  subscribe_from_query(*clients_.back());
}

StreamingServer::Client* StreamingServer::find_client(lws* wsi) {
  for (auto& client : clients_) {
    if (client->wsi == wsi) return client.get();
  }
  return nullptr;
}

int StreamingServer::on_receive(Client& client, const void* in, size_t len) {
  if (lws_frame_is_binary(client.wsi)) {
    static constexpr std::string_view kReason =
        "The mastodon streaming server does not support binary messages";
    lws_close_reason(
        client.wsi, LWS_CLOSE_STATUS_UNACCEPTABLE_OPCODE,
        reinterpret_cast<unsigned char*>(const_cast<char*>(kReason.data())),
        kReason.size());
    return -1;
  }

  client.partial_message.append(static_cast<const char*>(in), len);
  if (!lws_is_final_fragment(client.wsi)) return 0;

  std::string message = std::move(client.partial_message);
  client.partial_message.clear();
  handle_message(client, message);
  return 0;
}

void StreamingServer::enqueue(Client& client, Outgoing item) {
  if (client.closing) return;

  bool ends_connection =
      item.kind != Outgoing::Kind::kFrame && item.kind != Outgoing::Kind::kPing;
  if (ends_connection) client.closing = true;

  client.queue.push_back(std::move(item));
  if (!client.silenced) lws_callback_on_writable(client.wsi);
}

int StreamingServer::on_writeable(Client& client) {
  if (client.silenced || client.queue.empty()) return 0;

  Outgoing item = std::move(client.queue.front());
  client.queue.pop_front();

  std::vector<unsigned char> buffer(LWS_PRE + item.data.size() + 1);
  unsigned char* payload = buffer.data() + LWS_PRE;
  std::memcpy(payload, item.data.data(), item.data.size());

  switch (item.kind) {
    case Outgoing::Kind::kFrame: {
      int written = lws_write(client.wsi, payload, item.data.size(),
                              static_cast<lws_write_protocol>(item.write_mode));
      if (written < static_cast<int>(item.data.size())) return -1;
      break;
    }
    case Outgoing::Kind::kPing:
      if (lws_write(client.wsi, payload, item.data.size(), LWS_WRITE_PING) <
          0) {
        return -1;
      }
      break;

    case Outgoing::Kind::kClose:
      lws_close_reason(client.wsi,
                       static_cast<lws_close_status>(item.close_code), payload,
                       item.data.size());
      return -1;

    case Outgoing::Kind::kAbrupt:
      return -1;

    case Outgoing::Kind::kReset:
      reset_connection(lws_get_socket_fd(client.wsi));
      return -1;

    case Outgoing::Kind::kRawThenEnd:
      lws_write(client.wsi, payload, item.data.size(), LWS_WRITE_RAW);
      return -1;
  }

  if (!client.queue.empty()) lws_callback_on_writable(client.wsi);
  return 0;
}

int StreamingServer::publish(const PublishRequest& request) {
  int sent = 0;
  for (auto& client : clients_) {
    for (const auto& target : request.targets) {
      for (const auto& subscription : client->subscriptions) {
        if (!subscription_matches(subscription, target)) continue;
        Outgoing item;
        if (!feeds_stream(state_.options().dialect, target.stream)) continue;
        item.data = dialect_envelope(state_.options().dialect, subscription,
                                     request.event, request.payload);
        enqueue(*client, std::move(item));
        ++sent;
      }
    }
  }
  if (sse_ != nullptr) sent += sse_->publish(request);
  return sent;
}

int StreamingServer::send_frame(std::string_view text, int fragments) {
  fragments = std::max(fragments, 1);
  std::size_t piece = text.size() / static_cast<std::size_t>(fragments);

  for (auto& client : clients_) {
    for (int index = 0; index < fragments; ++index) {
      bool first = index == 0;
      bool last = index == fragments - 1;
      std::size_t offset = piece * static_cast<std::size_t>(index);

      Outgoing item;
      item.data = last ? text.substr(offset) : text.substr(offset, piece);
      item.write_mode = first ? LWS_WRITE_TEXT : LWS_WRITE_CONTINUATION;
      if (!last) item.write_mode |= LWS_WRITE_NO_FIN;
      enqueue(*client, std::move(item));
    }
  }
  return static_cast<int>(clients_.size());
}

int StreamingServer::drop(const DropRequest& request) {
  for (auto& client : clients_) {
    Outgoing item;
    switch (request.mode) {
      case DropMode::kCloseFrame:
        item.kind = Outgoing::Kind::kClose;
        item.close_code = request.code;
        item.data = request.reason;
        break;
      case DropMode::kEmptyCloseFrame:
        // lws has no call for a close frame without payload, so its two
        // bytes go out raw.
        item.kind = Outgoing::Kind::kRawThenEnd;
        item.data = std::string("\x88\x00", 2);
        break;
      case DropMode::kAbrupt:
        item.kind = Outgoing::Kind::kAbrupt;
        break;
      case DropMode::kReset:
        item.kind = Outgoing::Kind::kReset;
        break;
    }
    enqueue(*client, std::move(item));
  }
  int ended = sse_ != nullptr ? sse_->end_all() : 0;
  return static_cast<int>(clients_.size()) + ended;
}

int StreamingServer::kill_mid_frame(std::string_view text) {
  std::string frame = text_frame_bytes(text);
  std::size_t half = std::max<std::size_t>(frame.size() / 2, 1);

  for (auto& client : clients_) {
    Outgoing item;
    item.kind = Outgoing::Kind::kRawThenEnd;
    item.data = frame.substr(0, half);
    enqueue(*client, std::move(item));
  }
  return static_cast<int>(clients_.size());
}

void StreamingServer::silence(int seconds) {
  for (auto& client : clients_) {
    client->silenced = true;
    lws_rx_flow_control(client->wsi, 0);
  }
  log_line("silencing {} clients for {} s", clients_.size(), seconds);
  schedule(silence_timer_, &StreamingServer::on_silence_end,
           static_cast<lws_usec_t>(seconds) * LWS_US_PER_SEC);
}

void StreamingServer::on_silence_end(lws_sorted_usec_list_t* timer) {
  StreamingServer* self = reinterpret_cast<Timer*>(timer)->owner;
  for (auto& client : self->clients_) {
    if (!client->silenced) continue;
    client->silenced = false;
    client->awaiting_pong = false;
    lws_rx_flow_control(client->wsi, 1);
    if (!client->queue.empty()) lws_callback_on_writable(client->wsi);
  }
  log_line("silence over");
}

void StreamingServer::on_ping_timer(lws_sorted_usec_list_t* timer) {
  StreamingServer* self = reinterpret_cast<Timer*>(timer)->owner;
  for (auto& client : self->clients_) {
    if (client->silenced || client->closing) continue;

    if (client->awaiting_pong) {
      // Mastodon terminates a client that sent no pong for the last ping,
      // at once: output still queued for it does not delay the end.
      log_line("client {} sent no pong, closing", client->id);
      client->closing = true;
      lws_set_timeout(client->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
      continue;
    }

    // Like Mastodon, the pong is expected from the moment the ping is
    // queued, even when output queued before it delays its sending.
    Outgoing item;
    item.kind = Outgoing::Kind::kPing;
    item.data = kPingPayload;
    client->awaiting_pong = true;
    self->enqueue(*client, std::move(item));
  }
  if (self->sse_ != nullptr) self->sse_->thump();
  self->schedule(self->ping_timer_, &StreamingServer::on_ping_timer,
                 self->state_.options().ping_interval_s * LWS_US_PER_SEC);
}

std::string StreamingServer::connections_json() const {
  std::string out = "[";
  for (const auto& client : clients_) {
    if (out.size() > 1) out += ',';
    out += "{\"id\":" + std::to_string(client->id) + ",\"subscriptions\":[";

    bool first = true;
    for (const auto& subscription : client->subscriptions) {
      if (!first) out += ',';
      first = false;
      out += "{\"stream\":" + json_quote(subscription.stream);
      auto param = stream_param(subscription.stream);
      if (param == StreamParam::kTag) {
        out += ",\"tag\":" + json_quote(subscription.param);
      } else if (param == StreamParam::kList) {
        out += ",\"list\":" + json_quote(subscription.param);
      }
      out += '}';
    }

    out += "],\"auth\":" + json_quote(client->handshake.auth);
    out += ",\"path\":" + json_quote(client->handshake.target);
    out += ",\"headers\":" + json_object(client->handshake.headers);
    out += ",\"silenced\":";
    out += client->silenced ? "true" : "false";
    out += '}';
  }
  if (sse_ != nullptr) sse_->append_connections(out, next_client_id_ + 1000);
  out += ']';
  return out;
}

}  // namespace fake
