#include "render/output.h"

#include <cerrno>
#include <cstring>
#include <string>

#include <unistd.h>

namespace mastotail::render {

Output::Output(int fd) : fd_(fd) { buffer_.reserve(64 * 1024); }

Status Output::flush() {
  if (reader_closed_) {
    buffer_.clear();
    return {};
  }

  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    ++write_calls_;
    if (n >= 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (errno == EINTR) continue;
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
