#include "util/log.h"

#include <unistd.h>

#include <string>

#include "util/sanitize.h"

namespace mastotail::log {
namespace {

Verbosity g_verbosity = Verbosity::kNormal;

}  // namespace

void set_verbosity(Verbosity verbosity) { g_verbosity = verbosity; }

Verbosity verbosity() { return g_verbosity; }

void write(std::string_view level, std::string_view message) {
  std::string line = "mastotail: ";
  line += level;
  line += ": ";
  append_sanitized_line(message, line);
  line += '\n';

  // One write(2) per line so that lines from a concurrent process (or the
  // stdout stream on a shared terminal) never interleave mid-line.
  const char* data = line.data();
  size_t left = line.size();
  while (left > 0) {
    ssize_t n = ::write(STDERR_FILENO, data, left);
    if (n <= 0) return;
    data += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace mastotail::log
