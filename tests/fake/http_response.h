// HTTP responses of the fake instance: the REST endpoints it serves and
// canned responses written to raw sockets.
#pragma once

#include <string>
#include <string_view>

#include "json_text.h"

namespace fake {

struct HttpResponse {
  int status = 200;
  HeaderList headers;  // sent as given, before Content-Length
  std::string body;
};

// Returns the standard reason phrase for a status code, or "Unknown".
std::string_view reason_phrase(int status);

// Serializes a response for a connection that closes after it: status
// line, the headers, Content-Length, "Connection: close", blank line, body.
std::string serialize_response(const HttpResponse& response);

// What the REST endpoints announce about the instance.
struct InstanceInfo {
  std::string domain;         // "127.0.0.1:PORT"
  std::string streaming_url;  // base URL without path
  bool serve_v2 = true;
  // configuration.timelines_access as JSON text; empty leaves it out.
  std::string timelines_access;
};

// Returns the answer to a plain HTTP request on the main port:
// /api/v1/instance, /api/v2/instance (404 when !serve_v2),
// /api/v1/streaming/health, 400 "Unknown channel requested" for other
// paths under /api/v1/streaming, and 404 for everything else.
HttpResponse answer_rest_request(const InstanceInfo& instance,
                                 std::string_view method,
                                 std::string_view path);

// Returns Mastodon's answer to a WebSocket upgrade without a valid token:
// 401, empty body, the reason in X-Error-Message.
HttpResponse unauthorized_response(std::string_view error_message);

}  // namespace fake
