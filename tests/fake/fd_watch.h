// Lets the lws event loop poll the fake instance's own listening sockets by
// adopting them as lws "raw file" descriptors.
//
// NOTE: not suited to connected sockets. On close, lws 4.1.6 calls
// shutdown(SHUT_WR) on a raw-file descriptor and keeps reading it until
// EOF, which affects any other descriptor of the same socket.
#pragma once

#include <libwebsockets.h>

namespace fake {

// Receives events for one watched descriptor.
class FdWatcher {
 public:
  virtual ~FdWatcher() = default;

  // Called when the descriptor is readable. Returning false makes lws
  // close the descriptor.
  virtual bool on_readable() = 0;

  // Called once after lws closed the descriptor.
  virtual void on_closed() = 0;
};

// The protocol that must be listed on `vhost` for watch_fd().
extern const lws_protocols kFdWatchProtocol;

// Starts polling `fd` for input. lws owns `fd` from now on and closes it
// when the watcher returns false or the context is destroyed. `watcher`
// must stay alive until its on_closed(). Returns false (with `fd` closed)
// when lws cannot adopt it.
bool watch_fd(lws_vhost* vhost, int fd, FdWatcher* watcher);

}  // namespace fake
