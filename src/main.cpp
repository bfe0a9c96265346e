// mastotail: follow Mastodon timelines like tail -f.
#include "app/accounts.h"
#include "app/login.h"
#include "app/run.h"
#include "cli/environment.h"
#include "cli/parse.h"

int main(int argc, char** argv) {
  using namespace mastotail;

  // 1. Read and validate the command line; --help, --version and usage
  //    errors end here.
  cli::ParseResult parsed =
      cli::parse_command_line(argc, argv, cli::read_environment());
  if (!parsed.options) return parsed.exit_code;

  // 2. Run a subcommand, or follow the timelines (or replay a file) until
  //    done.
  const cli::Options& options = *parsed.options;
  switch (options.command) {
    case cli::Command::kLogin:
      return app::run_login(options);
    case cli::Command::kLogout:
      return app::run_logout(options);
    case cli::Command::kAccounts:
      return app::run_accounts(options);
    case cli::Command::kFollow:
      break;
  }
  return app::run(options);
}
