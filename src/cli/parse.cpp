#include "cli/parse.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>

#include "cli/apply_option.h"
#include "cli/finish_options.h"
#include "cli/help.h"
#include "cli/option_table.h"
#include "cli/parse_state.h"
#include "cli/subcommand.h"
#include "util/log.h"
#include "version.h"

namespace mastotail::cli {
namespace {

// The CLI11 option registered for each table entry.
using Registry = std::map<const CLI::Option*, const OptionSpec*>;

Error usage(std::string message) {
  return Error{ErrorKind::kUsage, std::move(message)};
}

// Adds every table entry to `app` without a target variable, so that the
// values stay raw strings for apply_option() to check.
Registry register_options(CLI::App& app) {
  Registry registry;
  for (const OptionSpec& spec : option_table()) {
    std::string names = fmt::format("--{}", spec.long_name);
    if (spec.short_name != '\0') {
      names = fmt::format("-{},{}", spec.short_name, names);
    }

    CLI::Option* option = nullptr;
    if (spec.takes_value()) {
      option = app.add_option(names)->expected(1);
    } else {
      option = app.add_flag(names);
    }
    option->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    registry[option] = &spec;
  }
  return registry;
}

// Rewrites a CLI11 exception as a message for users. CLI11 2.1.2 starts the
// message of a missing value with the option name: "--tag: 1 required ...".
std::string describe_cli11_error(const CLI::Error& error) {
  std::string_view message = error.what();
  std::string_view name = message.substr(0, message.find(':'));
  const OptionSpec* spec = nullptr;
  if (name.starts_with("--")) spec = find_option(name.substr(2));

  if (error.get_name() == "ArgumentMismatch" && spec != nullptr &&
      spec->takes_value()) {
    return fmt::format("--{}: missing {}; see mastotail --help",
                       spec->long_name, spec->value_name);
  }
  return fmt::format("{}; see mastotail --help", message);
}

// Returns the arguments that CLI11 did not recognize as options: the
// operands, which apply_operands() checks. Reports the first unknown
// option. After "--" every argument is an operand.
Result<std::vector<std::string>> take_operands(
    const std::vector<std::string>& remaining) {
  std::vector<std::string> operands;
  bool after_separator = false;
  for (const std::string& argument : remaining) {
    if (argument == "--" && !after_separator) {
      after_separator = true;
      continue;
    }
    if (!after_separator && argument.size() > 1 && argument.front() == '-') {
      return usage(
          fmt::format("unknown option '{}'; see mastotail --help", argument));
    }
    operands.push_back(argument);
  }
  return operands;
}

// Lists the options in the order given. A flag's value is empty; CLI11
// stores "true" for a plain flag and the text after '=' for "--home=x".
Result<std::vector<Occurrence>> list_occurrences(const CLI::App& app,
                                                 const Registry& registry) {
  std::vector<Occurrence> occurrences;
  std::map<const CLI::Option*, size_t> next_result;
  for (const CLI::Option* option : app.parse_order()) {
    const OptionSpec* spec = registry.at(option);
    std::string value = option->results().at(next_result[option]++);
    if (!spec->takes_value()) {
      if (value != "true") {
        return usage(fmt::format("--{} does not take a value; remove '={}'",
                                 spec->long_name, value));
      }
      value.clear();
    }
    occurrences.push_back(Occurrence{spec, std::move(value)});
  }
  return occurrences;
}

// Runs CLI11 over `arguments` and returns the options in the order given;
// stores the other arguments in `operands`.
Result<std::vector<Occurrence>> read_occurrences(
    const std::vector<std::string>& arguments,
    std::vector<std::string>& operands) {
  try {
    CLI::App app{"", "mastotail"};
    app.set_help_flag();  // the table's --help replaces CLI11's
    app.allow_extras();   // take_operands() sorts them out
    Registry registry = register_options(app);

    // CLI11 takes the arguments in reverse order.
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
    app.parse(reversed);

    Result<std::vector<std::string>> remaining = take_operands(app.remaining());
    if (!remaining) return remaining.take_error();
    operands = std::move(*remaining);
    return list_occurrences(app, registry);
  } catch (const CLI::Error& error) {
    return usage(describe_cli11_error(error));
  }
}

bool contains_option(const std::vector<Occurrence>& occurrences,
                     std::string_view long_name) {
  return std::any_of(occurrences.begin(), occurrences.end(),
                     [long_name](const Occurrence& occurrence) {
                       return occurrence.spec->long_name == long_name;
                     });
}

// Rejects a second value for an option that does not repeat.
Status check_repeats(const std::vector<Occurrence>& occurrences) {
  std::map<const OptionSpec*, const Occurrence*> first;
  for (const Occurrence& occurrence : occurrences) {
    const OptionSpec* spec = occurrence.spec;
    if (spec->repeats || !spec->takes_value()) continue;

    auto [it, inserted] = first.emplace(spec, &occurrence);
    if (!inserted) {
      return usage(fmt::format(
          "--{} given more than once ('{}', then '{}'); give it once",
          spec->long_name, it->second->value, occurrence.value));
    }
  }
  return {};
}

ParseResult error_result(const Error& error) {
  int exit_code = error.kind == ErrorKind::kUsage ? kUsageExitCode : 1;
  return ParseResult{.exit_code = exit_code, .error = error.message};
}

Result<Options> apply_all(Command command,
                          const std::vector<Occurrence>& occurrences,
                          const std::vector<std::string>& operands,
                          const Environment& environment) {
  Status repeats = check_repeats(occurrences);
  if (!repeats) return repeats.error();
  Status allowed = check_command_options(command, occurrences);
  if (!allowed) return allowed.error();

  ParseState state;
  state.options.command = command;
  for (const Occurrence& occurrence : occurrences) {
    Status applied = apply_option(occurrence, state);
    if (!applied) return applied.error();
  }

  Status operands_applied = apply_operands(command, operands, state.options);
  if (!operands_applied) return operands_applied.error();
  return finish_options(std::move(state), environment);
}

}  // namespace

ParseResult parse_arguments(const std::vector<std::string>& arguments,
                            const Environment& environment) {
  std::vector<std::string> rest = arguments;
  Command command = take_subcommand(rest);
  std::vector<std::string> operands;
  Result<std::vector<Occurrence>> occurrences =
      read_occurrences(rest, operands);
  if (!occurrences) return error_result(occurrences.error());

  if (contains_option(*occurrences, "help")) {
    return ParseResult{.output = help_text()};
  }
  if (contains_option(*occurrences, "version")) {
    return ParseResult{.output =
                           fmt::format("mastotail {}\n", MASTOTAIL_VERSION)};
  }

  Result<Options> options =
      apply_all(command, *occurrences, operands, environment);
  if (!options) return error_result(options.error());
  return ParseResult{.options = std::move(*options)};
}

ParseResult parse_command_line(int argc, const char* const* argv,
                               const Environment& environment) {
  std::vector<std::string> arguments;
  for (int i = 1; i < argc; ++i) arguments.emplace_back(argv[i]);

  ParseResult result = parse_arguments(arguments, environment);
  if (!result.output.empty()) {
    std::fwrite(result.output.data(), 1, result.output.size(), stdout);
    std::fflush(stdout);
  }
  if (!result.error.empty()) log::error("{}", result.error);
  return result;
}

}  // namespace mastotail::cli
