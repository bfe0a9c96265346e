// The text block of one status.
#pragma once

#include <ctime>
#include <string_view>

#include "decode/entities.h"
#include "render/block.h"
#include "render/text_options.h"

namespace mastotail::render {

struct StatusContext {
  CwMode cw = CwMode::kWarn;
  std::string_view filter_context;  // see evaluate_filters()
  std::time_t now = 0;
  std::string_view kind;  // label before the author, e.g. "edit"; or empty
};

// Appends the block of `status` at `indent`: a header (local time, kind,
// author, visibility unless public, language), the content or what stands
// in for it (content warning, filter), then context lines (reply, boost,
// quote, edit, media, poll, card, URL) two columns further in. A boost is
// shown as the boosted status with a "boosted by" line. Returns false, and
// appends nothing, when a "hide" filter applies.
bool write_status(const decode::Status& status, const StatusContext& context,
                  BlockWriter& block, int indent);

// Returns true when a "hide" filter applies to `status` or its boosted
// status in `context`.
bool is_hidden(const decode::Status& status, const StatusContext& context);

// Appends the local time, author, visibility and language of `status`.
void append_status_header(const decode::Status& status, std::string_view kind,
                          std::string& out);

}  // namespace mastotail::render
