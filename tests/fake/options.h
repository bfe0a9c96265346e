// Command-line options of the fake-instance test server.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialect.h"

namespace fake {

struct Options {
  int port = 0;          // main port; 0 picks a free one
  int control_port = 0;  // control port; 0 picks a free one
  std::string tls_cert;  // PEM files; both set means HTTPS and WSS
  std::string tls_key;
  std::vector<std::string> tokens;    // accepted bearer tokens
  std::vector<std::string> list_ids;  // empty: see ListPolicy
  std::string streaming_url;          // empty: ws[s]://127.0.0.1:PORT
  bool no_v2 = false;                 // answer 404 for /api/v2/instance
  int ping_interval_s = 30;
  std::string timeline_file;
  int publish_delay_ms = 200;
  Dialect dialect = Dialect::kMastodon;  // --dialect
  // --timelines-access: JSON object served as /api/v2/instance
  // configuration.timelines_access; empty leaves the key out.
  std::string timelines_access;

  bool use_tls() const { return !tls_cert.empty(); }
};

// Usage text for --help.
extern const char* const kUsage;

// Parses the arguments after argv[0]. Returns nullopt and sets `error` to a
// message naming the bad option when an option is unknown, lacks its value,
// or has an invalid number. Sets `help` when --help was given.
std::optional<Options> parse_options(int argc, char** argv, bool& help,
                                     std::string& error);

}  // namespace fake
