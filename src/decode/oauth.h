// The OAuth and account responses of a Mastodon-API server that mastotail
// login uses: POST /api/v1/apps, POST /oauth/token and
// GET /api/v1/accounts/verify_credentials.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace mastotail::decode {

// The parts of a registered application (CredentialApplication).
struct AppRegistration {
  std::string client_id;
  std::string client_secret;
};

// An OAuth error body: {"error":"invalid_grant","error_description":"..."}.
// Both are empty when the body is not such an object.
struct OAuthError {
  std::string error;
  std::string description;
};

// Decodes POST /api/v1/apps. Fails with kProtocol when the body is not a
// JSON object with string members client_id and client_secret.
Result<AppRegistration> decode_app_registration(std::string_view json);

// Decodes POST /oauth/token and returns access_token. Fails with
// kProtocol when it is missing.
Result<std::string> decode_access_token(std::string_view json);

// Decodes GET /api/v1/accounts/verify_credentials and returns acct.
// Fails with kProtocol when it is missing.
Result<std::string> decode_account_acct(std::string_view json);

// Decodes an OAuth error body.
OAuthError decode_oauth_error(std::string_view json);

}  // namespace mastotail::decode
