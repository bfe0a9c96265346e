#include "decode/oauth.h"

#include <simdjson.h>

#include <map>
#include <vector>

namespace mastotail::decode {
namespace {

// Copies the string members named in `keys` from the top-level object of
// `json` into a map. A member that is absent or not a string is left out.
// Returns false when the body is not a JSON object.
bool read_string_members(std::string_view json,
                         const std::vector<std::string_view>& keys,
                         std::map<std::string_view, std::string>& out) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json.data(), json.size()).get(object)) return false;

  for (std::string_view key : keys) {
    std::string_view value;
    if (object[key].get(value) == simdjson::SUCCESS) {
      out[key] = std::string(value);
    }
  }
  return true;
}

Error missing(std::string_view what, std::string_view response) {
  return Error{ErrorKind::kProtocol,
               std::string(response) + " has no " + std::string(what)};
}

// Returns the non-empty string member `key` of the object in `json`.
Result<std::string> required_member(std::string_view json, std::string_view key,
                                    std::string_view response) {
  std::map<std::string_view, std::string> members;
  if (!read_string_members(json, {key}, members)) {
    return Error{ErrorKind::kProtocol,
                 std::string(response) + " is not a JSON object"};
  }
  auto found = members.find(key);
  if (found == members.end() || found->second.empty()) {
    return missing(key, response);
  }
  return found->second;
}

}  // namespace

Result<AppRegistration> decode_app_registration(std::string_view json) {
  constexpr std::string_view kResponse = "the app registration response";
  Result<std::string> id = required_member(json, "client_id", kResponse);
  if (!id.ok()) return id.take_error();
  Result<std::string> secret =
      required_member(json, "client_secret", kResponse);
  if (!secret.ok()) return secret.take_error();

  return AppRegistration{.client_id = std::move(*id),
                         .client_secret = std::move(*secret)};
}

Result<std::string> decode_access_token(std::string_view json) {
  return required_member(json, "access_token", "the token response");
}

Result<std::string> decode_account_acct(std::string_view json) {
  return required_member(json, "acct", "the verify_credentials response");
}

OAuthError decode_oauth_error(std::string_view json) {
  std::map<std::string_view, std::string> members;
  read_string_members(json, {"error", "error_description"}, members);
  return OAuthError{.error = members["error"],
                    .description = members["error_description"]};
}

}  // namespace mastotail::decode
