#include "options.h"

#include <charconv>
#include <string_view>

namespace fake {

const char* const kUsage =
    "usage: fake-instance [options]\n"
    "A fake Mastodon instance for tests, listening on 127.0.0.1 only.\n"
    "Prints {\"port\":P,\"control_port\":C} on stdout once it listens.\n"
    "\n"
    "  --port N              main port (HTTP and WebSocket), 0 = free port\n"
    "  --control-port N      control port (plain HTTP), 0 = free port\n"
    "  --tls-cert FILE       PEM certificate; with --tls-key the main port\n"
    "  --tls-key FILE        speaks HTTPS and WSS\n"
    "  --token TOKEN         accepted bearer token (repeatable; without one\n"
    "                        every WebSocket upgrade gets 401)\n"
    "  --list-id ID          list id clients may stream (repeatable; default\n"
    "                        any id not starting with \"forbidden\")\n"
    "  --streaming-url URL   streaming URL announced by the instance\n"
    "                        endpoints (default ws[s]://127.0.0.1:PORT)\n"
    "  --no-v2               answer 404 for /api/v2/instance\n"
    "  --ping-interval S     seconds between WebSocket pings (default 30)\n"
    "  --timeline FILE       NDJSON events replayed to each subscriber\n"
    "  --publish-delay-ms N  milliseconds between timeline events (200)\n"
    "  --dialect NAME        mastodon (default), gotosocial or pleroma: the\n"
    "                        server whose streaming behaviour to imitate\n"
    "  --timelines-access J  JSON object for /api/v2/instance\n"
    "                        configuration.timelines_access\n";

namespace {

bool parse_int(std::string_view text, int min, int max, int& value) {
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() &&
         value >= min && value <= max;
}

struct IntOption {
  std::string_view name;
  int Options::*field;
  int min;
  int max;
};

constexpr IntOption kIntOptions[] = {
    {"--port", &Options::port, 0, 65535},
    {"--control-port", &Options::control_port, 0, 65535},
    {"--ping-interval", &Options::ping_interval_s, 1, 86400},
    {"--publish-delay-ms", &Options::publish_delay_ms, 0, 3600000},
};

struct StringOption {
  std::string_view name;
  std::string Options::*field;
};

constexpr StringOption kStringOptions[] = {
    {"--tls-cert", &Options::tls_cert},
    {"--tls-key", &Options::tls_key},
    {"--streaming-url", &Options::streaming_url},
    {"--timeline", &Options::timeline_file},
    {"--timelines-access", &Options::timelines_access},
};

// Stores one option that takes a value; returns false with `error` set.
bool apply_option(Options& options, std::string_view name,
                  std::string_view value, std::string& error) {
  for (const auto& option : kIntOptions) {
    if (option.name != name) continue;
    if (!parse_int(value, option.min, option.max, options.*option.field)) {
      error = std::string(name) + ": invalid number '" + std::string(value) +
              "', expected " + std::to_string(option.min) + " to " +
              std::to_string(option.max);
      return false;
    }
    return true;
  }

  for (const auto& option : kStringOptions) {
    if (option.name != name) continue;
    options.*option.field = value;
    return true;
  }

  if (name == "--dialect") {
    auto dialect = parse_dialect(value);
    if (!dialect) {
      error = "--dialect: expected mastodon, gotosocial or pleroma";
      return false;
    }
    options.dialect = *dialect;
  } else if (name == "--token") {
    options.tokens.emplace_back(value);
  } else if (name == "--list-id") {
    options.list_ids.emplace_back(value);
  } else {
    error = "unknown option '" + std::string(name) + "' (see --help)";
    return false;
  }
  return true;
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv, bool& help,
                                     std::string& error) {
  Options options;
  help = false;

  for (int i = 1; i < argc; ++i) {
    std::string_view name = argv[i];
    if (name == "--help" || name == "-h") {
      help = true;
      return options;
    }
    if (name == "--no-v2") {
      options.no_v2 = true;
      continue;
    }
    if (i + 1 >= argc) {
      error = "missing value for " + std::string(name);
      return std::nullopt;
    }
    if (!apply_option(options, name, argv[++i], error)) return std::nullopt;
  }

  if (options.tls_cert.empty() != options.tls_key.empty()) {
    error = "--tls-cert and --tls-key must be given together";
    return std::nullopt;
  }
  return options;
}

}  // namespace fake
