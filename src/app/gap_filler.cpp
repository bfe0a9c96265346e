#include "app/gap_filler.h"

#include <algorithm>
#include <ctime>

#include "app/reconnect_policy.h"
#include "decode/event_ids.h"
#include "decode/instance.h"
#include "decode/rest_page.h"
#include "util/log.h"

namespace mastotail::app {
namespace {

constexpr int kMaxAttempts = 3;
constexpr std::chrono::seconds kLongestRateLimitWait{60};

std::string describe_status(const net::HttpResponse& response) {
  std::string text = "HTTP " + std::to_string(response.status);
  if (!response.is_json()) {
    return text + " from a proxy, not the Mastodon API";
  }
  std::string reason = decode::decode_error_message(response.body);
  return reason.empty() ? text : text + " (" + reason + ")";
}

// Orders backfilled events by creation time, then by id.
bool created_before(const std::string& time_a, const std::string& id_a,
                    const std::string& time_b, const std::string& id_b) {
  if (time_a != time_b) return time_a < time_b;
  return decode::compare_ids(id_a, id_b) < 0;
}

}  // namespace

std::string utc_now(std::chrono::seconds earlier) {
  std::time_t now = std::time(nullptr) - earlier.count();
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

GapFiller::GapFiller(net::Loop& loop, net::Url instance, std::string token)
    : loop_(loop),
      instance_(net::with_scheme_family(instance, false)),
      token_(std::move(token)),
      retry_timer_(loop) {}

GapFiller::~GapFiller() { std::fill(token_.begin(), token_.end(), '\0'); }

void GapFiller::start(std::vector<FillPlan> plans,
                      std::function<void(std::string_view)> emit,
                      std::function<void()> done) {
  plans_ = std::move(plans);
  emit_ = std::move(emit);
  done_ = std::move(done);
  plan_index_ = 0;
  collected_.clear();
  running_ = true;
  start_plan();
}

std::string GapFiller::first_url() const {
  const FillPlan& plan = plans_[plan_index_];
  std::string query = plan.feed.query;
  auto add = [&query](const std::string& parameter) {
    query += query.empty() ? "" : "&";
    query += parameter;
  };

  int limit = kPageSize;
  if (plan.mode == FillPlan::Mode::kNewest) {
    limit = std::min(plan.newest, kPageSize);
  }
  bool uses_cursor = plan.mode == FillPlan::Mode::kAfterCursor &&
                     plan.feed.kind != FeedKind::kConversations;
  if (uses_cursor) add("min_id=" + net::percent_encode(plan.cursor_id));
  add("limit=" + std::to_string(limit));
  return instance_.origin() + plan.feed.path + "?" + query;
}

void GapFiller::start_plan() {
  if (plan_index_ >= plans_.size()) {
    finish_all();
    return;
  }
  pages_ = 0;
  plan_entries_.clear();
  fetch(first_url());
}

void GapFiller::fetch(const std::string& url) {
  Result<net::Url> parsed = net::parse_url(url);
  if (!parsed.ok() || parsed->origin() != instance_.origin()) {
    // A Link header pointing elsewhere must not receive the token.
    fail_plan("the server's next page is on another host (" + url + ")");
    return;
  }

  current_url_ = url;
  attempts_ = 0;
  net::HttpRequest request;
  request.url = *parsed;
  request.bearer_token = token_;

  // This runs inside the previous request's callback, so that request is
  // kept alive until the next one instead of being destroyed under it.
  retired_fetch_ = std::move(fetch_);
  fetch_ = std::make_unique<net::HttpFetch>(loop_);
  fetch_->start(std::move(request), [this](Result<net::HttpResponse> response,
                                           net::Failure failure) {
    on_response(std::move(response), failure);
  });
}

void GapFiller::retry_later(std::chrono::milliseconds delay) {
  int attempts = attempts_ + 1;
  retry_timer_.schedule(delay, [this, attempts] {
    std::string url = current_url_;
    fetch(url);
    attempts_ = attempts;
  });
}

void GapFiller::on_response(Result<net::HttpResponse> response,
                            const net::Failure& failure) {
  std::chrono::milliseconds backoff(1000 << attempts_);
  if (!response.ok()) {
    if (attempts_ + 1 < kMaxAttempts) return retry_later(backoff);
    return fail_plan("REST request failed: " + failure.describe());
  }

  int status = response->status;
  if (status == 200 || status == 206) return on_page(*response);

  if (status == 429 || status == 503) {
    auto wait =
        std::max(parse_retry_after(response->retry_after),
                 parse_rate_limit_reset(response->ratelimit_reset,
                                        std::chrono::system_clock::now()));
    if (attempts_ + 1 < kMaxAttempts && wait <= kLongestRateLimitWait) {
      log::info("REST {}; retrying in {} s", describe_status(*response),
                std::max<int64_t>(wait.count(), backoff.count()) / 1000);
      return retry_later(std::max(wait, backoff));
    }
    return fail_plan("rate limited: " + describe_status(*response));
  }
  if (status >= 500 && attempts_ + 1 < kMaxAttempts) {
    log::info("REST {}; retrying", describe_status(*response));
    return retry_later(backoff);
  }
  fail_plan(describe_status(*response));
}

bool GapFiller::keep_element(std::string_view element, bool& stop) {
  const FillPlan& plan = plans_[plan_index_];
  if (plan.mode == FillPlan::Mode::kNewest) {
    stop = static_cast<int>(plan_entries_.size()) + 1 >= plan.newest;
    return true;
  }
  bool conversation = plan.feed.kind == FeedKind::kConversations;
  if (plan.mode == FillPlan::Mode::kAfterCursor && !conversation) {
    return true;
  }

  // Conversations have no usable cursor parameter, and kSinceTime has no
  // cursor at all: read each entry and stop at the first old one.
  static decode::EventIdReader reader;
  decode::EventIds ids = reader.read(element);
  bool newer = false;
  if (plan.mode == FillPlan::Mode::kAfterCursor) {
    newer = decode::compare_ids(ids.last_status_id, plan.cursor_id) > 0;
  } else {
    std::string_view time =
        conversation ? ids.last_status_created_at : ids.created_at;
    // Compare to the second: "…:05.123Z" sorts before "…:05Z" as text.
    newer = time.substr(0, 19) >= std::string_view(plan.since).substr(0, 19);
  }
  if (!newer) stop = true;
  return newer;
}

void GapFiller::on_page(const net::HttpResponse& response) {
  const FillPlan& plan = plans_[plan_index_];
  bool stop = false;
  size_t before = plan_entries_.size();
  Status parsed = decode::for_each_page_element(
      response.body, [&](std::string_view element) {
        if (!stop && keep_element(element, stop)) {
          plan_entries_.emplace_back(element);
        }
      });
  if (!parsed.ok()) return fail_plan(parsed.error().message);

  bool empty = plan_entries_.size() == before;
  bool forward = plan.mode == FillPlan::Mode::kAfterCursor &&
                 plan.feed.kind != FeedKind::kConversations;
  if (forward && !empty) {
    // min_id pages come newest first: keep the whole list newest first.
    std::rotate(plan_entries_.begin(), plan_entries_.begin() + before,
                plan_entries_.end());
  }
  if (stop || empty) return finish_plan();

  std::string_view next =
      decode::find_link(response.link, forward ? "prev" : "next");
  if (next.empty()) return finish_plan();
  if (++pages_ >= kMaxPages) {
    finish_plan();
    incomplete_ = true;
    log::warning(
        "{}: stopped after {} pages of {}; older missed events "
        "between {} and {} were not recovered",
        plan.subscription->label, kMaxPages, feed_kind_name(plan.feed.kind),
        plan.from_time, utc_now());
    return;
  }
  fetch(std::string(next));
}

void GapFiller::finish_plan() {
  const FillPlan& plan = plans_[plan_index_];
  static decode::EventIdReader reader;
  for (auto entry = plan_entries_.rbegin(); entry != plan_entries_.rend();
       ++entry) {
    decode::EventIds ids = reader.read(*entry);
    Collected item;
    item.message = "{\"event\":\"" + std::string(plan.feed.event) +
                   "\",\"stream\":" + plan.subscription->stream_json +
                   ",\"payload\":" + *entry + ",\"backfill\":true}";
    item.created_at = std::string(
        ids.created_at.empty() ? ids.last_status_created_at : ids.created_at);
    item.id = std::string(ids.id);
    collected_.push_back(std::move(item));
  }
  if (!plan_entries_.empty()) {
    log::info("{}: fetched {} missed {} over REST", plan.subscription->label,
              plan_entries_.size(),
              plan_entries_.size() == 1 ? feed_entry_name(plan.feed.kind)
                                        : feed_kind_name(plan.feed.kind));
  }
  ++plan_index_;
  start_plan();
}

void GapFiller::fail_plan(const std::string& reason) {
  const FillPlan& plan = plans_[plan_index_];
  incomplete_ = true;
  log::warning("{}: could not recover {} missed between {} and {}: {}",
               plan.subscription->label, feed_kind_name(plan.feed.kind),
               plan.from_time.empty() ? "the last event" : plan.from_time,
               utc_now(), reason);
  finish_plan();
}

void GapFiller::finish_all() {
  std::stable_sort(collected_.begin(), collected_.end(),
                   [](const Collected& a, const Collected& b) {
                     return created_before(a.created_at, a.id, b.created_at,
                                           b.id);
                   });
  running_ = false;
  for (const Collected& item : collected_) emit_(item.message);
  collected_.clear();

  std::function<void()> done = std::move(done_);
  if (done) done();
}

}  // namespace mastotail::app
