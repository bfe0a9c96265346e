// Cheap questions about a status payload, asked without building structs.
#pragma once

#include <string_view>

namespace mastotail::decode {

// True when the status in `payload_json` (or the status it boosts) has at
// least one media attachment. False for anything that is not a status.
bool status_has_media(std::string_view payload_json);

}  // namespace mastotail::decode
