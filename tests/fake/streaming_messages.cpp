// Messages from streaming clients (subscribe, unsubscribe) and the
// timeline replay that starts when a client subscribes.
#include <simdjson.h>

#include "dialect.h"
#include "http_request.h"
#include "json_input.h"
#include "log.h"
#include "streaming.h"
#include "streaming_client.h"

namespace fake {

namespace {

constexpr lws_usec_t kMicrosecondsPerMs = 1000;

// Reads "stream" (a string, or an array whose first element is used) and
// the parameter the stream takes. Leaves `request.stream` empty when the
// stream is missing, which Mastodon reports as an unknown stream.
Subscription read_subscription(simdjson::dom::object message) {
  Subscription request;
  simdjson::dom::element stream;
  if (message["stream"].get(stream) == simdjson::SUCCESS) {
    std::string_view name;
    simdjson::dom::array names;
    if (stream.get(name) == simdjson::SUCCESS) {
      request.stream = std::string(name);
    } else if (stream.get(names) == simdjson::SUCCESS &&
               names.at(0).get(name) == simdjson::SUCCESS) {
      request.stream = std::string(name);
    }
  }

  auto param = stream_param(request.stream);
  const char* key = param == StreamParam::kList ? "list" : "tag";
  if (param && *param != StreamParam::kNone) {
    request.param = string_member(message, key).value_or("");
  }
  return request;
}

}  // namespace

void StreamingServer::handle_message(Client& client, std::string_view text) {
  // Mastodon ignores text that is not a JSON object and unknown types.
  simdjson::dom::parser parser;
  simdjson::dom::object message;
  if (parser.parse(text.data(), text.size()).get(message) !=
      simdjson::SUCCESS) {
    return;
  }

  std::string_view type;
  if (message["type"].get(type) != simdjson::SUCCESS) return;

  if (type == "subscribe") {
    subscribe(client, read_subscription(message));
  } else if (type == "unsubscribe") {
    unsubscribe(client, read_subscription(message));
  }
}

void StreamingServer::subscribe(Client& client, const Subscription& request) {
  std::string error = subscribe_error(request, state_.list_policy());
  std::string reply = subscribe_reply(state_.options().dialect, request, error);
  if (!reply.empty()) {
    Outgoing item;
    item.data = reply;
    enqueue(client, std::move(item));
  }
  if (!error.empty() || reply.find("\"error\"") != std::string::npos) {
    log_line("client {} subscribe to '{}' rejected: {}", client.id,
             request.stream, reply.empty() ? error : reply);
    return;
  }

  for (const auto& existing : client.subscriptions) {
    if (subscription_matches(existing, request)) return;
  }
  client.subscriptions.push_back(request);
  log_line("client {} subscribed to {} {}", client.id, request.stream,
           request.param);

  if (!timeline_.empty() && !client.timeline_active &&
      client.timeline_next < timeline_.size()) {
    client.timeline_active = true;
    lws_usec_t delay = state_.options().publish_delay_ms * kMicrosecondsPerMs;
    client.timeline_not_before = lws_now_usecs() + delay;
    if (!lws_dll2_is_detached(&timeline_timer_.sul.list)) return;
    schedule(timeline_timer_, &StreamingServer::on_timeline_timer, delay);
  }
}

void StreamingServer::unsubscribe(Client& client, const Subscription& request) {
  if (!subscribe_error(request, state_.list_policy()).empty()) {
    Outgoing item;
    item.data = "{\"error\":\"Error unsubscribing from channel\"}";
    enqueue(client, std::move(item));
    return;
  }
  std::erase_if(client.subscriptions, [&](const Subscription& existing) {
    return subscription_matches(existing, request);
  });
  log_line("client {} unsubscribed from {} {}", client.id, request.stream,
           request.param);
}

void StreamingServer::subscribe_from_query(Client& client) {
  HttpRequest request;
  request.target = client.handshake.target;
  auto stream = request.query_param("stream");
  if (!stream) return;

  Subscription subscription{*stream, {}};
  auto param = stream_param(*stream);
  if (param == StreamParam::kTag) {
    subscription.param = request.query_param("tag").value_or("");
  } else if (param == StreamParam::kList) {
    subscription.param = request.query_param("list").value_or("");
  }
  subscribe(client, subscription);
}

void StreamingServer::advance_timeline(Client& client) {
  while (client.timeline_next < timeline_.size()) {
    const TimelineEvent& line = timeline_[client.timeline_next++];

    bool sent = false;
    for (const auto& subscription : client.subscriptions) {
      if (!subscription_matches(subscription, line.target)) continue;
      Outgoing item;
      item.data = dialect_envelope(state_.options().dialect, subscription,
                                   line.event, line.payload);
      enqueue(client, std::move(item));
      sent = true;
    }
    if (sent) return;
  }
  client.timeline_active = false;
}

void StreamingServer::on_timeline_timer(lws_sorted_usec_list_t* timer) {
  StreamingServer* self = reinterpret_cast<Timer*>(timer)->owner;
  bool zero_delay = self->state_.options().publish_delay_ms == 0;
  lws_usec_t now = lws_now_usecs();
  bool any_active = false;

  for (auto& client : self->clients_) {
    if (!client->timeline_active) continue;
    any_active = true;
    if (client->silenced || client->timeline_not_before > now) continue;

    self->advance_timeline(*client);
    while (zero_delay && client->timeline_active) {
      self->advance_timeline(*client);
    }
  }

  if (any_active) {
    lws_usec_t delay =
        std::max(self->state_.options().publish_delay_ms, 1) * LWS_US_PER_MS;
    self->schedule(self->timeline_timer_, &StreamingServer::on_timeline_timer,
                   delay);
  }
}

}  // namespace fake
