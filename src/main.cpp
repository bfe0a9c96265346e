// mastotail: follow Mastodon timelines like tail -f.
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

  // 2. Follow the timelines (or replay a file) until done.
  return app::run(*parsed.options);
}
