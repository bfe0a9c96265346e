// --replay: render a recorded file instead of connecting.
#pragma once

#include <csignal>
#include <string>

#include "app/pipeline.h"
#include "render/output.h"
#include "util/result.h"

namespace mastotail::app {

// Feeds each line of `path` ("-" for stdin) through the pipeline: lines of
// mastotail's own NDJSON or raw server frames, one per line. Stops early
// when --count is reached, the reader closes stdout, or `interrupted` is
// set. Fails with kUsage when the file cannot be opened.
Status replay_file(const std::string& path, Pipeline& pipeline,
                   render::Output& output,
                   const volatile sig_atomic_t& interrupted);

}  // namespace mastotail::app
