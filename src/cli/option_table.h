// The option table: one plain-data entry per command-line option. Parsing
// (parse.h), --help (help.h), the man page's OPTIONS section and the shell
// completions (docgen/) are built from it. Adding an option takes an entry
// here and a handler in apply_option.cpp.
#pragma once

#include <string_view>
#include <vector>

namespace mastotail::cli {

// Section of --help that lists an option, in the order --help prints them.
enum class OptionGroup {
  kTimelines,
  kFilters,
  kConnection,
  kAccounts,
  kOutput,
  kRunControl,
  kDiagnostics,
};

// Every group, in --help order.
inline constexpr OptionGroup kOptionGroups[] = {
    OptionGroup::kTimelines,   OptionGroup::kFilters, OptionGroup::kConnection,
    OptionGroup::kAccounts,    OptionGroup::kOutput,  OptionGroup::kRunControl,
    OptionGroup::kDiagnostics,
};

// One command-line option, described as data only.
struct OptionSpec {
  std::string_view long_name = {};  // without "--", e.g. "tag"
  char short_name = '\0';           // e.g. 'i'; '\0' when there is none
  // e.g. "NAME"; empty for a flag. FILE or PATH makes the shell
  // completions offer file names.
  std::string_view value_name = {};
  OptionGroup group = OptionGroup::kTimelines;
  std::string_view help = {};                  // what it sets, unit and default
  std::vector<std::string_view> choices = {};  // allowed values; empty = any
  // True when giving the option again adds to it (--tag a --tag b, -vv).
  // A second value for an option that does not repeat is a usage error.
  // A flag that does not repeat may be given twice with no effect.
  bool repeats = false;

  bool takes_value() const { return !value_name.empty(); }
};

// Returns every option in --help order. The table lives for the whole run.
const std::vector<OptionSpec>& option_table();

// Returns the option with this long name (without "--"), or nullptr.
const OptionSpec* find_option(std::string_view long_name);

// Returns the section title of a group, e.g. "Run control".
std::string_view group_title(OptionGroup group);

}  // namespace mastotail::cli
