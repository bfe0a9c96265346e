// A page of REST results (a JSON array of statuses, notifications or
// conversations) split into the JSON text of each element.
#pragma once

#include <functional>
#include <string_view>

#include "util/result.h"

namespace mastotail::decode {

// Calls `element` with the exact JSON text of each object in the array
// `body`, in the order of the array. Fails with kProtocol when `body` is
// not a JSON array of objects.
Status for_each_page_element(
    std::string_view body,
    const std::function<void(std::string_view element_json)>& element);

// Parses a Link header (RFC 8288) and returns the URL of the link with
// relation `rel` ("next" or "prev"), or "" when there is none.
std::string_view find_link(std::string_view link_header, std::string_view rel);

}  // namespace mastotail::decode
