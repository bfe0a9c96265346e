// The text output: one readable block per event, for a person at a
// terminal.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "render/color.h"
#include "render/renderer.h"
#include "render/text_options.h"
#include "util/result.h"

namespace mastotail::render {

// Renders update, status.update, delete, notification, conversation,
// announcement, announcement.reaction, announcement.delete,
// filters_changed and notifications_merged as text blocks separated by a
// blank line. render() returns false, appending nothing, for an unknown
// event, a status hidden by a "hide" filter, or a payload that does not
// decode (last_error() then says why).
class TextRenderer : public Renderer {
 public:
  explicit TextRenderer(const TextOptions& options);
  ~TextRenderer() override;

  bool render(const EventContext& event, std::string& out) override;

  // Changes the wrap width, e.g. after SIGWINCH; 0 stops wrapping.
  void set_width(int width) { options_.width = width < 0 ? 0 : width; }

  // The reason the last render() that returned false for a known event
  // failed; empty when it was not a decoding failure.
  const std::string& last_error() const { return last_error_; }

 private:
  struct Impl;
  bool write_event(const EventContext& event);

  TextOptions options_;
  std::unique_ptr<Impl> impl_;
  std::string last_error_;
  bool first_block_ = true;
};

// Fails with ErrorKind::kUsage when options.width is negative.
Result<std::unique_ptr<Renderer>> make_text_renderer(
    const TextOptions& options);

// Calls set_width() when `renderer` is a TextRenderer; returns false for
// other renderers.
bool set_text_width(Renderer& renderer, int width);

}  // namespace mastotail::render
