#include "app/state_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mastotail::app {
namespace {

constexpr std::chrono::seconds kSaveInterval{1};

Error io_error(const std::string& what, const std::string& path) {
  return Error{ErrorKind::kIo,
               what + " '" + path + "': " + std::strerror(errno)};
}

Status write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Error{ErrorKind::kIo, std::strerror(errno)};
    done += static_cast<size_t>(n);
  }
  return {};
}

Result<int> lock_state(const std::string& path) {
  std::string lock_path = path + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("cannot create the lock file", lock_path);

  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int saved = errno;
    ::close(fd);
    if (saved == EWOULDBLOCK) {
      return Error{ErrorKind::kIo,
                   "another mastotail run is using the state file '" + path +
                       "' (it holds '" + lock_path +
                       "'); let it finish or "
                       "give this run another --state file"};
    }
    errno = saved;
    return io_error("cannot lock", lock_path);
  }
  return fd;
}

}  // namespace

StateStore::StateStore(std::string path, Cursors& cursors, int lock_fd)
    : path_(std::move(path)), cursors_(cursors), lock_fd_(lock_fd) {}

StateStore::~StateStore() { ::close(lock_fd_); }

Result<std::unique_ptr<StateStore>> StateStore::open(const std::string& path,
                                                     Cursors& cursors) {
  Result<int> lock_fd = lock_state(path);
  if (!lock_fd.ok()) return lock_fd.take_error();
  std::unique_ptr<StateStore> store(new StateStore(path, cursors, *lock_fd));

  std::ifstream file(path, std::ios::binary);
  if (!file) {
    if (errno == ENOENT) return store;
    return io_error("cannot read the state file", path);
  }
  std::ostringstream text;
  text << file.rdbuf();
  Status loaded = cursors.load_json(text.str());
  if (!loaded.ok()) {
    return Error{loaded.error().kind,
                 "--state '" + path + "': " + loaded.error().message};
  }
  return store;
}

Status StateStore::save_if_due(std::chrono::steady_clock::time_point now) {
  if (!cursors_.dirty() || now - last_save_ < kSaveInterval) return {};
  last_save_ = now;
  return save();
}

Status StateStore::save() {
  if (!cursors_.dirty()) return {};

  // Write a temporary file beside the state file, flush it to disk, then
  // rename it over the old one: a crash leaves either the old or the new
  // state, never a torn file.
  std::string temporary = path_ + ".tmp";
  int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("cannot write the state file", temporary);

  Status written = write_all(fd, cursors_.to_json());
  bool synced = written.ok() && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || ::rename(temporary.c_str(), path_.c_str()) != 0) {
    return io_error("cannot save the state file", path_);
  }
  cursors_.mark_saved();
  return {};
}

}  // namespace mastotail::app
