#include "lws_http.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>
#include <vector>

namespace fake {

namespace {

constexpr std::array<std::pair<const char*, lws_token_indexes>, 14>
    kRecordedHeaders{{
        {"host", WSI_TOKEN_HOST},
        {"user-agent", WSI_TOKEN_HTTP_USER_AGENT},
        {"authorization", WSI_TOKEN_HTTP_AUTHORIZATION},
        {"upgrade", WSI_TOKEN_UPGRADE},
        {"connection", WSI_TOKEN_CONNECTION},
        {"sec-websocket-key", WSI_TOKEN_KEY},
        {"sec-websocket-version", WSI_TOKEN_VERSION},
        {"sec-websocket-protocol", WSI_TOKEN_PROTOCOL},
        {"sec-websocket-extensions", WSI_TOKEN_EXTENSIONS},
        {"origin", WSI_TOKEN_ORIGIN},
        {"accept", WSI_TOKEN_HTTP_ACCEPT},
        {"accept-encoding", WSI_TOKEN_HTTP_ACCEPT_ENCODING},
        {"cache-control", WSI_TOKEN_HTTP_CACHE_CONTROL},
        {"pragma", WSI_TOKEN_HTTP_PRAGMA},
    }};

std::optional<std::string> copy_header(lws* wsi, lws_token_indexes token) {
  int length = lws_hdr_total_length(wsi, token);
  if (length <= 0) return std::nullopt;

  std::string value(static_cast<std::size_t>(length) + 1, '\0');
  int copied = lws_hdr_copy(wsi, value.data(), length + 1, token);
  if (copied < 0) return std::nullopt;
  value.resize(static_cast<std::size_t>(copied));
  return value;
}

std::string query_of(lws* wsi) {
  std::string query;
  char fragment[1024];
  for (int index = 0;; ++index) {
    int length = lws_hdr_copy_fragment(wsi, fragment, sizeof(fragment),
                                       WSI_TOKEN_HTTP_URI_ARGS, index);
    if (length < 0) break;
    if (!query.empty()) query += '&';
    query.append(fragment, static_cast<std::size_t>(length));
  }
  return query;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

}  // namespace

RequestRecord record_from_lws(lws* wsi) {
  RequestRecord record;
  if (auto uri = copy_header(wsi, WSI_TOKEN_GET_URI)) {
    record.method = "GET";
    record.target = *uri;
  } else if (auto post = copy_header(wsi, WSI_TOKEN_POST_URI)) {
    record.method = "POST";
    record.target = *post;
  }

  std::string query = query_of(wsi);
  if (!query.empty()) record.target += "?" + query;

  for (const auto& [name, token] : kRecordedHeaders) {
    if (auto value = copy_header(wsi, token)) {
      record.headers.emplace_back(name, *value);
    }
  }
  return record;
}

std::optional<std::string> lws_query_param(lws* wsi, std::string_view name) {
  std::string key = std::string(name) + "=";
  char value[1024];
  const char* found = lws_get_urlarg_by_name(wsi, key.c_str(), value,
                                             static_cast<int>(sizeof(value)));
  if (found == nullptr) return std::nullopt;
  return std::string(found);
}

bool write_response_via_lws(lws* wsi, const HttpResponse& response) {
  std::vector<unsigned char> buffer(LWS_PRE + 4096 + response.body.size());
  unsigned char* start = buffer.data() + LWS_PRE;
  unsigned char* end = buffer.data() + buffer.size();
  unsigned char* p = start;

  if (lws_add_http_header_status(wsi, static_cast<unsigned>(response.status),
                                 &p, end)) {
    return false;
  }
  for (const auto& [name, value] : response.headers) {
    std::string key = lowercase(name) + ":";
    if (lws_add_http_header_by_name(
            wsi, reinterpret_cast<const unsigned char*>(key.c_str()),
            reinterpret_cast<const unsigned char*>(value.data()),
            static_cast<int>(value.size()), &p, end)) {
      return false;
    }
  }
  if (lws_add_http_header_content_length(wsi, response.body.size(), &p, end) ||
      lws_finalize_http_header(wsi, &p, end)) {
    return false;
  }

  std::copy(response.body.begin(), response.body.end(), p);
  p += response.body.size();
  auto size = static_cast<size_t>(p - start);
  return lws_write(wsi, start, size, LWS_WRITE_HTTP_FINAL) ==
         static_cast<int>(size);
}

}  // namespace fake
