// PKCE (RFC 7636) values and the OAuth state parameter for mastotail login.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace mastotail::app {

// A PKCE verifier with its S256 challenge.
struct Pkce {
  std::string verifier;   // 43 characters of base64url (32 random bytes)
  std::string challenge;  // base64url(SHA-256(verifier)), 43 characters
};

// Encodes bytes as base64url without padding (RFC 4648 section 5).
std::string base64url(std::string_view bytes);

// Returns the S256 code challenge of `verifier`.
std::string s256_challenge(std::string_view verifier);

// Returns `count` bytes from OpenSSL's RAND_bytes as base64url, or a
// kInternal error when the random generator fails.
Result<std::string> random_base64url(size_t count);

// Returns a new verifier and its challenge.
Result<Pkce> make_pkce();

}  // namespace mastotail::app
