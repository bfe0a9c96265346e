#include "rest_timelines.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>

#include "json_text.h"
#include "stores.h"

namespace fake {

namespace {

constexpr std::string_view kTimelinesPrefix = "/api/v1/timelines/";
constexpr std::string_view kNotificationsPath = "/api/v1/notifications";
constexpr std::string_view kConversationsPath = "/api/v1/conversations";

// Query parameters that the Link header URLs replace or must not carry.
constexpr std::array<std::string_view, 4> kDroppedLinkParams{
    "max_id", "since_id", "min_id", "access_token"};

// Where a request reads from and its page sizes.
struct Route {
  // nullopt for variants that no stream fills (their pages are empty).
  std::optional<std::string> store_key;
  std::size_t default_limit = 20;
  std::size_t max_limit = 40;
};

HttpResponse json_response(int status, std::string body) {
  return {status,
          {{"Content-Type", "application/json; charset=utf-8"}},
          std::move(body)};
}

HttpResponse json_error(int status, std::string_view message) {
  return json_response(status, "{\"error\":" + json_quote(message) + "}");
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes of a path segment ('+' stays as it is).
std::string decode_path_segment(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// Returns a boolean parameter the way Rails casts it: absent, "" and
// ActiveModel's false values are false, anything else is true.
bool truthy_param(const HttpRequest& request, std::string_view name) {
  auto value = request.query_param(name);
  if (!value || value->empty()) return false;
  constexpr std::array<std::string_view, 7> kFalseValues{
      "0", "f", "F", "false", "FALSE", "off", "OFF"};
  return std::find(kFalseValues.begin(), kFalseValues.end(), *value) ==
         kFalseValues.end();
}

// Returns the "limit" parameter as Mastodon's limit_param reads it:
// Ruby's to_i, made positive, at most `max_limit`.
std::size_t limit_param(const HttpRequest& request, const Route& route) {
  auto value = request.query_param("limit");
  if (!value) return route.default_limit;

  std::string_view digits = *value;
  while (!digits.empty() && std::isspace(static_cast<unsigned char>(digits[0])))
    digits.remove_prefix(1);
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    digits.remove_prefix(1);
  }
  std::size_t limit = 0;
  for (char c : digits) {
    if (c < '0' || c > '9' || limit > route.max_limit) break;
    limit = limit * 10 + static_cast<std::size_t>(c - '0');
  }
  return std::min(limit, route.max_limit);
}

std::optional<std::string> status_key(std::string stream,
                                      std::string param = {}) {
  return status_store_key(Subscription{std::move(stream), std::move(param)});
}

// Returns the route of a timeline path, or nullopt for 404 (an unknown
// path or a list that the list policy forbids, as Mastodon responds to a
// list the user does not own).
std::optional<Route> find_route(const HttpRequest& request,
                                const ListPolicy& policy) {
  std::string_view path = request.path();
  if (path == kNotificationsPath) {
    // Mastodon's notifications default to 40 per page, at most 80.
    return Route{std::string(kNotificationsStore), 40, 80};
  }
  if (path == kConversationsPath) {
    return Route{std::string(kConversationsStore)};
  }
  if (!path.starts_with(kTimelinesPrefix)) return std::nullopt;
  path.remove_prefix(kTimelinesPrefix.size());

  bool local = truthy_param(request, "local");
  bool remote = truthy_param(request, "remote");
  bool media = truthy_param(request, "only_media");
  // As in Mastodon's PublicFeed, local and remote together select both.
  std::string scope = local && !remote   ? ":local"
                      : remote && !local ? ":remote"
                                         : "";
  std::string media_suffix = media ? ":media" : "";

  if (path == "home") return Route{status_key("user")};
  if (path == "public") {
    return Route{status_key("public" + scope + media_suffix)};
  }
  if (path.starts_with("tag/")) {
    std::string tag = decode_path_segment(path.substr(4));
    if (tag.empty() || tag.find('/') != std::string::npos) return std::nullopt;
    // NOTE: no stream fills hashtag stores for remote=true or
    // only_media=true, so those requests always get an empty page.
    return Route{status_key("hashtag" + scope + media_suffix, tag)};
  }
  if (path.starts_with("list/")) {
    std::string id = decode_path_segment(path.substr(5));
    if (id.empty() || id.find('/') != std::string::npos || !policy.allows(id)) {
      return std::nullopt;
    }
    return Route{status_key("list", id)};
  }
  return std::nullopt;
}

PageRequest page_request(const HttpRequest& request, const Route& route) {
  PageRequest page;
  page.max_id = request.query_param("max_id");
  page.since_id = request.query_param("since_id");
  page.min_id = request.query_param("min_id");
  // Rails treats empty parameters as absent.
  for (auto* cursor : {&page.max_id, &page.since_id, &page.min_id}) {
    if (*cursor && (*cursor)->empty()) cursor->reset();
  }
  page.limit = limit_param(request, route);
  return page;
}

// Returns the request URL with `cursor=id` in place of its cursor
// parameters, keeping the other query parameters as sent.
std::string page_url(const SharedState& state, const HttpRequest& request,
                     std::string_view cursor, std::string_view id) {
  std::string url = (state.options().use_tls() ? "https://" : "http://") +
                    state.instance().domain + std::string(request.path()) + "?";
  std::string_view target = request.target;
  auto mark = target.find('?');
  std::string_view query =
      mark == std::string_view::npos ? "" : target.substr(mark + 1);
  while (!query.empty()) {
    auto end = query.find('&');
    std::string_view pair = query.substr(0, end);
    std::string name = decode_path_segment(pair.substr(0, pair.find('=')));
    bool dropped =
        std::find(kDroppedLinkParams.begin(), kDroppedLinkParams.end(), name) !=
        kDroppedLinkParams.end();
    if (!pair.empty() && !dropped) {
      url += pair;
      url += '&';
    }
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  url += cursor;
  url += '=';
  url += percent_encode(id);
  return url;
}

bool has_accepted_token(const SharedState& state, const HttpRequest& request) {
  auto authorization = request.header("authorization");
  if (!authorization || !authorization->starts_with("Bearer ")) return false;
  std::string_view token = authorization->substr(7);
  const auto& tokens = state.tokens();
  return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

HttpResponse answer_counted_request(SharedState& state,
                                    const HttpRequest& request) {
  if (request.method != "GET") return json_error(404, "Record not found");
  if (!has_accepted_token(state, request)) {
    return json_error(401, "The access token is invalid");
  }
  auto route = find_route(request, state.list_policy());
  if (!route) return json_error(404, "Record not found");

  std::vector<const StoredEntry*> entries;
  if (route->store_key) {
    entries =
        state.stores().page(*route->store_key, page_request(request, *route));
  }

  std::string body = "[";
  for (const StoredEntry* entry : entries) {
    if (body.size() > 1) body += ',';
    body += entry->json;
  }
  body += ']';
  HttpResponse response = json_response(200, std::move(body));

  if (!entries.empty()) {
    std::string link =
        "<" + page_url(state, request, "max_id", entries.back()->cursor) +
        ">; rel=\"next\", <" +
        page_url(state, request, "min_id", entries.front()->cursor) +
        ">; rel=\"prev\"";
    response.headers.emplace_back("Link", std::move(link));
  }
  return response;
}

}  // namespace

bool is_timeline_path(std::string_view path) {
  return path.starts_with(kTimelinesPrefix) || path == kNotificationsPath ||
         path == kConversationsPath;
}

HttpResponse answer_timeline_request(SharedState& state,
                                     const HttpRequest& request) {
  RateLimit& limit = state.rest_rate_limit();
  HttpResponse response = limit.count_request(std::chrono::system_clock::now())
                              ? answer_counted_request(state, request)
                              : json_error(429, "Too many requests");
  for (auto& header : limit.headers()) {
    response.headers.push_back(std::move(header));
  }
  return response;
}

}  // namespace fake
