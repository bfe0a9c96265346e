// The timelines of a run as streaming subscriptions: the subscribe
// messages to send, routing of events by their "stream" array, and
// attribution of error frames (which carry no "stream") to subscriptions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/options.h"
#include "decode/frame.h"

namespace mastotail::app {

struct Subscription {
  cli::Timeline timeline;
  std::string subscribe_message;  // {"type":"subscribe","stream":...}
  std::string stream_json;        // e.g. ["hashtag","rust"]
  std::string filter_context;     // home, public, notifications or thread
  std::string label;              // for messages, e.g. "hashtag #rust"
  bool failed = false;            // the server rejected it
};

// The effect of one error frame on the subscriptions.
struct ErrorVerdict {
  std::string message;                 // one line for stderr
  bool subscriptions_changed = false;  // some were marked failed
  bool scope_error = false;            // the token lacks a scope (exit 3)
};

class SubscriptionSet {
 public:
  explicit SubscriptionSet(const std::vector<cli::Timeline>& timelines);

  const std::vector<Subscription>& all() const { return subscriptions_; }
  bool any_active() const;

  // Returns the subscription that `frame` belongs to, or nullptr. A frame
  // without "stream" belongs to the only active subscription, if there is
  // exactly one.
  const Subscription* route(const decode::Frame& frame) const;

  // Attributes an error frame by the kind of subscription it can concern:
  // a list error to the list subscriptions, a missing tag to the hashtag
  // ones, an unknown stream to the --stream ones. Error frames come in the
  // order of the subscribe messages. Once a kind has had as many errors as
  // it has subscriptions, all of them are marked failed. With fewer, the
  // failing one is unknown, so all stay active.
  ErrorVerdict attribute_error(std::string_view error, int status);

  // Forgets error counts; call after each reconnect, because every
  // subscription is sent again.
  void reset_error_counts();

 private:
  std::vector<Subscription> subscriptions_;
  std::vector<int> error_counts_;  // per subscription kind, see .cpp
};

// True for the stream names that Mastodon's streaming server accepts.
bool is_standard_stream(std::string_view stream);

}  // namespace mastotail::app
