// The cause of a failed connection attempt or of a dropped connection, in
// terms the reconnect policy can act on.
#pragma once

#include <libwebsockets.h>

#include <string>
#include <string_view>

namespace mastotail::net {

enum class FailureKind {
  kDns,         // the host name did not resolve
  kRefused,     // nothing listens, or the TCP connect failed
  kTls,         // TLS handshake or certificate verification failed
  kTimeout,     // no response within the connect timeout
  kClosed,      // the server closed or reset before responding
  kHttpStatus,  // the server responded with a status other than 101
  kProxy,       // the HTTP proxy refused the tunnel; detail: "host:port"
  kRedirect,    // a redirect that mastotail will not follow
  kOther,
};

struct Failure {
  FailureKind kind = FailureKind::kOther;
  int http_status = 0;          // kHttpStatus
  std::string detail;           // libwebsockets' or OpenSSL's reason
  std::string error_message;    // Mastodon's X-Error-Message header
  std::string retry_after;      // Retry-After header
  std::string ratelimit_reset;  // X-RateLimit-Reset header (ISO 8601)
  std::string content_type;
  bool certificate_error = false;  // kTls caused by verification

  // One line for stderr, e.g. "HTTP 401 (Invalid access token)".
  std::string describe() const;
};

// Returns a failure of `kind` with `detail` as its reason.
Failure make_failure(FailureKind kind, std::string detail);

// Returns the failure of an lws_client_connect_via_info() call that
// returned NULL without a CONNECTION_ERROR callback: in practice a name
// that did not resolve. `tls_error` is the Loop's recorded TLS error.
Failure failure_to_start(std::string_view host, std::string tls_error);

// Classifies a CLIENT_CONNECTION_ERROR from its `in` text and the TLS
// verification error the Loop recorded (empty when none).
Failure classify_connect_error(std::string_view lws_reason,
                               std::string tls_error);

// Copies the response status and the headers that matter into `failure`.
// Call it while the headers are readable (ESTABLISHED_CLIENT_HTTP or
// CLIENT_CONNECTION_ERROR).
void read_response_headers(lws* wsi, Failure& failure);

// Returns the value of a header that lws parses as a known token, or "".
std::string header_value(lws* wsi, lws_token_indexes token);

// Returns the value of a custom header; `name` is lowercase and ends with
// ':' (for example "x-error-message:"). Returns "" when absent.
std::string custom_header_value(lws* wsi, const char* name);

}  // namespace mastotail::net
