// The per-token request limit that Mastodon's Rack::Attack applies to the
// REST API (300 requests in 5 minutes by default), and its response
// headers.
#pragma once

#include <chrono>
#include <string>

#include "json_text.h"

namespace fake {

class RateLimit {
 public:
  static constexpr int kLimit = 300;
  static constexpr std::chrono::minutes kPeriod{5};

  // Counts one request at `now`. A window starts with the first request
  // and ends kPeriod later (Mastodon aligns windows to multiples of the
  // period instead). Returns false when the request is over the limit,
  // which gets a 429 response.
  bool count_request(std::chrono::system_clock::time_point now);

  // Returns X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset
  // (ISO 8601 UTC with microseconds, as Mastodon sends it) for the window
  // of the last counted request.
  HeaderList headers() const;

 private:
  std::chrono::system_clock::time_point reset_at_{};
  int used_ = 0;
};

// Returns `time` as ISO 8601 UTC with microseconds, e.g.
// 2026-12-04T17:00:00.013731Z.
std::string iso8601_microseconds(std::chrono::system_clock::time_point time);

}  // namespace fake
