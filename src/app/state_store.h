// The --state file on disk: loaded at start, locked for the whole run so
// that two runs never share it, and replaced atomically on each save.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "app/cursors.h"
#include "util/result.h"

namespace mastotail::app {

class StateStore {
 public:
  // Locks PATH.lock (created with mode 0600) and loads PATH into
  // `cursors` when it exists. Fails with kIo when another run holds the
  // lock or the file cannot be read, and with kUsage when it is not a
  // state file.
  static Result<std::unique_ptr<StateStore>> open(const std::string& path,
                                                  Cursors& cursors);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // Saves when the cursors changed and the last save is at least a second
  // old. Call it only after stdout was flushed, so that the file never
  // claims an event that was not written.
  Status save_if_due(std::chrono::steady_clock::time_point now);

  // Saves when the cursors changed, whatever the time.
  Status save();

 private:
  StateStore(std::string path, Cursors& cursors, int lock_fd);

  std::string path_;
  Cursors& cursors_;
  int lock_fd_;
  std::chrono::steady_clock::time_point last_save_{};
};

}  // namespace mastotail::app
