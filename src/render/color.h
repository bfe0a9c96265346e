// Terminal capabilities: colour and width.
#pragma once

#include "render/text_options.h"

namespace mastotail::render {

// Decides whether output to `fd` is coloured. kAlways and kNever are
// final. kAuto is off when NO_COLOR is set and not empty, else on when
// CLICOLOR_FORCE is set and neither empty nor "0", else off when TERM is
// "dumb", else on when `fd` is a terminal.
bool should_use_color(ColorChoice choice, int fd);

// Returns the width in columns of the terminal on `fd`, or 0 when `fd` is
// not a terminal or reports no width. Call it again after SIGWINCH.
int terminal_width(int fd);

}  // namespace mastotail::render
