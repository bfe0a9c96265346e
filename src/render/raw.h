// Raw output: every message exactly as received, one per line, for
// debugging.
#pragma once

#include <memory>

#include "render/renderer.h"

namespace mastotail::render {

// Renders every frame, error frames and frames without an event included,
// as EventContext::raw_message followed by '\n'. Returns true always.
std::unique_ptr<Renderer> make_raw_renderer();

}  // namespace mastotail::render
