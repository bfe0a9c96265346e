#include "dialect.h"

#include "json_text.h"

namespace fake {

namespace {

std::string pleroma_respond(std::string_view result, std::string_view type,
                            std::string_view error) {
  std::string body =
      "{\"result\":" + json_quote(result) + ",\"type\":" + json_quote(type);
  if (!error.empty()) body += ",\"error\":" + json_quote(error);
  body += '}';
  return "{\"event\":\"pleroma:respond\",\"payload\":" + json_quote(body) + "}";
}

std::string payload_member(const Payload& payload) {
  switch (payload.kind) {
    case Payload::Kind::kNone:
      return {};
    case Payload::Kind::kString:
      return ",\"payload\":" + json_quote(payload.text);
    case Payload::Kind::kRawJson:
      return ",\"payload\":" + payload.text;
  }
  return {};
}

}  // namespace

std::optional<Dialect> parse_dialect(std::string_view name) {
  if (name == "mastodon") return Dialect::kMastodon;
  if (name == "gotosocial") return Dialect::kGoToSocial;
  if (name == "pleroma") return Dialect::kPleroma;
  return std::nullopt;
}

bool serves_sse(Dialect dialect) { return dialect == Dialect::kMastodon; }

std::optional<std::string_view> authorization_seen(
    Dialect dialect, std::optional<std::string_view> authorization) {
  if (dialect == Dialect::kPleroma) return std::nullopt;
  return authorization;
}

std::string dialect_envelope(Dialect dialect, const Subscription& subscription,
                             std::string_view event, const Payload& payload) {
  switch (dialect) {
    case Dialect::kMastodon:
      break;
    case Dialect::kGoToSocial: {
      std::string name = subscription.stream;
      if (stream_param(name) == StreamParam::kList) {
        name += ":" + subscription.param;
      }
      return "{\"stream\":[" + json_quote(name) +
             "],\"event\":" + json_quote(event) + payload_member(payload) + "}";
    }
    case Dialect::kPleroma:
      if (event == "delete") {
        return "{\"event\":\"delete\"" + payload_member(payload) + "}";
      }
      break;
  }
  return render_envelope(subscription, event, payload);
}

std::string subscribe_reply(Dialect dialect, const Subscription& request,
                            const std::string& mastodon_error) {
  switch (dialect) {
    case Dialect::kMastodon:
      return mastodon_error;
    case Dialect::kGoToSocial:
      return {};
    case Dialect::kPleroma:
      if (request.stream == "hashtag:local" || !mastodon_error.empty()) {
        return pleroma_respond("error", "subscribe", "bad_topic");
      }
      return pleroma_respond("success", "subscribe", "");
  }
  return mastodon_error;
}

bool feeds_stream(Dialect dialect, std::string_view stream) {
  if (dialect == Dialect::kGoToSocial) {
    return stream_param(stream) != StreamParam::kTag;
  }
  if (dialect == Dialect::kPleroma) return stream != "hashtag:local";
  return true;
}

}  // namespace fake
