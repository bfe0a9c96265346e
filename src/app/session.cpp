#include "app/session.h"

#include <random>

#include "util/log.h"

namespace mastotail::app {
namespace {

constexpr int kRetriesBeforeFirstConnection = 5;
constexpr std::chrono::milliseconds kFirstRetryDelay{1000};
constexpr std::chrono::milliseconds kMaxRetryDelay{60000};
constexpr int kJitterPercent = 30;
constexpr std::chrono::milliseconds kCloseGrace{1000};

std::string seconds_text(std::chrono::milliseconds delay) {
  return fmt::format("{:.1f} s", static_cast<double>(delay.count()) / 1000.0);
}

}  // namespace

Session::Session(net::Loop& loop, const cli::Options& options,
                 std::string token, SubscriptionSet& subscriptions,
                 Pipeline& pipeline)
    : loop_(loop),
      options_(options),
      token_(std::move(token)),
      subscriptions_(subscriptions),
      pipeline_(pipeline),
      policy_(kRetriesBeforeFirstConnection,
              net::Backoff(kFirstRetryDelay, kMaxRetryDelay, kJitterPercent,
                           std::random_device{}())),
      retry_timer_(loop),
      stop_timer_(loop) {}

Session::~Session() { std::fill(token_.begin(), token_.end(), '\0'); }

void Session::start() {
  Result<net::Url> instance = net::parse_instance(options_.instance);
  if (!instance.ok()) {
    finish(instance.take_error());
    return;
  }
  instance_ = *instance;

  if (options_.streaming_url.empty()) {
    discover();
    return;
  }
  Result<net::Url> endpoint = streaming_endpoint(options_.streaming_url);
  if (!endpoint.ok()) {
    finish(endpoint.take_error());
    return;
  }
  endpoint_ = *endpoint;
  connect();
}

void Session::discover() {
  state_ = State::kDiscovering;
  discovery_ = std::make_unique<Discovery>(loop_, instance_);
  discovery_->start([this](Result<net::Url> endpoint,
                           const std::optional<net::Failure>& failure) {
    if (failure) {
      schedule_retry(policy_.on_connect_failed(*failure, instance_.origin()));
      return;
    }
    if (!endpoint.ok()) {
      finish(Error{ErrorKind::kProtocol,
                   "the instance announced an invalid streaming URL: " +
                       endpoint.error().message});
      return;
    }
    check_streaming_url(*endpoint);
    if (done()) return;
    endpoint_ = *endpoint;
    connect();
  });
}

void Session::check_streaming_url(const net::Url& url) {
  if (instance_.tls() && !url.tls()) {
    finish(Error{ErrorKind::kProtocol,
                 "the instance announced an unencrypted streaming URL " +
                     url.text() +
                     "; not sending the token over it "
                     "(override with --streaming-url)"});
  }
}

void Session::connect() {
  state_ = State::kConnecting;
  if (!endpoint_.tls() && !net::is_loopback_host(endpoint_.host)) {
    log::warning(
        "{} is not encrypted: the access token travels in clear text",
        endpoint_.origin());
  }

  // This may run inside the old transport's callback, so the old one is
  // kept until the next attempt.
  retired_transport_ = std::move(transport_);
  transport_ = make_websocket_transport(loop_, *this);
  transport_->open(transport_config());
}

TransportConfig Session::transport_config() const {
  TransportConfig config;
  config.endpoint = endpoint_;
  config.token = token_;
  config.max_message_size = options_.max_message_size;
  for (const Subscription& sub : subscriptions_.all()) {
    if (!sub.failed) config.subscriptions.push_back(&sub);
  }
  return config;
}

void Session::on_open() {
  state_ = State::kStreaming;
  policy_.on_open(std::chrono::steady_clock::now());
  log::info("{} to {}", connected_before_ ? "reconnected" : "connected",
            endpoint_.origin());
  connected_before_ = true;
  subscriptions_.reset_error_counts();
}

void Session::on_message(std::string_view message) {
  pipeline_.process(message);
  if (pipeline_.fatal_error()) finish(*pipeline_.fatal_error());
}

void Session::on_message_too_large(size_t size) {
  pipeline_.report_oversized(size);
}

void Session::on_connect_failed(const net::Failure& failure) {
  if (state_ == State::kClosing || done()) {
    finish(std::nullopt);
    return;
  }
  schedule_retry(policy_.on_connect_failed(failure, endpoint_.origin()));
}

void Session::on_closed(const net::CloseInfo& close) {
  if (state_ == State::kClosing || done()) {
    finish(std::nullopt);
    return;
  }
  schedule_retry(policy_.on_closed(close, std::chrono::steady_clock::now()));
}

void Session::schedule_retry(const Decision& decision) {
  if (!decision.retry) {
    finish(decision.error);
    return;
  }

  state_ = State::kWaiting;
  log::info("{}; reconnecting in {}", decision.reason,
            seconds_text(decision.delay));
  retry_timer_.schedule(decision.delay, [this] {
    if (endpoint_.host.empty()) {
      discover();
    } else {
      connect();
    }
  });
}

void Session::stop() {
  if (done() || state_ == State::kClosing) return;
  retry_timer_.cancel();

  if (transport_ == nullptr || !transport_->is_open()) {
    finish(std::nullopt);
    return;
  }
  state_ = State::kClosing;
  transport_->close(1000, "bye");
  stop_timer_.schedule(kCloseGrace, [this] { finish(std::nullopt); });
}

void Session::finish(std::optional<Error> error) {
  if (done()) return;
  state_ = State::kDone;
  if (error && !error_) error_ = std::move(error);
  retry_timer_.cancel();
  stop_timer_.cancel();
  loop_.wake();
}

}  // namespace mastotail::app
