#include "net/backoff.h"

#include <algorithm>

namespace mastotail::net {

Backoff::Backoff(std::chrono::milliseconds initial,
                 std::chrono::milliseconds cap, int jitter_percent,
                 uint64_t seed)
    : initial_(initial),
      cap_(cap),
      jitter_percent_(jitter_percent),
      random_(seed) {}

std::chrono::milliseconds Backoff::next_delay() {
  int64_t base = initial_.count();
  for (int i = 0; i < failures_ && base < cap_.count(); ++i) base *= 2;
  base = std::min<int64_t>(base, cap_.count());
  ++failures_;

  if (jitter_percent_ <= 0) return std::chrono::milliseconds(base);
  std::uniform_int_distribution<int64_t> jitter(0,
                                                base * jitter_percent_ / 100);
  return std::chrono::milliseconds(base + jitter(random_));
}

}  // namespace mastotail::net
