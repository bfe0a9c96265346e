#include "cli/docgen/doc_text.h"

#include <algorithm>
#include <cctype>

#include "cli/parse_state.h"
#include "cli/subcommand.h"

namespace mastotail::cli::docgen {

bool takes_file(const OptionSpec& spec) {
  return spec.value_name == "FILE" || spec.value_name == "PATH";
}

bool takes_account(const OptionSpec& spec) {
  return spec.long_name == "account" || spec.long_name == "default";
}

bool operand_is_account(const UsageLine& line) {
  return line.synopsis.ends_with(" ACCOUNT") ||
         line.synopsis.ends_with(" [ACCOUNT]");
}

std::string_view short_description(std::string_view help) {
  size_t end = help.size();
  for (std::string_view separator : {"; ", ": ", " ("}) {
    end = std::min(end, help.find(separator));
  }
  // A sentence ends at ". " before a capital letter, unlike "e.g. update".
  for (size_t dot = help.find(". "); dot < end;
       dot = help.find(". ", dot + 1)) {
    if (dot + 2 < help.size() &&
        std::isupper(static_cast<unsigned char>(help[dot + 2]))) {
      end = dot;
    }
  }
  return help.substr(0, end);
}

std::string as_sentence(std::string_view text) {
  std::string sentence(text);
  if (sentence.empty()) return sentence;
  sentence[0] =
      static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
  if (sentence.back() != '.') sentence += '.';
  return sentence;
}

std::vector<UsageLine> subcommand_lines() {
  std::vector<UsageLine> lines;
  for (const UsageLine& line : usage_lines()) {
    if (!line.subcommand.empty()) lines.push_back(line);
  }
  return lines;
}

std::vector<const OptionSpec*> subcommand_options(std::string_view subcommand) {
  std::vector<std::string> arguments = {std::string(subcommand)};
  Command command = take_subcommand(arguments);

  std::vector<const OptionSpec*> accepted;
  for (const OptionSpec& spec : option_table()) {
    std::vector<Occurrence> occurrence = {{.spec = &spec}};
    if (check_command_options(command, occurrence).ok()) {
      accepted.push_back(&spec);
    }
  }
  return accepted;
}

std::vector<std::string> option_words(const OptionSpec& spec) {
  std::vector<std::string> words;
  if (spec.short_name != '\0') words.push_back({'-', spec.short_name});
  words.push_back("--" + std::string(spec.long_name));
  return words;
}

}  // namespace mastotail::cli::docgen
