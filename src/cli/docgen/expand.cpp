#include "cli/docgen/expand.h"

#include <fmt/format.h>

#include <optional>

namespace mastotail::cli::docgen {
namespace {

constexpr std::string_view kMarkerStart = "@docgen:";

struct Marker {
  std::string_view indent;
  std::string_view name;
};

std::optional<Marker> parse_marker(std::string_view line) {
  size_t text_start = line.find_first_not_of(" \t");
  if (text_start == std::string_view::npos) return std::nullopt;
  std::string_view indent = line.substr(0, text_start);
  std::string_view rest = line.substr(text_start);

  if (rest.starts_with('#') || rest.starts_with(';')) {
    rest.remove_prefix(1);
    size_t marker_start = rest.find_first_not_of(' ');
    if (marker_start == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(marker_start);
  }
  while (rest.ends_with(' ')) rest.remove_suffix(1);

  if (!rest.starts_with(kMarkerStart) || !rest.ends_with('@') ||
      rest.size() <= kMarkerStart.size() + 1) {
    return std::nullopt;
  }
  rest.remove_prefix(kMarkerStart.size());
  rest.remove_suffix(1);
  return Marker{indent, rest};
}

// Appends `block` with `indent` before each line that is not empty.
void append_indented(std::string_view block, std::string_view indent,
                     std::string& out) {
  while (!block.empty()) {
    size_t end = block.find('\n');
    std::string_view line = block.substr(0, end);
    if (!line.empty()) out += indent;
    out += line;
    out += '\n';
    block = end == std::string_view::npos ? "" : block.substr(end + 1);
  }
}

}  // namespace

Result<std::string> expand_template(DocFormat format, std::string_view text) {
  std::string out;
  int line_number = 0;
  int markers = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? "" : text.substr(end + 1);
    ++line_number;

    std::optional<Marker> marker = parse_marker(line);
    if (!marker) {
      out += line;
      out += '\n';
      continue;
    }

    std::optional<std::string> block = generated_block(format, marker->name);
    if (!block) {
      return Error{ErrorKind::kUsage,
                   fmt::format("line {}: unknown marker '@docgen:{}@' for "
                               "this format",
                               line_number, marker->name)};
    }
    append_indented(*block, marker->indent, out);
    ++markers;
  }

  if (markers == 0) {
    return Error{ErrorKind::kUsage,
                 "no marker line such as '# @docgen:options@' found"};
  }
  return out;
}

}  // namespace mastotail::cli::docgen
