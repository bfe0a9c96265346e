#include "render/markup.h"

#include "util/sanitize.h"

namespace mastotail::render {
namespace {

std::string_view sgr_for(char style) {
  switch (static_cast<Style>(style)) {
    case Style::kName:
      return "\x1b[1m";
    case Style::kHandle:
      return "\x1b[36m";
    case Style::kLink:
      return "\x1b[34m";
    case Style::kTag:
      return "\x1b[35m";
    case Style::kWarning:
      return "\x1b[1;33m";
    case Style::kKind:
      return "\x1b[1;35m";
    case Style::kMeta:
      return "\x1b[2m";
  }
  return "";
}

constexpr std::string_view kReset = "\x1b[0m";

}  // namespace

void append_styled(Style style, std::string_view text, std::string& out) {
  begin_style(style, out);
  append_sanitized_line(text, out);
  end_style(out);
}

void append_styled_literal(Style style, std::string_view text,
                           std::string& out) {
  begin_style(style, out);
  out += text;
  end_style(out);
}

void finish_markup(std::string_view marked, bool color, std::string& out) {
  bool styled = false;
  size_t i = 0;
  while (i < marked.size()) {
    size_t run_end = i;
    while (run_end < marked.size() && !is_markup_byte(marked[run_end])) {
      ++run_end;
    }
    out.append(marked.data() + i, run_end - i);
    i = run_end;
    if (i == marked.size()) break;

    char c = marked[i++];
    if (c == kStyleBegin) {
      if (i >= marked.size()) break;
      char style = marked[i++];
      if (color) {
        if (styled) out += kReset;
        out += sgr_for(style);
      }
      styled = true;
    } else if (c == kStyleEnd) {
      if (color && styled) out += kReset;
      styled = false;
    } else if (c == kGlue) {
      out += ' ';
    }
  }
  if (color && styled) out += kReset;
}

void strip_markup(std::string_view marked, std::string& out) {
  finish_markup(marked, false, out);
}

}  // namespace mastotail::render
