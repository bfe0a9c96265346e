// Capped exponential backoff with jitter for reconnects and retries.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace mastotail::net {

class Backoff {
 public:
  // Delays start at `initial`, double after each failure and stop growing at
  // `cap`; each delay gets up to `jitter_percent` % added at random, so that
  // many clients dropped at once do not reconnect in step.
  Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap,
          int jitter_percent, uint64_t seed);

  // Returns the delay before the next attempt and counts a failure.
  std::chrono::milliseconds next_delay();

  // Forgets past failures, after a connection succeeded.
  void reset() { failures_ = 0; }

  // Consecutive failures since the last reset.
  int failures() const { return failures_; }

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds cap_;
  int jitter_percent_;
  int failures_ = 0;
  std::mt19937_64 random_;
};

}  // namespace mastotail::net
