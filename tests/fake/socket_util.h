// Plain POSIX socket helpers for the fake instance's loopback listeners.
#pragma once

#include <string>
#include <string_view>

namespace fake {

// Creates a non-blocking TCP socket listening on 127.0.0.1:`port` (0 picks
// a free port). Returns the descriptor and stores the bound port, or
// returns -1 and sets `error`.
int listen_on_loopback(int port, int& bound_port, std::string& error);

// Accepts one pending connection as a non-blocking descriptor, or returns
// -1 when none is pending.
int accept_connection(int listen_fd);

// Writes all of `data` to a non-blocking socket, waiting up to 5 s for room
// in the send buffer. Returns false on error or timeout.
bool send_all(int fd, std::string_view data);

// Makes the kernel send a TCP RST instead of a FIN: disconnects the socket
// with connect(AF_UNSPEC) (Linux). The descriptor stays open and must
// still be closed by its owner.
void reset_connection(int fd);

}  // namespace fake
