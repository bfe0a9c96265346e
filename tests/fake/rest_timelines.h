// The REST timelines of the main port, served from the stores that
// published events fill: GET /api/v1/timelines/home, /public, /tag/:tag,
// /list/:id, /api/v1/notifications and /api/v1/conversations, with
// Mastodon's pagination (max_id, since_id, min_id, limit), Link header,
// rate limit headers and error bodies.
#pragma once

#include <string_view>

#include "http_request.h"
#include "http_response.h"
#include "shared_state.h"

namespace fake {

// Returns true for the paths that answer_timeline_request serves.
bool is_timeline_path(std::string_view path);

// Builds the response to one request for a timeline path. Counts it against the
// rate limit and requires "Authorization: Bearer TOKEN" with an accepted token
// (401 {"error":"The access token is invalid"} otherwise).
HttpResponse answer_timeline_request(SharedState& state,
                                     const HttpRequest& request);

}  // namespace fake
