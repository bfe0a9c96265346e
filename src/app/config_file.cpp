#include "app/config_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace mastotail::app {
namespace {

constexpr std::string_view kSectionPrefix = "[account ";

constexpr std::string_view kHeader =
    "# mastotail configuration: stored accounts and their access tokens.\n"
    "# Keep this file private (mode 0600). mastotail login, logout and\n"
    "# accounts --default rewrite it and drop comments added by hand.\n"
    "#\n"
    "# default = NAME is the account used when neither --account nor\n"
    "# MASTOTAIL_ACCOUNT is given. Each [account NAME] section holds the\n"
    "# instance URL, the access token, and the client_id and client_secret\n"
    "# of the OAuth application that logout needs to revoke the token.\n";

std::string_view trim(std::string_view text) {
  const char* space = " \t\r";
  size_t first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

Error io_error(std::string_view action, std::string_view path) {
  return Error{ErrorKind::kIo,
               fmt::format("{} '{}': {}", action, path, std::strerror(errno))};
}

// The state of parse_config() between lines.
struct ConfigParser {
  std::string_view path;
  Config config = {};
  StoredAccount* section = nullptr;
  std::vector<std::string> seen_keys = {};  // keys of the current section
  int line_number = 0;

  Error error(std::string_view reason) const {
    return Error{ErrorKind::kUsage,
                 fmt::format("{}:{}: {}", path, line_number, reason)};
  }

  Status start_section(std::string_view line);
  Status set(std::string_view key, std::string_view value);
  Status finish_section() const;
};

Status ConfigParser::start_section(std::string_view line) {
  Status finished = finish_section();
  if (!finished.ok()) return finished;

  if (!line.starts_with(kSectionPrefix) || !line.ends_with(']')) {
    return error("expected a section header '[account user@host]'");
  }
  line.remove_prefix(kSectionPrefix.size());
  line.remove_suffix(1);
  std::string_view name = trim(line);
  Status valid = check_account_name(name);
  if (!valid.ok()) return error(valid.error().message);
  if (config.find(name) != nullptr) {
    return error(fmt::format("account '{}' appears twice", name));
  }

  config.accounts.push_back(StoredAccount{.name = std::string(name)});
  section = &config.accounts.back();
  seen_keys.clear();
  return {};
}

Status ConfigParser::set(std::string_view key, std::string_view value) {
  if (section == nullptr) {
    if (key != "default") {
      return error(fmt::format(
          "unknown setting '{}' before the first [account] section", key));
    }
    config.default_account = value;
    return {};
  }

  if (std::find(seen_keys.begin(), seen_keys.end(), key) != seen_keys.end()) {
    return error(
        fmt::format("'{}' is set twice in [account {}]", key, section->name));
  }
  seen_keys.emplace_back(key);

  if (key == "instance") {
    section->instance = value;
  } else if (key == "token") {
    section->token = value;
  } else if (key == "client_id") {
    section->client_id = value;
  } else if (key == "client_secret") {
    section->client_secret = value;
  } else {
    return error(fmt::format(
        "unknown setting '{}'; expected instance, token, client_id or "
        "client_secret",
        key));
  }
  return {};
}

Status ConfigParser::finish_section() const {
  if (section == nullptr) return {};
  for (auto [key, value] : {std::pair{"instance", &section->instance},
                            std::pair{"token", &section->token}}) {
    if (value->empty()) {
      return Error{ErrorKind::kUsage, fmt::format("{}: [account {}] has no {}",
                                                  path, section->name, key)};
    }
  }
  return {};
}

Status write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return Error{ErrorKind::kIo, std::strerror(errno)};
    text.remove_prefix(static_cast<size_t>(written));
  }
  return {};
}

// Creates `directory` and its missing parents with mode 0700.
Status make_directories(const std::string& directory) {
  if (directory.empty()) return {};
  struct stat info {};
  if (::stat(directory.c_str(), &info) == 0) return {};

  size_t slash = directory.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    Status parent = make_directories(directory.substr(0, slash));
    if (!parent.ok()) return parent;
  }
  if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
    return io_error("cannot create directory", directory);
  }
  return {};
}

std::string parent_directory(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return {};
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

const StoredAccount* Config::find(std::string_view name) const {
  for (const StoredAccount& account : accounts) {
    if (account.name == name) return &account;
  }
  return nullptr;
}

void Config::store(StoredAccount account) {
  if (default_account.empty()) default_account = account.name;
  for (StoredAccount& existing : accounts) {
    if (existing.name == account.name) {
      existing = std::move(account);
      return;
    }
  }
  accounts.push_back(std::move(account));
}

bool Config::remove(std::string_view name) {
  auto found = std::find_if(
      accounts.begin(), accounts.end(),
      [name](const StoredAccount& account) { return account.name == name; });
  if (found == accounts.end()) return false;

  accounts.erase(found);
  if (default_account == name) {
    default_account = accounts.empty() ? "" : accounts.front().name;
  }
  return true;
}

ConfigLocation read_config_location() {
  return ConfigLocation{.mastotail_config = env_or_empty("MASTOTAIL_CONFIG"),
                        .xdg_config_home = env_or_empty("XDG_CONFIG_HOME"),
                        .home = env_or_empty("HOME")};
}

Result<std::string> config_path(const ConfigLocation& location) {
  if (!location.mastotail_config.empty()) return location.mastotail_config;
  if (!location.xdg_config_home.empty()) {
    return location.xdg_config_home + "/mastotail/config";
  }
  if (!location.home.empty())
    return location.home + "/.config/mastotail/config";
  return Error{ErrorKind::kUsage,
               "cannot locate the configuration file: set MASTOTAIL_CONFIG, "
               "XDG_CONFIG_HOME or HOME"};
}

Status check_account_name(std::string_view name) {
  size_t at = name.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == name.size()) {
    return Error{
        ErrorKind::kUsage,
        fmt::format("invalid account name '{}': expected user@host", name)};
  }
  for (unsigned char c : name) {
    if (c <= 0x20 || c == 0x7F || c == ']' || c == '[') {
      return Error{
          ErrorKind::kUsage,
          fmt::format("invalid account name '{}': it contains a space, a "
                      "control character or a bracket",
                      name)};
    }
  }
  return {};
}

Result<Config> parse_config(std::string_view text, std::string_view path) {
  ConfigParser parser{.path = path};
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? "" : text.substr(end + 1);
    ++parser.line_number;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;

    Status status;
    if (line.front() == '[') {
      status = parser.start_section(line);
    } else {
      size_t equals = line.find('=');
      if (equals == std::string_view::npos) {
        return parser.error("expected 'name = value' or '[account NAME]'");
      }
      status = parser.set(trim(line.substr(0, equals)),
                          trim(line.substr(equals + 1)));
    }
    if (!status.ok()) return status.error();
  }

  Status finished = parser.finish_section();
  if (!finished.ok()) return finished.error();
  return std::move(parser.config);
}

std::string format_config(const Config& config) {
  std::string out(kHeader);
  if (!config.default_account.empty()) {
    out += fmt::format("\ndefault = {}\n", config.default_account);
  }
  for (const StoredAccount& account : config.accounts) {
    out += fmt::format("\n[account {}]\ninstance = {}\ntoken = {}\n",
                       account.name, account.instance, account.token);
    if (!account.client_id.empty()) {
      out += fmt::format("client_id = {}\n", account.client_id);
    }
    if (!account.client_secret.empty()) {
      out += fmt::format("client_secret = {}\n", account.client_secret);
    }
  }
  return out;
}

Status check_private_file(int fd, std::string_view what,
                          std::string_view path) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) return io_error("cannot inspect", path);
  if (!S_ISREG(info.st_mode) || (info.st_mode & 077) == 0) return {};

  return Error{ErrorKind::kUsage,
               fmt::format("{} '{}' is accessible to group or others (mode "
                           "{:04o}) but contains an access token; run "
                           "chmod 600 '{}'",
                           what, path, info.st_mode & 07777, path)};
}

Result<Config> read_config(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return Config{};
  if (fd < 0) {
    Error error = io_error("cannot open the configuration file", path);
    return Error{ErrorKind::kUsage, error.message};
  }

  Status private_file = check_private_file(fd, "configuration file", path);
  std::string text;
  char buffer[4096];
  ssize_t got = 0;
  while (private_file.ok() && (got = ::read(fd, buffer, sizeof buffer)) != 0) {
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) break;
    text.append(buffer, static_cast<size_t>(got));
  }
  int read_errno = errno;
  ::close(fd);
  if (!private_file.ok()) return private_file.error();
  if (got < 0) {
    return Error{ErrorKind::kUsage,
                 fmt::format("cannot read the configuration file '{}': {}",
                             path, std::strerror(read_errno))};
  }
  return parse_config(text, path);
}

Status write_config(const std::string& path, const Config& config) {
  std::string directory = parent_directory(path);
  Status made = make_directories(directory);
  if (!made.ok()) return made;

  std::string temporary = path + ".XXXXXX";
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) return io_error("cannot create a file next to", path);

  Status written = write_all(fd, format_config(config));
  bool synced = written.ok() && ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0;
  int saved_errno = errno;
  bool closed = ::close(fd) == 0;
  if (synced && closed && ::rename(temporary.c_str(), path.c_str()) == 0) {
    return {};
  }

  if (synced && closed) saved_errno = errno;
  ::unlink(temporary.c_str());
  errno = saved_errno;
  return io_error("cannot write the configuration file", path);
}

}  // namespace mastotail::app
