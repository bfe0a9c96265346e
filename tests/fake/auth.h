// Token lookup for WebSocket upgrades, in Mastodon's order: the
// Authorization header, then the access_token query parameter, then
// Sec-WebSocket-Protocol.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fake {

struct AuthResult {
  // "header", "query", "protocol", or "none" when no token was sent.
  std::string transport = "none";
  // Empty when the token is accepted, else "Missing access token" or
  // "Invalid access token".
  std::string error;
};

// Checks the token from the first transport present. "Bearer " is
// stripped from the header value as Mastodon does (case-sensitive).
AuthResult authenticate(std::optional<std::string_view> authorization,
                        std::optional<std::string_view> access_token,
                        std::optional<std::string_view> protocol,
                        const std::vector<std::string>& tokens);

}  // namespace fake
