// A parser for server-sent events (the text/event-stream format of the
// HTML standard) as Mastodon's streaming server sends them: bytes in, whole
// events out, whatever the chunk boundaries.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mastotail::net {

struct SseEvent {
  std::string name;  // the "event:" field; "message" when none was given
  std::string data;  // every "data:" line of the event, joined with '\n'
  // Non-zero when the event exceeded the maximum size: `data` is then
  // empty and this holds the bytes that were dropped (at least).
  size_t dropped_size = 0;
};

// Lines end with CR, LF or CRLF, also when a CRLF pair is split between two
// feed() calls. A UTF-8 byte order mark at the start of the stream is
// skipped. Comment lines (":)", ":thump"), "id:", "retry:" and unknown
// fields are ignored. An event is dispatched at the blank line that ends
// it, and only when it had a "data:" line.
class SseParser {
 public:
  // Events whose data grows beyond `max_event_size` bytes are reported
  // with dropped_size instead of their data.
  explicit SseParser(size_t max_event_size = 8u << 20);

  // Parses `bytes` and appends every event they complete to `events`.
  void feed(std::string_view bytes, std::vector<SseEvent>& events);

  // Forgets any partial line and event, for a new response.
  void reset();

 private:
  void end_line(std::vector<SseEvent>& events);
  void process_field(std::string_view line);
  void dispatch(std::vector<SseEvent>& events);

  size_t max_event_size_;
  std::string line_;  // bytes of the current, unfinished line
  SseEvent event_;    // fields of the current event so far
  bool has_data_ = false;
  bool after_cr_ = false;  // the last byte seen was CR
  bool at_start_ = true;   // no line has ended yet (BOM check pending)
  bool line_too_long_ = false;
};

}  // namespace mastotail::net
