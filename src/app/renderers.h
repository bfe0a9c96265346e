// Chooses and configures the renderer for the output options.
#pragma once

#include <memory>

#include "cli/options.h"
#include "render/renderer.h"
#include "util/result.h"

namespace mastotail::app {

// Returns the renderer for -o/--json/--format. Fails with kUsage when the
// --format template does not parse.
Result<std::unique_ptr<render::Renderer>> make_renderer(
    const cli::Options& options);

// Returns the width text wraps to: --width, else the terminal's width, else
// 0 (no wrapping) when stdout is not a terminal.
int text_width(const cli::Options& options);

}  // namespace mastotail::app
