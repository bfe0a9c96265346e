// Requests that reach lws directly. On the TLS main port lws parses every
// request, so the REST endpoints, the request log, POST /reject rules and
// the token check happen here instead of in the front door.
#include "auth.h"
#include "dialect.h"
#include "log.h"
#include "lws_http.h"
#include "rest_timelines.h"
#include "socket_util.h"
#include "streaming.h"

namespace fake {

namespace {

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

std::optional<std::string_view> find_header(const HeaderList& headers,
                                            std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

// Writes the rule's response, or resets the connection. Returns -1, which
// makes lws close the connection.
int answer_with_rule(lws* wsi, const RejectRule& rule) {
  if (rule.reset) {
    reset_connection(lws_get_socket_fd(wsi));
  } else {
    write_response_via_lws(wsi, rule.response);
  }
  return -1;
}

}  // namespace

int StreamingServer::serve_tls_http(lws* wsi) {
  RequestRecord record = record_from_lws(wsi);
  state_.record_request(record);
  std::string_view path = path_of(record.target);

  if (auto rule = state_.take_reject_rule(path, false)) {
    return answer_with_rule(wsi, *rule);
  }

  HttpResponse response =
      is_timeline_path(path)
          ? answer_timeline_request(
                state_, {record.method, record.target, record.headers, {}})
          : answer_rest_request(state_.instance(), record.method, path);
  if (!write_response_via_lws(wsi, response)) return -1;
  return lws_http_transaction_completed(wsi) ? -1 : 0;
}

int StreamingServer::check_tls_upgrade(lws* wsi) {
  int fd = lws_get_socket_fd(wsi);
  // The front door already checked upgrades on the plain port.
  if (expected_handshakes_.contains(fd)) return 0;

  ++handshakes_;
  RequestRecord record = record_from_lws(wsi);
  state_.record_request(record);
  std::string_view path = path_of(record.target);

  if (auto rule = state_.take_reject_rule(path, true)) {
    return answer_with_rule(wsi, *rule);
  }

  auto access_token = lws_query_param(wsi, "access_token");
  AuthResult auth = authenticate(
      authorization_seen(state_.options().dialect,
                         find_header(record.headers, "authorization")),
      access_token ? std::optional<std::string_view>(*access_token)
                   : std::nullopt,
      find_header(record.headers, "sec-websocket-protocol"), state_.tokens());
  if (!auth.error.empty()) {
    log_line("upgrade of {} rejected: {}", record.target, auth.error);
    write_response_via_lws(wsi, unauthorized_response(auth.error));
    return -1;
  }

  expected_handshakes_[fd] =
      Handshake{auth.transport, record.target, record.headers, {}};
  return 0;
}

}  // namespace fake
