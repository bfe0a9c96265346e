#include "control.h"

#include <simdjson.h>
#include <unistd.h>

#include "json_input.h"
#include "log.h"
#include "socket_util.h"

namespace fake {

namespace {

// How long a control client may take to send its request. It is read
// synchronously, which blocks the event loop meanwhile.
constexpr int kRequestTimeoutMs = 2000;

constexpr const char* kDefaultKillText =
    "{\"stream\":[\"public\"],\"event\":\"delete\",\"payload\":\"1\"}";

HttpResponse json_reply(int status, std::string body) {
  return {status, {{"Content-Type", "application/json"}}, std::move(body)};
}

HttpResponse error_reply(int status, std::string_view message) {
  return json_reply(status, "{\"error\":" + json_quote(message) + "}");
}

HttpResponse count_reply(std::string_view key, int count) {
  return json_reply(200,
                    "{" + json_quote(key) + ":" + std::to_string(count) + "}");
}

int64_t int_member(simdjson::dom::object body, std::string_view key,
                   int64_t fallback) {
  int64_t value = 0;
  if (body[key].get(value) != simdjson::SUCCESS) return fallback;
  return value;
}

bool bool_member(simdjson::dom::object body, std::string_view key) {
  bool value = false;
  return body[key].get(value) == simdjson::SUCCESS && value;
}

std::string text_member(simdjson::dom::object body, std::string_view key) {
  std::string_view value;
  if (body[key].get(value) != simdjson::SUCCESS) return {};
  return std::string(value);
}

// Reads the publish targets: "streams" (names or objects) or the body
// itself. Returns false when a target is invalid.
bool read_targets(simdjson::dom::object body,
                  std::vector<Subscription>& targets) {
  simdjson::dom::array streams;
  if (body["streams"].get(streams) == simdjson::SUCCESS) {
    for (simdjson::dom::element item : streams) {
      Subscription target;
      if (!parse_target(item, target)) return false;
      targets.push_back(std::move(target));
    }
    return true;
  }

  Subscription target;
  if (!parse_target(body, target)) return false;
  targets.push_back(std::move(target));
  return true;
}

// Reads the targets, event type (default "update") and payload of a
// /publish or /store body. Returns false when a target is invalid.
bool read_event(simdjson::dom::object body, PublishRequest& request) {
  if (!read_targets(body, request.targets)) return false;
  request.event = text_member(body, "event");
  if (request.event.empty()) request.event = "update";
  request.payload = parse_payload(body);
  return true;
}

constexpr std::string_view kInvalidTargets =
    "invalid or missing \"stream\" or \"streams\"";

// Streams the event and records it for the REST timelines. Events that no
// timeline keeps (such as a plain-text payload) are only streamed.
HttpResponse publish(SharedState& state, StreamingServer& streaming,
                     simdjson::dom::object body) {
  PublishRequest request;
  if (!read_event(body, request)) return error_reply(400, kInvalidTargets);
  for (const Subscription& target : request.targets) {
    state.stores().record(target, request.event, request.payload);
  }
  return count_reply("sent", streaming.publish(request));
}

// Records the event for the REST timelines without streaming it. Responds
// with 400 and the reason when a target's event cannot be recorded (targets
// before it stay recorded).
HttpResponse store(SharedState& state, simdjson::dom::object body) {
  PublishRequest request;
  if (!read_event(body, request)) return error_reply(400, kInvalidTargets);
  int stored = 0;
  for (const Subscription& target : request.targets) {
    std::string error =
        state.stores().record(target, request.event, request.payload);
    if (!error.empty()) return error_reply(400, error);
    ++stored;
  }
  return count_reply("stored", stored);
}

HttpResponse drop(StreamingServer& streaming, simdjson::dom::object body) {
  DropRequest request;
  if (bool_member(body, "reset")) {
    request.mode = DropMode::kReset;
  } else if (bool_member(body, "abrupt")) {
    request.mode = DropMode::kAbrupt;
  } else if (int64_t code = int_member(body, "code", 0); code > 0) {
    request.mode = DropMode::kCloseFrame;
    request.code = static_cast<int>(code);
    request.reason = text_member(body, "reason");
  }
  return count_reply("dropped", streaming.drop(request));
}

// Reads a RejectRule; returns false when "headers" is not an object of
// strings.
bool read_reject_rule(simdjson::dom::object body, RejectRule& rule) {
  rule.count = static_cast<int>(int_member(body, "count", 1));
  rule.response.status = static_cast<int>(int_member(body, "status", 401));
  rule.response.body = text_member(body, "body");
  rule.reset = bool_member(body, "reset");

  simdjson::dom::object headers;
  if (body["headers"].get(headers) == simdjson::SUCCESS) {
    for (auto [name, value] : headers) {
      std::string_view text;
      if (value.get(text) != simdjson::SUCCESS) return false;
      rule.response.headers.emplace_back(std::string(name), std::string(text));
    }
  }

  simdjson::dom::array paths;
  if (body["paths"].get(paths) == simdjson::SUCCESS) {
    for (simdjson::dom::element path : paths) {
      std::string_view text;
      if (path.get(text) != simdjson::SUCCESS) return false;
      rule.paths.emplace_back(text);
    }
  }
  return true;
}

std::string requests_json(const SharedState& state) {
  std::string out = "[";
  for (const auto& record : state.requests()) {
    if (out.size() > 1) out += ',';
    out += "{\"method\":" + json_quote(record.method) +
           ",\"path\":" + json_quote(record.target) +
           ",\"headers\":" + json_object(record.headers) + "}";
  }
  out += ']';
  return out;
}

}  // namespace

ControlServer::ControlServer(SharedState& state, StreamingServer& streaming,
                             int listen_fd, std::function<void()> on_shutdown)
    : state_(state),
      streaming_(streaming),
      listen_fd_(listen_fd),
      on_shutdown_(std::move(on_shutdown)) {}

ControlServer::~ControlServer() = default;

bool ControlServer::start(lws_vhost* watch_vhost) {
  watch_vhost_ = watch_vhost;
  return watch_fd(watch_vhost_, listen_fd_, this);
}

bool ControlServer::on_readable() {
  for (;;) {
    int fd = accept_connection(listen_fd_);
    if (fd < 0) return true;

    serve(fd);
  }
}

void ControlServer::serve(int fd) {
  HttpRequestReader reader;
  auto status = reader.read_from(fd, kRequestTimeoutMs);
  bool complete = status == HttpRequestReader::Status::kComplete;

  HttpResponse response =
      complete ? handle(reader.request())
               : error_reply(400, "incomplete, invalid or too large request");
  send_all(fd, serialize_response(response));
  close(fd);

  if (complete && reader.request().path() == "/shutdown") on_shutdown_();
}

HttpResponse ControlServer::handle(const HttpRequest& request) {
  std::string_view path = request.path();
  if (request.method == "GET" && path == "/state") {
    return json_reply(
        200, "{\"connections\":" + streaming_.connections_json() +
                 ",\"requests\":" + requests_json(state_) + ",\"handshakes\":" +
                 std::to_string(streaming_.handshake_count()) + "}");
  }
  if (request.method != "POST") return error_reply(404, "not found");

  simdjson::dom::parser parser;
  simdjson::dom::object body;
  std::string text = request.body.empty() ? "{}" : request.body;
  if (parser.parse(text.data(), text.size()).get(body) != simdjson::SUCCESS) {
    return error_reply(400, "request body is not a JSON object");
  }

  if (path == "/publish") return publish(state_, streaming_, body);
  if (path == "/store") return store(state_, body);
  if (path == "/clear-stores") {
    state_.stores().clear();
    return json_reply(200, "{\"ok\":true}");
  }
  if (path == "/drop") return drop(streaming_, body);
  if (path == "/frame") {
    auto fragments = static_cast<int>(int_member(body, "fragments", 1));
    return count_reply(
        "sent", streaming_.send_frame(text_member(body, "text"), fragments));
  }
  if (path == "/silence") {
    streaming_.silence(static_cast<int>(int_member(body, "seconds", 5)));
    return json_reply(200, "{\"ok\":true}");
  }
  if (path == "/oauth") return state_.oauth().configure(body);
  if (path == "/reject") {
    RejectRule rule;
    if (!read_reject_rule(body, rule)) {
      return error_reply(400, "\"headers\" and \"paths\" must hold strings");
    }
    state_.add_reject_rule(std::move(rule));
    return json_reply(200, "{\"ok\":true}");
  }
  if (path == "/kill-mid-frame") {
    std::string frame_text = text_member(body, "text");
    if (frame_text.empty()) frame_text = kDefaultKillText;
    return count_reply("sent", streaming_.kill_mid_frame(frame_text));
  }
  if (path == "/shutdown") return json_reply(200, "{\"ok\":true}");
  return error_reply(404, "not found");
}

}  // namespace fake
