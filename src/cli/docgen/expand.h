// Filling a template (man/mastotail.1.scd, completions/*) with the
// generated parts.
#pragma once

#include <string>
#include <string_view>

#include "cli/docgen/blocks.h"
#include "util/result.h"

namespace mastotail::cli::docgen {

// Replaces each marker line of `text` with generated_block(format, NAME).
// A marker line is "@docgen:NAME@" alone on a line, after optional
// indentation and a comment sign ('#' for the shells, ';' for scdoc), so
// that the template stays a valid file of its kind. The generated lines
// get the marker's indentation. Fails with kUsage on an unknown marker or
// when the text has none.
Result<std::string> expand_template(DocFormat format, std::string_view text);

}  // namespace mastotail::cli::docgen
