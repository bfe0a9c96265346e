// The OAuth side of the fake instance, as Mastodon 4.3 (Doorkeeper) serves
// it: app registration, the authorization page, the code exchange with
// PKCE, token verification and revocation. Served on the plain main port.
//
//   POST /api/v1/apps        form or JSON: client_name (required),
//                            redirect_uris (string or array), scopes
//   GET  /oauth/authorize    302 to redirect_uri?code=..&state=.., or for
//                            urn:ietf:wg:oauth:2.0:oob a page with the code
//   POST /oauth/token        grant_type=authorization_code, code,
//                            client_id, client_secret, redirect_uri,
//                            code_verifier (checked against the S256
//                            challenge); 400 invalid_grant otherwise
//   GET  /api/v1/accounts/verify_credentials   the token's account
//   POST /oauth/revoke       client_id, client_secret, token
//
// A token from /oauth/token is accepted by the streaming endpoint until it
// is revoked. Tests change the behaviour through the control port's
// POST /oauth (see OAuthServer::configure).
#pragma once

#include <simdjson.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http_request.h"
#include "http_response.h"

namespace fake {

class OAuthServer {
 public:
  // `accepted_tokens` is the list of bearer tokens the instance accepts;
  // issued tokens are added to it and revoked ones removed. Tokens already
  // in it belong to the account "alice".
  explicit OAuthServer(std::vector<std::string>& accepted_tokens);

  // Returns the response to an OAuth or account request, or nullopt when
  // `request` is for another path.
  std::optional<HttpResponse> answer(const HttpRequest& request);

  // Applies a control request and returns the resulting settings and the
  // issued and revoked tokens. Members, all optional:
  //   "apps":      "ok" | "422" | "html" | "404"  the /api/v1/apps response
  //   "authorize": "ok" | "deny" | "wrong_state"  deny redirects with
  //                error=access_denied; wrong_state changes the state value
  //   "verify":    "ok" | "401"  401 rejects every token at
  //                verify_credentials
  //   "account":   the acct that the next codes authorize (default alice)
  //   "revoke":    a token to revoke, as if the user revoked it elsewhere
  HttpResponse configure(simdjson::dom::object body);

 private:
  struct App {
    std::string client_id;
    std::string client_secret;
    std::vector<std::string> redirect_uris;
    std::vector<std::string> scopes;
  };

  struct Grant {
    std::string client_id;
    std::string redirect_uri;
    std::string code_challenge;
    std::string account;
  };

  HttpResponse register_app(const HttpRequest& request);
  HttpResponse authorize(const HttpRequest& request);
  HttpResponse issue_token(const HttpRequest& request);
  HttpResponse verify_credentials(const HttpRequest& request);
  HttpResponse revoke(const HttpRequest& request);
  const App* authenticate_client(std::string_view client_id,
                                 std::string_view client_secret) const;
  void revoke_token(const std::string& token);

  std::vector<std::string>& accepted_tokens_;
  std::vector<App> apps_;
  std::map<std::string, Grant> grants_;                // by code
  std::map<std::string, std::string> token_accounts_;  // token -> acct
  std::vector<std::string> issued_;
  std::vector<std::string> revoked_;
  std::string apps_mode_ = "ok";
  std::string authorize_mode_ = "ok";
  std::string verify_mode_ = "ok";
  std::string account_ = "alice";
};

}  // namespace fake
