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

// Handling of statuses with a content warning (spoiler text) in text output:
// kWarn prints the warning and hides the content, kShow prints both, kHide
// skips such statuses.
enum class CwMode { kWarn, kShow, kHide };

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

struct Options {
  // Connection.
  std::string instance;       // -i, or MASTOTAIL_INSTANCE; host or URL
  std::string streaming_url;  // --streaming-url; empty means discover it
  std::string token_file;     // --token-file; empty means MASTOTAIL_TOKEN
  std::string cacert;         // --cacert: extra CA bundle (PEM)
  size_t max_message_size = 8u << 20;  // --max-message-size, bytes

  // Timelines, in the order given; never empty after parsing.
  std::vector<Timeline> timelines;
  bool only_media = false;

  // Output.
  OutputFormat output = OutputFormat::kText;
  ColorMode color = ColorMode::kAuto;
  int width = 0;              // --width, columns; 0 = terminal width
  CwMode cw = CwMode::kWarn;  // --cw
  std::string format;         // --format template; empty = built-in layout

  // Run control.
  uint64_t count = 0;  // -c: stop after this many events; 0 = no limit
  std::string replay;  // --replay FILE ("-" = stdin); empty = connect

  // Diagnostics: 0 = -q, 1 = default, 2 = -v, 3 = -vv.
  int verbosity = 1;
};

}  // namespace mastotail::cli
