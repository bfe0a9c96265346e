// URLs of instances and streaming servers.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace mastotail::net {

// An absolute http, https, ws or wss URL.
struct Url {
  std::string scheme;  // lowercase: "http", "https", "ws" or "wss"
  std::string host;    // lowercase, without IPv6 brackets
  int port = 0;        // explicit, or the scheme's default
  std::string path;    // starts with '/'; includes any query string

  // True for https and wss.
  bool tls() const;
  // "host" or "host:port" when the port is not the scheme's default, for
  // the Host header.
  std::string host_header() const;
  // "scheme://host[:port]", without the path.
  std::string origin() const;
  // The whole URL as text.
  std::string text() const;
};

// Parses an absolute URL with one of the four schemes. Rejects user info
// ("user:pass@"), fragments and empty hosts, because a token must never
// travel in a URL and the host decides where it is sent.
Result<Url> parse_url(std::string_view text);

// Parses an instance given as "host", "host:port" or a URL; a bare host
// means https. The path of a URL is dropped.
Result<Url> parse_instance(std::string_view text);

// Returns the same URL with ws/wss mapped to http/https (for REST and SSE),
// or http/https mapped to ws/wss when `websocket` is true.
Url with_scheme_family(const Url& url, bool websocket);

// Returns `text` with every byte outside RFC 3986's unreserved set
// (letters, digits, "-._~") written as %XX, for a query parameter value.
std::string percent_encode(std::string_view text);

// Returns `text` with the value of every access_token query parameter
// replaced by "***", for log lines.
std::string mask_access_token(std::string_view text);

// True for "localhost", 127.0.0.0/8 and ::1.
bool is_loopback_host(std::string_view host);

}  // namespace mastotail::net
