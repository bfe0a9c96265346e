#include "app/reconnect_policy.h"

#include <doctest/doctest.h>

using namespace std::chrono_literals;
using mastotail::ErrorKind;
using mastotail::app::ReconnectPolicy;
using mastotail::net::Backoff;
using mastotail::net::CloseInfo;
using mastotail::net::Failure;
using mastotail::net::FailureKind;

namespace {

ReconnectPolicy make_policy() {
  return ReconnectPolicy(5, Backoff(1000ms, 60000ms, 0, 1));
}

Failure status_failure(int status, std::string message = "") {
  Failure failure;
  failure.kind = FailureKind::kHttpStatus;
  failure.http_status = status;
  failure.error_message = std::move(message);
  return failure;
}

}  // namespace

TEST_CASE("401 at the handshake stops with the server's reason") {
  auto policy = make_policy();
  auto decision = policy.on_connect_failed(
      status_failure(401, "Invalid access token"), "wss://x");
  CHECK_FALSE(decision.retry);
  CHECK(decision.error.kind == ErrorKind::kAuth);
  CHECK(decision.error.message.find("Invalid access token") !=
        std::string::npos);
}

TEST_CASE("404 means no streaming API") {
  auto policy = make_policy();
  auto decision = policy.on_connect_failed(status_failure(404), "wss://x");
  CHECK_FALSE(decision.retry);
  CHECK(decision.error.kind == ErrorKind::kNotFound);
}

TEST_CASE("certificate errors stop with the TLS kind") {
  auto policy = make_policy();
  Failure failure;
  failure.kind = FailureKind::kTls;
  failure.certificate_error = true;
  failure.detail = "hostname mismatch";
  auto decision = policy.on_connect_failed(failure, "wss://x");
  CHECK_FALSE(decision.retry);
  CHECK(decision.error.kind == ErrorKind::kTls);
  CHECK(decision.error.message.find("hostname mismatch") != std::string::npos);
}

TEST_CASE("refused connections retry until the limit") {
  auto policy = make_policy();
  Failure refused;
  refused.kind = FailureKind::kRefused;
  for (int i = 0; i < 5; ++i) {
    auto decision = policy.on_connect_failed(refused, "wss://x");
    REQUIRE(decision.retry);
    CHECK(decision.delay == std::chrono::milliseconds(1000 << i));
  }
  auto last = policy.on_connect_failed(refused, "wss://x");
  CHECK_FALSE(last.retry);
  CHECK(last.error.kind == ErrorKind::kRetriesSpent);
}

TEST_CASE("retries are unlimited after a connection opened") {
  auto policy = make_policy();
  policy.on_open(std::chrono::steady_clock::now());
  Failure refused;
  refused.kind = FailureKind::kRefused;
  for (int i = 0; i < 20; ++i) {
    CHECK(policy.on_connect_failed(refused, "wss://x").retry);
  }
}

TEST_CASE("429 waits at least Retry-After") {
  auto policy = make_policy();
  Failure failure = status_failure(429);
  failure.retry_after = "7";
  auto decision = policy.on_connect_failed(failure, "wss://x");
  CHECK(decision.retry);
  CHECK(decision.delay >= 7000ms);
}

TEST_CASE("a closed connection is reconnected") {
  auto policy = make_policy();
  auto opened = std::chrono::steady_clock::now();
  policy.on_open(opened);
  CloseInfo close;
  close.code = 1006;
  auto decision = policy.on_closed(close, opened + 1s);
  CHECK(decision.retry);
  CHECK(decision.delay == 1000ms);
  CHECK(decision.reason.find("1006") != std::string::npos);
}

TEST_CASE("retry after parses seconds only") {
  CHECK(mastotail::app::parse_retry_after("2") == 2000ms);
  CHECK(mastotail::app::parse_retry_after("") == 0ms);
  CHECK(mastotail::app::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") ==
        0ms);
}

TEST_CASE("rate limit reset is read as an ISO 8601 time") {
  using mastotail::app::parse_rate_limit_reset;
  std::tm parts{};
  parts.tm_year = 2026 - 1900;
  parts.tm_mon = 11;
  parts.tm_mday = 4;
  parts.tm_hour = 17;
  auto now = std::chrono::system_clock::from_time_t(timegm(&parts));
  auto wait = parse_rate_limit_reset("2026-12-04T17:00:10.013731Z", now);
  CHECK(wait >= 10000ms);
  CHECK(wait <= 11000ms);
  CHECK(parse_rate_limit_reset("2026-12-04T16:00:00Z", now) == 0ms);
  CHECK(parse_rate_limit_reset("soon", now) == 0ms);
}

TEST_CASE("429 waits until the rate limit resets") {
  auto policy = make_policy();
  Failure failure = status_failure(429);
  auto reset = std::chrono::system_clock::now() + 20s;
  std::time_t seconds = std::chrono::system_clock::to_time_t(reset);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S.000000Z", &parts);
  failure.ratelimit_reset = text;
  auto decision = policy.on_connect_failed(failure, "wss://x");
  CHECK(decision.retry);
  CHECK(decision.delay >= 19000ms);
  CHECK(decision.delay <= 22000ms);
}
