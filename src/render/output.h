// Buffered stdout. Events are appended during a loop turn and written with
// one flush() per turn, so a pipe reader sees whole lines as they arrive.
#pragma once

#include <string>

#include "util/result.h"

namespace mastotail::render {

class Output {
 public:
  // Writes to `fd`, which stays owned by the caller.
  explicit Output(int fd);

  // The pending bytes; renderers append to it.
  std::string& buffer() { return buffer_; }

  // Writes every pending byte, blocking if the reader is slow. Returns an
  // error of kind kIo on failure; after EPIPE, reader_closed() is true and
  // the caller should stop quietly.
  Status flush();

  bool reader_closed() const { return reader_closed_; }

  // Number of write(2) calls made so far (for benchmarks and tests).
  size_t write_calls() const { return write_calls_; }

 private:
  std::string buffer_;
  int fd_;
  bool reader_closed_ = false;
  size_t write_calls_ = 0;
};

}  // namespace mastotail::render
