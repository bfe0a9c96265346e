#include "render/text.h"

#include <ctime>

#include "decode/entities.h"
#include "render/block.h"
#include "render/markup.h"
#include "render/notification_text.h"
#include "render/status_text.h"
#include "util/sanitize.h"

namespace mastotail::render {

struct TextRenderer::Impl {
  decode::EntityDecoder decoder;
  BlockWriter block;
};

namespace {

bool has_json_payload(const decode::Frame& frame) {
  return frame.payload_type == decode::PayloadType::kJson;
}

// A one-line event: its kind, then `detail` from the network.
void write_simple(std::string_view kind, std::string_view detail,
                  BlockWriter& block) {
  std::string& line = block.line();
  append_styled_literal(Style::kKind, kind, line);
  if (!detail.empty()) {
    line += ' ';
    append_sanitized_line(detail, line);
  }
  block.emit(0);
}

}  // namespace

TextRenderer::TextRenderer(const TextOptions& options)
    : options_(options), impl_(std::make_unique<Impl>()) {}

TextRenderer::~TextRenderer() = default;

bool TextRenderer::write_event(const EventContext& event) {
  const decode::Frame& frame = *event.frame;
  std::string_view name = frame.event;
  BlockWriter& block = impl_->block;
  decode::EntityDecoder& decoder = impl_->decoder;

  StatusContext context;
  context.cw = options_.cw;
  context.filter_context = event.filter_context;
  context.now = options_.now != 0 ? options_.now : std::time(nullptr);

  if (name == "update" || name == "status.update") {
    if (!has_json_payload(frame)) return false;
    auto status = decoder.decode_status(frame.payload);
    if (!status.ok()) {
      last_error_ = status.error().message;
      return false;
    }
    if (name == "status.update") context.kind = "edit";
    return write_status(*status, context, block, 0);
  }
  if (name == "notification") {
    if (!has_json_payload(frame)) return false;
    auto notification = decoder.decode_notification(frame.payload);
    if (!notification.ok()) {
      last_error_ = notification.error().message;
      return false;
    }
    return write_notification(*notification, context, block);
  }
  if (name == "conversation") {
    if (!has_json_payload(frame)) return false;
    auto conversation = decoder.decode_conversation(frame.payload);
    if (!conversation.ok()) {
      last_error_ = conversation.error().message;
      return false;
    }
    return write_conversation(*conversation, context, block);
  }
  if (name == "announcement") {
    if (!has_json_payload(frame)) return false;
    auto announcement = decoder.decode_announcement(frame.payload);
    if (!announcement.ok()) {
      last_error_ = announcement.error().message;
      return false;
    }
    write_announcement(*announcement, block);
    return true;
  }
  if (name == "announcement.reaction") {
    if (!has_json_payload(frame)) return false;
    auto reaction = decoder.decode_reaction(frame.payload);
    if (!reaction.ok()) {
      last_error_ = reaction.error().message;
      return false;
    }
    write_reaction(*reaction, block);
    return true;
  }
  if (name == "delete") {
    write_simple("deleted", "status " + std::string(frame.payload), block);
    return true;
  }
  if (name == "announcement.delete") {
    write_simple("announcement deleted", frame.payload, block);
    return true;
  }
  if (name == "filters_changed") {
    write_simple("filters changed", {}, block);
    return true;
  }
  if (name == "notifications_merged") {
    write_simple("notification requests merged;",
                 "fetch notifications to see them", block);
    return true;
  }
  return false;
}

bool TextRenderer::render(const EventContext& event, std::string& out) {
  last_error_.clear();
  if (event.frame == nullptr) return false;

  impl_->block.reset(options_.width);
  if (!write_event(event) || impl_->block.empty()) return false;

  if (!first_block_) out += '\n';
  first_block_ = false;
  finish_markup(impl_->block.marked(), options_.color, out);
  return true;
}

Result<std::unique_ptr<Renderer>> make_text_renderer(
    const TextOptions& options) {
  if (options.width < 0) {
    return Error{ErrorKind::kUsage,
                 "--width " + std::to_string(options.width) +
                     ": invalid width; give a number of columns, or 0 for "
                     "no wrapping"};
  }
  return std::unique_ptr<Renderer>(std::make_unique<TextRenderer>(options));
}

bool set_text_width(Renderer& renderer, int width) {
  auto* text = dynamic_cast<TextRenderer*>(&renderer);
  if (text == nullptr) return false;
  text->set_width(width);
  return true;
}

}  // namespace mastotail::render
