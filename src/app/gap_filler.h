// Fetching over REST what the streaming connection did not deliver: after
// a reconnect (everything newer than the newest id seen), at start with
// --state, and for -n/--backfill (the newest N). Requests run one at a time
// on the loop. Once every plan is done, the events are handed out oldest
// first, each marked as a backfill.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/rest_feeds.h"
#include "app/subscriptions.h"
#include "net/http_client.h"
#include "net/loop.h"
#include "net/url.h"

namespace mastotail::app {

struct FillPlan {
  enum class Mode {
    kAfterCursor,  // everything newer than cursor_id
    kNewest,       // the newest `newest` entries
    kSinceTime,    // everything created at or after `since`
  };

  const Subscription* subscription = nullptr;
  Feed feed;
  Mode mode = Mode::kAfterCursor;
  std::string cursor_id;
  std::string from_time;  // start of the gap, for reports (RFC 3339)
  int newest = 0;
  std::string since;  // RFC 3339 UTC; compared to the second
};

class GapFiller {
 public:
  // Pages a feed may take before the rest of a gap counts as lost.
  static constexpr int kMaxPages = 25;
  static constexpr int kPageSize = 40;

  GapFiller(net::Loop& loop, net::Url instance, std::string token);
  ~GapFiller();

  // Runs the plans. `emit` gets each message, in created_at order, in
  // mastotail's NDJSON form with "backfill":true; then `done` runs. Every
  // part of a gap that could not be fetched is reported on stderr.
  void start(std::vector<FillPlan> plans,
             std::function<void(std::string_view message)> emit,
             std::function<void()> done);

  bool running() const { return running_; }

  // True when some events could not be recovered since construction.
  bool incomplete() const { return incomplete_; }

 private:
  struct Collected {
    std::string message;
    std::string created_at;
    std::string id;
  };

  void start_plan();
  void fetch(const std::string& url);
  void retry_later(std::chrono::milliseconds delay);
  void on_response(Result<net::HttpResponse> response,
                   const net::Failure& failure);
  void on_page(const net::HttpResponse& response);
  bool keep_element(std::string_view element, bool& stop);
  void finish_plan();
  void fail_plan(const std::string& reason);
  void finish_all();
  std::string first_url() const;

  net::Loop& loop_;
  net::Url instance_;
  std::string token_;
  std::unique_ptr<net::HttpFetch> fetch_;
  std::unique_ptr<net::HttpFetch> retired_fetch_;
  net::Timer retry_timer_;
  std::vector<FillPlan> plans_;
  size_t plan_index_ = 0;
  std::string current_url_;
  int pages_ = 0;
  int attempts_ = 0;
  std::vector<std::string> plan_entries_;  // this plan's, newest first
  std::vector<Collected> collected_;
  std::function<void(std::string_view)> emit_;
  std::function<void()> done_;
  bool running_ = false;
  bool incomplete_ = false;
};

// Returns the current time, minus `earlier`, as RFC 3339 UTC
// ("2026-12-04T17:05:00Z").
std::string utc_now(std::chrono::seconds earlier = {});

}  // namespace mastotail::app
