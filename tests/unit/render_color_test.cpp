#include "render/color.h"

#include <doctest/doctest.h>

#include <cstdlib>

#include <unistd.h>

using mastotail::render::ColorChoice;
using mastotail::render::should_use_color;
using mastotail::render::terminal_width;

namespace {

// A pipe's write end: never a terminal.
struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() { REQUIRE(pipe(fds) == 0); }
  ~Pipe() {
    close(fds[0]);
    close(fds[1]);
  }
};

void clear_environment() {
  unsetenv("NO_COLOR");
  unsetenv("CLICOLOR_FORCE");
  unsetenv("TERM");
}

}  // namespace

TEST_CASE("colour choice always and never are final") {
  Pipe pipe;
  clear_environment();
  setenv("NO_COLOR", "1", 1);
  CHECK(should_use_color(ColorChoice::kAlways, pipe.fds[1]));
  unsetenv("NO_COLOR");
  setenv("CLICOLOR_FORCE", "1", 1);
  CHECK(!should_use_color(ColorChoice::kNever, pipe.fds[1]));
  clear_environment();
}

TEST_CASE("colour auto is off without a terminal") {
  Pipe pipe;
  clear_environment();
  CHECK(!should_use_color(ColorChoice::kAuto, pipe.fds[1]));
}

TEST_CASE("colour auto follows CLICOLOR_FORCE and NO_COLOR") {
  Pipe pipe;
  clear_environment();
  setenv("CLICOLOR_FORCE", "1", 1);
  CHECK(should_use_color(ColorChoice::kAuto, pipe.fds[1]));
  setenv("CLICOLOR_FORCE", "0", 1);
  CHECK(!should_use_color(ColorChoice::kAuto, pipe.fds[1]));

  setenv("CLICOLOR_FORCE", "1", 1);
  setenv("NO_COLOR", "1", 1);
  CHECK(!should_use_color(ColorChoice::kAuto, pipe.fds[1]));
  setenv("NO_COLOR", "", 1);  // empty NO_COLOR is ignored
  CHECK(should_use_color(ColorChoice::kAuto, pipe.fds[1]));
  clear_environment();
}

TEST_CASE("colour auto is off for TERM=dumb") {
  Pipe pipe;
  clear_environment();
  setenv("TERM", "dumb", 1);
  CHECK(!should_use_color(ColorChoice::kAuto, pipe.fds[1]));
  clear_environment();
}

TEST_CASE("terminal width is zero without a terminal") {
  Pipe pipe;
  CHECK(terminal_width(pipe.fds[1]) == 0);
}
