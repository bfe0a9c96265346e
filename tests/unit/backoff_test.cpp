#include "net/backoff.h"

#include <doctest/doctest.h>

using namespace std::chrono_literals;
using mastotail::net::Backoff;

TEST_CASE("backoff doubles up to the cap without jitter") {
  Backoff backoff(1000ms, 8000ms, 0, 1);
  CHECK(backoff.next_delay() == 1000ms);
  CHECK(backoff.next_delay() == 2000ms);
  CHECK(backoff.next_delay() == 4000ms);
  CHECK(backoff.next_delay() == 8000ms);
  CHECK(backoff.next_delay() == 8000ms);
  CHECK(backoff.failures() == 5);
}

TEST_CASE("backoff reset starts over") {
  Backoff backoff(1000ms, 60000ms, 0, 1);
  backoff.next_delay();
  backoff.next_delay();
  backoff.reset();
  CHECK(backoff.failures() == 0);
  CHECK(backoff.next_delay() == 1000ms);
}

TEST_CASE("backoff jitter only adds, within its percentage") {
  Backoff backoff(1000ms, 60000ms, 30, 42);
  for (int i = 0; i < 12; ++i) {
    auto delay = backoff.next_delay();
    int64_t base = std::min<int64_t>(1000LL << std::min(i, 6), 60000);
    CHECK(delay.count() >= base);
    CHECK(delay.count() <= base + base * 30 / 100);
  }
}
