#include "cli/finish_options.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <utility>

#include "cli/values.h"

namespace mastotail::cli {
namespace {

constexpr int kMaxVerbosity = 3;

Error usage(std::string message) {
  return Error{ErrorKind::kUsage, std::move(message)};
}

Status check_output_conflicts(const ParseState& state) {
  std::string_view output = state.output_value;
  if (state.json && !output.empty() && output != "json") {
    return usage(fmt::format(
        "--json conflicts with --output {}; give only one of them", output));
  }

  if (state.options.format.empty()) return {};
  if (state.json) {
    return usage(
        "--format conflicts with --json; templates apply to text output "
        "only");
  }
  if (output == "json" || output == "raw") {
    return usage(fmt::format(
        "--format conflicts with --output {}; templates apply to text "
        "output only",
        output));
  }
  return {};
}

Result<int> resolve_verbosity(const ParseState& state) {
  if (state.quiet && state.verbose_count > 0) {
    return usage("--quiet conflicts with --verbose; give only one of them");
  }
  if (state.quiet) return 0;
  return std::min(1 + state.verbose_count, kMaxVerbosity);
}

// Maps each public stream onto its media variant and marks every other
// stream for client-side filtering. Streams that are already media variants
// stay as they are.
void apply_only_media(std::vector<Timeline>& timelines) {
  for (Timeline& timeline : timelines) {
    const std::string& stream = timeline.stream;
    if (stream == "public" || stream == "public:local" ||
        stream == "public:remote") {
      timeline.stream += ":media";
    } else if (stream != "public:media" && stream != "public:local:media" &&
               stream != "public:remote:media") {
      timeline.client_media_filter = true;
    }
  }
}

// Removes exact duplicates, keeping the first of each in the order given.
void drop_duplicates(std::vector<Timeline>& timelines) {
  std::vector<Timeline> unique;
  for (Timeline& timeline : timelines) {
    if (std::find(unique.begin(), unique.end(), timeline) == unique.end()) {
      unique.push_back(std::move(timeline));
    }
  }
  timelines = std::move(unique);
}

void resolve_timelines(Options& options) {
  if (options.timelines.empty()) {
    Timeline home;
    home.stream = "user";
    options.timelines.push_back(std::move(home));
  }
  if (options.only_media) apply_only_media(options.timelines);

  drop_duplicates(options.timelines);
}

Status resolve_instance(ParseState& state, const Environment& environment) {
  Options& options = state.options;
  if (!state.instance_given && !environment.instance.empty()) {
    Status checked = check_instance(environment.instance);
    if (!checked) {
      return usage(fmt::format("MASTOTAIL_INSTANCE '{}': {}",
                               environment.instance, checked.error().message));
    }
    options.instance = environment.instance;
  }
  // A missing instance is reported after the token sources are known,
  // because a stored account brings its own instance (app/token.h).
  return {};
}

}  // namespace

Result<Options> finish_options(ParseState state,
                               const Environment& environment) {
  Status conflicts = check_output_conflicts(state);
  if (!conflicts) return conflicts.error();

  Result<int> verbosity = resolve_verbosity(state);
  if (!verbosity) return verbosity.take_error();

  if (state.options.command == Command::kFollow) {
    Status instance = resolve_instance(state, environment);
    if (!instance) return instance.error();
  }
  if (state.options.account.empty()) {
    state.options.account = environment.account;
  }

  Options options = std::move(state.options);
  if (state.json) options.output = OutputFormat::kJson;
  options.verbosity = *verbosity;
  resolve_timelines(options);
  return options;
}

}  // namespace mastotail::cli
