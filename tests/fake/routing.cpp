#include "routing.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "json_text.h"

namespace fake {

namespace {

constexpr std::array<std::pair<std::string_view, StreamParam>, 12> kStreams{{
    {"user", StreamParam::kNone},
    {"user:notification", StreamParam::kNone},
    {"public", StreamParam::kNone},
    {"public:media", StreamParam::kNone},
    {"public:local", StreamParam::kNone},
    {"public:local:media", StreamParam::kNone},
    {"public:remote", StreamParam::kNone},
    {"public:remote:media", StreamParam::kNone},
    {"hashtag", StreamParam::kTag},
    {"hashtag:local", StreamParam::kTag},
    {"list", StreamParam::kList},
    {"direct", StreamParam::kNone},
}};

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

std::string error_frame(std::string_view message, int status) {
  return "{\"error\":" + json_quote(message) +
         ",\"status\":" + std::to_string(status) + "}";
}

}  // namespace

std::optional<StreamParam> stream_param(std::string_view stream) {
  for (const auto& [name, param] : kStreams) {
    if (name == stream) return param;
  }
  return std::nullopt;
}

bool ListPolicy::allows(std::string_view list_id) const {
  if (allowed_ids.empty()) return !list_id.starts_with("forbidden");
  return std::find(allowed_ids.begin(), allowed_ids.end(), list_id) !=
         allowed_ids.end();
}

std::string subscribe_error(const Subscription& request,
                            const ListPolicy& policy) {
  auto param = stream_param(request.stream);
  if (!param) return error_frame("Unknown stream type", 400);

  if (*param == StreamParam::kTag && request.param.empty()) {
    return error_frame("Missing tag name parameter", 400);
  }

  if (*param == StreamParam::kList) {
    if (request.param.empty()) {
      return error_frame("Missing list name parameter", 400);
    }
    if (!policy.allows(request.param)) {
      return error_frame("Not authorized to stream this list", 401);
    }
  }
  return {};
}

bool subscription_matches(const Subscription& subscription,
                          const Subscription& target) {
  if (subscription.stream != target.stream) return false;

  auto param = stream_param(target.stream);
  if (param == StreamParam::kTag) {
    return ascii_lower(subscription.param) == ascii_lower(target.param);
  }
  return subscription.param == target.param;
}

std::string render_envelope(const Subscription& subscription,
                            std::string_view event, const Payload& payload) {
  std::string out = "{\"stream\":[" + json_quote(subscription.stream);
  if (!subscription.param.empty()) {
    out += ',';
    out += json_quote(subscription.param);
  }
  out += "],\"event\":";
  out += json_quote(event);

  switch (payload.kind) {
    case Payload::Kind::kNone:
      break;
    case Payload::Kind::kString:
      out += ",\"payload\":" + json_quote(payload.text);
      break;
    case Payload::Kind::kRawJson:
      out += ",\"payload\":" + payload.text;
      break;
  }
  out += '}';
  return out;
}

}  // namespace fake
