#include "http_response.h"

#include <fmt/format.h>

#include <atomic>

namespace fake {

namespace {

HttpResponse json_response(int status, std::string body) {
  return {status,
          {{"Content-Type", "application/json; charset=utf-8"}},
          std::move(body)};
}

HttpResponse json_error(int status, std::string_view message) {
  return json_response(status, "{\"error\":" + json_quote(message) + "}");
}

std::string v1_instance(const InstanceInfo& instance) {
  return fmt::format(
      "{{\"uri\":{},\"title\":\"Fake instance\",\"short_description\":\"\","
      "\"description\":\"A fake Mastodon instance for tests\","
      "\"version\":\"4.3.0\",\"urls\":{{\"streaming_api\":{}}}}}",
      json_quote(instance.domain), json_quote(instance.streaming_url));
}

std::string v2_instance(const InstanceInfo& instance) {
  std::string access;
  if (!instance.timelines_access.empty()) {
    access = ",\"timelines_access\":" + instance.timelines_access;
  }
  return fmt::format(
      "{{\"domain\":{},\"title\":\"Fake instance\",\"version\":\"4.3.0\","
      "\"source_url\":\"https://github.com/mastodon/mastodon\","
      "\"configuration\":{{\"urls\":{{\"streaming\":{}}}{}}}}}",
      json_quote(instance.domain), json_quote(instance.streaming_url), access);
}

// Returns a fresh id for X-Request-Id, shaped like Mastodon's UUIDs.
std::string next_request_id() {
  static std::atomic<unsigned> counter{0};
  return fmt::format("00000000-0000-4000-8000-{:012x}", ++counter);
}

}  // namespace

std::string_view reason_phrase(int status) {
  switch (status) {
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 410:
      return "Gone";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

std::string serialize_response(const HttpResponse& response) {
  std::string out = fmt::format("HTTP/1.1 {} {}\r\n", response.status,
                                reason_phrase(response.status));
  for (const auto& [name, value] : response.headers) {
    out += fmt::format("{}: {}\r\n", name, value);
  }
  out += fmt::format("Content-Length: {}\r\nConnection: close\r\n\r\n",
                     response.body.size());
  out += response.body;
  return out;
}

HttpResponse answer_rest_request(const InstanceInfo& instance,
                                 std::string_view method,
                                 std::string_view path) {
  if (method != "GET") {
    return json_error(404, "Record not found");
  }
  if (path == "/api/v1/instance") {
    return json_response(200, v1_instance(instance));
  }
  if (path == "/api/v2/instance") {
    if (!instance.serve_v2) return json_error(404, "Record not found");
    return json_response(200, v2_instance(instance));
  }
  if (path == "/api/v1/streaming/health") {
    return {200,
            {{"Content-Type", "text/plain"},
             {"Cache-Control", "private, no-store"}},
            "OK"};
  }
  if (path.starts_with("/api/v1/streaming")) {
    return json_error(400, "Unknown channel requested");
  }
  return json_error(404, "Record not found");
}

HttpResponse unauthorized_response(std::string_view error_message) {
  return {401,
          {{"Content-Type", "text/plain"},
           {"X-Request-Id", next_request_id()},
           {"X-Error-Message", std::string(error_message)}},
          ""};
}

}  // namespace fake
