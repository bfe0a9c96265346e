// The subcommands login, logout and accounts on the command line.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli/parse.h"

using namespace mastotail::cli;

namespace {

ParseResult parse(std::vector<std::string> arguments,
                  const Environment& environment = {}) {
  return parse_arguments(arguments, environment);
}

Options parse_ok(std::vector<std::string> arguments,
                 const Environment& environment = {}) {
  ParseResult result = parse(arguments, environment);
  INFO("error: " << result.error);
  REQUIRE(result.options.has_value());
  return *result.options;
}

std::string parse_error(std::vector<std::string> arguments) {
  ParseResult result = parse(arguments);
  CHECK_FALSE(result.options.has_value());
  CHECK(result.exit_code == 2);
  return result.error;
}

}  // namespace

TEST_CASE("login takes one instance") {
  Options options = parse_ok({"login", "example.social"});
  CHECK(options.command == Command::kLogin);
  CHECK(options.operand == "example.social");
  CHECK_FALSE(options.no_browser_callback);

  options = parse_ok(
      {"login", "--no-browser-callback", "-v", "https://example.social"});
  CHECK(options.no_browser_callback);
  CHECK(options.verbosity == 2);

  CHECK(parse_error({"login"}).find("takes one INSTANCE") != std::string::npos);
  CHECK(parse_error({"login", "a.example", "b.example"})
            .find("takes one INSTANCE") != std::string::npos);
  CHECK(parse_error({"login", "a b"}).starts_with("login 'a b':"));
}

TEST_CASE("subcommand options are checked") {
  CHECK(parse_error({"login", "x.example", "--tag", "a"}) ==
        "--tag does not apply to mastotail login");
  CHECK(parse_error({"accounts", "--account", "a@b"}) ==
        "--account does not apply to mastotail accounts");
  CHECK(parse_error({"--no-browser-callback"}) ==
        "--no-browser-callback applies only to mastotail login");
  CHECK(parse_error({"--default", "a@b"}) ==
        "--default applies only to mastotail accounts");
  CHECK(parse_error({"-v", "login", "x.example"}).find("must come first") !=
        std::string::npos);
}

TEST_CASE("logout takes an optional account") {
  Options options = parse_ok({"logout"});
  CHECK(options.command == Command::kLogout);
  CHECK(options.operand.empty());

  options = parse_ok({"logout", "alice@example.social"});
  CHECK(options.operand == "alice@example.social");

  CHECK(parse_error({"logout", "a@b", "c@d"}) ==
        "mastotail logout takes at most one ACCOUNT");
  CHECK(parse_error({"logout", "a@b", "--account", "c@d"})
            .find("conflicts with --account") != std::string::npos);
}

TEST_CASE("accounts takes only default") {
  Options options = parse_ok({"accounts"});
  CHECK(options.command == Command::kAccounts);
  CHECK(options.default_account.empty());

  options = parse_ok({"accounts", "--default", "bob@example.social"});
  CHECK(options.default_account == "bob@example.social");

  CHECK(parse_error({"accounts", "--default", "bob"}).find("user@host") !=
        std::string::npos);
  CHECK(parse_error({"accounts", "bob@x"}).find("takes no argument") !=
        std::string::npos);
}

TEST_CASE("account and token command options") {
  Options options = parse_ok({"--account", "a@b", "--token-command", "pass x"});
  CHECK(options.command == Command::kFollow);
  CHECK(options.account == "a@b");
  CHECK(options.token_command == "pass x");
  CHECK(parse_error({"--token-command", ""}) ==
        "--token-command: empty command");

  Options from_environment = parse_ok({}, Environment{.account = "e@f"});
  CHECK(from_environment.account == "e@f");
  Options flag_wins =
      parse_ok({"--account", "a@b"}, Environment{.account = "e@f"});
  CHECK(flag_wins.account == "a@b");
}

TEST_CASE("subcommands ignore instance variable") {
  Options options = parse_ok({"accounts"}, Environment{.instance = "a b"});
  CHECK(options.instance.empty());
}
