// PKCE values, the configuration file and the order of the token sources.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/config_file.h"
#include "app/pkce.h"
#include "app/token.h"
#include "net/form.h"

using namespace mastotail;
using namespace mastotail::app;

namespace {

// A directory under /tmp, removed at the end of the test.
class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = "/tmp/mastotail-login-test-XXXXXX";
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDirectory() { std::filesystem::remove_all(path_); }

  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
}

mode_t mode_of(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

const char* const kTwoAccounts =
    "# a comment\n"
    "default = bob@example.social\n"
    "\n"
    "[account alice@example.social]\n"
    "instance = https://example.social\n"
    "token = alice-token\n"
    "client_id = id-1\n"
    "client_secret = secret-1\n"
    "\n"
    "  [account bob@example.social]  \n"
    "; another comment\n"
    "instance=https://example.social\n"
    "token   =   bob-token  \n";

Config parse_ok(std::string_view text) {
  Result<Config> config = parse_config(text, "config");
  INFO((config.ok() ? "" : config.error().message));
  REQUIRE(config.ok());
  return *config;
}

std::string parse_error(std::string_view text) {
  Result<Config> config = parse_config(text, "config");
  REQUIRE_FALSE(config.ok());
  CHECK(config.error().kind == ErrorKind::kUsage);
  return config.error().message;
}

// Settings with every explicit source set and a stored account.
struct SourceFixture {
  TempDirectory directory;
  TokenSettings settings;

  SourceFixture() {
    settings.token_file = directory.file("token");
    write_file(settings.token_file, "file-token\n", 0600);
    settings.token_command = "echo command-token";
    settings.environment_token = " environment-token ";
    settings.instance = "example.social";
    settings.config_path = directory.file("config");
    write_file(settings.config_path, kTwoAccounts, 0600);
  }

  Credentials resolve() const {
    Result<Credentials> credentials = resolve_credentials(settings);
    INFO((credentials.ok() ? "" : credentials.error().message));
    REQUIRE(credentials.ok());
    return *credentials;
  }

  std::string error() const {
    Result<Credentials> credentials = resolve_credentials(settings);
    REQUIRE_FALSE(credentials.ok());
    CHECK(credentials.error().kind == ErrorKind::kUsage);
    return credentials.error().message;
  }
};

}  // namespace

TEST_CASE("pkce challenge matches RFC 7636 example") {
  CHECK(s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") ==
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST_CASE("base64url has no padding") {
  CHECK(base64url("") == "");
  CHECK(base64url("f") == "Zg");
  CHECK(base64url("fo") == "Zm8");
  CHECK(base64url("foo") == "Zm9v");
  CHECK(base64url("\xfb\xff") == "-_8");
}

TEST_CASE("pkce verifier is fresh and 43 characters") {
  Result<Pkce> first = make_pkce();
  Result<Pkce> second = make_pkce();
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->verifier.size() == 43);
  CHECK(first->challenge == s256_challenge(first->verifier));
  CHECK(first->verifier != second->verifier);
  CHECK(
      first->verifier.find_first_not_of(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
      std::string::npos);
}

TEST_CASE("form fields are encoded and decoded") {
  std::string body = net::form_encode(
      {{"redirect_uri", "http://127.0.0.1:5/callback"}, {"scope", "read"}});
  CHECK(body ==
        "redirect_uri=http%3A%2F%2F127.0.0.1%3A5%2Fcallback&scope=read");

  net::FormFields fields = net::parse_form("code=a%2Bb&state=x+y&flag&&e=");
  REQUIRE(fields.size() == 4);
  CHECK(net::form_value(fields, "code") == "a+b");
  CHECK(net::form_value(fields, "state") == "x y");
  CHECK(net::form_value(fields, "flag") == "");
  CHECK(net::form_value(fields, "e") == "");
  CHECK_FALSE(net::form_value(fields, "missing").has_value());
  CHECK(net::percent_decode("100%") == "100%");
}

TEST_CASE("config parses accounts and default") {
  Config config = parse_ok(kTwoAccounts);
  CHECK(config.default_account == "bob@example.social");
  REQUIRE(config.accounts.size() == 2);
  const StoredAccount* alice = config.find("alice@example.social");
  REQUIRE(alice != nullptr);
  CHECK(alice->instance == "https://example.social");
  CHECK(alice->token == "alice-token");
  CHECK(alice->client_id == "id-1");
  CHECK(alice->client_secret == "secret-1");
  const StoredAccount* bob = config.find("bob@example.social");
  REQUIRE(bob != nullptr);
  CHECK(bob->token == "bob-token");
  CHECK(bob->client_id.empty());
}

TEST_CASE("config errors name the line") {
  CHECK(parse_error("token = x\n") ==
        "config:1: unknown setting 'token' before the first [account] "
        "section");
  CHECK(parse_error("[account a@b]\ninstance = i\ntoken = t\ncolour = red\n") ==
        "config:4: unknown setting 'colour'; expected instance, token, "
        "client_id or client_secret");
  CHECK(parse_error("\n[account a@b]\ninstance = i\ntoken = t\ntoken = u\n") ==
        "config:5: 'token' is set twice in [account a@b]");
  CHECK(parse_error("[account a@b]\ninstance = i\n") ==
        "config: [account a@b] has no token");
  CHECK(parse_error("[profile x]\n") ==
        "config:1: expected a section header '[account user@host]'");
  CHECK(parse_error("[account alice]\n").find("expected user@host") !=
        std::string::npos);
  CHECK(parse_error("just words\n") ==
        "config:1: expected 'name = value' or '[account NAME]'");
  CHECK(parse_error("[account a@b]\ninstance = i\ntoken = t\n"
                    "[account a@b]\n") ==
        "config:4: account 'a@b' appears twice");
}

TEST_CASE("config round-trips through its text") {
  Config config = parse_ok(kTwoAccounts);
  Config again = parse_ok(format_config(config));
  CHECK(again.default_account == config.default_account);
  REQUIRE(again.accounts.size() == 2);
  CHECK(again.accounts[0].client_secret == "secret-1");
  CHECK(again.accounts[1].token == "bob-token");
}

TEST_CASE("first stored account becomes default") {
  Config config;
  config.store({.name = "a@x", .instance = "https://x", .token = "1"});
  config.store({.name = "b@x", .instance = "https://x", .token = "2"});
  CHECK(config.default_account == "a@x");

  config.store({.name = "a@x", .instance = "https://x", .token = "3"});
  REQUIRE(config.accounts.size() == 2);
  CHECK(config.find("a@x")->token == "3");

  CHECK(config.remove("a@x"));
  CHECK(config.default_account == "b@x");
  CHECK_FALSE(config.remove("a@x"));
  CHECK(config.remove("b@x"));
  CHECK(config.default_account.empty());
}

TEST_CASE("config path follows the variables") {
  CHECK(*config_path({.mastotail_config = "/c",
                      .xdg_config_home = "/x",
                      .home = "/h"}) == "/c");
  CHECK(*config_path({.xdg_config_home = "/x", .home = "/h"}) ==
        "/x/mastotail/config");
  CHECK(*config_path({.home = "/h"}) == "/h/.config/mastotail/config");
  CHECK_FALSE(config_path({}).ok());
}

TEST_CASE("config is written private and atomically") {
  TempDirectory directory;
  std::string path = directory.file("nested/dir/config");
  Config config = parse_ok(kTwoAccounts);
  REQUIRE(write_config(path, config).ok());

  CHECK(mode_of(path) == 0600);
  CHECK(mode_of(directory.file("nested/dir")) == 0700);
  size_t files = 0;
  for (auto& entry :
       std::filesystem::directory_iterator(directory.file("nested/dir"))) {
    (void)entry;
    ++files;
  }
  CHECK(files == 1);

  Result<Config> read = read_config(path);
  REQUIRE(read.ok());
  CHECK(read->accounts.size() == 2);
}

TEST_CASE("readable config is rejected with the fix") {
  TempDirectory directory;
  std::string path = directory.file("config");
  write_file(path, kTwoAccounts, 0644);
  Result<Config> read = read_config(path);
  REQUIRE_FALSE(read.ok());
  CHECK(read.error().kind == ErrorKind::kUsage);
  CHECK(read.error().message.find("(mode 0644)") != std::string::npos);
  CHECK(read.error().message.find("run chmod 600 '" + path + "'") !=
        std::string::npos);
}

TEST_CASE("missing config has no accounts") {
  TempDirectory directory;
  Result<Config> read = read_config(directory.file("absent"));
  REQUIRE(read.ok());
  CHECK(read->accounts.empty());
}

TEST_CASE("token sources in order") {
  SourceFixture fixture;
  TokenSettings& settings = fixture.settings;
  Credentials credentials = fixture.resolve();
  CHECK(credentials.token == "file-token");
  CHECK(credentials.source == TokenSource::kTokenFile);
  CHECK(credentials.instance == "example.social");

  settings.token_file.clear();
  credentials = fixture.resolve();
  CHECK(credentials.token == "command-token");
  CHECK(credentials.source == TokenSource::kTokenCommand);

  settings.token_command.clear();
  credentials = fixture.resolve();
  CHECK(credentials.token == "environment-token");
  CHECK(credentials.source == TokenSource::kEnvironment);

  settings.environment_token.reset();
  credentials = fixture.resolve();
  CHECK(credentials.token == "bob-token");
  CHECK(credentials.source == TokenSource::kAccount);
  CHECK(credentials.account == "bob@example.social");
  CHECK(credentials.instance == "https://example.social");

  settings.account = "alice@example.social";
  CHECK(fixture.resolve().token == "alice-token");

  settings.instance.clear();
  CHECK(fixture.resolve().instance == "https://example.social");
}

TEST_CASE("higher source reports ignored account") {
  SourceFixture fixture;
  fixture.settings.account = "alice@example.social";
  CHECK(fixture.resolve().warning ==
        "ignoring account alice@example.social: the token comes from "
        "--token-file");
}

TEST_CASE("stored token stays on its instance") {
  SourceFixture fixture;
  TokenSettings& settings = fixture.settings;
  settings.token_file.clear();
  settings.token_command.clear();
  settings.environment_token.reset();
  settings.instance = "other.example";
  CHECK(fixture.error().find("-i other.example is not the instance of "
                             "account bob@example.social") == 0);

  settings.instance = "https://example.social:443";
  CHECK(fixture.resolve().token == "bob-token");
}

TEST_CASE("missing instance and token are usage errors") {
  SourceFixture fixture;
  TokenSettings& settings = fixture.settings;
  settings.instance.clear();
  CHECK(fixture.error().starts_with("no instance given"));

  settings = TokenSettings{};
  CHECK(fixture.error().starts_with("no instance given"));

  settings.instance = "example.social";
  CHECK(fixture.error().starts_with("no access token"));

  settings.config_path = fixture.directory.file("config");
  settings.account = "carol@example.social";
  CHECK(
      fixture.error().starts_with("no stored account 'carol@example.social'"));
}

TEST_CASE("token command failure hides output") {
  Result<std::string> failed = run_token_command("echo leaked; exit 7");
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message ==
        "--token-command 'echo leaked; exit 7' failed with exit status 7");

  Result<std::string> empty = run_token_command("true");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message.find("printed no token") != std::string::npos);

  Result<std::string> lines = run_token_command("printf ' t1 \\nsecond\\n'");
  REQUIRE(lines.ok());
  CHECK(*lines == "t1");
}

TEST_CASE("token file must be private") {
  TempDirectory directory;
  std::string path = directory.file("token");
  write_file(path, "abc\n", 0604);
  Result<std::string> token = read_token_file(path);
  REQUIRE_FALSE(token.ok());
  CHECK(token.error().message.find("run chmod 600") != std::string::npos);
  CHECK(token.error().message.find("abc") == std::string::npos);

  ::chmod(path.c_str(), 0600);
  Result<std::string> fixed = read_token_file(path);
  REQUIRE(fixed.ok());
  CHECK(*fixed == "abc");
}
