#include "net/sse_parser.h"

namespace mastotail::net {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

SseParser::SseParser(size_t max_event_size) : max_event_size_(max_event_size) {}

void SseParser::reset() {
  line_.clear();
  event_ = SseEvent{};
  has_data_ = false;
  after_cr_ = false;
  at_start_ = true;
  line_too_long_ = false;
}

void SseParser::feed(std::string_view bytes, std::vector<SseEvent>& events) {
  while (!bytes.empty()) {
    if (after_cr_) {
      after_cr_ = false;
      // The LF of a CRLF pair that arrived in two pieces.
      if (bytes.front() == '\n') {
        bytes.remove_prefix(1);
        continue;
      }
    }

    size_t end = bytes.find_first_of("\r\n");
    std::string_view piece = bytes.substr(0, end);
    if (line_.size() + piece.size() > max_event_size_) {
      line_too_long_ = true;
      event_.dropped_size += line_.size() + piece.size();
      line_.clear();
    } else {
      line_.append(piece);
    }
    if (end == std::string_view::npos) return;

    after_cr_ = bytes[end] == '\r';
    bytes.remove_prefix(end + 1);
    end_line(events);
  }
}

void SseParser::end_line(std::vector<SseEvent>& events) {
  std::string_view line = line_;
  if (at_start_) {
    at_start_ = false;
    if (line.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
      line.remove_prefix(kByteOrderMark.size());
    }
  }

  if (line_too_long_) {
    // The line's bytes were already counted in dropped_size.
    line_too_long_ = false;
    has_data_ = true;
  } else if (line.empty()) {
    dispatch(events);
  } else {
    process_field(line);
  }
  line_.clear();
}

void SseParser::process_field(std::string_view line) {
  if (line.front() == ':') return;  // a comment

  size_t colon = line.find(':');
  std::string_view field = line.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }

  if (field == "event") {
    event_.name.assign(value);
  } else if (field == "data") {
    has_data_ = true;
    if (event_.dropped_size > 0) {
      event_.dropped_size += value.size() + 1;
      return;
    }
    if (event_.data.size() + value.size() + 1 > max_event_size_) {
      event_.dropped_size = event_.data.size() + value.size() + 1;
      event_.data.clear();
      return;
    }
    event_.data.append(value);
    event_.data += '\n';
  }
  // "id", "retry" and unknown fields are ignored: Mastodon sends none and
  // offers no resume by event id.
}

void SseParser::dispatch(std::vector<SseEvent>& events) {
  if (has_data_) {
    if (!event_.data.empty()) event_.data.pop_back();  // the last '\n'
    if (event_.name.empty()) event_.name = "message";
    events.push_back(std::move(event_));
  }
  event_ = SseEvent{};
  has_data_ = false;
}

}  // namespace mastotail::net
