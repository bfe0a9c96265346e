// Lines typed or pasted on stdin, read on the shared loop so that waiting
// for them does not block it (mastotail login waits for a pasted code and
// the browser callback at the same time).
#pragma once

#include <libwebsockets.h>

#include <deque>
#include <string>

#include "net/loop.h"
#include "util/result.h"

namespace mastotail::app {

// Watches a duplicate of a descriptor and splits what arrives into lines.
// The object must outlive the Loop, because lws may call it until the
// context is destroyed.
class PasteReader {
 public:
  // Maximum line length; longer lines are cut at this length.
  static constexpr size_t kMaxLine = 8192;

  PasteReader() = default;
  PasteReader(const PasteReader&) = delete;
  PasteReader& operator=(const PasteReader&) = delete;

  // Starts watching a duplicate of `fd` on `loop`; `fd` itself stays open.
  // Fails with kInternal when lws cannot watch it.
  Status start(net::Loop& loop, int fd);

  // Removes and returns the next complete line without its line break,
  // or returns false when there is none yet.
  bool take_line(std::string& line);

  // True when take_line() would return a line.
  bool has_line() const { return !lines_.empty(); }

  // True after end of file or a read error. A last line without a line
  // break is then available from take_line().
  bool closed() const { return closed_; }

 private:
  static int on_lws_callback(lws* wsi, lws_callback_reasons reason, void* user,
                             void* in, size_t len);
  // Reads what is available; returns false at end of file or on error.
  bool read_available(int fd);
  void finish();

  std::string partial_;
  std::deque<std::string> lines_;
  bool closed_ = false;
};

}  // namespace mastotail::app
