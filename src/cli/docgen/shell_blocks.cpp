// The completion script parts for bash, zsh and fish. The hand-written
// parts of each script (completions/) read the variables defined here.
#include <fmt/format.h>

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
      "# @file, @any (nothing to complete) or the allowed values; empty when\n"
      "# $1 takes no value.\n"
      "_mastotail_option_value() {\n"
      "  case $1 in\n";
  for (const OptionSpec& spec : option_table()) {
    if (!spec.takes_value()) continue;
    std::string value = takes_file(spec)       ? "@file"
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
  return out + join(names, " ") + ")\n";
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
  return out + ")\n";
}

std::string fish_options() {
  std::string out;
  for (const OptionSpec& spec : option_table()) {
    out += "complete -c mastotail";
    if (spec.short_name != '\0') out += fmt::format(" -s {}", spec.short_name);
    out += fmt::format(" -l {}", spec.long_name);
    if (takes_file(spec)) {
      out += " -r -F";
    } else if (spec.takes_value()) {
      out += " -x";
    }
    if (!spec.choices.empty()) {
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
        "complete -c mastotail -n __fish_use_subcommand -f -a {} -d {}\n",
        fish_quote(line.subcommand),
        fish_quote(short_description(line.summary)));
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
