#include "rate_limit.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

namespace fake {

bool RateLimit::count_request(std::chrono::system_clock::time_point now) {
  if (used_ == 0 || now >= reset_at_) {
    reset_at_ = now + kPeriod;
    used_ = 0;
  }
  ++used_;
  return used_ <= kLimit;
}

HeaderList RateLimit::headers() const {
  return {
      {"X-RateLimit-Limit", std::to_string(kLimit)},
      {"X-RateLimit-Remaining", std::to_string(std::max(0, kLimit - used_))},
      {"X-RateLimit-Reset", iso8601_microseconds(reset_at_)}};
}

std::string iso8601_microseconds(std::chrono::system_clock::time_point time) {
  using std::chrono::duration_cast;
  auto since_epoch =
      duration_cast<std::chrono::microseconds>(time.time_since_epoch());
  auto seconds = duration_cast<std::chrono::seconds>(since_epoch);
  auto micros = (since_epoch - seconds).count();

  std::time_t whole = static_cast<std::time_t>(seconds.count());
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char date[32];
  std::strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &utc);
  return fmt::format("{}.{:06}Z", date, micros);
}

}  // namespace fake
