#include "app/session.h"

#include <random>

#include "util/log.h"

namespace mastotail::app {
namespace {

constexpr std::chrono::milliseconds kFirstRetryDelay{1000};
constexpr std::chrono::milliseconds kMaxRetryDelay{60000};
constexpr int kJitterPercent = 30;
constexpr std::chrono::milliseconds kCloseGrace{1000};
// Allowance for the difference between our clock and the server's when a
// gap is filled by creation time.
constexpr std::chrono::seconds kClockSkewMargin{60};
// Live messages kept while a gap is filled, at most.
constexpr size_t kMaxHeldBytes = 64u << 20;

std::string seconds_text(std::chrono::milliseconds delay) {
  return fmt::format("{:.1f} s", static_cast<double>(delay.count()) / 1000.0);
}

}  // namespace

Session::Session(net::Loop& loop, const cli::Options& options,
                 std::string token, SubscriptionSet& subscriptions,
                 Pipeline& pipeline, Cursors& cursors)
    : loop_(loop),
      options_(options),
      token_(std::move(token)),
      subscriptions_(subscriptions),
      pipeline_(pipeline),
      cursors_(cursors),
      policy_(options.retries,
              net::Backoff(kFirstRetryDelay, kMaxRetryDelay, kJitterPercent,
                           std::random_device{}())),
      retry_timer_(loop),
      stop_timer_(loop),
      duration_timer_(loop) {}

Session::~Session() { std::fill(token_.begin(), token_.end(), '\0'); }

void Session::start() {
  Result<net::Url> instance = net::parse_instance(options_.instance);
  if (!instance.ok()) {
    finish(instance.take_error());
    return;
  }
  instance_ = *instance;
  filler_ = std::make_unique<GapFiller>(loop_, instance_, token_);
  choose_initial_transport();
  if (done()) return;

  if (options_.duration_s > 0) {
    duration_timer_.schedule(std::chrono::seconds(options_.duration_s), [this] {
      log::info("--duration reached; stopping");
      stop();
    });
  }
  if (options_.no_follow) {
    if (options_.backfill == 0 && options_.state_path.empty()) {
      log::warning(
          "--no-follow without -n or --state prints nothing; add "
          "-n N to print the newest N events of each timeline");
    }
    start_fill(true, [this] { finish(std::nullopt); });
    return;
  }

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
    warn_about_feed_access(discovery_->instance_info());
    endpoint_ = *endpoint;
    connect();
  });
}

void Session::check_streaming_url(const net::Url& url) {
  if (instance_.tls() && !url.tls() && !options_.insecure) {
    finish(Error{ErrorKind::kProtocol,
                 "the instance announced an unencrypted streaming URL " +
                     url.text() +
                     "; not sending the token over it "
                     "(override with --streaming-url or --insecure)"});
  }
}

void Session::connect() {
  state_ = State::kConnecting;
  if (!endpoint_.tls() && !net::is_loopback_host(endpoint_.host)) {
    log::warning("{} is not encrypted: the access token travels in clear text",
                 endpoint_.origin());
  }

  // This may run inside the old transport's callback, so the old one is
  // kept until the next attempt.
  retired_transport_ = std::move(transport_);
  transport_ = make_transport();
  transport_->open(transport_config());
}

TransportConfig Session::transport_config() const {
  TransportConfig config;
  config.endpoint = endpoint_;
  config.token = token_;
  config.token_via = token_via_;
  config.max_message_size = options_.max_message_size;
  config.idle_timeout_s = options_.idle_timeout_s;
  for (const Subscription& sub : subscriptions_.all()) {
    if (!sub.failed) config.subscriptions.push_back(&sub);
  }
  return config;
}

void Session::on_open() {
  state_ = State::kStreaming;
  policy_.on_open(std::chrono::steady_clock::now());
  log::info("{} to {}{}", opened_before_ ? "reconnected" : "connected",
            net::with_scheme_family(endpoint_, !use_sse_).origin(),
            use_sse_ ? " (server-sent events)" : "");
  subscriptions_.reset_error_counts();

  bool first = !opened_before_;
  opened_before_ = true;
  if (filler_->running()) return;  // still filling the previous gap
  start_fill(first, [] {});
}

void Session::on_message(std::string_view message) {
  if (filler_->running()) {
    hold_message(message);
    return;
  }
  pipeline_.process(message);
  if (pipeline_.fatal_error()) finish(*pipeline_.fatal_error());
}

bool Session::incomplete() const {
  return gap_reported_ || (filler_ != nullptr && filler_->incomplete());
}

void Session::start_fill(bool first, std::function<void()> then) {
  std::vector<FillPlan> plans = make_fill_plans(first);
  if (plans.empty()) {
    then();
    return;
  }
  filler_->start(
      std::move(plans),
      [this](std::string_view message) { pipeline_.process(message); },
      [this, then = std::move(then)] {
        release_held_messages();
        then();
      });
}

void Session::hold_message(std::string_view message) {
  // Memory stays bounded during a long fill: past the limit, live events
  // are dropped and reported as a gap.
  // NOTE: no test reaches this limit; it needs 64 MiB of live traffic
  // during one fill.
  if (held_bytes_ + message.size() > kMaxHeldBytes) {
    if (!held_overflow_) {
      held_overflow_ = true;
      gap_reported_ = true;
      log::warning(
          "more than {} MiB of live events arrived during a gap "
          "fill; events from {} on were dropped and are not "
          "recovered",
          kMaxHeldBytes >> 20, utc_now());
    }
    return;
  }
  held_bytes_ += message.size();
  held_messages_.emplace_back(message);
}

void Session::release_held_messages() {
  // Events that arrived live during the fill come after it; the dedupe
  // window drops those the fill already printed.
  while (!held_messages_.empty() && !done()) {
    pipeline_.process(held_messages_.front());
    held_messages_.pop_front();
    if (pipeline_.fatal_error()) finish(*pipeline_.fatal_error());
  }
  held_messages_.clear();
  held_bytes_ = 0;
  held_overflow_ = false;
}

std::vector<FillPlan> Session::make_fill_plans(bool first) {
  std::vector<FillPlan> plans;
  for (const Subscription& sub : subscriptions_.all()) {
    if (!sub.failed) add_fill_plans(sub, first, plans);
  }
  return plans;
}

void Session::add_fill_plans(const Subscription& sub, bool first,
                             std::vector<FillPlan>& plans) {
  std::vector<Feed> feeds = feeds_for(sub.timeline);
  if (feeds.empty() && !first) {
    gap_reported_ = true;
    log::warning(
        "{}: events between {} and {} cannot be recovered: this "
        "stream has no REST equivalent",
        sub.label, disconnected_at_, utc_now());
    return;
  }

  for (Feed& feed : feeds) {
    FillPlan plan;
    plan.subscription = &sub;
    const Cursor* cursor = cursors_.find(sub.stream_json, feed.kind);
    if (cursor != nullptr) {
      plan.mode = FillPlan::Mode::kAfterCursor;
      plan.cursor_id = cursor->id;
      plan.from_time = cursor->created_at;
    } else if (first && options_.backfill > 0) {
      plan.mode = FillPlan::Mode::kNewest;
      plan.newest = options_.backfill;
    } else if (!first) {
      // Nothing was seen on this timeline yet: fetch what was created
      // since the drop, with a minute's margin for clock skew.
      plan.mode = FillPlan::Mode::kSinceTime;
      plan.since = disconnected_since_;
      plan.from_time = disconnected_at_;
    } else {
      continue;  // starts live, like tail -f without -n
    }
    plan.feed = std::move(feed);
    plans.push_back(std::move(plan));
  }
}

void Session::on_message_too_large(size_t size) {
  pipeline_.report_oversized(size);
}

void Session::on_connect_failed(const net::Failure& failure) {
  if (state_ == State::kClosing || done()) {
    finish(std::nullopt);
    return;
  }
  if (retry_another_way(failure)) return;
  schedule_retry(policy_.on_connect_failed(failure, endpoint_.origin()));
}

void Session::on_closed(const net::CloseInfo& close) {
  if (state_ == State::kClosing || done()) {
    finish(std::nullopt);
    return;
  }
  disconnected_at_ = utc_now();
  disconnected_since_ = utc_now(kClockSkewMargin);
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
  duration_timer_.cancel();
  loop_.wake();
}

}  // namespace mastotail::app
