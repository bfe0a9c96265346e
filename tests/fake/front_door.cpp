#include "front_door.h"

#include <unistd.h>

#include <cctype>

#include "auth.h"
#include "dialect.h"
#include "log.h"
#include "rest_timelines.h"
#include "socket_util.h"

namespace fake {

namespace {

// lws_adopt_socket_vhost_readbuf() takes at most this many bytes (the size
// of its header rx buffer in lws 4.1.6).
constexpr std::size_t kMaxAdoptedHeadBytes = 2048;

// How long a new connection may take to send its request.
// NOTE: the request is read synchronously, so a client that connects and
// then stalls blocks the event loop for up to this long. The clients under
// test send their request at once.
constexpr int kRequestTimeoutMs = 2000;

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) {
      return false;
    }
  }
  return true;
}

// Returns the head without its Sec-WebSocket-Protocol lines. lws rejects
// an upgrade whose subprotocol names none of its protocols, while Mastodon
// accepts any value (clients may send the token there).
std::string without_protocol_header(std::string_view head) {
  std::string out;
  while (!head.empty()) {
    auto end = head.find("\r\n");
    std::string_view line =
        head.substr(0, end == std::string_view::npos ? head.size() : end + 2);
    if (!starts_with_ignoring_case(line, "sec-websocket-protocol:")) {
      out += line;
    }
    head.remove_prefix(line.size());
  }
  return out;
}

std::string first_list_item(std::string_view list) {
  list = list.substr(0, list.find(','));
  while (!list.empty() && list.back() == ' ') list.remove_suffix(1);
  return std::string(list);
}

void answer_and_close(int fd, const HttpResponse& response) {
  send_all(fd, serialize_response(response));
  close(fd);
}

}  // namespace

FrontDoor::FrontDoor(SharedState& state, StreamingServer& streaming,
                     int listen_fd)
    : state_(state), streaming_(streaming), listen_fd_(listen_fd) {}

FrontDoor::~FrontDoor() = default;

bool FrontDoor::start(lws_vhost* watch_vhost, lws_vhost* streaming_vhost) {
  watch_vhost_ = watch_vhost;
  streaming_vhost_ = streaming_vhost;
  return watch_fd(watch_vhost_, listen_fd_, this);
}

bool FrontDoor::on_readable() {
  for (;;) {
    int fd = accept_connection(listen_fd_);
    if (fd < 0) return true;

    if (state_.options().use_tls()) {
      lws_sock_file_fd_type descriptor{};
      descriptor.sockfd = fd;
      auto type = static_cast<lws_adoption_type>(
          LWS_ADOPT_SOCKET | LWS_ADOPT_HTTP | LWS_ADOPT_ALLOW_SSL);
      if (!lws_adopt_descriptor_vhost(streaming_vhost_, type, descriptor,
                                      nullptr, nullptr)) {
        log_line("error: lws could not adopt a TLS connection");
      }
      continue;
    }

    serve_plain(fd);
  }
}

void FrontDoor::serve_plain(int fd) {
  HttpRequestReader reader;
  switch (reader.read_from(fd, kRequestTimeoutMs)) {
    case HttpRequestReader::Status::kComplete:
      dispatch(fd, reader);
      return;
    case HttpRequestReader::Status::kTooLarge:
      answer_and_close(fd, {431, {}, ""});
      return;
    case HttpRequestReader::Status::kInvalid:
      answer_and_close(fd, {400, {}, ""});
      return;
    case HttpRequestReader::Status::kIncomplete:
      log_line("closing a connection that sent no complete request");
      close(fd);
      return;
  }
}

void FrontDoor::dispatch(int fd, const HttpRequestReader& reader) {
  const HttpRequest& request = reader.request();
  state_.record_request({request.method, request.target, request.headers});

  bool upgrade = request.is_websocket_upgrade();
  if (upgrade) streaming_.count_handshake();

  if (auto rule = state_.take_reject_rule(request.path(), upgrade)) {
    log_line("answering {} {} with a canned {}", request.method, request.target,
             rule->reset ? "reset" : "response");
    if (rule->reset) {
      reset_connection(fd);
      close(fd);
    } else {
      answer_and_close(fd, rule->response);
    }
    return;
  }

  if (auto oauth = upgrade ? std::nullopt : state_.oauth().answer(request)) {
    answer_and_close(fd, *oauth);
    return;
  }
  if (!upgrade && is_timeline_path(request.path())) {
    answer_and_close(fd, answer_timeline_request(state_, request));
    return;
  }
  if (!upgrade && streaming_.sse() != nullptr &&
      streaming_.sse()->serve(fd, request)) {
    return;
  }
  if (!upgrade) {
    answer_and_close(fd, answer_rest_request(state_.instance(), request.method,
                                             request.path()));
    return;
  }

  AuthResult auth =
      authenticate(authorization_seen(state_.options().dialect,
                                      request.header("authorization")),
                   request.query_param("access_token"),
                   request.header("sec-websocket-protocol"), state_.tokens());
  if (!auth.error.empty()) {
    log_line("upgrade of {} rejected: {}", request.target, auth.error);
    answer_and_close(fd, unauthorized_response(auth.error));
    return;
  }
  hand_to_lws(fd, request, reader.head_bytes(), auth.transport);
}

void FrontDoor::hand_to_lws(int fd, const HttpRequest& request,
                            std::string_view head, std::string auth) {
  Handshake handshake{std::move(auth), request.target, request.headers, {}};
  std::string adopted_head(head);
  if (auto protocol = request.header("sec-websocket-protocol")) {
    handshake.echo_protocol = first_list_item(*protocol);
    adopted_head = without_protocol_header(head);
  }

  if (adopted_head.size() > kMaxAdoptedHeadBytes) {
    log_line("error: request head of {} bytes is too large to hand to lws",
             adopted_head.size());
    answer_and_close(fd, {431, {}, ""});
    return;
  }

  streaming_.expect_handshake(fd, std::move(handshake));
  if (!lws_adopt_socket_vhost_readbuf(streaming_vhost_, fd, adopted_head.data(),
                                      adopted_head.size())) {
    log_line("error: lws could not adopt the upgrade of {}", request.target);
  }
}

}  // namespace fake
