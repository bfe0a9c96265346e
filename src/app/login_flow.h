// The OAuth authorization-code flow of mastotail login (with PKCE S256 and
// a state value), and the helpers that login and logout share to run the
// shared loop until one step has finished.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "app/callback_server.h"
#include "app/config_file.h"
#include "app/paste_reader.h"
#include "cli/options.h"
#include "net/http_client.h"
#include "net/loop.h"
#include "net/url.h"
#include "util/result.h"

namespace mastotail::app {

// The out-of-band redirect URI: Mastodon then shows the code in the browser
// instead of redirecting.
inline constexpr std::string_view kOutOfBandUri = "urn:ietf:wg:oauth:2.0:oob";

// How long login waits for the authorization code. Mastodon's codes
// expire after 10 minutes (Doorkeeper's default
// authorization_code_expires_in), so waiting longer cannot help.
inline constexpr std::chrono::minutes kCodeWait{10};

// Creates the loop for login and logout: --cacert, the User-Agent and the
// proxy variables.
Result<std::unique_ptr<net::Loop>> make_account_loop(
    const cli::Options& options);

// Makes SIGINT and SIGTERM end run_until(); interrupt_signal() then
// returns the signal number.
void install_interrupt_handlers(net::Loop& loop);
int interrupt_signal();

// Runs `loop` until `finished()` returns true. Fails (kInternal,
// "interrupted") when a signal arrived, or when the loop fails.
Status run_until(net::Loop& loop, const std::function<bool()>& finished);

// Sends `request` and waits for the response (any HTTP status). Fails with
// kTls when certificate verification failed, else with kNetwork: "cannot
// reach ORIGIN: reason".
Result<net::HttpResponse> fetch(net::Loop& loop, net::HttpRequest request);

// One login: register the app, obtain a code from the browser callback
// (or a pasted one), exchange it for a token and verify the token.
class LoginFlow {
 public:
  // With `use_callback` the code arrives at `callback` (and may also be
  // pasted); otherwise the redirect URI is kOutOfBandUri and the code is
  // pasted. Every reference must outlive the flow.
  LoginFlow(net::Loop& loop, CallbackServer& callback, PasteReader& paste,
            net::Url instance, bool use_callback);

  // Runs every step. The returned account has its name (acct@host),
  // instance URL, token and client credentials set. Errors: kNetwork or
  // kTls when the instance is unreachable, kNotFound when it is not a
  // Mastodon-API server, kProtocol when it rejects the registration, kAuth
  // when access is denied, the code is invalid or expired, the state does
  // not match, or the token fails verification.
  Result<StoredAccount> run();

 private:
  Status prepare_redirect();
  Status register_app();
  Status make_secrets();
  std::string authorization_url() const;
  void show_instructions() const;
  Result<std::string> wait_for_code();
  Result<std::string> code_from_reply(const AuthorizationReply& reply,
                                      bool state_required) const;
  Result<std::string> code_from_paste(std::string_view line) const;
  Result<std::string> exchange_code(const std::string& code);
  Result<std::string> verify_token(const std::string& token);
  net::Url endpoint(std::string_view path) const;

  net::Loop& loop_;
  CallbackServer& callback_;
  PasteReader& paste_;
  net::Url instance_;
  bool use_callback_;
  std::string redirect_uri_;
  std::string client_id_;
  std::string client_secret_;
  std::string verifier_;
  std::string challenge_;
  std::string state_;
};

}  // namespace mastotail::app
