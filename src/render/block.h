// Assembly of one event's text block, line by line, as wrapped marked-up
// text (see render/markup.h).
#pragma once

#include <string>
#include <string_view>

#include "decode/entities.h"
#include "render/wrap.h"

namespace mastotail::render {

class BlockWriter {
 public:
  static constexpr int kHanging = 2;

  // Starts a new block wrapped to `width` columns (0: not wrapped).
  void reset(int width) {
    width_ = width;
    marked_.clear();
  }

  // Returns the cleared buffer for the next line; emit() writes it.
  std::string& line() {
    line_.clear();
    return line_;
  }

  // Wraps the composed line at `indent`, continuation lines two columns
  // further in so that they do not look like lines of their own.
  void emit(int indent) {
    append_wrapped(line_, indent, width_, marked_, kHanging);
  }

  // Returns a cleared scratch buffer, for example for converted HTML.
  std::string& scratch() {
    scratch_.clear();
    return scratch_;
  }

  // Wraps `text` at `indent`; `text` may be scratch().
  void emit_text(std::string_view text, int indent) {
    append_wrapped(text, indent, width_, marked_);
  }

  bool empty() const { return marked_.empty(); }
  const std::string& marked() const { return marked_; }

 private:
  int width_ = 0;
  std::string marked_;
  std::string line_;
  std::string scratch_;
};

// Appends the display name (the username when it is empty) and "@acct".
void append_account(const decode::Account& account, std::string& out);

// Appends "@acct" (the username when acct is empty).
void append_handle(const decode::Account& account, std::string& out);

}  // namespace mastotail::render
