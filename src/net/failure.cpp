#include "net/failure.h"

#include <cstring>

namespace mastotail::net {
namespace {

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

std::string Failure::describe() const {
  switch (kind) {
    case FailureKind::kDns:
      return "cannot resolve the host name (" + detail + ")";
    case FailureKind::kRefused:
      return "connection refused";
    case FailureKind::kTls:
      return "TLS failed: " + detail;
    case FailureKind::kTimeout:
      return "timed out waiting for the server";
    case FailureKind::kClosed:
      return "the server closed the connection (" + detail + ")";
    case FailureKind::kHttpStatus: {
      std::string text = "HTTP " + std::to_string(http_status);
      if (!error_message.empty()) text += " (" + error_message + ")";
      return text;
    }
    case FailureKind::kProxy:
      if (detail.empty()) return "the HTTP proxy refused the connection";
      return "the proxy at " + detail +
             " refused the connection (authentication required?)";
    case FailureKind::kRedirect:
      return detail;
    case FailureKind::kOther:
      break;
  }
  return detail.empty() ? "connection failed" : detail;
}

Failure make_failure(FailureKind kind, std::string detail) {
  Failure failure;
  failure.kind = kind;
  failure.detail = std::move(detail);
  return failure;
}

Failure failure_to_start(std::string_view host, std::string tls_error) {
  if (!tls_error.empty()) return classify_connect_error("", tls_error);

  // lws 4.1.6 resolves names inside lws_client_connect_via_info() and
  // returns NULL, without a callback, when that fails.
  return make_failure(FailureKind::kDns, std::string(host));
}

Failure classify_connect_error(std::string_view lws_reason,
                               std::string tls_error) {
  Failure failure;
  failure.detail = std::string(lws_reason);
  if (!tls_error.empty()) {
    failure.kind = FailureKind::kTls;
    failure.detail = std::move(tls_error);
    failure.certificate_error = true;
  } else if (contains(lws_reason, "getaddrinfo") ||
             contains(lws_reason, "resolve")) {
    failure.kind = FailureKind::kDns;
  } else if (contains(lws_reason, "Unable to connect") ||
             contains(lws_reason, "connect failed")) {
    failure.kind = FailureKind::kRefused;
  } else if (contains(lws_reason, "SSL") || contains(lws_reason, "tls") ||
             contains(lws_reason, "bio_create")) {
    failure.kind = FailureKind::kTls;
  } else if (contains(lws_reason, "imed out") ||
             contains(lws_reason, "TIMEDOUT")) {
    failure.kind = FailureKind::kTimeout;
  } else if (contains(lws_reason, "HS: ws upgrade") ||
             contains(lws_reason, "HS: disallowed")) {
    failure.kind = FailureKind::kHttpStatus;
  } else if (contains(lws_reason, "proxy")) {
    failure.kind = FailureKind::kProxy;
  } else if (contains(lws_reason, "read failed") ||
             contains(lws_reason, "closed")) {
    failure.kind = FailureKind::kClosed;
  }
  return failure;
}

std::string header_value(lws* wsi, lws_token_indexes token) {
  int length = lws_hdr_total_length(wsi, token);
  if (length <= 0) return {};
  std::string value(static_cast<size_t>(length) + 1, '\0');
  int copied = lws_hdr_copy(wsi, value.data(), length + 1, token);
  if (copied < 0) return {};
  value.resize(static_cast<size_t>(copied));
  return value;
}

std::string custom_header_value(lws* wsi, const char* name) {
  int name_length = static_cast<int>(std::strlen(name));
  int length = lws_hdr_custom_length(wsi, name, name_length);
  if (length <= 0) return {};
  std::string value(static_cast<size_t>(length) + 1, '\0');
  int copied =
      lws_hdr_custom_copy(wsi, value.data(), length + 1, name, name_length);
  if (copied < 0) return {};
  value.resize(static_cast<size_t>(copied));
  return value;
}

void read_response_headers(lws* wsi, Failure& failure) {
  unsigned int status = lws_http_client_http_response(wsi);
  if (status != 0) failure.http_status = static_cast<int>(status);
  failure.error_message = custom_header_value(wsi, "x-error-message:");
  failure.retry_after = header_value(wsi, WSI_TOKEN_HTTP_RETRY_AFTER);
  failure.ratelimit_reset = custom_header_value(wsi, "x-ratelimit-reset:");
  failure.content_type = header_value(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE);
}

}  // namespace mastotail::net
