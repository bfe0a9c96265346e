#include "app/pipeline.h"

#include <array>

#include "decode/probe.h"
#include "util/log.h"

namespace mastotail::app {
namespace {

// Malformed messages reported one by one before the rest are only counted.
constexpr uint64_t kMalformedReportLimit = 20;

constexpr std::array<std::string_view, 11> kKnownEvents = {
    "update",
    "status.update",
    "delete",
    "notification",
    "conversation",
    "announcement",
    "announcement.reaction",
    "announcement.delete",
    "filters_changed",
    "notifications_merged",
    "encrypted_message"};

bool is_known_event(std::string_view event) {
  for (std::string_view known : kKnownEvents) {
    if (event == known) return true;
  }
  return false;
}

bool carries_status(std::string_view event) {
  return event == "update" || event == "status.update";
}

}  // namespace

Pipeline::Pipeline(const cli::Options& options, SubscriptionSet& subscriptions,
                   render::Renderer& renderer, render::Output& output)
    : options_(options),
      subscriptions_(subscriptions),
      renderer_(renderer),
      output_(output),
      decoder_(options.max_message_size) {}

bool Pipeline::count_reached() const {
  return options_.count > 0 && events_written_ >= options_.count;
}

void Pipeline::process(std::string_view message) {
  if (count_reached()) return;

  Result<const decode::Frame*> frame = decoder_.decode(message);
  if (!frame.ok()) {
    report_malformed(frame.error());
    if (options_.output == cli::OutputFormat::kRaw) {
      output_.buffer().append(message);
      output_.buffer() += '\n';
    }
    return;
  }

  switch ((*frame)->type) {
    case decode::FrameType::kEvent:
      process_event(**frame, message);
      return;
    case decode::FrameType::kError:
      process_error(**frame);
      break;
    case decode::FrameType::kOther:
      log::debug("ignored a message with neither event nor error");
      break;
  }

  if (options_.output == cli::OutputFormat::kRaw) {
    render::EventContext context;
    context.frame = *frame;
    context.raw_message = message;
    renderer_.render(context, output_.buffer());
  }
}

void Pipeline::process_event(const decode::Frame& frame,
                             std::string_view message) {
  const Subscription* subscription = subscriptions_.route(frame);
  // The decoder read the ids while validating the payload.
  const decode::EventIds& ids = frame.ids;
  if (!options_.no_dedupe && !dedupe_.first_delivery(frame, ids)) return;
  if (subscription != nullptr) observe_cursor(frame, *subscription, ids);
  if (!passes_media_filter(frame, subscription)) return;
  if (filter_ != nullptr && !filter_->accepts(frame)) return;

  render::EventContext context;
  context.frame = &frame;
  context.raw_message = message;
  context.backfill = frame.backfill;
  if (frame.has_stream) {
    context.stream_json = frame.stream_json;
  } else if (subscription != nullptr) {
    context.stream_json = subscription->stream_json;
  }
  if (subscription != nullptr) {
    context.filter_context = subscription->filter_context;
  }

  if (renderer_.render(context, output_.buffer())) {
    ++events_written_;
  } else if (!is_known_event(frame.event) &&
             options_.output == cli::OutputFormat::kText) {
    note_unknown_event(frame.event);
  }
}

void Pipeline::process_error(const decode::Frame& frame) {
  ErrorVerdict verdict =
      subscriptions_.attribute_error(frame.error, frame.error_status);
  if (!verdict.subscriptions_changed) {
    log::warning("{}", verdict.message);
    return;
  }

  log::error("{}", verdict.message);
  if (subscriptions_.any_active()) return;

  ErrorKind kind =
      verdict.scope_error ? ErrorKind::kAuth : ErrorKind::kNotFound;
  fatal_error_ = Error{kind, "no subscription is left to follow"};
}

bool Pipeline::passes_media_filter(const decode::Frame& frame,
                                   const Subscription* subscription) const {
  // Without a subscription (--replay, or a stream not asked for), the
  // option itself decides.
  bool filter = subscription != nullptr
                    ? subscription->timeline.client_media_filter
                    : options_.only_media;
  if (!filter) return true;
  if (!carries_status(frame.event)) return true;
  if (frame.payload_type != decode::PayloadType::kJson) return false;
  return decode::status_has_media(frame.payload);
}

void Pipeline::observe_cursor(const decode::Frame& frame,
                              const Subscription& subscription,
                              const decode::EventIds& ids) {
  if (cursors_ == nullptr) return;
  std::string_view event = frame.event;
  if (event == "update") {
    cursors_->observe(subscription.stream_json, FeedKind::kStatuses, ids.id,
                      ids.created_at);
  } else if (event == "notification") {
    cursors_->observe(subscription.stream_json, FeedKind::kNotifications,
                      ids.id, ids.created_at);
  } else if (event == "conversation") {
    cursors_->observe(subscription.stream_json, FeedKind::kConversations,
                      ids.last_status_id, ids.last_status_created_at);
  }
}

void Pipeline::note_unknown_event(std::string_view event) {
  if (noted_events_.count(event) != 0) return;
  noted_events_.emplace(event);
  log::info(
      "skipping '{}' events, which text output does not show; "
      "use --json to see them",
      event);
}

void Pipeline::report_malformed(const Error& error) {
  ++malformed_;
  if (malformed_ <= kMalformedReportLimit) {
    log::warning("skipped a malformed message: {}", error.message);
  }
  if (malformed_ == kMalformedReportLimit) {
    log::warning("further malformed messages are skipped and counted");
  }
}

void Pipeline::report_oversized(size_t size) {
  log::warning("skipped a message of {} bytes, over --max-message-size {}",
               size, options_.max_message_size);
}

void Pipeline::report_totals() {
  if (malformed_ > kMalformedReportLimit) {
    log::warning("skipped {} malformed messages in all", malformed_);
  }
}

}  // namespace mastotail::app
