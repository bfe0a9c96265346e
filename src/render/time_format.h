// Timestamps from the API (RFC 3339) as local time.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace mastotail::render {

// Parses an RFC 3339 timestamp ("2022-08-30T23:05:46.839Z", an offset such
// as "+02:00" instead of "Z", or a plain date "2022-08-30") into seconds
// since the epoch. Returns false when `text` is not one of these forms.
bool parse_timestamp(std::string_view text, std::time_t& out);

// Appends `timestamp` as local time, "2022-08-31 01:05", or sanitised as
// given when it does not parse.
void append_local_time(std::string_view timestamp, std::string& out);

}  // namespace mastotail::render
