#include "cli/option_table.h"

namespace mastotail::cli {
namespace {

using G = OptionGroup;

std::vector<OptionSpec> make_timeline_options() {
  return {
      {.long_name = "home",
       .help = "follow the home timeline and notifications (stream user); "
               "the default when no timeline option is given"},
      {.long_name = "notifications",
       .help = "follow notifications only (stream user:notification)"},
      {.long_name = "public",
       .help = "follow the federated timeline (stream public)"},
      {.long_name = "local",
       .help = "follow the instance's local timeline (stream public:local)"},
      {.long_name = "remote",
       .help = "follow the federated timeline without local statuses "
               "(stream public:remote)"},
      {.long_name = "tag",
       .value_name = "NAME",
       .help = "follow a hashtag (stream hashtag); a leading '#' is "
               "ignored; repeatable",
       .repeats = true},
      {.long_name = "local-tag",
       .value_name = "NAME",
       .help = "follow a hashtag in local statuses only (stream "
               "hashtag:local); repeatable",
       .repeats = true},
      {.long_name = "list",
       .value_name = "ID",
       .help = "follow a list by its id from /api/v1/lists (stream list); "
               "repeatable",
       .repeats = true},
      {.long_name = "direct",
       .help = "follow direct conversations (stream direct)"},
      {.long_name = "only-media",
       .help = "show only statuses with media: the server's media streams "
               "for --public, --local and --remote, a client-side filter "
               "for the other timelines"},
      {.long_name = "stream",
       .value_name = "NAME",
       .help = "follow a stream by its server name, sent as given without "
               "parameters (letters, digits and ':_.-'); repeatable",
       .repeats = true},
  };
}

std::vector<OptionSpec> make_connection_options() {
  return {
      {.long_name = "instance",
       .short_name = 'i',
       .value_name = "HOST|URL",
       .group = G::kConnection,
       .help = "instance host name or http(s) URL (default: "
               "$MASTOTAIL_INSTANCE)"},
      {.long_name = "streaming-url",
       .value_name = "URL",
       .group = G::kConnection,
       .help = "streaming API URL: http, https, ws or wss (default: the URL "
               "that the instance announces)"},
      {.long_name = "token-file",
       .value_name = "PATH",
       .group = G::kConnection,
       .help = "read the access token from this file (default: "
               "$MASTOTAIL_TOKEN)"},
      {.long_name = "cacert",
       .value_name = "FILE",
       .group = G::kConnection,
       .help = "PEM file of additional CA certificates for TLS verification"},
      {.long_name = "max-message-size",
       .value_name = "BYTES",
       .group = G::kConnection,
       .help = "maximum size of one WebSocket message in bytes; the suffixes "
               "K, M and G mean KiB, MiB and GiB; larger messages are "
               "reported and skipped (default: 8M, range: 1K to 1G)"},
  };
}

std::vector<OptionSpec> make_output_options() {
  return {
      {.long_name = "output",
       .short_name = 'o',
       .value_name = "FORMAT",
       .group = G::kOutput,
       .help = "output format: text for people, json for NDJSON, raw for "
               "server frames as received (default: text)",
       .choices = {"text", "json", "raw"}},
      {.long_name = "json",
       .group = G::kOutput,
       .help = "same as -o json: one JSON object per event and line"},
      {.long_name = "color",
       .value_name = "WHEN",
       .group = G::kOutput,
       .help = "color in text output: auto, always or never (default: auto)",
       .choices = {"auto", "always", "never"}},
      {.long_name = "width",
       .value_name = "N",
       .group = G::kOutput,
       .help = "wrap text output at N columns, 20 to 1000 (default: 0, the "
               "terminal width, and no wrapping when stdout is not a "
               "terminal)"},
      {.long_name = "cw",
       .value_name = "MODE",
       .group = G::kOutput,
       .help = "statuses with a content warning: warn prints the warning and "
               "hides the content, show prints both, hide skips the status "
               "(default: warn)",
       .choices = {"warn", "show", "hide"}},
      {.long_name = "format",
       .value_name = "TEMPLATE",
       .group = G::kOutput,
       .help = "print each event as one line made from TEMPLATE (text "
               "output only)"},
  };
}

std::vector<OptionSpec> make_run_control_options() {
  return {
      {.long_name = "count",
       .short_name = 'c',
       .value_name = "N",
       .group = G::kRunControl,
       .help = "exit after N events (default: no limit)"},
      {.long_name = "replay",
       .value_name = "FILE",
       .group = G::kRunControl,
       .help = "read recorded frames from FILE ('-' for stdin) instead of "
               "connecting"},
  };
}

std::vector<OptionSpec> make_diagnostic_options() {
  return {
      {.long_name = "verbose",
       .short_name = 'v',
       .group = G::kDiagnostics,
       .help = "add protocol detail on stderr; -vv adds more",
       .repeats = true},
      {.long_name = "quiet",
       .short_name = 'q',
       .group = G::kDiagnostics,
       .help = "print only warnings and errors on stderr"},
      {.long_name = "version",
       .group = G::kDiagnostics,
       .help = "print the version and exit"},
      {.long_name = "help",
       .short_name = 'h',
       .group = G::kDiagnostics,
       .help = "print this help and exit"},
  };
}

std::vector<OptionSpec> make_table() {
  std::vector<OptionSpec> table;
  for (auto make :
       {make_timeline_options, make_connection_options, make_output_options,
        make_run_control_options, make_diagnostic_options}) {
    std::vector<OptionSpec> group = make();
    table.insert(table.end(), group.begin(), group.end());
  }
  return table;
}

}  // namespace

const std::vector<OptionSpec>& option_table() {
  static const std::vector<OptionSpec> table = make_table();
  return table;
}

const OptionSpec* find_option(std::string_view long_name) {
  for (const OptionSpec& spec : option_table()) {
    if (spec.long_name == long_name) return &spec;
  }
  return nullptr;
}

std::string_view group_title(OptionGroup group) {
  switch (group) {
    case OptionGroup::kTimelines:
      return "Timelines";
    case OptionGroup::kConnection:
      return "Connection";
    case OptionGroup::kOutput:
      return "Output";
    case OptionGroup::kRunControl:
      return "Run control";
    case OptionGroup::kDiagnostics:
      return "Diagnostics";
  }
  return "Options";
}

}  // namespace mastotail::cli
