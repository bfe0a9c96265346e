#include "render/output.h"

#include <cerrno>
#include <cstring>
#include <string>

#include <poll.h>
#include <unistd.h>

namespace mastotail::render {

Output::Output(int fd) : fd_(fd) { buffer_.reserve(64 * 1024); }

bool Output::stop_requested() {
  if (stop_flag_ == nullptr || *stop_flag_ == 0) return false;
  stopped_ = true;
  buffer_.clear();
  return true;
}

Status Output::flush() {
  if (reader_closed_ || stopped_) {
    buffer_.clear();
    return {};
  }

  // After a signal, write only to a reader that takes data within a
  // second; a stalled one must not keep the run from ending.
  if (stop_flag_ != nullptr && *stop_flag_ != 0 && !buffer_.empty()) {
    pollfd ready{fd_, POLLOUT, 0};
    if (::poll(&ready, 1, 1000) <= 0 && stop_requested()) return {};
  }

  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    ++write_calls_;
    if (n >= 0) {
      done += static_cast<size_t>(n);
      // A signal that interrupts a write to a pipe after some bytes went
      // through makes write(2) return that count instead of EINTR.
      if (done < buffer_.size() && stop_requested()) return {};
      continue;
    }
    if (errno == EINTR) {
      // A reader that never reads must not keep SIGINT or SIGTERM from
      // ending the run.
      if (stop_requested()) return {};
      continue;
    }
    if (errno == EPIPE) {
      reader_closed_ = true;
      buffer_.clear();
      return {};
    }
    int saved = errno;
    buffer_.clear();
    return Error{ErrorKind::kIo,
                 std::string("writing to stdout: ") + std::strerror(saved)};
  }

  buffer_.clear();
  return {};
}

}  // namespace mastotail::render
