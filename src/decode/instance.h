// The parts of /api/v1/instance and /api/v2/instance that mastotail uses.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace mastotail::decode {

struct InstanceInfo {
  std::string streaming_url;  // base URL without path; empty when absent
  std::string version;        // server version string, when given
};

// Decodes a /api/v2/instance body (configuration.urls.streaming).
Result<InstanceInfo> decode_instance_v2(std::string_view json);

// Decodes a /api/v1/instance body (urls.streaming_api).
Result<InstanceInfo> decode_instance_v1(std::string_view json);

// Returns the "error" string of a Mastodon JSON error body, or "" when the
// body is not such an object.
std::string decode_error_message(std::string_view json);

}  // namespace mastotail::decode
