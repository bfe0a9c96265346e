// Settings shared by the text and template renderers.
#pragma once

#include <ctime>

namespace mastotail::render {

// What happens to a status with a content warning (spoiler_text).
enum class CwMode {
  kWarn,  // show the warning, hide the body and media
  kShow,  // show the warning and everything else
  kHide,  // show a one-line placeholder instead of the status
};

enum class ColorChoice { kAuto, kAlways, kNever };

struct TextOptions {
  bool color = false;  // see should_use_color()
  int width = 0;       // columns to wrap text to; 0 does not wrap
  CwMode cw = CwMode::kWarn;
  // Current time, for the expiry of server-side filters; 0 reads the clock.
  // Tests set it to make output reproducible.
  std::time_t now = 0;
};

}  // namespace mastotail::render
