// Log lines of the fake instance, on stderr (stdout carries only the
// startup line with the ports).
#pragma once

#include <fmt/format.h>

#include <cstdio>

namespace fake {

template <typename... Args>
void log_line(fmt::format_string<Args...> format, Args&&... args) {
  fmt::print(stderr, "fake-instance: {}\n",
             fmt::format(format, std::forward<Args>(args)...));
  std::fflush(stderr);
}

}  // namespace fake
