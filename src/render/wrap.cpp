#include "render/wrap.h"

#include <utf8proc.h>

#include "render/markup.h"

namespace mastotail::render {
namespace {

// Decodes the code point at `text[i]`, advancing `i`. Invalid bytes (which
// sanitised text does not contain) count as one byte of width 1.
char32_t next_codepoint(std::string_view text, size_t& i) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  utf8proc_int32_t codepoint = 0;
  utf8proc_ssize_t n = utf8proc_iterate(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
      static_cast<utf8proc_ssize_t>(text.size() - i), &codepoint);
  if (n <= 0) {
    ++i;
    return U'\uFFFD';
  }
  i += static_cast<size_t>(n);
  return static_cast<char32_t>(codepoint);
}

// True for the ASCII characters that take one column and are not a space.
bool is_visible_ascii(char c) { return c > ' ' && c < '\x7F'; }

// Continuation lead for a block prefix: '>' stays, everything else becomes
// a space, so "> - " continues as ">   ".
void append_continuation(std::string_view prefix, std::string& out) {
  for (char c : prefix) out += c == '>' ? '>' : ' ';
}

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

class LineWrapper {
 public:
  LineWrapper(int indent, int width, int hanging, std::string& out)
      : indent_(indent), width_(width), hanging_(hanging), out_(out) {}

  void wrap_line(std::string_view line);

 private:
  void start_line(std::string_view lead, int lead_width);
  void add_char(std::string_view bytes, int width);
  void flush_word();
  void break_line();

  int indent_;
  int width_;
  int hanging_;
  std::string& out_;

  char active_ = 0;  // style in effect at the scan position; 0 for none
  std::string continuation_;
  int continuation_width_ = 0;
  int column_ = 0;
  bool line_has_content_ = false;

  std::string word_;
  int word_width_ = 0;
  char word_style_ = 0;  // style in effect where the word began
  int spaces_ = 0;       // pending spaces before the word
};

void LineWrapper::start_line(std::string_view lead, int lead_width) {
  out_.append(static_cast<size_t>(indent_), ' ');
  out_ += lead;
  column_ = indent_ + lead_width;
  line_has_content_ = false;
  if (active_ != 0) begin_style(static_cast<Style>(active_), out_);
}

void LineWrapper::break_line() {
  if (word_style_ != 0) end_style(out_);
  out_ += '\n';
  out_.append(static_cast<size_t>(indent_), ' ');
  out_ += continuation_;
  column_ = indent_ + continuation_width_;
  if (word_style_ != 0) begin_style(static_cast<Style>(word_style_), out_);
}

// Writes the pending word, after the pending spaces unless it starts a new
// line. Spaces with no word after them are never written.
void LineWrapper::flush_word() {
  if (word_.empty()) return;

  bool fits = column_ + spaces_ + word_width_ <= width_;
  if (width_ == 0 || fits || !line_has_content_) {
    out_.append(static_cast<size_t>(spaces_), ' ');
    column_ += spaces_;
  } else {
    break_line();
  }
  out_ += word_;
  column_ += word_width_;
  if (word_width_ > 0) line_has_content_ = true;

  word_.clear();
  word_width_ = 0;
  spaces_ = 0;
}

void LineWrapper::add_char(std::string_view bytes, int width) {
  if (word_.empty()) word_style_ = active_;
  word_ += bytes;
  word_width_ += width;
}

void LineWrapper::wrap_line(std::string_view line) {
  std::string_view prefix;
  size_t prefix_end = line.find(kPrefixEnd);
  if (prefix_end != std::string_view::npos) {
    prefix = line.substr(0, prefix_end);
    line.remove_prefix(prefix_end + 1);
  }

  if (line.empty()) {
    out_.append(prefix.empty() ? 0 : static_cast<size_t>(indent_), ' ');
    out_ += trim_right(prefix);
    out_ += '\n';
    return;
  }

  continuation_.assign(static_cast<size_t>(hanging_), ' ');
  append_continuation(prefix, continuation_);
  continuation_width_ = static_cast<int>(continuation_.size());
  start_line(prefix, static_cast<int>(prefix.size()));

  size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (c == kStyleBegin && i + 1 < line.size()) {
      add_char(line.substr(i, 2), 0);
      active_ = line[i + 1];
      i += 2;
    } else if (c == kStyleEnd) {
      add_char(line.substr(i, 1), 0);
      active_ = 0;
      ++i;
    } else if (c == kGlue) {
      add_char(line.substr(i, 1), 1);
      ++i;
    } else if (c == ' ') {
      flush_word();
      ++spaces_;
      ++i;
    } else if (is_visible_ascii(c)) {
      size_t start = i;
      while (i < line.size() && is_visible_ascii(line[i])) ++i;
      add_char(line.substr(start, i - start), static_cast<int>(i - start));
    } else {
      size_t start = i;
      int width = codepoint_width(next_codepoint(line, i));
      if (width == 2) flush_word();
      add_char(line.substr(start, i - start), width);
      if (width == 2) flush_word();
    }
  }
  flush_word();
  spaces_ = 0;  // trailing spaces are dropped

  if (active_ != 0) end_style(out_);
  out_ += '\n';
}

}  // namespace

int codepoint_width(char32_t codepoint) {
  if (codepoint < 0x80) return codepoint >= 0x20 && codepoint != 0x7F ? 1 : 0;
  int width = utf8proc_charwidth(static_cast<utf8proc_int32_t>(codepoint));
  return width < 0 ? 0 : width;
}

int display_width(std::string_view marked) {
  int width = 0;
  size_t i = 0;
  while (i < marked.size()) {
    char c = marked[i];
    if (c == kStyleBegin) {
      i += 2;
    } else if (c == kGlue) {
      ++width;
      ++i;
    } else if (is_markup_byte(c)) {
      ++i;
    } else {
      width += codepoint_width(next_codepoint(marked, i));
    }
  }
  return width;
}

void append_wrapped(std::string_view text, int indent, int width,
                    std::string& out, int hanging) {
  LineWrapper wrapper(indent, width, hanging, out);
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    wrapper.wrap_line(text.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace mastotail::render
