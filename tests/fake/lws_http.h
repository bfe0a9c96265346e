// HTTP helpers for requests that lws parsed itself, which happens on the
// TLS main port (the plain port reads request heads without lws).
#pragma once

#include <libwebsockets.h>

#include <optional>
#include <string>
#include <string_view>

#include "http_response.h"
#include "shared_state.h"

namespace fake {

// Returns the request line and the headers lws keeps in its header table.
// NOTE: lws 4.1.6 cannot list unknown header names, so only common headers
// (Host, User-Agent, Authorization, the WebSocket ones, ...) are recorded.
RequestRecord record_from_lws(lws* wsi);

// Returns the first value of a query parameter of the request, or nullopt.
std::optional<std::string> lws_query_param(lws* wsi, std::string_view name);

// Writes a complete response on an HTTP/1.1 wsi. Returns false when lws
// could not build or write it.
bool write_response_via_lws(lws* wsi, const HttpResponse& response);

}  // namespace fake
