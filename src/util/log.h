// Diagnostics on stderr: "mastotail: LEVEL: message", one line each.
//
// stdout carries events only. Every message is passed through the terminal
// sanitiser, because messages may quote text from the network. Callers must
// never pass a token in a message.
#pragma once

#include <fmt/format.h>

#include <string_view>

namespace mastotail::log {

enum class Verbosity { kQuiet = 0, kNormal = 1, kVerbose = 2, kDebug = 3 };

// Sets which levels are written: errors and warnings always; info unless
// kQuiet; debug from kVerbose up.
void set_verbosity(Verbosity verbosity);
Verbosity verbosity();

// Writes one line "mastotail: LEVEL: message\n" to stderr, sanitised.
void write(std::string_view level, std::string_view message);

template <typename... Args>
void error(fmt::format_string<Args...> format, Args&&... args) {
  write("error", fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args>
void warning(fmt::format_string<Args...> format, Args&&... args) {
  write("warning", fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args>
void info(fmt::format_string<Args...> format, Args&&... args) {
  if (verbosity() >= Verbosity::kNormal) {
    write("info", fmt::format(format, std::forward<Args>(args)...));
  }
}

template <typename... Args>
void debug(fmt::format_string<Args...> format, Args&&... args) {
  if (verbosity() >= Verbosity::kVerbose) {
    write("debug", fmt::format(format, std::forward<Args>(args)...));
  }
}

}  // namespace mastotail::log
