// The poll lines of a status block.
#pragma once

#include "decode/entities.h"
#include "render/block.h"

namespace mastotail::render {

// Appends a summary line ("poll, closes 2026-08-02 10:00 · 3 votes") and one
// line per option with its votes and share, at `indent`. Counts the server
// hides (null) are shown as "hidden"; a share is 0% when nobody voted.
void write_poll(const decode::Poll& poll, BlockWriter& block, int indent);

// Returns the share, in whole percent rounded to nearest, of `votes` out of
// `total`; 0 when `total` is not positive.
int poll_percent(int64_t votes, int64_t total);

}  // namespace mastotail::render
