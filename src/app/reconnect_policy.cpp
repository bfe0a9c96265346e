#include "app/reconnect_policy.h"

#include <charconv>
#include <ctime>
#include <string>

namespace mastotail::app {
namespace {

// A connection that stayed open this long counts as healthy: the next
// failure starts the backoff from its first step again.
constexpr std::chrono::seconds kHealthyConnection{30};

Decision stop(ErrorKind kind, std::string message) {
  Decision decision;
  decision.error = Error{kind, std::move(message)};
  return decision;
}

Decision decide_on_status(const net::Failure& failure,
                          std::string_view target) {
  std::string where = " from " + std::string(target);
  int status = failure.http_status;
  if (status == 401 || status == 403) {
    std::string reason = failure.error_message.empty()
                             ? "HTTP " + std::to_string(status)
                             : failure.error_message;
    return stop(ErrorKind::kAuth,
                "the streaming server rejected the access token: " + reason);
  }
  if (status == 400 || status == 404 || status == 410 || status == 426) {
    return stop(ErrorKind::kNotFound, "no streaming API at " +
                                          std::string(target) + " (HTTP " +
                                          std::to_string(status) +
                                          "); check -i or "
                                          "--streaming-url");
  }
  Decision keep_going;
  keep_going.retry = true;
  keep_going.reason = failure.describe() + where;
  if (failure.content_type.find("html") != std::string::npos) {
    // A CDN or reverse proxy responded, and its HTML page is not an API
    // error.
    keep_going.reason = "HTTP " + std::to_string(status) +
                        " from a proxy, not the Mastodon API" + where;
  }
  return keep_going;
}

}  // namespace

std::chrono::milliseconds parse_retry_after(std::string_view value) {
  int seconds = 0;
  auto [end, ec] =
      std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || end != value.data() + value.size() || seconds < 0) {
    return std::chrono::milliseconds(0);
  }
  return std::chrono::seconds(seconds);
}

std::chrono::milliseconds parse_rate_limit_reset(
    std::string_view value, std::chrono::system_clock::time_point now) {
  std::tm parts{};
  std::string text(value);
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &parts);
  if (end == nullptr) return std::chrono::milliseconds(0);

  auto reset = std::chrono::system_clock::from_time_t(timegm(&parts));
  if (reset <= now) return std::chrono::milliseconds(0);
  // Round up: the fraction of a second is dropped above.
  return std::chrono::duration_cast<std::chrono::milliseconds>(reset - now) +
         std::chrono::seconds(1);
}

ReconnectPolicy::ReconnectPolicy(int retries_before_success,
                                 net::Backoff backoff)
    : retries_before_success_(retries_before_success),
      backoff_(std::move(backoff)) {}

void ReconnectPolicy::on_open(std::chrono::steady_clock::time_point now) {
  ever_open_ = true;
  failures_ = 0;
  opened_at_ = now;
}

Decision ReconnectPolicy::retry(std::string reason,
                                std::chrono::milliseconds at_least) {
  ++failures_;
  if (!ever_open_ && failures_ > retries_before_success_) {
    return stop(ErrorKind::kRetriesSpent,
                "gave up after " + std::to_string(failures_) +
                    (failures_ == 1 ? " failed connection attempt"
                                    : " failed connection attempts") +
                    "; last: " + reason);
  }

  Decision decision;
  decision.retry = true;
  decision.reason = std::move(reason);
  decision.delay = std::max(backoff_.next_delay(), at_least);
  return decision;
}

Decision ReconnectPolicy::on_connect_failed(const net::Failure& failure,
                                            std::string_view target) {
  if (failure.kind == net::FailureKind::kTls && failure.certificate_error) {
    return stop(ErrorKind::kTls, "TLS certificate verification failed for " +
                                     std::string(target) + ": " +
                                     failure.detail +
                                     "; pass --cacert FILE to trust a "
                                     "private certificate authority");
  }
  // Retrying cannot change a proxy's refusal or a redirect that must not
  // be followed.
  if (failure.kind == net::FailureKind::kProxy ||
      failure.kind == net::FailureKind::kRedirect) {
    return stop(ErrorKind::kNetwork, failure.describe());
  }
  if (failure.kind == net::FailureKind::kHttpStatus) {
    Decision decision = decide_on_status(failure, target);
    if (!decision.retry) return decision;
    auto wait =
        std::max(parse_retry_after(failure.retry_after),
                 parse_rate_limit_reset(failure.ratelimit_reset,
                                        std::chrono::system_clock::now()));
    return retry(decision.reason, wait);
  }
  return retry(failure.describe() + " (" + std::string(target) + ")");
}

Decision ReconnectPolicy::on_closed(const net::CloseInfo& close,
                                    std::chrono::steady_clock::time_point now) {
  if (now - opened_at_ >= kHealthyConnection) backoff_.reset();

  std::string reason =
      close.idle ? "no traffic within the idle timeout" : "connection closed";
  if (!close.idle) {
    reason += " (code " + std::to_string(close.code);
    if (!close.reason.empty()) reason += ", " + close.reason;
    reason += ")";
  }
  return retry(reason);
}

}  // namespace mastotail::app
