#include "sse.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "auth.h"
#include "dialect.h"
#include "http_response.h"
#include "json_text.h"
#include "log.h"
#include "socket_util.h"
#include "streaming.h"

namespace fake {

namespace {

constexpr std::string_view kPrefix = "/api/v1/streaming/";

struct SseRoute {
  std::string_view path;
  std::string_view stream;
  std::string_view media_stream;  // with only_media; empty = none
};

constexpr SseRoute kRoutes[] = {
    {"user", "user", ""},
    {"user/notification", "user:notification", ""},
    {"public", "public", "public:media"},
    {"public/local", "public:local", "public:local:media"},
    {"public/remote", "public:remote", "public:remote:media"},
    {"hashtag", "hashtag", ""},
    {"hashtag/local", "hashtag:local", ""},
    {"list", "list", ""},
    {"direct", "direct", ""},
};

HttpResponse json_error(int status, std::string_view message) {
  return {status,
          {{"Content-Type", "application/json; charset=utf-8"}},
          "{\"error\":" + json_quote(message) + "}"};
}

bool truthy(const std::optional<std::string>& value) {
  if (!value || value->empty()) return false;
  for (std::string_view no : {"false", "0", "f", "F", "FALSE", "off", "OFF"}) {
    if (*value == no) return false;
  }
  return true;
}

std::string chunk(std::string_view data) {
  char size[32];
  int length = std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  std::string out(size, static_cast<size_t>(length));
  out += data;
  out += "\r\n";
  return out;
}

}  // namespace

SseServer::SseServer(SharedState& state) : state_(state) {}

SseServer::~SseServer() {
  for (const Client& client : clients_) close(client.fd);
}

bool SseServer::serve(int fd, const HttpRequest& request) {
  std::string_view path = request.path();
  if (request.method != "GET" || !path.starts_with(kPrefix) ||
      path == "/api/v1/streaming/health") {
    return false;
  }
  auto answer = [fd](const HttpResponse& response) {
    send_all(fd, serialize_response(response));
    close(fd);
    return true;
  };

  if (!serves_sse(state_.options().dialect)) {
    return answer(json_error(404, "Record not found"));
  }
  path.remove_prefix(kPrefix.size());
  const SseRoute* route = nullptr;
  for (const SseRoute& candidate : kRoutes) {
    if (candidate.path == path) route = &candidate;
  }
  if (route == nullptr)
    return answer(json_error(400, "Unknown channel requested"));

  AuthResult auth = authenticate(request.header("authorization"),
                                 request.query_param("access_token"),
                                 std::nullopt, state_.tokens());
  if (!auth.error.empty()) return answer(json_error(401, auth.error));

  Client client;
  client.fd = fd;
  client.auth = auth.transport;
  client.target = request.target;
  client.headers = request.headers;
  client.subscription.stream = std::string(route->stream);
  if (!route->media_stream.empty() &&
      truthy(request.query_param("only_media"))) {
    client.subscription.stream = std::string(route->media_stream);
  }
  auto param = stream_param(client.subscription.stream);
  if (param == StreamParam::kTag) {
    client.subscription.param = request.query_param("tag").value_or("");
  } else if (param == StreamParam::kList) {
    client.subscription.param = request.query_param("list").value_or("");
  }

  std::string error =
      subscribe_error(client.subscription, state_.list_policy());
  if (!error.empty()) {
    // The frame's text without the status: {"error":"...","status":N}.
    int status = error.find("\"status\":401") != std::string::npos ? 401 : 400;
    std::string message = error.substr(10, error.find("\",\"status\"") - 10);
    return answer(json_error(status, message));
  }

  std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
      "Cache-Control: private, no-store\r\nTransfer-Encoding: chunked\r\n\r\n";
  if (!send_all(fd, head) || !send_all(fd, chunk(":)\n"))) {
    close(fd);
    return true;
  }
  log_line("SSE client subscribed to {} {}", client.subscription.stream,
           client.subscription.param);
  clients_.push_back(std::move(client));
  return true;
}

bool SseServer::write_chunk(Client& client, std::string_view data) {
  if (client.fd < 0) return false;
  if (send_all(client.fd, chunk(data))) return true;
  close(client.fd);
  client.fd = -1;
  return false;
}

int SseServer::publish(const PublishRequest& request) {
  int sent = 0;
  for (Client& client : clients_) {
    for (const auto& target : request.targets) {
      if (!subscription_matches(client.subscription, target)) continue;
      std::string data = "undefined";
      if (request.payload.kind != Payload::Kind::kNone) {
        data = request.payload.text;
      }
      // Mastodon writes the two lines as two chunks.
      if (write_chunk(client, "event: " + request.event + "\n") &&
          write_chunk(client, "data: " + data + "\n\n")) {
        ++sent;
      }
    }
  }
  std::erase_if(clients_, [](const Client& c) { return c.fd < 0; });
  return sent;
}

void SseServer::thump() {
  for (Client& client : clients_) write_chunk(client, ":thump\n\n");
  std::erase_if(clients_, [](const Client& c) { return c.fd < 0; });
}

int SseServer::end_all() {
  int count = static_cast<int>(clients_.size());
  for (Client& client : clients_) {
    send_all(client.fd, "0\r\n\r\n");
    close(client.fd);
  }
  clients_.clear();
  return count;
}

void SseServer::drop_closed_clients() {
  std::erase_if(clients_, [](const Client& client) {
    char byte = 0;
    ssize_t got = recv(client.fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    bool closed =
        got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
    if (closed) close(client.fd);
    return closed;
  });
}

void SseServer::append_connections(std::string& out, int first_id) {
  drop_closed_clients();
  int id = first_id;
  for (const Client& client : clients_) {
    if (out.size() > 1) out += ',';
    out += "{\"id\":" + std::to_string(id++) + ",\"subscriptions\":[";
    out += "{\"stream\":" + json_quote(client.subscription.stream);
    auto param = stream_param(client.subscription.stream);
    if (param == StreamParam::kTag) {
      out += ",\"tag\":" + json_quote(client.subscription.param);
    } else if (param == StreamParam::kList) {
      out += ",\"list\":" + json_quote(client.subscription.param);
    }
    out += "}],\"auth\":" + json_quote(client.auth);
    out += ",\"path\":" + json_quote(client.target);
    out += ",\"headers\":" + json_object(client.headers);
    out += ",\"silenced\":false,\"transport\":\"sse\"}";
  }
}

}  // namespace fake
