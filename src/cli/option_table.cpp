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

// Status filters (--lang, --visibility, --no-replies, --match, --exclude)
// look at the status an event carries, the boosted one for a boost, and
// pass events that carry none.
std::vector<OptionSpec> make_filter_options() {
  return {
      {.long_name = "events",
       .value_name = "LIST",
       .group = G::kFilters,
       .help = "show only these events, comma-separated, e.g. "
               "update,notification (names: update, status.update, delete, "
               "notification, conversation, announcement, "
               "announcement.reaction, announcement.delete, filters_changed, "
               "notifications_merged, encrypted_message); repeatable",
       .repeats = true},
      {.long_name = "lang",
       .value_name = "CODE",
       .group = G::kFilters,
       .help = "show only statuses in this language, a 2- or 3-letter ISO "
               "639 code such as en; 'none' keeps statuses without a "
               "language; repeatable",
       .repeats = true},
      {.long_name = "visibility",
       .value_name = "LIST",
       .group = G::kFilters,
       .help = "show only statuses with these visibilities, "
               "comma-separated: public, unlisted, private, direct, and "
               "limited or local on some forks; repeatable",
       .repeats = true},
      {.long_name = "no-boosts",
       .group = G::kFilters,
       .help = "hide boosts. Without it, text output prints repeated "
               "boosts of one status once, remembering the last 4096 boosted "
               "statuses; NDJSON keeps every boost"},
      {.long_name = "no-replies",
       .group = G::kFilters,
       .help = "hide replies (statuses with in_reply_to_id)"},
      {.long_name = "no-bots",
       .group = G::kFilters,
       .help = "hide statuses and notifications from bot accounts, and "
               "boosts by bots"},
      {.long_name = "match",
       .value_name = "REGEX",
       .group = G::kFilters,
       .help = "show only statuses whose text, content warning or media "
               "description matches REGEX (RE2 syntax); repeatable, one "
               "match suffices",
       .repeats = true},
      {.long_name = "exclude",
       .value_name = "REGEX",
       .group = G::kFilters,
       .help = "hide statuses whose text, content warning or media "
               "description matches REGEX (RE2 syntax); repeatable",
       .repeats = true},
      {.long_name = "ignore-case",
       .group = G::kFilters,
       .help = "make --match and --exclude ignore case, also of non-ASCII "
               "letters"},
      {.long_name = "from",
       .value_name = "ACCT",
       .group = G::kFilters,
       .help = "show only events from this account: user (of --instance), "
               "user@domain, or @domain for a whole domain; a boost is from "
               "its booster and its author, a notification from the "
               "notifying account; repeatable",
       .repeats = true},
      {.long_name = "exclude-from",
       .value_name = "ACCT",
       .group = G::kFilters,
       .help = "hide events from this account, given as for --from; "
               "repeatable",
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
       .help = "read the access token from this file, which group and "
               "others must not be able to access. Token sources, first "
               "one set wins: --token-file, --token-command, "
               "$MASTOTAIL_TOKEN, the stored account"},
      {.long_name = "token-command",
       .value_name = "CMD",
       .group = G::kConnection,
       .help = "run CMD with /bin/sh -c and use the first line it prints "
               "as the access token, e.g. 'pass show mastodon'"},
      {.long_name = "cacert",
       .value_name = "FILE",
       .group = G::kConnection,
       .help = "PEM file of additional CA certificates for TLS verification"},
      {.long_name = "insecure",
       .group = G::kConnection,
       .help = "accept any TLS certificate (self-signed, untrusted or for "
               "another host name) and an unencrypted streaming URL "
               "announced by an https instance; prints a warning at start"},
      {.long_name = "transport",
       .value_name = "MODE",
       .group = G::kConnection,
       .help = "how to stream: ws (one WebSocket for all timelines), sse "
               "(one server-sent events response per timeline; Mastodon "
               "only), or auto: WebSocket, switching to SSE when the "
               "server refuses the WebSocket upgrade (default: auto)",
       .choices = {"auto", "ws", "sse"}},
      {.long_name = "token-via",
       .value_name = "MODE",
       .group = G::kConnection,
       .help = "where the streaming connection carries the access token: "
               "header (Authorization), protocol (Sec-WebSocket-Protocol, "
               "for Pleroma and Akkoma), query (access_token in the URL, "
               "masked in logs), or auto: header, then protocol once the "
               "server rejects the header (default: auto)",
       .choices = {"auto", "header", "protocol", "query"}},
      {.long_name = "max-message-size",
       .value_name = "BYTES",
       .group = G::kConnection,
       .help = "maximum size of one WebSocket message in bytes; the suffixes "
               "K, M and G mean KiB, MiB and GiB; larger messages are "
               "reported and skipped (default: 8M, range: 1K to 1G)"},
      {.long_name = "retries",
       .value_name = "N",
       .group = G::kConnection,
       .help = "give up after N consecutive failed connection attempts, "
               "0 to 1000000; unlimited once connected (default: 5)"},
      {.long_name = "connect-timeout",
       .value_name = "SECONDS",
       .group = G::kConnection,
       .help = "time allowed for each connection attempt, 1 to 600 "
               "(default: 30)"},
      {.long_name = "idle-timeout",
       .value_name = "SECONDS",
       .group = G::kConnection,
       .help = "reconnect when nothing arrives for this long, 5 to 3600; "
               "mastotail pings every 30 s (default: 90)"},
  };
}

// Options of the subcommands login, logout and accounts, and --account.
std::vector<OptionSpec> make_account_options() {
  return {
      {.long_name = "account",
       .value_name = "NAME",
       .group = G::kAccounts,
       .help = "use this stored account, user@host, when no other token "
               "source is set (default: $MASTOTAIL_ACCOUNT, else the "
               "default account); with logout, the account to log out"},
      {.long_name = "no-browser-callback",
       .group = G::kAccounts,
       .help = "login: show the code in the browser for pasting "
               "(redirect URI urn:ietf:wg:oauth:2.0:oob) instead of "
               "receiving it on a loopback port"},
      {.long_name = "default",
       .value_name = "NAME",
       .group = G::kAccounts,
       .help = "accounts: make the stored account NAME the default"},
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
       .help = "statuses with a content warning: warn (default) shows the "
               "warning and hides the text and media; show shows both; hide "
               "prints a one-line placeholder instead of the status",
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
      {.long_name = "backfill",
       .short_name = 'n',
       .value_name = "N",
       .group = G::kRunControl,
       .help = "first print the N newest events of each timeline, 0 to "
               "1000, like tail -n (default: 0)"},
      {.long_name = "no-follow",
       .group = G::kRunControl,
       .help = "exit after the backfill (-n or --state) instead of "
               "following"},
      {.long_name = "duration",
       .value_name = "TIME",
       .group = G::kRunControl,
       .help = "exit after TIME, e.g. 90s, 55m, 1h30m (default: run until "
               "interrupted)"},
      {.long_name = "state",
       .value_name = "FILE",
       .group = G::kRunControl,
       .help = "keep the newest ids per timeline in FILE and, on the next "
               "start, print what was missed since then"},
      {.long_name = "no-dedupe",
       .group = G::kRunControl,
       .help = "print every delivery, even of an event already printed"},
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
       {make_timeline_options, make_filter_options, make_connection_options,
        make_account_options, make_output_options, make_run_control_options,
        make_diagnostic_options}) {
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
    case OptionGroup::kFilters:
      return "Filters";
    case OptionGroup::kConnection:
      return "Connection";
    case OptionGroup::kAccounts:
      return "Accounts";
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
