// Buffered stdout. Events are appended during a loop turn and written with
// one flush() per turn, so a pipe reader sees whole lines as they arrive.
#pragma once

#include <csignal>
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

  // Makes flush() drop what is pending when `*flag` is non-zero and the
  // reader does not take data (a signal interrupted a blocked write(2), or
  // stdout stays unwritable for a second). Later flushes then drop their
  // bytes at once. `flag` must outlive the Output.
  void stop_on(const volatile sig_atomic_t* flag) { stop_flag_ = flag; }

  // Number of write(2) calls made so far (for benchmarks and tests).
  size_t write_calls() const { return write_calls_; }

 private:
  // True (and pending bytes dropped) when the stop flag is set.
  bool stop_requested();

  std::string buffer_;
  int fd_;
  bool reader_closed_ = false;
  bool stopped_ = false;
  const volatile sig_atomic_t* stop_flag_ = nullptr;
  size_t write_calls_ = 0;
};

}  // namespace mastotail::render
