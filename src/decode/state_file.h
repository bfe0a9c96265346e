// Reading mastotail's --state file (see app/cursors.h for the format).
#pragma once

#include <functional>
#include <string_view>

#include "util/result.h"

namespace mastotail::decode {

struct StateEntry {
  std::string_view stream_json;  // the "stream" array as JSON text
  std::string_view feed;         // "statuses", "notifications", ...
  std::string_view id;
  std::string_view created_at;
};

// Calls `entry` for every cursor in the state file `text`. Views are valid
// during the call only. Fails with kUsage when the text is not a version 1
// state file.
Status read_state_file(std::string_view text,
                       const std::function<void(const StateEntry&)>& entry);

}  // namespace mastotail::decode
