// NDJSON output: one JSON object per event and line,
// {"event":...,"stream":...,"payload":...} and, for events fetched over
// REST to fill a gap, "backfill":true last.
#pragma once

#include <memory>

#include "render/renderer.h"

namespace mastotail::render {

// Renders events only: error frames and frames without an event return
// false and append nothing. "stream" is EventContext::stream_json ("null"
// when empty). "payload" is the payload's JSON text verbatim for
// PayloadType::kJson, the JSON string literal for kString, and null for
// kMissing and kNull.
std::unique_ptr<Renderer> make_ndjson_renderer();

}  // namespace mastotail::render
