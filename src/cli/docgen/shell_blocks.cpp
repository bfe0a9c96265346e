// The completion script parts for bash, zsh and fish. The hand-written
// parts of each script (completions/) read the variables defined here.
#include <fmt/format.h>

#include <algorithm>

#include "cli/docgen/blocks.h"
#include "cli/docgen/doc_text.h"

namespace mastotail::cli::docgen {
namespace {

// Quotes `text` in single quotes for bash and zsh.
std::string sh_quote(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// Quotes `text` in single quotes for fish, inside which only the backslash
// and the single quote need a backslash.
std::string fish_quote(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

template <typename Words>
std::string join(const Words& words, std::string_view separator) {
  std::string joined;
  for (std::string_view word : words) {
    if (!joined.empty()) joined += separator;
    joined += word;
  }
  return joined;
}

std::string bash_options() {
  std::string out = "_mastotail_options=(\n";
  for (const OptionSpec& spec : option_table()) {
    out += "  ";
    for (const std::string& word : option_words(spec)) out += word + ' ';
    out.back() = '\n';
  }
  out += ")\n\n";

  out +=
      "# Sets _mastotail_value to what completes the value of option $1:\n"
      "# @file, @account (stored account names), @any (nothing to complete)\n"
      "# or the allowed values; empty when $1 takes no value.\n"
      "_mastotail_option_value() {\n"
      "  case $1 in\n";
  for (const OptionSpec& spec : option_table()) {
    if (!spec.takes_value()) continue;
    std::string value = takes_file(spec)       ? "@file"
                        : takes_account(spec)  ? "@account"
                        : spec.choices.empty() ? "@any"
                                               : join(spec.choices, " ");
    std::vector<std::string> words = option_words(spec);
    out += fmt::format("    {}) _mastotail_value={} ;;\n", join(words, " | "),
                       sh_quote(value));
  }
  out +=
      "    *) _mastotail_value= ;;\n"
      "  esac\n"
      "}\n";
  return out;
}

std::string bash_subcommands() {
  std::string out = "_mastotail_subcommands=(";
  std::vector<std::string_view> names;
  for (const UsageLine& line : subcommand_lines()) {
    names.push_back(line.subcommand);
  }
  out += join(names, " ") + ")\n\n";

  out +=
      "# Sets _mastotail_value to the option words that subcommand $1 "
      "takes.\n"
      "_mastotail_subcommand_options() {\n"
      "  case $1 in\n";
  for (const UsageLine& line : subcommand_lines()) {
    std::vector<std::string> words;
    for (const OptionSpec* spec : subcommand_options(line.subcommand)) {
      for (std::string& word : option_words(*spec)) {
        words.push_back(std::move(word));
      }
    }
    out += fmt::format("    {}) _mastotail_value={} ;;\n", line.subcommand,
                       sh_quote(join(words, " ")));
  }
  out +=
      "    *) _mastotail_value= ;;\n"
      "  esac\n"
      "}\n\n";

  out +=
      "# Sets _mastotail_value to what completes the operand of subcommand\n"
      "# $1: @account (stored account names) or @any (nothing to "
      "complete).\n"
      "_mastotail_operand_value() {\n"
      "  case $1 in\n";
  for (const UsageLine& line : subcommand_lines()) {
    if (operand_is_account(line)) {
      out += fmt::format("    {}) _mastotail_value=@account ;;\n",
                         line.subcommand);
    }
  }
  out +=
      "    *) _mastotail_value=@any ;;\n"
      "  esac\n"
      "}\n";
  return out;
}

// Escapes the description inside '[...]' of an _arguments spec.
std::string zsh_description(std::string_view text) {
  std::string escaped;
  for (char c : short_description(text)) {
    if (c == '[' || c == ']' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

// One _arguments spec, e.g. '(-o --output)'{-o+,--output=}'[output
// format]:FORMAT:(text json raw)' or '*--tag=[follow a hashtag]:NAME: '.
std::string zsh_spec(const OptionSpec& spec) {
  std::string prefix;
  if (spec.repeats) {
    prefix = "*";
  } else if (spec.short_name != '\0') {
    prefix = fmt::format("(-{} --{})", spec.short_name, spec.long_name);
  }

  // '+' and '=' let the value follow in the same word or the next one.
  std::string long_word =
      fmt::format("--{}{}", spec.long_name, spec.takes_value() ? "=" : "");

  std::string rest = fmt::format("[{}]", zsh_description(spec.help));
  if (spec.takes_value()) {
    std::string action = " ";
    if (takes_file(spec)) {
      action = "_files";
    } else if (takes_account(spec)) {
      action = "_mastotail_accounts";
    } else if (!spec.choices.empty()) {
      action = fmt::format("({})", join(spec.choices, " "));
    }
    rest += fmt::format(":{}:{}", spec.value_name, action);
  }

  if (spec.short_name == '\0') return sh_quote(prefix + long_word + rest);
  std::string short_word =
      fmt::format("-{}{}", spec.short_name, spec.takes_value() ? "+" : "");
  return sh_quote(prefix) + fmt::format("{{{},{}}}", short_word, long_word) +
         sh_quote(rest);
}

std::string zsh_options() {
  std::string out = "options=(\n";
  for (const OptionSpec& spec : option_table()) {
    out += "  " + zsh_spec(spec) + '\n';
  }
  return out + ")\n";
}

std::string zsh_subcommands() {
  std::string out = "subcommands=(\n";
  for (const UsageLine& line : subcommand_lines()) {
    out += "  " +
           sh_quote(fmt::format("{}:{}", line.subcommand,
                                short_description(line.summary))) +
           '\n';
  }
  out += ")\n\n";

  out +=
      "# Sets reply to the _arguments specs of subcommand $1: its options\n"
      "# and, when it is a stored account, its operand.\n"
      "_mastotail_subcommand_specs() {\n"
      "  case $1 in\n";
  for (const UsageLine& line : subcommand_lines()) {
    out += fmt::format("    {})\n      reply=(\n", line.subcommand);
    for (const OptionSpec* spec : subcommand_options(line.subcommand)) {
      out += "        " + zsh_spec(*spec) + '\n';
    }
    if (operand_is_account(line)) {
      out += "        " + sh_quote("1:ACCOUNT:_mastotail_accounts") + '\n';
    }
    out += "      )\n      ;;\n";
  }
  out +=
      "    *) reply=() ;;\n"
      "  esac\n"
      "}\n";
  return out;
}

// Returns the subcommands whose parser rejects `spec`.
std::vector<std::string_view> subcommands_rejecting(const OptionSpec& spec) {
  std::vector<std::string_view> names;
  for (const UsageLine& line : subcommand_lines()) {
    std::vector<const OptionSpec*> accepted =
        subcommand_options(line.subcommand);
    if (std::find(accepted.begin(), accepted.end(), &spec) == accepted.end()) {
      names.push_back(line.subcommand);
    }
  }
  return names;
}

std::string fish_options() {
  std::string out;
  for (const OptionSpec& spec : option_table()) {
    out += "complete -c mastotail";
    // The main form offers every option, a subcommand only its own.
    std::vector<std::string_view> rejecting = subcommands_rejecting(spec);
    if (!rejecting.empty()) {
      out += " -n " + fish_quote("not __mastotail_subcommand_is " +
                                 join(rejecting, " "));
    }
    if (spec.short_name != '\0') out += fmt::format(" -s {}", spec.short_name);
    out += fmt::format(" -l {}", spec.long_name);
    if (takes_file(spec)) {
      out += " -r -F";
    } else if (spec.takes_value()) {
      out += " -x";
    }
    if (takes_account(spec)) {
      out += " -a " + fish_quote("(__mastotail_accounts)");
    } else if (!spec.choices.empty()) {
      out += " -a " + fish_quote(join(spec.choices, " "));
    }
    out += " -d " + fish_quote(short_description(spec.help)) + '\n';
  }
  return out;
}

std::string fish_subcommands() {
  std::string out;
  for (const UsageLine& line : subcommand_lines()) {
    out += fmt::format(
        "complete -c mastotail -n __fish_is_first_arg -f -a {} -d {}\n",
        fish_quote(line.subcommand),
        fish_quote(short_description(line.summary)));
  }
  for (const UsageLine& line : subcommand_lines()) {
    if (!operand_is_account(line)) continue;
    out += fmt::format(
        "complete -c mastotail -n {} -f -a '(__mastotail_accounts)' -d "
        "'stored account'\n",
        fish_quote(
            fmt::format("__mastotail_subcommand_is {}", line.subcommand)));
  }
  return out;
}

}  // namespace

std::optional<std::string> bash_block(std::string_view marker) {
  if (marker == "options") return bash_options();
  if (marker == "subcommands") return bash_subcommands();
  return std::nullopt;
}

std::optional<std::string> zsh_block(std::string_view marker) {
  if (marker == "options") return zsh_options();
  if (marker == "subcommands") return zsh_subcommands();
  return std::nullopt;
}

std::optional<std::string> fish_block(std::string_view marker) {
  if (marker == "options") return fish_options();
  if (marker == "subcommands") return fish_subcommands();
  return std::nullopt;
}

std::optional<std::string> generated_block(DocFormat format,
                                           std::string_view marker) {
  switch (format) {
    case DocFormat::kMan:
      return man_block(marker);
    case DocFormat::kBash:
      return bash_block(marker);
    case DocFormat::kZsh:
      return zsh_block(marker);
    case DocFormat::kFish:
      return fish_block(marker);
  }
  return std::nullopt;
}

}  // namespace mastotail::cli::docgen
