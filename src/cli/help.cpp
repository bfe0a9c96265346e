#include "cli/help.h"

#include <fmt/format.h>

#include <string_view>

namespace mastotail::cli {
namespace {

// Column where help text starts, and the indent of option lines.
constexpr size_t kHelpColumn = 32;
constexpr std::string_view kIndent = "  ";

// The main form first, then one line per subcommand with its name set.
constexpr UsageLine kUsageLines[] = {
    {"mastotail [OPTIONS]", "follow timelines (default: --home)", ""},
    {"mastotail login INSTANCE", "obtain and store an access token", "login"},
    {"mastotail logout [ACCOUNT]", "revoke and remove a stored account",
     "logout"},
    {"mastotail accounts", "list the stored accounts or set the default",
     "accounts"},
};

constexpr std::string_view kDescription =
    "Follows Mastodon timelines through the streaming API and prints each\n"
    "event on stdout as it arrives. Diagnostics go to stderr.\n";

constexpr std::string_view kEnvironment =
    "Environment:\n"
    "  MASTOTAIL_INSTANCE   instance to use when -i is not given\n"
    "  MASTOTAIL_TOKEN      access token, after --token-file and "
    "--token-command\n"
    "  MASTOTAIL_ACCOUNT    stored account to use when --account is not "
    "given\n"
    "  MASTOTAIL_CONFIG     configuration file of the stored accounts\n";

// Appends `text` word by word, breaking lines before kHelpLineMax and
// starting each continuation line at `column`. `line_length` is the length
// of the line already started in `out`.
void append_wrapped(std::string_view text, size_t column, size_t line_length,
                    std::string& out) {
  bool line_empty = true;
  while (!text.empty()) {
    size_t word_end = text.find(' ');
    std::string_view word = text.substr(0, word_end);
    text = word_end == std::string_view::npos ? "" : text.substr(word_end + 1);

    size_t needed = word.size() + (line_empty ? 0 : 1);
    if (!line_empty && line_length + needed > kHelpLineMax) {
      out += '\n';
      out.append(column, ' ');
      line_length = column;
      line_empty = true;
      needed = word.size();
    }

    if (!line_empty) out += ' ';
    out += word;
    line_length += needed;
    line_empty = false;
  }
  out += '\n';
}

// Appends `left` padded to kHelpColumn, then the wrapped `help`. A left part
// too long for its column gets the help on the next line.
void append_entry(std::string_view left, std::string_view help,
                  std::string& out) {
  out += left;
  if (left.size() + 2 > kHelpColumn) {
    out += '\n';
    out.append(kHelpColumn, ' ');
  } else {
    out.append(kHelpColumn - left.size(), ' ');
  }
  append_wrapped(help, kHelpColumn, kHelpColumn, out);
}

void append_usage(std::string& out) {
  out += "Usage:\n";
  for (const UsageLine& line : usage_lines()) {
    append_entry(fmt::format("{}{}", kIndent, line.synopsis), line.summary,
                 out);
  }
}

void append_group(OptionGroup group, std::string& out) {
  out += fmt::format("\n{}:\n", group_title(group));
  for (const OptionSpec& spec : option_table()) {
    if (spec.group != group) continue;
    append_entry(fmt::format("{}{}", kIndent, option_synopsis(spec)), spec.help,
                 out);
  }
}

}  // namespace

std::span<const UsageLine> usage_lines() { return kUsageLines; }

std::string option_synopsis(const OptionSpec& spec) {
  std::string synopsis = spec.short_name != '\0'
                             ? fmt::format("-{}, ", spec.short_name)
                             : std::string(4, ' ');
  synopsis += fmt::format("--{}", spec.long_name);
  if (spec.takes_value()) synopsis += fmt::format(" {}", spec.value_name);
  return synopsis;
}

std::string help_text() {
  std::string out;
  append_usage(out);
  out += '\n';
  out += kDescription;

  for (OptionGroup group : kOptionGroups) append_group(group, out);

  out += '\n';
  out += kEnvironment;
  return out;
}

}  // namespace mastotail::cli
