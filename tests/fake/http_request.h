// HTTP/1.1 requests read from plain sockets by the fake instance.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "json_text.h"

namespace fake {

// One parsed request. Header names are lowercased, values trimmed, and
// repeated headers kept as separate entries in arrival order.
struct HttpRequest {
  std::string method;
  std::string target;  // path and query exactly as sent
  HeaderList headers;
  std::string body;

  // Returns the first value of a header (lowercase name), or nullopt.
  std::optional<std::string_view> header(std::string_view name) const;

  // Returns the target without its query.
  std::string_view path() const;

  // Returns the first percent-decoded value of a query parameter.
  std::optional<std::string> query_param(std::string_view name) const;

  // Returns true for a GET with "Upgrade: websocket".
  bool is_websocket_upgrade() const;
};

// Collects the bytes of one request: the head up to the blank line and a
// body of Content-Length bytes. Chunked request bodies are not supported.
class HttpRequestReader {
 public:
  static constexpr std::size_t kMaxHeadBytes = 16 * 1024;
  static constexpr std::size_t kMaxBodyBytes = 4 * 1024 * 1024;

  enum class Status { kIncomplete, kComplete, kInvalid, kTooLarge };

  // Reads from the socket `fd` until the request is complete, invalid or
  // too large, or `timeout_ms` passed (then kIncomplete). Peer close before
  // the end also gives kIncomplete.
  Status read_from(int fd, int timeout_ms);

  // Appends received bytes and returns whether the request is complete.
  // After kComplete, request() and head_bytes() are valid.
  Status feed(std::string_view bytes);

  const HttpRequest& request() const { return request_; }

  // The raw head, from the request line to the blank line included.
  std::string_view head_bytes() const;

 private:
  Status parse_head();

  std::string buffer_;
  std::size_t head_size_ = 0;
  std::size_t content_length_ = 0;
  HttpRequest request_;
};

}  // namespace fake
