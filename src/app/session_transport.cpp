// The transport side of Session: WebSocket or SSE, where the token
// travels, and the switch to the other one after the server rejects one.
#include <vector>

#include "app/session.h"
#include "app/sse_streams.h"
#include "app/transport_choice.h"
#include "util/log.h"

namespace mastotail::app {
namespace {

// Returns the first subscription without an SSE endpoint, or nullptr.
const Subscription* first_without_sse(const SubscriptionSet& subscriptions,
                                      const net::Url& endpoint) {
  for (const Subscription& sub : subscriptions.all()) {
    if (sub.failed) continue;
    if (!sse_url(endpoint, sub.timeline).ok()) return &sub;
  }
  return nullptr;
}

// The origins ("local", "remote") whose posts `stream` carries and the
// timelines_access entry that governs them; nullptr for streams that
// the setting does not concern.
const decode::FeedAccess* feed_access_for(std::string_view stream,
                                          const decode::InstanceInfo& info,
                                          bool& local, bool& remote) {
  local = stream.find(":remote") == std::string_view::npos;
  remote = stream.find(":local") == std::string_view::npos;
  if (stream.starts_with("public")) return &info.live_feeds;
  if (stream.starts_with("hashtag")) return &info.hashtag_feeds;
  return nullptr;
}

}  // namespace

void Session::choose_initial_transport() {
  use_sse_ = options_.transport == cli::TransportMode::kSse;
  token_via_ = initial_token_via(options_.token_via);
  if (options_.insecure) {
    log::warning(
        "--insecure: TLS certificates are not verified, so a machine in "
        "the network path can read the access token");
  }
  if (!use_sse_) return;

  // Any streaming URL works here: only the stream names matter.
  net::Url any_endpoint = net::with_scheme_family(instance_, true);
  if (const Subscription* sub =
          first_without_sse(subscriptions_, any_endpoint)) {
    finish(Error{ErrorKind::kUsage,
                 "--transport sse: the stream '" + sub->timeline.stream +
                     "' has no server-sent events endpoint"});
  }
}

std::unique_ptr<Transport> Session::make_transport() {
  if (use_sse_) return make_sse_transport(loop_, *this);
  return make_websocket_transport(loop_, *this);
}

bool Session::retry_another_way(const net::Failure& failure) {
  if (use_sse_) return false;

  if (token_rejected(failure)) {
    std::optional<net::TokenVia> next =
        token_via_after_rejection(options_.token_via, token_via_);
    if (!next) return false;
    log::info(
        "the streaming server rejected the token in {} ({}); trying "
        "{} next",
        token_via_name(token_via_), failure.describe(), token_via_name(*next));
    token_via_ = *next;
    connect();
    return true;
  }

  if (options_.transport != cli::TransportMode::kAuto ||
      !websocket_refused(failure)) {
    return false;
  }
  if (const Subscription* sub = first_without_sse(subscriptions_, endpoint_)) {
    log::info(
        "{} refused the WebSocket upgrade ({}), and {} has no "
        "server-sent events endpoint to fall back to",
        endpoint_.origin(), failure.describe(), sub->label);
    return false;
  }
  log::info(
      "{} refused the WebSocket upgrade ({}); using server-sent "
      "events (SSE) from now on",
      endpoint_.origin(), failure.describe());
  use_sse_ = true;
  connect();
  return true;
}

void Session::warn_about_feed_access(const decode::InstanceInfo& info) const {
  for (const Subscription& sub : subscriptions_.all()) {
    bool local = false;
    bool remote = false;
    const decode::FeedAccess* access =
        feed_access_for(sub.timeline.stream, info, local, remote);
    if (access == nullptr) continue;

    bool local_disabled = local && access->local == "disabled";
    bool remote_disabled = remote && access->remote == "disabled";
    if (!local_disabled && !remote_disabled) continue;

    if (local_disabled == local && remote_disabled == remote) {
      log::warning(
          "{}: the instance shows this feed only to roles allowed to view "
          "live feeds (timelines_access: disabled), so the stream will "
          "carry delete events but no statuses for other accounts",
          sub.label);
      continue;
    }
    log::warning(
        "{}: the instance shows {} statuses of this feed only to roles "
        "allowed to view live feeds (timelines_access: disabled), so those "
        "will be missing",
        sub.label, local_disabled ? "local" : "remote");
  }
}

}  // namespace mastotail::app
