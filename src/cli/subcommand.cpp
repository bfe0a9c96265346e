#include "cli/subcommand.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "cli/values.h"

namespace mastotail::cli {
namespace {

struct SubcommandSpec {
  std::string_view name;
  Command command;
  // Options it takes besides --verbose, --quiet, --help and --version.
  std::vector<std::string_view> options;
};

// Options that only a subcommand takes.
constexpr std::array<std::string_view, 2> kSubcommandOnlyOptions = {
    "no-browser-callback", "default"};

constexpr std::array<std::string_view, 4> kDiagnosticOptions = {
    "verbose", "quiet", "help", "version"};

const std::vector<SubcommandSpec>& subcommands() {
  static const std::vector<SubcommandSpec> specs = {
      {"login", Command::kLogin, {"no-browser-callback", "cacert"}},
      {"logout", Command::kLogout, {"account", "cacert"}},
      {"accounts", Command::kAccounts, {"default"}},
  };
  return specs;
}

const SubcommandSpec* find_spec(Command command) {
  for (const SubcommandSpec& spec : subcommands()) {
    if (spec.command == command) return &spec;
  }
  return nullptr;
}

bool contains(auto&& names, std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

Error usage(std::string message) {
  return Error{ErrorKind::kUsage, std::move(message)};
}

Status check_follow_operands(const std::vector<std::string>& operands) {
  if (operands.empty()) return {};

  const std::string& operand = operands.front();
  for (const SubcommandSpec& spec : subcommands()) {
    if (spec.name == operand) {
      return usage(fmt::format(
          "'{}' is a subcommand and must come first: mastotail {} ...", operand,
          operand));
    }
  }
  return usage(
      fmt::format("unexpected argument '{}'; mastotail takes only options, see "
                  "mastotail --help",
                  operand));
}

}  // namespace

Command take_subcommand(std::vector<std::string>& arguments) {
  if (arguments.empty()) return Command::kFollow;
  for (const SubcommandSpec& spec : subcommands()) {
    if (arguments.front() == spec.name) {
      arguments.erase(arguments.begin());
      return spec.command;
    }
  }
  return Command::kFollow;
}

Status check_command_options(Command command,
                             const std::vector<Occurrence>& occurrences) {
  const SubcommandSpec* spec = find_spec(command);
  for (const Occurrence& occurrence : occurrences) {
    std::string_view name = occurrence.spec->long_name;
    if (spec == nullptr) {
      if (!contains(kSubcommandOnlyOptions, name)) continue;
      const char* owner = name == "default" ? "accounts" : "login";
      return usage(
          fmt::format("--{} applies only to mastotail {}", name, owner));
    }
    if (contains(kDiagnosticOptions, name) || contains(spec->options, name)) {
      continue;
    }
    return usage(
        fmt::format("--{} does not apply to mastotail {}", name, spec->name));
  }
  return {};
}

Status apply_operands(Command command, const std::vector<std::string>& operands,
                      Options& options) {
  switch (command) {
    case Command::kFollow:
      return check_follow_operands(operands);

    case Command::kLogin: {
      if (operands.size() != 1) {
        return usage(
            "mastotail login takes one INSTANCE, e.g. mastotail login "
            "example.social");
      }
      Status checked = check_instance(operands.front());
      if (!checked) {
        return usage(fmt::format("login '{}': {}", operands.front(),
                                 checked.error().message));
      }
      options.operand = operands.front();
      return {};
    }

    case Command::kLogout:
      if (operands.size() > 1) {
        return usage("mastotail logout takes at most one ACCOUNT");
      }
      if (!operands.empty() && !options.account.empty() &&
          operands.front() != options.account) {
        return usage(fmt::format(
            "logout: ACCOUNT '{}' conflicts with --account '{}'; give one",
            operands.front(), options.account));
      }
      if (!operands.empty()) options.operand = operands.front();
      return {};

    case Command::kAccounts:
      if (!operands.empty()) {
        return usage(fmt::format(
            "mastotail accounts takes no argument '{}'; to change the "
            "default, use mastotail accounts --default NAME",
            operands.front()));
      }
      return {};
  }
  return {};
}

}  // namespace mastotail::cli
