#include "app/subscriptions.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "render/json_writer.h"

namespace mastotail::app {
namespace {

// Groups of subscriptions that one error frame can concern.
enum class Kind { kHashtag, kList, kCustom, kAny, kCount };

constexpr std::array<std::string_view, 12> kStandardStreams = {
    "user",          "user:notification",
    "public",        "public:media",
    "public:local",  "public:local:media",
    "public:remote", "public:remote:media",
    "hashtag",       "hashtag:local",
    "list",          "direct"};

std::string filter_context_for(std::string_view stream) {
  if (stream == "user" || stream == "list") return "home";
  if (stream == "user:notification") return "notifications";
  if (stream == "direct") return "thread";
  if (stream.rfind("public", 0) == 0 || stream.rfind("hashtag", 0) == 0) {
    return "public";
  }
  return "";
}

std::string label_for(const cli::Timeline& timeline) {
  if (timeline.param_name == "tag") {
    return timeline.stream + " #" + timeline.param_value;
  }
  if (timeline.param_name == "list") {
    return "list " + timeline.param_value;
  }
  return timeline.stream;
}

Subscription make_subscription(const cli::Timeline& timeline) {
  Subscription sub;
  sub.timeline = timeline;
  sub.filter_context = filter_context_for(timeline.stream);
  sub.label = label_for(timeline);

  std::string& message = sub.subscribe_message;
  message = R"({"type":"subscribe","stream":)";
  render::append_json_string(timeline.stream, message);
  std::string& stream = sub.stream_json;
  stream = "[";
  render::append_json_string(timeline.stream, stream);
  if (!timeline.param_name.empty()) {
    message += ',';
    render::append_json_string(timeline.param_name, message);
    message += ':';
    render::append_json_string(timeline.param_value, message);
    stream += ',';
    render::append_json_string(timeline.param_value, stream);
  }
  message += '}';
  stream += ']';
  return sub;
}

Kind kind_of(const Subscription& sub) {
  const std::string& stream = sub.timeline.stream;
  if (stream == "hashtag" || stream == "hashtag:local") return Kind::kHashtag;
  if (stream == "list") return Kind::kList;
  if (!is_standard_stream(stream)) return Kind::kCustom;
  return Kind::kAny;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// Which kind of subscription an error message concerns.
Kind kind_of_error(std::string_view error, bool has_custom) {
  if (contains(error, "tag")) return Kind::kHashtag;
  if (contains(error, "list")) return Kind::kList;
  if (contains(error, "Unknown stream") && has_custom) return Kind::kCustom;
  return Kind::kAny;
}

bool is_transient_error(std::string_view error, int status) {
  return status >= 500 || contains(error, "unsubscrib");
}

}  // namespace

bool is_standard_stream(std::string_view stream) {
  return std::find(kStandardStreams.begin(), kStandardStreams.end(), stream) !=
         kStandardStreams.end();
}

SubscriptionSet::SubscriptionSet(const std::vector<cli::Timeline>& timelines)
    : error_counts_(static_cast<size_t>(Kind::kCount), 0) {
  for (const cli::Timeline& timeline : timelines) {
    subscriptions_.push_back(make_subscription(timeline));
  }
}

bool SubscriptionSet::any_active() const {
  return std::any_of(subscriptions_.begin(), subscriptions_.end(),
                     [](const Subscription& sub) { return !sub.failed; });
}

const Subscription* SubscriptionSet::route(const decode::Frame& frame) const {
  if (!frame.has_stream || frame.stream_size == 0) {
    const Subscription* only = nullptr;
    for (const Subscription& sub : subscriptions_) {
      if (sub.failed) continue;
      if (only != nullptr) return nullptr;
      only = &sub;
    }
    return only;
  }

  std::string_view name = frame.stream[0];
  std::string_view param = frame.stream_size > 1 ? frame.stream[1] : "";
  // GoToSocial names list streams "list:ID" in a one-element array.
  if (frame.stream_size == 1 && name.rfind("list:", 0) == 0) {
    param = name.substr(5);
    name = "list";
  }

  for (const Subscription& sub : subscriptions_) {
    if (sub.timeline.stream != name) continue;
    if (sub.timeline.param_name.empty()) return &sub;
    if (equal_ignoring_case(sub.timeline.param_value, param)) return &sub;
  }
  return nullptr;
}

ErrorVerdict SubscriptionSet::attribute_error(std::string_view error,
                                              int status) {
  ErrorVerdict verdict;
  verdict.scope_error = contains(error, "scope");
  std::string reason = std::string(error);
  if (status != 0) reason += " (" + std::to_string(status) + ")";
  if (is_transient_error(error, status)) {
    verdict.message = "the streaming server reported: " + reason;
    return verdict;
  }

  bool has_custom = std::any_of(
      subscriptions_.begin(), subscriptions_.end(),
      [](const Subscription& sub) { return kind_of(sub) == Kind::kCustom; });
  Kind kind = kind_of_error(error, has_custom);
  std::vector<Subscription*> candidates;
  for (Subscription& sub : subscriptions_) {
    if (sub.failed) continue;
    if (kind == Kind::kAny || kind_of(sub) == kind) candidates.push_back(&sub);
  }

  int& count = error_counts_[static_cast<size_t>(kind)];
  ++count;
  std::string names;
  for (const Subscription* sub : candidates) {
    names += names.empty() ? "" : ", ";
    names += sub->label;
  }
  if (candidates.empty()) {
    verdict.message = "the streaming server reported: " + reason;
    return verdict;
  }
  if (count < static_cast<int>(candidates.size())) {
    verdict.message =
        "one of the subscriptions " + names + " was rejected: " + reason;
    return verdict;
  }

  for (Subscription* sub : candidates) sub->failed = true;
  verdict.subscriptions_changed = true;
  verdict.message = "subscription " + names + " rejected: " + reason;
  return verdict;
}

void SubscriptionSet::reset_error_counts() {
  std::fill(error_counts_.begin(), error_counts_.end(), 0);
}

}  // namespace mastotail::app
