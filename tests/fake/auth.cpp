#include "auth.h"

#include <algorithm>

namespace fake {

AuthResult authenticate(std::optional<std::string_view> authorization,
                        std::optional<std::string_view> access_token,
                        std::optional<std::string_view> protocol,
                        const std::vector<std::string>& tokens) {
  AuthResult result;
  std::string_view token;

  if (authorization && !authorization->empty()) {
    result.transport = "header";
    token = *authorization;
    if (token.starts_with("Bearer ")) token.remove_prefix(7);
  } else if (access_token && !access_token->empty()) {
    result.transport = "query";
    token = *access_token;
  } else if (protocol && !protocol->empty()) {
    result.transport = "protocol";
    token = *protocol;
  } else {
    result.error = "Missing access token";
    return result;
  }

  if (std::find(tokens.begin(), tokens.end(), token) == tokens.end()) {
    result.error = "Invalid access token";
  }
  return result;
}

}  // namespace fake
