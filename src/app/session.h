// A live run: discover the streaming URL, keep one WebSocket open,
// subscribe every timeline on each connect, and hand messages to the
// pipeline. States: discovering -> connecting -> streaming -> (waiting to
// reconnect -> connecting ...) -> done.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/cursors.h"
#include "app/discovery.h"
#include "app/gap_filler.h"
#include "app/pipeline.h"
#include "app/reconnect_policy.h"
#include "app/subscriptions.h"
#include "app/transport.h"
#include "cli/options.h"
#include "decode/instance.h"
#include "net/loop.h"
#include "net/ws_client.h"

namespace mastotail::app {

class Session : public net::WebSocketHandler {
 public:
  enum class State {
    kIdle,
    kDiscovering,
    kConnecting,
    kStreaming,
    kWaiting,
    kClosing,
    kDone
  };

  // All references must outlive the session.
  Session(net::Loop& loop, const cli::Options& options, std::string token,
          SubscriptionSet& subscriptions, Pipeline& pipeline, Cursors& cursors);
  ~Session() override;

  void start();

  // Ends the run: closes the WebSocket with code 1000 and stops retrying.
  // done() becomes true within about a second.
  void stop();

  bool done() const { return state_ == State::kDone; }
  State state() const { return state_; }

  // Why the run failed; empty when it ended as asked.
  const std::optional<Error>& error() const { return error_; }

  // True when some events could not be recovered (each gap was reported).
  bool incomplete() const;

  // WebSocketHandler.
  void on_open() override;
  void on_message(std::string_view message) override;
  void on_message_too_large(size_t size) override;
  void on_connect_failed(const net::Failure& failure) override;
  void on_closed(const net::CloseInfo& close) override;

 private:
  void discover();
  void connect();
  TransportConfig transport_config() const;
  void schedule_retry(const Decision& decision);
  void finish(std::optional<Error> error);
  void check_streaming_url(const net::Url& url);
  std::vector<FillPlan> make_fill_plans(bool first);
  void add_fill_plans(const Subscription& sub, bool first,
                      std::vector<FillPlan>& plans);
  void start_fill(bool first, std::function<void()> then);
  void hold_message(std::string_view message);
  void release_held_messages();
  // Transport choice, in session_transport.cpp.
  void choose_initial_transport();
  std::unique_ptr<Transport> make_transport();
  bool retry_another_way(const net::Failure& failure);
  void warn_about_feed_access(const decode::InstanceInfo& info) const;

  net::Loop& loop_;
  const cli::Options& options_;
  std::string token_;
  SubscriptionSet& subscriptions_;
  Pipeline& pipeline_;
  Cursors& cursors_;
  ReconnectPolicy policy_;
  net::Url instance_;
  net::Url endpoint_;
  std::unique_ptr<Discovery> discovery_;
  std::unique_ptr<Transport> transport_;
  std::unique_ptr<Transport> retired_transport_;
  net::Timer retry_timer_;
  net::Timer stop_timer_;
  net::Timer duration_timer_;
  std::unique_ptr<GapFiller> filler_;
  // Live messages that arrive while a gap is filled, printed after it.
  std::deque<std::string> held_messages_;
  size_t held_bytes_ = 0;
  bool held_overflow_ = false;      // live events were dropped during this fill
  std::string disconnected_at_;     // UTC time the last connection dropped
  std::string disconnected_since_;  // the same, a little earlier
  bool gap_reported_ = false;
  bool opened_before_ = false;
  bool use_sse_ = false;  // --transport sse, or auto after a refusal
  net::TokenVia token_via_ = net::TokenVia::kHeader;
  State state_ = State::kIdle;
  std::optional<Error> error_;
};

}  // namespace mastotail::app
