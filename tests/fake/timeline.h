// Loading the NDJSON timeline that the fake instance replays.
#pragma once

#include <string>
#include <vector>

#include "streaming.h"

namespace fake {

// Reads one event per non-empty line: {"stream":"hashtag","tag":"rust",
// "event":"update","payload":"..."}, where "stream" may also be an
// envelope's array ["hashtag","rust"] and "payload" a JSON string, another
// JSON value (sent double-encoded) or absent. Returns false and sets
// `error` to "FILE:LINE: reason" on the first bad line.
bool load_timeline(const std::string& path, std::vector<TimelineEvent>& events,
                   std::string& error);

}  // namespace fake
