// What to do after a connection attempt failed or an open connection
// closed: retry after a delay, or stop with an error. Plain C++, so tests
// drive it without sockets.
#pragma once

#include <chrono>

#include "net/backoff.h"
#include "net/failure.h"
#include "net/ws_client.h"
#include "util/result.h"

namespace mastotail::app {

struct Decision {
  bool retry = false;
  std::chrono::milliseconds delay{0};  // before the next attempt
  Error error;                         // when !retry: why the run stops
  std::string reason;  // when retry: what failed, for the info line
};

class ReconnectPolicy {
 public:
  // `retries_before_success` bounds consecutive failed attempts until the
  // first connection succeeds (a mistyped host must not hang forever);
  // after that, retries are unlimited.
  ReconnectPolicy(int retries_before_success, net::Backoff backoff);

  // A connection opened.
  void on_open(std::chrono::steady_clock::time_point now);

  // An attempt failed before the connection opened.
  Decision on_connect_failed(const net::Failure& failure,
                             std::string_view target);

  // An open connection closed.
  Decision on_closed(const net::CloseInfo& close,
                     std::chrono::steady_clock::time_point now);

 private:
  Decision retry(std::string reason, std::chrono::milliseconds at_least = {});

  int retries_before_success_;
  net::Backoff backoff_;
  bool ever_open_ = false;
  int failures_ = 0;
  std::chrono::steady_clock::time_point opened_at_;
};

// Parses a Retry-After value in seconds; returns 0 when it is absent or is
// an HTTP date.
std::chrono::milliseconds parse_retry_after(std::string_view value);

// Returns how long until an X-RateLimit-Reset time (ISO 8601, as Mastodon
// sends it: "2026-12-04T17:00:00.013731Z"); 0 when absent, unparsable or
// past.
std::chrono::milliseconds parse_rate_limit_reset(
    std::string_view value, std::chrono::system_clock::time_point now);

}  // namespace mastotail::app
