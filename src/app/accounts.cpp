#include "app/accounts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "app/config_file.h"
#include "app/exit_code.h"
#include "app/login_flow.h"
#include "decode/oauth.h"
#include "net/form.h"
#include "net/url.h"
#include "util/log.h"

namespace mastotail::app {
namespace {

int fail(const Error& error) {
  log::error("{}", error.message);
  return exit_code_for(error.kind);
}

void set_verbosity(const cli::Options& options) {
  log::set_verbosity(
      static_cast<log::Verbosity>(std::clamp(options.verbosity, 0, 3)));
}

Error no_such_account(std::string_view name, std::string_view path) {
  return Error{ErrorKind::kUsage,
               fmt::format("no stored account '{}' in {}; mastotail accounts "
                           "lists them",
                           name, path)};
}

int list_accounts(const Config& config, const std::string& path) {
  if (config.accounts.empty()) {
    log::info(
        "no stored accounts in {}; add one with mastotail login "
        "INSTANCE",
        path);
    return kExitOk;
  }

  std::string out;
  for (const StoredAccount& account : config.accounts) {
    bool is_default = account.name == config.default_account;
    out += fmt::format("{} {}  {}\n", is_default ? '*' : ' ', account.name,
                       account.instance);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return kExitOk;
}

// Revokes the account's token. Returns an error only when the instance
// could not be reached or the run was interrupted. An HTTP error is only
// a warning, because the token may already be invalid.
Status revoke(net::Loop& loop, const StoredAccount& account) {
  if (account.client_id.empty() || account.client_secret.empty()) {
    log::warning(
        "account {} has no client_id and client_secret, so its "
        "token was not revoked; revoke it under Authorized apps in "
        "the instance's settings",
        account.name);
    return {};
  }
  Result<net::Url> instance = net::parse_instance(account.instance);
  if (!instance.ok()) return instance.error();

  net::HttpRequest request;
  request.method = "POST";
  request.url = *instance;
  request.url.path = "/oauth/revoke";
  request.content_type = "application/x-www-form-urlencoded";
  request.body = net::form_encode({{"client_id", account.client_id},
                                   {"client_secret", account.client_secret},
                                   {"token", account.token}});
  Result<net::HttpResponse> response = fetch(loop, std::move(request));
  if (!response.ok()) return response.error();
  if (response->status == 200) return {};

  decode::OAuthError error = decode::decode_oauth_error(response->body);
  std::string reason =
      error.error.empty()
          ? fmt::format("HTTP {}", response->status)
          : fmt::format("HTTP {}, {}", response->status, error.error);
  log::warning(
      "{} did not revoke the token of {} ({}); removing the account "
      "anyway",
      account.instance, account.name, reason);
  return {};
}

// Returns the account that logout acts on.
Result<std::string> logout_target(const cli::Options& options,
                                  const Config& config,
                                  const std::string& path) {
  std::string name = options.operand;
  if (name.empty()) name = options.account;
  if (name.empty()) name = config.default_account;
  if (name.empty()) {
    return Error{
        ErrorKind::kUsage,
        fmt::format("no stored accounts in {}; nothing to log out", path)};
  }
  if (config.find(name) == nullptr) return no_such_account(name, path);
  return name;
}

}  // namespace

int run_accounts(const cli::Options& options) {
  set_verbosity(options);
  Result<std::string> path = config_path(read_config_location());
  if (!path.ok()) return fail(path.error());
  Result<Config> config = read_config(*path);
  if (!config.ok()) return fail(config.error());

  if (options.default_account.empty()) return list_accounts(*config, *path);

  if (config->find(options.default_account) == nullptr) {
    return fail(no_such_account(options.default_account, *path));
  }
  config->default_account = options.default_account;
  Status written = write_config(*path, *config);
  if (!written.ok()) return fail(written.error());
  log::info("{} is now the default account", options.default_account);
  return kExitOk;
}

int run_logout(const cli::Options& options) {
  set_verbosity(options);
  Result<std::string> path = config_path(read_config_location());
  if (!path.ok()) return fail(path.error());
  Result<Config> config = read_config(*path);
  if (!config.ok()) return fail(config.error());
  Result<std::string> name = logout_target(options, *config, *path);
  if (!name.ok()) return fail(name.error());

  Result<std::unique_ptr<net::Loop>> loop = make_account_loop(options);
  if (!loop.ok()) return fail(loop.error());
  install_interrupt_handlers(**loop);
  Status revoked = revoke(**loop, *config->find(*name));
  if (interrupt_signal() != 0) return 128 + interrupt_signal();
  if (!revoked.ok()) {
    return fail(Error{revoked.error().kind,
                      fmt::format("{}; the account {} is kept, run mastotail "
                                  "logout again later",
                                  revoked.error().message, *name)});
  }

  // Read again, so that changes made meanwhile are kept.
  Result<Config> current = read_config(*path);
  if (!current.ok()) return fail(current.error());
  current->remove(*name);
  Status written = write_config(*path, *current);
  if (!written.ok()) return fail(written.error());

  if (current->default_account.empty()) {
    log::info("logged out {}", *name);
  } else {
    log::info("logged out {}; the default account is {}", *name,
              current->default_account);
  }
  return kExitOk;
}

}  // namespace mastotail::app
