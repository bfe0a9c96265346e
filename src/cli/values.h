// Checks and conversions of single option values. Each function returns the
// value or an Error of kind kUsage whose message is only the reason, e.g.
// "expected a positive integer"; the caller adds the option and the value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace mastotail::cli {

// Parses --count: a decimal integer from 1 to 2^64-1, digits only.
Result<uint64_t> parse_count(std::string_view text);

// Parses --width: 0 (terminal width) or 20 to 1000 columns.
Result<int> parse_width(std::string_view text);

// Parses --max-message-size: bytes, or a number with the suffix K, M or G
// (KiB, MiB, GiB; either case), from 1K to 1G.
Result<size_t> parse_byte_size(std::string_view text);

// Returns a hashtag without its leading '#'. Rejects an empty name and names
// with whitespace, control characters or '/'.
Result<std::string> parse_hashtag(std::string_view text);

// Checks a list id: not empty, without whitespace, control characters, '/',
// '?' or '#'.
Status check_list_id(std::string_view text);

// Checks a --stream name: one or more of [A-Za-z0-9:_.-].
Status check_stream_name(std::string_view text);

// Checks --instance: a host name (optionally with ":PORT") or an http(s)
// URL without user name, query or fragment.
// NOTE: this is a plausibility check only; net/url parses the value.
Status check_instance(std::string_view text);

// Checks --streaming-url: an http, https, ws or wss URL without user name,
// query or fragment.
Status check_streaming_url(std::string_view text);

}  // namespace mastotail::cli
