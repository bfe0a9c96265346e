#include "app/sse_streams.h"

#include <array>
#include <utility>

#include "render/json_writer.h"

namespace mastotail::app {
namespace {

struct SsePath {
  std::string_view stream;
  std::string_view path;  // appended to /api/v1/streaming
  bool only_media = false;
};

constexpr std::array<SsePath, 12> kSsePaths = {{
    {"user", "/user"},
    {"user:notification", "/user/notification"},
    {"public", "/public"},
    {"public:media", "/public", true},
    {"public:local", "/public/local"},
    {"public:local:media", "/public/local", true},
    {"public:remote", "/public/remote"},
    {"public:remote:media", "/public/remote", true},
    {"hashtag", "/hashtag"},
    {"hashtag:local", "/hashtag/local"},
    {"list", "/list"},
    {"direct", "/direct"},
}};

}  // namespace

Result<net::Url> sse_url(const net::Url& ws_endpoint,
                         const cli::Timeline& timeline) {
  const SsePath* found = nullptr;
  for (const SsePath& entry : kSsePaths) {
    if (entry.stream == timeline.stream) found = &entry;
  }
  if (found == nullptr) {
    return Error{ErrorKind::kUsage,
                 "the stream '" + timeline.stream +
                     "' has no server-sent events endpoint; use "
                     "--transport ws"};
  }

  net::Url url = net::with_scheme_family(ws_endpoint, false);
  std::string base = url.path.substr(0, url.path.find('?'));
  while (!base.empty() && base.back() == '/') base.pop_back();
  url.path = base + std::string(found->path);
  if (found->only_media) {
    url.path += "?only_media=true";
  } else if (!timeline.param_name.empty()) {
    url.path += "?" + timeline.param_name + "=" +
                net::percent_encode(timeline.param_value);
  }
  return url;
}

std::string sse_envelope(std::string_view stream_json,
                         const net::SseEvent& event) {
  std::string out = "{\"stream\":";
  out += stream_json.empty() ? "null" : stream_json;
  out += ",\"event\":";
  render::append_json_string(event.name, out);
  if (event.data != "undefined") {
    out += ",\"payload\":";
    render::append_json_string(event.data, out);
  }
  out += '}';
  return out;
}

}  // namespace mastotail::app
