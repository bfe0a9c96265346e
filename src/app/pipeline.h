// The path of every message: decode, route to its subscription, apply the
// client-side media filter and the event filter, render, count. Shared by
// live runs and --replay.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "app/cursors.h"
#include "app/dedupe.h"
#include "app/subscriptions.h"
#include "cli/options.h"
#include "decode/event_ids.h"
#include "decode/frame.h"
#include "filter/event_filter.h"
#include "render/output.h"
#include "render/renderer.h"
#include "util/result.h"

namespace mastotail::app {

class Pipeline {
 public:
  // All references must outlive the pipeline.
  Pipeline(const cli::Options& options, SubscriptionSet& subscriptions,
           render::Renderer& renderer, render::Output& output);

  // Processes one complete message. A malformed message is reported on
  // stderr and skipped; it never stops the run.
  void process(std::string_view message);

  // Applies `filter` (--lang, --match, ...) to every event after routing and
  // before rendering; nullptr, the default, shows every event. Events that
  // it rejects are not counted for --count. `filter` must outlive the
  // pipeline.
  void set_filter(filter::EventFilter* filter) { filter_ = filter; }

  // Reports a message that was dropped for exceeding the size limit.
  void report_oversized(size_t size);

  // True once --count events were written.
  bool count_reached() const;

  // Set when error frames left no subscription active; the run must end
  // with this error.
  const std::optional<Error>& fatal_error() const { return fatal_error_; }

  uint64_t events_written() const { return events_written_; }

  // Writes a summary of suppressed reports, if any, at the end of a run.
  void report_totals();

  // Makes every routed event move the newest-id cursor of its timeline.
  // `cursors` must outlive the pipeline.
  void track_cursors(Cursors& cursors) { cursors_ = &cursors; }

 private:
  void process_event(const decode::Frame& frame, std::string_view message);
  void process_error(const decode::Frame& frame);
  void report_malformed(const Error& error);
  bool passes_media_filter(const decode::Frame& frame,
                           const Subscription* subscription) const;
  void note_unknown_event(std::string_view event);
  void observe_cursor(const decode::Frame& frame,
                      const Subscription& subscription,
                      const decode::EventIds& ids);

  const cli::Options& options_;
  SubscriptionSet& subscriptions_;
  render::Renderer& renderer_;
  render::Output& output_;
  decode::FrameDecoder decoder_;
  DedupeWindow dedupe_;
  Cursors* cursors_ = nullptr;
  filter::EventFilter* filter_ = nullptr;
  std::optional<Error> fatal_error_;
  std::set<std::string, std::less<>> noted_events_;
  uint64_t events_written_ = 0;
  uint64_t malformed_ = 0;
};

}  // namespace mastotail::app
