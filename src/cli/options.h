// The validated command line: a plain struct that the rest of mastotail
// reads. Parsing and validation live in cli/parse.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mastotail::cli {

enum class OutputFormat { kText, kJson, kRaw };

enum class ColorMode { kAuto, kAlways, kNever };

// The action of a run: following timelines, or one of the subcommands
// login, logout and accounts, given as the first argument.
enum class Command { kFollow, kLogin, kLogout, kAccounts };

// Handling of statuses with a content warning (spoiler text) in text output:
// kWarn shows the warning and hides the text and media, kShow shows both,
// kHide prints a one-line placeholder instead of the status.
enum class CwMode { kWarn, kShow, kHide };

// --transport: WebSocket, falling back to server-sent events when the
// WebSocket upgrade is refused (kAuto), or one of them only.
enum class TransportMode { kAuto, kWebSocket, kSse };

// --token-via: where the access token travels on the streaming
// connection. kAuto sends the Authorization header and, after the server
// rejects it, retries once with the token as Sec-WebSocket-Protocol.
enum class TokenViaMode { kAuto, kHeader, kProtocol, kQuery };

// One timeline to subscribe to, as the streaming server names it.
struct Timeline {
  std::string stream;       // stream name, e.g. "hashtag:local"
  std::string param_name;   // "tag" or "list"; empty when the stream has none
  std::string param_value;  // tag without '#', or list id
  // True when --only-media applies and the server has no media variant of
  // this stream, so mastotail drops statuses without media itself.
  bool client_media_filter = false;

  bool operator==(const Timeline&) const = default;
};

// Client-side filters. An empty list or a false flag filters nothing.
// Patterns are compiled, and reported when invalid, when the run starts.
struct FilterOptions {
  std::vector<std::string> events;          // --events: event names to keep
  std::vector<std::string> languages;       // --lang: lowercase code or "none"
  std::vector<std::string> visibilities;    // --visibility
  bool no_boosts = false;                   // --no-boosts
  bool no_replies = false;                  // --no-replies
  bool no_bots = false;                     // --no-bots
  std::vector<std::string> match_patterns;  // --match, RE2 syntax
  std::vector<std::string> exclude_patterns;  // --exclude, RE2 syntax
  bool ignore_case = false;                   // --ignore-case
  // --from and --exclude-from: "user", "user@domain" or "@domain".
  std::vector<std::string> from_accounts;
  std::vector<std::string> excluded_accounts;

  bool operator==(const FilterOptions&) const = default;
};

struct Options {
  Command command = Command::kFollow;
  // login: the INSTANCE operand; logout: the ACCOUNT operand (empty when
  // none was given).
  std::string operand;

  // Accounts.
  std::string account;               // --account, or MASTOTAIL_ACCOUNT
  std::string token_command;         // --token-command: prints the token
  bool no_browser_callback = false;  // login --no-browser-callback
  std::string default_account;       // accounts --default

  // Connection.
  std::string instance;       // -i, or MASTOTAIL_INSTANCE; host or URL
  std::string streaming_url;  // --streaming-url; empty means discover it
  std::string token_file;     // --token-file; empty = the next source
  std::string cacert;         // --cacert: extra CA bundle (PEM)
  size_t max_message_size = 8u << 20;  // --max-message-size, bytes
  // --retries: consecutive failed attempts allowed before the first
  // connection succeeds; unlimited after it.
  int retries = 5;
  int connect_timeout_s = 30;  // --connect-timeout
  int idle_timeout_s = 90;     // --idle-timeout
  // --transport, --token-via and --insecure (no TLS certificate checks).
  TransportMode transport = TransportMode::kAuto;
  TokenViaMode token_via = TokenViaMode::kAuto;
  bool insecure = false;

  // Timelines, in the order given; never empty after parsing.
  std::vector<Timeline> timelines;
  bool only_media = false;

  FilterOptions filters;

  // Output.
  OutputFormat output = OutputFormat::kText;
  ColorMode color = ColorMode::kAuto;
  int width = 0;              // --width, columns; 0 = terminal width
  CwMode cw = CwMode::kWarn;  // --cw
  std::string format;         // --format template; empty = built-in layout

  // Run control.
  uint64_t count = 0;      // -c: stop after this many events; 0 = no limit
  int backfill = 0;        // -n: newest events per timeline printed first
  bool no_follow = false;  // --no-follow: stop after the backfill
  int64_t duration_s = 0;  // --duration: stop after this long; 0 = never
  std::string state_path;  // --state FILE; empty = no state file
  bool no_dedupe = false;  // --no-dedupe: print every delivery
  std::string replay;      // --replay FILE ("-" = stdin); empty = connect

  // Diagnostics: 0 = -q, 1 = default, 2 = -v, 3 = -vv.
  int verbosity = 1;
};

}  // namespace mastotail::cli
