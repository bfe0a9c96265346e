// The man page parts, in scdoc syntax (scdoc(5)).
#include <fmt/format.h>

#include <cctype>

#include "cli/docgen/blocks.h"
#include "cli/docgen/doc_text.h"

namespace mastotail::cli::docgen {
namespace {

// Escapes the characters that scdoc reads as markup: '*' (bold), '_'
// (underline) and '\'.
std::string escape(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '*' || c == '_' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

bool has_lower(std::string_view word) {
  for (char c : word) {
    if (std::islower(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

bool has_upper(std::string_view word) {
  for (char c : word) {
    if (std::isupper(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

// Formats one word of a usage line: command words such as "login" are
// bold, placeholders such as "INSTANCE" underlined inside any brackets,
// and anything else such as "|" stays as it is.
std::string format_usage_word(std::string_view word) {
  size_t first = word.find_first_not_of("[");
  size_t last = word.find_last_not_of("].");
  if (first == std::string_view::npos || last < first) return escape(word);

  std::string_view core = word.substr(first, last - first + 1);
  std::string marked;
  if (has_lower(core)) {
    marked = fmt::format("*{}*", escape(core));
  } else if (has_upper(core)) {
    marked = fmt::format("_{}_", escape(core));
  } else {
    marked = escape(core);
  }
  return fmt::format("{}{}{}", word.substr(0, first), marked,
                     escape(word.substr(last + 1)));
}

std::string format_usage(std::string_view synopsis) {
  std::string line;
  while (!synopsis.empty()) {
    size_t end = synopsis.find(' ');
    if (!line.empty()) line += ' ';
    line += format_usage_word(synopsis.substr(0, end));
    synopsis = end == std::string_view::npos ? "" : synopsis.substr(end + 1);
  }
  return line;
}

std::string synopsis_block() {
  std::string out;
  for (const UsageLine& line : usage_lines()) {
    if (!out.empty()) out += '\n';
    out += format_usage(line.synopsis) + '\n';
  }
  return out;
}

// "*-i*, *--instance* _HOST|URL_", the first line of an option's entry.
std::string option_heading(const OptionSpec& spec) {
  std::string heading;
  for (const std::string& word : option_words(spec)) {
    if (!heading.empty()) heading += ", ";
    heading += fmt::format("*{}*", escape(word));
  }
  if (spec.takes_value()) {
    heading += fmt::format(" _{}_", escape(spec.value_name));
  }
  return heading;
}

std::string options_block() {
  std::string out;
  for (OptionGroup group : kOptionGroups) {
    std::string entries;
    for (const OptionSpec& spec : option_table()) {
      if (spec.group != group) continue;
      entries += fmt::format("{}\n\t{}\n\n", option_heading(spec),
                             escape(as_sentence(spec.help)));
    }
    if (entries.empty()) continue;
    out += fmt::format("## {}\n\n{}", escape(group_title(group)), entries);
  }
  return out;
}

std::string subcommands_block() {
  std::vector<UsageLine> lines = subcommand_lines();
  if (lines.empty()) return {};

  std::string out = "# SUBCOMMANDS\n\n";
  for (const UsageLine& line : lines) {
    out += fmt::format("{}\n\t{}\n\n", format_usage(line.synopsis),
                       escape(as_sentence(line.summary)));
  }
  return out;
}

}  // namespace

std::optional<std::string> man_block(std::string_view marker) {
  if (marker == "synopsis") return synopsis_block();
  if (marker == "options") return options_block();
  if (marker == "subcommands") return subcommands_block();
  return std::nullopt;
}

}  // namespace mastotail::cli::docgen
