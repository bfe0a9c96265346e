#include "app/token.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include "app/config_file.h"
#include "net/url.h"

extern char** environ;

namespace mastotail::app {
namespace {

// Maximum number of bytes kept from a token file or --token-command output;
// the rest is read and ignored.
constexpr size_t kMaxTokenInput = 64 * 1024;

constexpr std::string_view kNoInstance =
    "no instance given; pass -i HOST or set MASTOTAIL_INSTANCE (not "
    "required with --replay)";

Error usage(std::string message) {
  return Error{ErrorKind::kUsage, std::move(message)};
}

std::string trim(std::string_view text) {
  const char* space = " \t\r\n";
  size_t first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(space);
  return std::string(text.substr(first, last - first + 1));
}

Result<std::string> check_token(std::string token, const std::string& from) {
  if (token.empty()) {
    return usage(from + " is empty; put the access token in it");
  }
  for (unsigned char c : token) {
    if (c <= 0x20 || c == 0x7F) {
      return usage(from +
                   " contains spaces or control characters; it must "
                   "hold the access token alone");
    }
  }
  return token;
}

// Reads at most kMaxTokenInput bytes; returns false on a read error.
bool read_limited(int fd, std::string& out) {
  char buffer[4096];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (got == 0) return true;
    if (out.size() < kMaxTokenInput) {
      out.append(buffer, static_cast<size_t>(got));
    }
  }
}

std::string describe_wait_status(int status) {
  if (WIFEXITED(status)) {
    return fmt::format("exit status {}", WEXITSTATUS(status));
  }
  if (WIFSIGNALED(status)) {
    return fmt::format("signal {}", WTERMSIG(status));
  }
  return "an unknown status";
}

bool same_instance(std::string_view a, std::string_view b) {
  Result<net::Url> first = net::parse_instance(a);
  Result<net::Url> second = net::parse_instance(b);
  if (!first.ok() || !second.ok()) return a == b;
  return first->origin() == second->origin();
}

// Picks the stored account for a run: the named one, else the default one,
// else (with -i) the only account on that instance.
Result<const StoredAccount*> pick_account(const Config& config,
                                          const TokenSettings& settings) {
  const std::string& path = settings.config_path;
  if (!settings.account.empty()) {
    const StoredAccount* named = config.find(settings.account);
    if (named == nullptr) {
      return usage(fmt::format(
          "no stored account '{}' in {}; mastotail accounts lists them, "
          "mastotail login INSTANCE adds one",
          settings.account, path));
    }
    return named;
  }

  const StoredAccount* chosen = nullptr;
  if (!config.default_account.empty()) {
    chosen = config.find(config.default_account);
    if (chosen == nullptr) {
      return usage(fmt::format(
          "the default account '{}' is not in {}; pick another with "
          "mastotail accounts --default NAME",
          config.default_account, path));
    }
  }
  if (settings.instance.empty() || chosen == nullptr ||
      same_instance(chosen->instance, settings.instance)) {
    return chosen;
  }

  // -i names another instance: use the account stored for it, if only one.
  const StoredAccount* match = nullptr;
  for (const StoredAccount& account : config.accounts) {
    if (!same_instance(account.instance, settings.instance)) continue;
    if (match != nullptr) {
      return usage(fmt::format(
          "several stored accounts belong to {}; pick one with --account "
          "NAME",
          settings.instance));
    }
    match = &account;
  }
  return match != nullptr ? match : chosen;
}

Result<Credentials> from_account(const TokenSettings& settings) {
  Config config;
  if (!settings.config_path.empty()) {
    Result<Config> read = read_config(settings.config_path);
    if (!read.ok()) return read.take_error();
    config = std::move(*read);
  }

  Result<const StoredAccount*> picked = pick_account(config, settings);
  if (!picked.ok()) return picked.take_error();
  const StoredAccount* account = *picked;
  if (account == nullptr) {
    if (settings.instance.empty()) return usage(std::string(kNoInstance));
    return usage(
        "no access token; run mastotail login INSTANCE, set "
        "MASTOTAIL_TOKEN, or pass --token-file FILE or --token-command CMD "
        "(every stream needs a user token)");
  }

  if (!settings.instance.empty() &&
      !same_instance(account->instance, settings.instance)) {
    return usage(fmt::format(
        "-i {} is not the instance of account {} ({}), and its token is "
        "sent only there; give a token for {} with --token-file, "
        "--token-command or MASTOTAIL_TOKEN, or drop -i",
        settings.instance, account->name, account->instance,
        settings.instance));
  }

  Result<std::string> token = check_token(
      account->token, fmt::format("the token of account {}", account->name));
  if (!token.ok()) return token.take_error();
  return Credentials{.token = std::move(*token),
                     .instance = account->instance,
                     .source = TokenSource::kAccount,
                     .account = account->name};
}

Result<std::string> read_explicit_token(const TokenSettings& settings,
                                        TokenSource source) {
  switch (source) {
    case TokenSource::kTokenFile:
      return read_token_file(settings.token_file);
    case TokenSource::kTokenCommand:
      return run_token_command(settings.token_command);
    case TokenSource::kEnvironment:
      return check_token(trim(*settings.environment_token), "MASTOTAIL_TOKEN");
    case TokenSource::kAccount:
      break;
  }
  return Error{ErrorKind::kInternal, "no explicit token source"};
}

}  // namespace

TokenSettings token_settings(const cli::Options& options) {
  TokenSettings settings;
  settings.token_file = options.token_file;
  settings.token_command = options.token_command;
  if (const char* token = std::getenv("MASTOTAIL_TOKEN")) {
    settings.environment_token = token;
  }
  settings.account = options.account;
  settings.instance = options.instance;
  Result<std::string> path = config_path(read_config_location());
  if (path.ok()) settings.config_path = std::move(*path);
  return settings;
}

Result<Credentials> resolve_credentials(const TokenSettings& settings) {
  std::optional<TokenSource> source;
  if (!settings.token_file.empty()) {
    source = TokenSource::kTokenFile;
  } else if (!settings.token_command.empty()) {
    source = TokenSource::kTokenCommand;
  } else if (settings.environment_token) {
    source = TokenSource::kEnvironment;
  }
  if (!source) return from_account(settings);

  if (settings.instance.empty()) return usage(std::string(kNoInstance));
  Result<std::string> token = read_explicit_token(settings, *source);
  if (!token.ok()) return token.take_error();

  Credentials credentials{.token = std::move(*token),
                          .instance = settings.instance,
                          .source = *source};
  if (!settings.account.empty()) {
    credentials.warning =
        fmt::format("ignoring account {}: the token comes from {}",
                    settings.account, describe(*source));
  }
  return credentials;
}

Result<std::string> read_token_file(const std::string& path) {
  std::string from = fmt::format("--token-file '{}'", path);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return usage(fmt::format("{}: {}", from, std::strerror(errno)));

  Status private_file = check_private_file(fd, "--token-file", path);
  std::string content;
  bool read_ok = private_file.ok() && read_limited(fd, content);
  int read_errno = errno;
  ::close(fd);
  if (!private_file.ok()) return private_file.error();
  if (!read_ok) {
    return usage(fmt::format("{}: {}", from, std::strerror(read_errno)));
  }
  return check_token(trim(content), from);
}

Result<std::string> run_token_command(const std::string& command) {
  std::string from = fmt::format("--token-command '{}'", command);
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return usage(fmt::format("{}: cannot create a pipe: {}", from,
                             std::strerror(errno)));
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  std::string shell = "/bin/sh";
  std::string flag = "-c";
  char* argv[] = {shell.data(), flag.data(), const_cast<char*>(command.c_str()),
                  nullptr};
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, "/bin/sh", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    return usage(fmt::format("{}: cannot start /bin/sh: {}", from,
                             std::strerror(spawned)));
  }

  std::string output;
  bool read_ok = read_limited(pipe_fds[0], output);
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }

  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return usage(
        fmt::format("{} failed with {}", from, describe_wait_status(status)));
  }
  if (!read_ok) return usage(from + ": reading its output failed");
  std::string first_line = trim(output.substr(0, output.find('\n')));
  if (first_line.empty()) {
    return usage(from + " printed no token on the first line of its output");
  }
  return check_token(std::move(first_line), from + " output");
}

std::string describe(TokenSource source) {
  switch (source) {
    case TokenSource::kTokenFile:
      return "--token-file";
    case TokenSource::kTokenCommand:
      return "--token-command";
    case TokenSource::kEnvironment:
      return "MASTOTAIL_TOKEN";
    case TokenSource::kAccount:
      return "a stored account";
  }
  return "unknown";
}

}  // namespace mastotail::app
