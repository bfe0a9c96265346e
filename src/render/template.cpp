#include "render/template.h"

#include <ctime>
#include <string>
#include <vector>

#include "decode/json_path.h"
#include "render/filters.h"
#include "render/html.h"
#include "render/markup.h"
#include "util/sanitize.h"

namespace mastotail::render {
namespace {

enum class FieldKind { kLiteral, kPath, kEvent, kStream, kText, kId };

struct Segment {
  FieldKind kind = FieldKind::kLiteral;
  std::string literal;            // kLiteral
  std::vector<std::string> path;  // kPath, and kId for events but delete
};

// 1-based column of byte `offset`, counting UTF-8 characters.
size_t column_of(std::string_view text, size_t offset) {
  size_t column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

Error template_error(std::string_view format, std::string_view problem,
                     size_t offset, std::string_view hint) {
  return Error{ErrorKind::kUsage,
               "--format '" + sanitized_line(format) +
                   "': " + std::string(problem) + " at column " +
                   std::to_string(column_of(format, offset)) + "; " +
                   std::string(hint)};
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

Segment field_segment(std::string_view name) {
  Segment segment;
  if (name == "event") {
    segment.kind = FieldKind::kEvent;
  } else if (name == "stream") {
    segment.kind = FieldKind::kStream;
  } else if (name == "text") {
    segment.kind = FieldKind::kText;
  } else if (name == "id") {
    segment.kind = FieldKind::kId;
    segment.path = {"id"};
  } else {
    segment.kind = FieldKind::kPath;
    segment.path = decode::split_path(name);
  }
  return segment;
}

Result<std::vector<Segment>> compile(std::string_view format) {
  std::vector<Segment> segments;
  std::string literal;
  size_t i = 0;
  while (i < format.size()) {
    char c = format[i];
    bool doubled = i + 1 < format.size() && format[i + 1] == c;
    if ((c == '{' || c == '}') && doubled) {
      literal += c;
      i += 2;
      continue;
    }
    if (c == '}') {
      return template_error(format, "unmatched '}'", i,
                            "write }} for a literal brace");
    }
    if (c != '{') {
      literal += c;
      ++i;
      continue;
    }

    size_t close = format.find('}', i + 1);
    size_t nested = format.find('{', i + 1);
    if (close == std::string_view::npos || nested < close) {
      return template_error(format, "unclosed '{'", i,
                            "write {{ for a literal brace");
    }
    std::string_view name = trim(format.substr(i + 1, close - i - 1));
    if (name.empty() || name.front() == '.' || name.back() == '.' ||
        name.find("..") != std::string_view::npos) {
      return template_error(format, "empty field name", i,
                            "write a field such as {account.acct}, or {{ "
                            "for a literal brace");
    }

    if (!literal.empty())
      segments.push_back({FieldKind::kLiteral, literal, {}});
    literal.clear();
    segments.push_back(field_segment(name));
    i = close + 1;
  }
  if (!literal.empty()) segments.push_back({FieldKind::kLiteral, literal, {}});
  return segments;
}

// The path to the HTML content shown by {text} for each event.
std::vector<std::string> content_path(std::string_view event, bool is_boost) {
  if (event == "update" || event == "status.update") {
    if (is_boost) return {"reblog", "content"};
    return {"content"};
  }
  if (event == "notification") return {"status", "content"};
  if (event == "conversation") return {"last_status", "content"};
  return {"content"};
}

class TemplateRenderer : public Renderer {
 public:
  TemplateRenderer(std::vector<Segment> segments, const TextOptions& options)
      : segments_(std::move(segments)), options_(options) {}

  bool render(const EventContext& event, std::string& out) override;

 private:
  // Decodes the status of a status, notification or conversation event and
  // applies its filters; returns false when a "hide" filter applies.
  bool check_filters(const EventContext& event);
  void append_text(const EventContext& event, std::string& out);

  std::vector<Segment> segments_;
  TextOptions options_;
  decode::JsonDocument document_;
  decode::StatusFilters filters_;
  bool has_document_ = false;
  FilterVerdict verdict_;
  std::string value_;
  std::string html_;
  std::string text_;
};

bool TemplateRenderer::check_filters(const EventContext& event) {
  verdict_ = {};
  const decode::Frame& frame = *event.frame;
  if (!has_document_) return true;

  std::string_view filter_context = event.filter_context;
  std::string_view member;
  if (frame.event == "notification") {
    member = "status";
    filter_context = "notifications";
  } else if (frame.event != "update" && frame.event != "status.update") {
    return true;
  }
  if (!document_.read_status_filters(member, filters_)) return true;

  std::time_t now = options_.now != 0 ? options_.now : std::time(nullptr);
  verdict_ = evaluate_filters(filters_.filtered, filter_context, now);
  if (!filters_.reblog_filtered.empty()) {
    FilterVerdict inner =
        evaluate_filters(filters_.reblog_filtered, filter_context, now);
    if (inner.action > verdict_.action) verdict_ = inner;
  }
  return verdict_.action != FilterAction::kHide;
}

void TemplateRenderer::append_text(const EventContext& event,
                                   std::string& out) {
  if (verdict_.action == FilterAction::kWarn) {
    out += "filtered: ";
    append_sanitized_line(verdict_.titles, out);
    return;
  }
  if (!has_document_) return;

  std::string_view name = event.frame->event;
  html_.clear();
  bool is_boost =
      document_.append_value({"reblog"}, html_) == decode::JsonKind::kObject;
  html_.clear();
  document_.append_value(content_path(name, is_boost), html_);

  text_.clear();
  html_to_text(html_, text_);
  value_.clear();
  strip_markup(text_, value_);

  // Blank lines between paragraphs become one space.
  bool space = false;
  for (char c : value_) {
    if (c == '\n' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty() && out.back() != ' ') out += ' ';
    space = false;
    out += c;
  }
}

bool TemplateRenderer::render(const EventContext& event, std::string& out) {
  if (event.frame == nullptr) return false;
  const decode::Frame& frame = *event.frame;

  has_document_ = frame.payload_type == decode::PayloadType::kJson &&
                  document_.load(frame.payload, frame.parsed).ok();
  if (!check_filters(event)) return false;

  for (const Segment& segment : segments_) {
    switch (segment.kind) {
      case FieldKind::kLiteral:
        out += segment.literal;
        break;
      case FieldKind::kEvent:
        append_sanitized_line(frame.event, out);
        break;
      case FieldKind::kStream:
        for (size_t i = 0; i < frame.stream_size; ++i) {
          if (i > 0) out += ':';
          append_sanitized_line(frame.stream[i], out);
        }
        break;
      case FieldKind::kText:
        append_text(event, out);
        break;
      case FieldKind::kId:
        if (frame.payload_type == decode::PayloadType::kString) {
          append_sanitized_line(frame.payload, out);
          break;
        }
        [[fallthrough]];
      case FieldKind::kPath:
        value_.clear();
        if (has_document_) document_.append_value(segment.path, value_);
        append_sanitized_line(value_, out);
        break;
    }
  }
  out += '\n';
  return true;
}

}  // namespace

Result<std::unique_ptr<Renderer>> make_template_renderer(
    std::string_view format, const TextOptions& options) {
  auto segments = compile(format);
  if (!segments.ok()) return segments.take_error();
  return std::unique_ptr<Renderer>(
      std::make_unique<TemplateRenderer>(std::move(*segments), options));
}

}  // namespace mastotail::render
