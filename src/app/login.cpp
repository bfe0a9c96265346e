#include "app/login.h"

#include <algorithm>

#include "app/callback_server.h"
#include "app/config_file.h"
#include "app/exit_code.h"
#include "app/login_flow.h"
#include "app/paste_reader.h"
#include "net/url.h"
#include "util/log.h"

namespace mastotail::app {
namespace {

int fail(const Error& error) {
  log::error("{}", error.message);
  return exit_code_for(error.kind);
}

// Adds `account` to the configuration file as it is now, so that changes
// made while login waited are kept.
Status store_account(const std::string& path, StoredAccount account,
                     bool& is_default) {
  Result<Config> config = read_config(path);
  if (!config.ok()) return config.error();

  std::string name = account.name;
  config->store(std::move(account));
  is_default = config->default_account == name;
  return write_config(path, *config);
}

}  // namespace

int run_login(const cli::Options& options) {
  log::set_verbosity(
      static_cast<log::Verbosity>(std::clamp(options.verbosity, 0, 3)));

  Result<net::Url> instance = net::parse_instance(options.operand);
  if (!instance.ok()) return fail(instance.error());
  Result<std::string> path = config_path(read_config_location());
  if (!path.ok()) return fail(path.error());
  // Report a broken or unsafe configuration file before the browser step.
  Result<Config> config = read_config(*path);
  if (!config.ok()) return fail(config.error());

  // Both must outlive the loop: lws calls them until the context is gone.
  CallbackServer callback;
  PasteReader paste;
  Result<std::unique_ptr<net::Loop>> loop = make_account_loop(options);
  if (!loop.ok()) return fail(loop.error());
  install_interrupt_handlers(**loop);

  LoginFlow flow(**loop, callback, paste, *instance,
                 !options.no_browser_callback);
  Result<StoredAccount> account = flow.run();
  if (interrupt_signal() != 0) return 128 + interrupt_signal();
  if (!account.ok()) return fail(account.error());

  std::string name = account->name;
  bool is_default = false;
  Status stored = store_account(*path, std::move(*account), is_default);
  if (!stored.ok()) return fail(stored.error());

  if (is_default) {
    log::info(
        "logged in as {}, the default account; the token is stored "
        "in {}",
        name, *path);
  } else {
    log::info(
        "logged in as {}; the token is stored in {}. Use it with "
        "--account {}, or make it the default with mastotail accounts "
        "--default {}",
        name, *path, name, name);
  }
  return kExitOk;
}

}  // namespace mastotail::app
