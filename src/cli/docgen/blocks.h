// The generated parts of the man page and the completion scripts. Each
// template marks where a part goes with a marker line (see expand.h); the
// functions here return the text for one marker.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mastotail::cli::docgen {

enum class DocFormat { kMan, kBash, kZsh, kFish };

// Man page (scdoc) parts: "synopsis" (every usage line), "options" (every
// option under its group title) and "subcommands" (a SUBCOMMANDS section,
// or nothing while there are none).
std::optional<std::string> man_block(std::string_view marker);

// Completion script parts: "options" (the option words, which of them take
// a value and what completes it) and "subcommands" (their names, the
// options each takes and what completes their operand).
std::optional<std::string> bash_block(std::string_view marker);
std::optional<std::string> zsh_block(std::string_view marker);
std::optional<std::string> fish_block(std::string_view marker);

// Returns the text for `marker` in a document of `format`, as whole lines,
// or nullopt when that format has no such marker.
std::optional<std::string> generated_block(DocFormat format,
                                           std::string_view marker);

}  // namespace mastotail::cli::docgen
