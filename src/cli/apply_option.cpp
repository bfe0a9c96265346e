#include "cli/apply_option.h"

#include <fmt/format.h>

#include <array>

#include "cli/filter_values.h"
#include "cli/run_values.h"
#include "cli/values.h"

namespace mastotail::cli {
namespace {

// Stores one value; returns an Error whose message is the reason only.
using Handler = Status (*)(std::string_view value, ParseState& state);

struct NamedHandler {
  std::string_view long_name;
  Handler handler;
};

Status add_timeline(ParseState& state, Timeline timeline) {
  state.options.timelines.push_back(std::move(timeline));
  return {};
}

Status add_stream(ParseState& state, std::string stream) {
  Timeline timeline;
  timeline.stream = std::move(stream);
  return add_timeline(state, std::move(timeline));
}

Status add_stream_with_param(ParseState& state, std::string stream,
                             std::string param_name, std::string param_value) {
  Timeline timeline;
  timeline.stream = std::move(stream);
  timeline.param_name = std::move(param_name);
  timeline.param_value = std::move(param_value);
  return add_timeline(state, std::move(timeline));
}

Status add_hashtag(ParseState& state, std::string stream,
                   std::string_view value) {
  Result<std::string> tag = parse_hashtag(value);
  if (!tag) return tag.take_error();

  return add_stream_with_param(state, std::move(stream), "tag",
                               std::move(*tag));
}

Status add_list(ParseState& state, std::string_view value) {
  Status checked = check_list_id(value);
  if (!checked) return checked;

  return add_stream_with_param(state, "list", "list", std::string(value));
}

Status add_named_stream(ParseState& state, std::string_view value) {
  Status checked = check_stream_name(value);
  if (!checked) return checked;

  return add_stream(state, std::string(value));
}

Status require_not_empty(std::string_view value, std::string_view noun) {
  if (!value.empty()) return {};
  return Error{ErrorKind::kUsage, fmt::format("empty {}", noun)};
}

Status set_instance(ParseState& state, std::string_view value) {
  Status checked = check_instance(value);
  if (!checked) return checked;

  state.options.instance = value;
  state.instance_given = true;
  return {};
}

Status set_streaming_url(ParseState& state, std::string_view value) {
  Status checked = check_streaming_url(value);
  if (!checked) return checked;

  state.options.streaming_url = value;
  return {};
}

Status set_path(std::string& field, std::string_view value) {
  Status checked = require_not_empty(value, "file name");
  if (!checked) return checked;

  field = value;
  return {};
}

// Account names have the form user@host (see mastotail accounts).
Status set_account_name(std::string& field, std::string_view value) {
  size_t at = value.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == value.size()) {
    return Error{ErrorKind::kUsage,
                 "expected an account name user@host; mastotail accounts "
                 "lists them"};
  }
  field = value;
  return {};
}

Status set_token_command(ParseState& state, std::string_view value) {
  Status checked = require_not_empty(value, "command");
  if (!checked) return checked;

  state.options.token_command = value;
  return {};
}

Status set_max_message_size(ParseState& state, std::string_view value) {
  Result<size_t> size = parse_byte_size(value);
  if (!size) return size.take_error();

  state.options.max_message_size = *size;
  return {};
}

// The value is one of the table's choices, checked before this runs.
Status set_transport(ParseState& state, std::string_view value) {
  TransportMode mode = TransportMode::kAuto;
  if (value == "ws") mode = TransportMode::kWebSocket;
  if (value == "sse") mode = TransportMode::kSse;

  state.options.transport = mode;
  return {};
}

// The value is one of the table's choices, checked before this runs.
Status set_token_via(ParseState& state, std::string_view value) {
  TokenViaMode mode = TokenViaMode::kAuto;
  if (value == "header") mode = TokenViaMode::kHeader;
  if (value == "protocol") mode = TokenViaMode::kProtocol;
  if (value == "query") mode = TokenViaMode::kQuery;

  state.options.token_via = mode;
  return {};
}

// The value is one of the table's choices, checked before this runs.
Status set_output(ParseState& state, std::string_view value) {
  OutputFormat format = OutputFormat::kText;
  if (value == "json") format = OutputFormat::kJson;
  if (value == "raw") format = OutputFormat::kRaw;

  state.options.output = format;
  state.output_value = value;
  return {};
}

Status set_color(ParseState& state, std::string_view value) {
  ColorMode mode = ColorMode::kAuto;
  if (value == "always") mode = ColorMode::kAlways;
  if (value == "never") mode = ColorMode::kNever;

  state.options.color = mode;
  return {};
}

Status set_cw(ParseState& state, std::string_view value) {
  CwMode mode = CwMode::kWarn;
  if (value == "show") mode = CwMode::kShow;
  if (value == "hide") mode = CwMode::kHide;

  state.options.cw = mode;
  return {};
}

Status set_width(ParseState& state, std::string_view value) {
  Result<int> width = parse_width(value);
  if (!width) return width.take_error();

  state.options.width = *width;
  return {};
}

Status set_format(ParseState& state, std::string_view value) {
  Status checked = require_not_empty(value, "template");
  if (!checked) return checked;

  state.options.format = value;
  return {};
}

Status set_count(ParseState& state, std::string_view value) {
  Result<uint64_t> count = parse_count(value);
  if (!count) return count.take_error();

  state.options.count = *count;
  return {};
}

Status set_int(int& field, Result<int> value) {
  if (!value) return value.take_error();

  field = *value;
  return {};
}

Status set_duration(ParseState& state, std::string_view value) {
  auto duration = parse_duration(value);
  if (!duration) return duration.take_error();

  state.options.duration_s = duration->count();
  return {};
}

Status add_language(ParseState& state, std::string_view value) {
  Result<std::string> code = parse_language(value);
  if (!code) return code.take_error();

  state.options.filters.languages.push_back(std::move(*code));
  return {};
}

Status add_items(std::vector<std::string>& field,
                 Result<std::vector<std::string>> items) {
  if (!items) return items.take_error();

  field.insert(field.end(), items->begin(), items->end());
  return {};
}

Status add_pattern(std::vector<std::string>& field, std::string_view value) {
  Status checked = check_pattern(value);
  if (!checked) return checked;

  field.emplace_back(value);
  return {};
}

Status add_account(std::vector<std::string>& field, std::string_view value) {
  Status checked = check_account(value);
  if (!checked) return checked;

  field.emplace_back(value);
  return {};
}

Status set_flag(bool& field) {
  field = true;
  return {};
}

Status count_verbose(ParseState& state) {
  ++state.verbose_count;
  return {};
}

Status ignore(std::string_view, ParseState&) { return {}; }

using S = ParseState;
using V = std::string_view;

const auto kHandlers = std::to_array<NamedHandler>({
    {"home", [](V, S& s) { return add_stream(s, "user"); }},
    {"notifications",
     [](V, S& s) { return add_stream(s, "user:notification"); }},
    {"public", [](V, S& s) { return add_stream(s, "public"); }},
    {"local", [](V, S& s) { return add_stream(s, "public:local"); }},
    {"remote", [](V, S& s) { return add_stream(s, "public:remote"); }},
    {"tag", [](V v, S& s) { return add_hashtag(s, "hashtag", v); }},
    {"local-tag", [](V v, S& s) { return add_hashtag(s, "hashtag:local", v); }},
    {"list", [](V v, S& s) { return add_list(s, v); }},
    {"direct", [](V, S& s) { return add_stream(s, "direct"); }},
    {"only-media", [](V, S& s) { return set_flag(s.options.only_media); }},
    {"stream", [](V v, S& s) { return add_named_stream(s, v); }},
    {"events",
     [](V v, S& s) {
       return add_items(s.options.filters.events, parse_event_list(v));
     }},
    {"lang", [](V v, S& s) { return add_language(s, v); }},
    {"visibility",
     [](V v, S& s) {
       return add_items(s.options.filters.visibilities,
                        parse_visibility_list(v));
     }},
    {"no-boosts",
     [](V, S& s) { return set_flag(s.options.filters.no_boosts); }},
    {"no-replies",
     [](V, S& s) { return set_flag(s.options.filters.no_replies); }},
    {"no-bots", [](V, S& s) { return set_flag(s.options.filters.no_bots); }},
    {"match",
     [](V v,
        S& s) { return add_pattern(s.options.filters.match_patterns, v); }},
    {"exclude",
     [](V v,
        S& s) { return add_pattern(s.options.filters.exclude_patterns, v); }},
    {"ignore-case",
     [](V, S& s) { return set_flag(s.options.filters.ignore_case); }},
    {"from",
     [](V v, S& s) { return add_account(s.options.filters.from_accounts, v); }},
    {"exclude-from",
     [](V v,
        S& s) { return add_account(s.options.filters.excluded_accounts, v); }},
    {"instance", [](V v, S& s) { return set_instance(s, v); }},
    {"streaming-url", [](V v, S& s) { return set_streaming_url(s, v); }},
    {"token-file", [](V v, S& s) { return set_path(s.options.token_file, v); }},
    {"token-command", [](V v, S& s) { return set_token_command(s, v); }},
    {"account",
     [](V v, S& s) { return set_account_name(s.options.account, v); }},
    {"no-browser-callback",
     [](V, S& s) { return set_flag(s.options.no_browser_callback); }},
    {"default",
     [](V v, S& s) { return set_account_name(s.options.default_account, v); }},
    {"cacert", [](V v, S& s) { return set_path(s.options.cacert, v); }},
    {"insecure", [](V, S& s) { return set_flag(s.options.insecure); }},
    {"transport", [](V v, S& s) { return set_transport(s, v); }},
    {"token-via", [](V v, S& s) { return set_token_via(s, v); }},
    {"max-message-size", [](V v, S& s) { return set_max_message_size(s, v); }},
    {"output", [](V v, S& s) { return set_output(s, v); }},
    {"json", [](V, S& s) { return set_flag(s.json); }},
    {"color", [](V v, S& s) { return set_color(s, v); }},
    {"width", [](V v, S& s) { return set_width(s, v); }},
    {"cw", [](V v, S& s) { return set_cw(s, v); }},
    {"format", [](V v, S& s) { return set_format(s, v); }},
    {"count", [](V v, S& s) { return set_count(s, v); }},
    {"replay", [](V v, S& s) { return set_path(s.options.replay, v); }},
    {"backfill",
     [](V v, S& s) {
       return set_int(s.options.backfill, parse_bounded_int(v, 0, 1000));
     }},
    {"no-follow", [](V, S& s) { return set_flag(s.options.no_follow); }},
    {"duration", [](V v, S& s) { return set_duration(s, v); }},
    {"state", [](V v, S& s) { return set_path(s.options.state_path, v); }},
    {"no-dedupe", [](V, S& s) { return set_flag(s.options.no_dedupe); }},
    {"retries",
     [](V v, S& s) {
       return set_int(s.options.retries, parse_bounded_int(v, 0, 1000000));
     }},
    {"connect-timeout",
     [](V v, S& s) {
       return set_int(s.options.connect_timeout_s, parse_seconds(v, 1, 600));
     }},
    {"idle-timeout",
     [](V v, S& s) {
       return set_int(s.options.idle_timeout_s, parse_seconds(v, 5, 3600));
     }},
    {"verbose", [](V, S& s) { return count_verbose(s); }},
    {"quiet", [](V, S& s) { return set_flag(s.quiet); }},
    {"version", ignore},
    {"help", ignore},
});

Handler find_handler(std::string_view long_name) {
  for (const NamedHandler& entry : kHandlers) {
    if (entry.long_name == long_name) return entry.handler;
  }
  return nullptr;
}

Status check_choice(const OptionSpec& spec, std::string_view value) {
  if (spec.choices.empty()) return {};
  for (std::string_view choice : spec.choices) {
    if (value == choice) return {};
  }
  return Error{ErrorKind::kUsage, fmt::format("expected one of {}",
                                              fmt::join(spec.choices, ", "))};
}

}  // namespace

std::string option_error(const OptionSpec& spec, std::string_view value,
                         std::string_view reason) {
  if (value.empty()) return fmt::format("--{}: {}", spec.long_name, reason);
  return fmt::format("--{} '{}': {}", spec.long_name, value, reason);
}

bool has_handler(std::string_view long_name) {
  return find_handler(long_name) != nullptr;
}

Status apply_option(const Occurrence& occurrence, ParseState& state) {
  const OptionSpec& spec = *occurrence.spec;
  Handler handler = find_handler(spec.long_name);
  if (handler == nullptr) {
    return Error{ErrorKind::kInternal,
                 fmt::format("--{}: option has no handler", spec.long_name)};
  }

  Status status = check_choice(spec, occurrence.value);
  if (status) status = handler(occurrence.value, state);
  if (status) return status;

  return Error{ErrorKind::kUsage,
               option_error(spec, occurrence.value, status.error().message)};
}

}  // namespace mastotail::cli
