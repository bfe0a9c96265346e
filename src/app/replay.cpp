#include "app/replay.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace mastotail::app {
namespace {

// Output is flushed whenever this much is pending, and after every line
// when the input is a pipe or terminal, so a live pipe shows lines as they
// come.
constexpr size_t kFlushThreshold = 64 * 1024;

struct FileCloser {
  void operator()(FILE* file) const {
    if (file != stdin) std::fclose(file);
  }
};

bool is_regular_file(FILE* file) {
  struct stat info;
  return fstat(fileno(file), &info) == 0 && S_ISREG(info.st_mode);
}

}  // namespace

Status replay_file(const std::string& path, Pipeline& pipeline,
                   render::Output& output,
                   const volatile sig_atomic_t& interrupted) {
  FILE* opened = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (opened == nullptr) {
    return Error{ErrorKind::kUsage,
                 "--replay '" + path + "': " + std::strerror(errno)};
  }
  std::unique_ptr<FILE, FileCloser> file(opened);
  bool flush_each_line = !is_regular_file(file.get());

  char* line = nullptr;
  size_t capacity = 0;
  ssize_t length = 0;
  Status status;
  while ((length = getline(&line, &capacity, file.get())) >= 0) {
    std::string_view message(line, static_cast<size_t>(length));
    while (!message.empty() &&
           (message.back() == '\n' || message.back() == '\r')) {
      message.remove_suffix(1);
    }
    if (!message.empty()) pipeline.process(message);

    if (flush_each_line || output.buffer().size() >= kFlushThreshold) {
      status = output.flush();
    }
    if (!status.ok() || output.reader_closed() || pipeline.count_reached() ||
        interrupted != 0) {
      break;
    }
  }
  std::free(line);
  if (!status.ok()) return status;
  return output.flush();
}

}  // namespace mastotail::app
