#include "app/login_flow.h"

#include <fmt/format.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <optional>

#include "app/pkce.h"
#include "decode/instance.h"
#include "decode/oauth.h"
#include "net/form.h"
#include "net/proxy.h"
#include "util/log.h"
#include "version.h"

namespace mastotail::app {
namespace {

volatile sig_atomic_t g_signal = 0;
net::Loop* g_loop = nullptr;

void on_signal(int number) {
  g_signal = number;
  if (g_loop != nullptr) g_loop->wake();
}

// The random state value: 16 bytes, base64url.
constexpr size_t kStateBytes = 16;

constexpr std::string_view kContentTypeForm =
    "application/x-www-form-urlencoded";

std::string_view trim(std::string_view text) {
  const char* space = " \t\r\n";
  size_t first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

// "error: description", or the error alone.
std::string describe_oauth_error(const decode::OAuthError& error) {
  if (error.description.empty()) return error.error;
  return fmt::format("{}: {}", error.error, error.description);
}

Error auth_error(std::string message) {
  return Error{ErrorKind::kAuth, std::move(message)};
}

// Prints a line for the user on stderr, also with -q: login cannot go on
// without it.
void tell_user(std::string_view message) { log::write("info", message); }

}  // namespace

Result<std::unique_ptr<net::Loop>> make_account_loop(
    const cli::Options& options) {
  net::LoopOptions loop_options;
  loop_options.cacert = options.cacert;
  loop_options.user_agent = "mastotail/" MASTOTAIL_VERSION;
  loop_options.proxies = net::read_proxy_environment();
  return net::Loop::create(loop_options);
}

void install_interrupt_handlers(net::Loop& loop) {
  g_loop = &loop;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() { return g_signal; }

Status run_until(net::Loop& loop, const std::function<bool()>& finished) {
  while (!finished()) {
    if (g_signal != 0) return Error{ErrorKind::kInternal, "interrupted"};
    if (!loop.run_turn()) {
      return Error{ErrorKind::kInternal, "the event loop failed"};
    }
  }
  return {};
}

Result<net::HttpResponse> fetch(net::Loop& loop, net::HttpRequest request) {
  std::string origin = request.url.origin();
  std::optional<Result<net::HttpResponse>> outcome;
  net::Failure failure;
  net::HttpFetch http(loop);
  http.start(std::move(request),
             [&](Result<net::HttpResponse> response, net::Failure why) {
               outcome = std::move(response);
               failure = std::move(why);
             });

  Status waited = run_until(loop, [&] { return outcome.has_value(); });
  if (!waited.ok()) return waited.error();
  if (outcome->ok()) return std::move(*outcome);

  ErrorKind kind =
      failure.certificate_error ? ErrorKind::kTls : ErrorKind::kNetwork;
  return Error{kind,
               fmt::format("cannot reach {}: {}", origin, failure.describe())};
}

LoginFlow::LoginFlow(net::Loop& loop, CallbackServer& callback,
                     PasteReader& paste, net::Url instance, bool use_callback)
    : loop_(loop),
      callback_(callback),
      paste_(paste),
      instance_(std::move(instance)),
      use_callback_(use_callback) {}

Result<StoredAccount> LoginFlow::run() {
  for (Status (LoginFlow::*step)() :
       {&LoginFlow::prepare_redirect, &LoginFlow::register_app,
        &LoginFlow::make_secrets}) {
    Status status = (this->*step)();
    if (!status.ok()) return status.error();
  }

  show_instructions();
  Result<std::string> code = wait_for_code();
  if (!code.ok()) return code.take_error();

  Result<std::string> token = exchange_code(*code);
  if (!token.ok()) return token.take_error();

  Result<std::string> acct = verify_token(*token);
  if (!acct.ok()) return acct.take_error();

  std::string name = acct->find('@') == std::string::npos
                         ? fmt::format("{}@{}", *acct, instance_.host_header())
                         : *acct;
  return StoredAccount{.name = std::move(name),
                       .instance = instance_.origin(),
                       .token = std::move(*token),
                       .client_id = client_id_,
                       .client_secret = client_secret_};
}

Status LoginFlow::prepare_redirect() {
  Status watching = paste_.start(loop_, STDIN_FILENO);
  if (!watching.ok()) return watching;

  if (!use_callback_) {
    redirect_uri_ = kOutOfBandUri;
    return {};
  }
  Result<int> port = callback_.start(loop_);
  if (!port.ok()) return port.error();
  redirect_uri_ = fmt::format("http://127.0.0.1:{}/callback", *port);
  log::debug("listening for the login callback on {}", redirect_uri_);
  return {};
}

net::Url LoginFlow::endpoint(std::string_view path) const {
  net::Url url = instance_;
  url.path = path;
  return url;
}

Status LoginFlow::register_app() {
  net::HttpRequest request;
  request.method = "POST";
  request.url = endpoint("/api/v1/apps");
  request.content_type = kContentTypeForm;
  request.body = net::form_encode({{"client_name", "mastotail"},
                                   {"redirect_uris", redirect_uri_},
                                   {"scopes", "read"}});

  Result<net::HttpResponse> response = fetch(loop_, std::move(request));
  if (!response.ok()) return response.error();

  int status = response->status;
  if (status == 422) {
    std::string reason = decode::decode_error_message(response->body);
    if (reason.empty()) reason = "HTTP 422";
    return Error{ErrorKind::kProtocol,
                 fmt::format("{} rejected the app registration: {}",
                             instance_.origin(), reason)};
  }

  Error not_mastodon{
      ErrorKind::kNotFound,
      fmt::format("{} is not a Mastodon-API server: POST /api/v1/apps "
                  "returned HTTP {} ({}); check the instance name",
                  instance_.origin(), status,
                  response->content_type.empty() ? "no content type"
                                                 : response->content_type)};
  if (status >= 500) {
    return Error{ErrorKind::kProtocol,
                 fmt::format("POST /api/v1/apps at {} failed with HTTP {}; "
                             "try again later",
                             instance_.origin(), status)};
  }
  if (status < 200 || status > 299 || !response->is_json()) {
    return not_mastodon;
  }

  Result<decode::AppRegistration> app =
      decode::decode_app_registration(response->body);
  if (!app.ok()) {
    not_mastodon.message += fmt::format(" ({})", app.error().message);
    return not_mastodon;
  }
  client_id_ = std::move(app->client_id);
  client_secret_ = std::move(app->client_secret);
  log::debug("registered the app mastotail at {}", instance_.origin());
  return {};
}

Status LoginFlow::make_secrets() {
  Result<Pkce> pkce = make_pkce();
  if (!pkce.ok()) return pkce.error();
  Result<std::string> state = random_base64url(kStateBytes);
  if (!state.ok()) return state.error();

  verifier_ = std::move(pkce->verifier);
  challenge_ = std::move(pkce->challenge);
  state_ = std::move(*state);
  callback_.expect_state(state_);
  return {};
}

std::string LoginFlow::authorization_url() const {
  std::string query = net::form_encode({{"response_type", "code"},
                                        {"client_id", client_id_},
                                        {"redirect_uri", redirect_uri_},
                                        {"scope", "read"},
                                        {"state", state_},
                                        {"code_challenge", challenge_},
                                        {"code_challenge_method", "S256"}});
  return endpoint("/oauth/authorize").text() + "?" + query;
}

void LoginFlow::show_instructions() const {
  tell_user("open this URL in a browser to authorize mastotail:");
  std::string url = authorization_url() + "\n";
  std::fwrite(url.data(), 1, url.size(), stderr);
  if (use_callback_) {
    tell_user(fmt::format(
        "waiting for the browser to return to {}. If the browser runs on "
        "another machine (for example over SSH), copy the address it "
        "fails to open, paste it here and press Enter",
        redirect_uri_));
  } else {
    tell_user(
        "paste the authorization code that the browser shows and "
        "press Enter:");
  }
  std::fflush(stderr);
}

Result<std::string> LoginFlow::wait_for_code() {
  bool timed_out = false;
  bool stdin_closed_seen = false;
  net::Timer deadline(loop_);
  deadline.schedule(kCodeWait, [&timed_out] { timed_out = true; });

  for (;;) {
    Status waited = run_until(loop_, [&] {
      return callback_.reply().has_value() || paste_.has_line() ||
             (paste_.closed() && !stdin_closed_seen) || timed_out;
    });
    if (!waited.ok()) return waited.error();

    if (callback_.reply()) return code_from_reply(*callback_.reply(), true);

    std::string line;
    while (paste_.take_line(line)) {
      if (!trim(line).empty()) return code_from_paste(line);
    }
    if (timed_out) {
      return auth_error(fmt::format(
          "no authorization code arrived within {} minutes; run mastotail "
          "login again",
          kCodeWait.count()));
    }
    if (paste_.closed() && !stdin_closed_seen) {
      stdin_closed_seen = true;
      if (!use_callback_) {
        return Error{ErrorKind::kUsage,
                     "stdin ended before an authorization code was pasted"};
      }
      log::debug("stdin is closed; waiting for the browser only");
    }
  }
}

Result<std::string> LoginFlow::code_from_reply(const AuthorizationReply& reply,
                                               bool state_required) const {
  if (!reply.error.empty()) {
    decode::OAuthError error{reply.error, reply.error_description};
    if (reply.error == "access_denied") {
      return auth_error(fmt::format(
          "access was denied at {} ({}); run mastotail login again to retry",
          instance_.origin(), describe_oauth_error(error)));
    }
    return auth_error(fmt::format("the authorization failed at {}: {}",
                                  instance_.origin(),
                                  describe_oauth_error(error)));
  }

  bool state_given = !reply.state.empty();
  if ((state_required || state_given) && reply.state != state_) {
    return auth_error(
        "the state value of the authorization response does not match this "
        "login, so the response may come from another request; run "
        "mastotail login again");
  }
  if (reply.code.empty()) {
    return auth_error("the authorization response has no code");
  }
  return reply.code;
}

Result<std::string> LoginFlow::code_from_paste(std::string_view line) const {
  std::string_view text = trim(line);
  bool is_address = text.find("code=") != std::string_view::npos ||
                    text.find("error=") != std::string_view::npos;
  if (is_address) {
    size_t query_start = text.find('?');
    if (query_start != std::string_view::npos) {
      text.remove_prefix(query_start + 1);
    }
    net::FormFields fields = net::parse_form(text.substr(0, text.find('#')));
    AuthorizationReply reply{
        .code = net::form_value(fields, "code").value_or(""),
        .state = net::form_value(fields, "state").value_or(""),
        .error = net::form_value(fields, "error").value_or(""),
        .error_description =
            net::form_value(fields, "error_description").value_or("")};
    return code_from_reply(reply, false);
  }

  for (unsigned char c : text) {
    if (c <= 0x20 || c == 0x7F) {
      return Error{ErrorKind::kUsage,
                   "the pasted code contains spaces or control characters; "
                   "paste the code alone"};
    }
  }
  return std::string(text);
}

Result<std::string> LoginFlow::exchange_code(const std::string& code) {
  net::HttpRequest request;
  request.method = "POST";
  request.url = endpoint("/oauth/token");
  request.content_type = kContentTypeForm;
  request.body = net::form_encode({{"grant_type", "authorization_code"},
                                   {"code", code},
                                   {"client_id", client_id_},
                                   {"client_secret", client_secret_},
                                   {"redirect_uri", redirect_uri_},
                                   {"code_verifier", verifier_},
                                   {"scope", "read"}});

  Result<net::HttpResponse> response = fetch(loop_, std::move(request));
  if (!response.ok()) return response.take_error();
  if (response->status == 200) {
    return decode::decode_access_token(response->body);
  }

  decode::OAuthError error = decode::decode_oauth_error(response->body);
  if (error.error == "invalid_grant") {
    return auth_error(fmt::format(
        "the authorization code is wrong or has expired ({}); run mastotail "
        "login again",
        describe_oauth_error(error)));
  }
  if (!error.error.empty()) {
    return auth_error(fmt::format("{} rejected the authorization code: {}",
                                  instance_.origin(),
                                  describe_oauth_error(error)));
  }
  return Error{ErrorKind::kProtocol,
               fmt::format("POST /oauth/token at {} failed with HTTP {}",
                           instance_.origin(), response->status)};
}

Result<std::string> LoginFlow::verify_token(const std::string& token) {
  net::HttpRequest request;
  request.url = endpoint("/api/v1/accounts/verify_credentials");
  request.bearer_token = token;

  Result<net::HttpResponse> response = fetch(loop_, std::move(request));
  if (!response.ok()) return response.take_error();
  int status = response->status;
  if (status == 200) return decode::decode_account_acct(response->body);

  std::string reason = decode::decode_error_message(response->body);
  std::string detail = reason.empty()
                           ? fmt::format("HTTP {}", status)
                           : fmt::format("HTTP {}, {}", status, reason);
  if (status == 401 || status == 403) {
    return auth_error(
        fmt::format("{} rejected the new token at verify_credentials ({}); run "
                    "mastotail login again",
                    instance_.origin(), detail));
  }
  return Error{ErrorKind::kProtocol,
               fmt::format("GET /api/v1/accounts/verify_credentials at {} "
                           "failed ({})",
                           instance_.origin(), detail)};
}

}  // namespace mastotail::app
