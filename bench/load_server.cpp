// A WebSocket server on 127.0.0.1 that sends pre-encoded Mastodon frames to
// every client as fast as the client reads them (or one frame per interval),
// for the benchmarks in bench/run.
//
// Usage: load_server --frames FILE [--count N] [--interval-ms MS] [--port P]
//
// Prints "port N" on stdout once it listens (port 0, the default, lets the
// kernel pick a free one). Each connection gets the frames of FILE in order,
// cycled from the first, with fresh ids on every send, until N frames were sent
// (0, the default, means until the client closes). Incoming messages
// (mastotail's subscribe requests) are ignored. Runs until SIGINT or SIGTERM.
#include <libwebsockets.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "frames.h"

namespace {

struct ServerOptions {
  std::string frames_path;
  uint64_t count = 0;
  int interval_ms = 0;
  int port = 0;
};

struct Server {
  ServerOptions options;
  std::vector<bench::EncodedFrame> frames;
  uint64_t sequence = 0;  // frames sent on all connections
};

// Per-connection state, in lws's per-session memory (zeroed by lws).
struct Connection {
  uint64_t sent;
  std::string* batch;   // encoded frames not yet taken by the socket
  size_t batch_offset;  // bytes of *batch already sent
};

// Bytes of encoded frames handed to send(2) at a time.
constexpr size_t kBatchBytes = 256 * 1024;

volatile sig_atomic_t g_stop = 0;
lws_context* g_context = nullptr;

void on_signal(int) {
  g_stop = 1;
  if (g_context != nullptr) lws_cancel_service(g_context);
}

Server& server_of(lws* wsi) {
  return *static_cast<Server*>(lws_context_user(lws_get_context(wsi)));
}

bool more_to_send(const Server& server, const Connection& connection) {
  return server.options.count == 0 || connection.sent < server.options.count;
}

// Every connection gets the same frames in the same order, so that
// instruction counts repeat; only the ids differ.
bench::EncodedFrame& next_frame(Server& server, Connection& connection) {
  bench::EncodedFrame& frame =
      server.frames[connection.sent % server.frames.size()];
  bench::stamp_ids(frame, server.sequence);
  ++connection.sent;
  ++server.sequence;
  return frame;
}

// Sends one frame through lws and schedules the next after the interval.
int send_one_frame(lws* wsi, Connection& connection) {
  Server& server = server_of(wsi);
  if (!more_to_send(server, connection)) return 0;
  bench::EncodedFrame& frame = next_frame(server, connection);
  int written = lws_write(wsi, frame.message(), frame.size(), LWS_WRITE_TEXT);
  if (written < static_cast<int>(frame.size())) return -1;
  lws_set_timer_usecs(wsi, server.options.interval_ms * LWS_US_PER_MS);
  return 0;
}

// Appends a final, unmasked text frame (RFC 6455 section 5.2) to `out`.
void append_text_frame(bench::EncodedFrame& frame, std::string& out) {
  size_t size = frame.size();
  out += '\x81';
  if (size < 126) {
    out += static_cast<char>(size);
  } else if (size < 65536) {
    out += static_cast<char>(126);
    out += static_cast<char>(size >> 8);
    out += static_cast<char>(size & 0xff);
  } else {
    out += static_cast<char>(127);
    for (int shift = 56; shift >= 0; shift -= 8) {
      out += static_cast<char>((size >> shift) & 0xff);
    }
  }
  out.append(reinterpret_cast<const char*>(frame.message()), size);
}

// Writes encoded frames straight to the socket in large batches until it
// is full or the count is reached. lws_write() costs one send(2) per
// frame, which made this server slower than the clients it measures.
int send_batches(lws* wsi, Connection& connection) {
  Server& server = server_of(wsi);
  std::string& batch = *connection.batch;
  int fd = lws_get_socket_fd(wsi);
  while (true) {
    if (connection.batch_offset == batch.size()) {
      batch.clear();
      connection.batch_offset = 0;
      while (batch.size() < kBatchBytes && more_to_send(server, connection)) {
        append_text_frame(next_frame(server, connection), batch);
      }
      if (batch.empty()) return 0;
    }
    ssize_t sent = send(fd, batch.data() + connection.batch_offset,
                        batch.size() - connection.batch_offset,
                        MSG_NOSIGNAL | MSG_DONTWAIT);
    bool full = sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    // lws writes pongs and close frames between our batches, so control
    // goes back to lws only when no frame is half sent.
    if (full && connection.batch_offset == 0) break;
    if (full) {
      pollfd writable{fd, POLLOUT, 0};
      poll(&writable, 1, 1000);
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0) return -1;
    connection.batch_offset += static_cast<size_t>(sent);
  }
  lws_callback_on_writable(wsi);
  return 0;
}

int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
             size_t len) {
  auto* connection = static_cast<Connection*>(user);
  switch (reason) {
    case LWS_CALLBACK_ESTABLISHED:
      connection->sent = 0;
      connection->batch = new std::string();
      connection->batch_offset = 0;
      lws_callback_on_writable(wsi);
      return 0;
    case LWS_CALLBACK_CLOSED:
      delete connection->batch;
      connection->batch = nullptr;
      return 0;
    case LWS_CALLBACK_SERVER_WRITEABLE:
      if (server_of(wsi).options.interval_ms > 0) {
        return send_one_frame(wsi, *connection);
      }
      return send_batches(wsi, *connection);
    case LWS_CALLBACK_TIMER:
      lws_callback_on_writable(wsi);
      return 0;
    case LWS_CALLBACK_RECEIVE:
      return 0;
    default:
      return lws_callback_http_dummy(wsi, reason, user, in, len);
  }
}

const lws_protocols kProtocols[] = {
    {"mastodon-bench", callback, sizeof(Connection), 65536, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
};

bool parse_args(int argc, char** argv, ServerOptions& options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view name = argv[i];
    const char* value = argv[i + 1];
    if (name == "--frames") {
      options.frames_path = value;
    } else if (name == "--count") {
      options.count = std::strtoull(value, nullptr, 10);
    } else if (name == "--interval-ms") {
      options.interval_ms = std::atoi(value);
    } else if (name == "--port") {
      options.port = std::atoi(value);
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && !options.frames_path.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Server server;
  if (!parse_args(argc, argv, server.options)) {
    std::fprintf(stderr,
                 "usage: load_server --frames FILE [--count N] "
                 "[--interval-ms MS] [--port P]\n");
    return 2;
  }
  server.frames = bench::read_frames(server.options.frames_path);
  if (server.frames.empty()) return 1;

  lws_set_log_level(LLL_ERR, nullptr);
  lws_context_creation_info info;
  std::memset(&info, 0, sizeof info);
  info.port = server.options.port;
  info.iface = "127.0.0.1";
  info.protocols = kProtocols;
  info.user = &server;
  g_context = lws_create_context(&info);
  if (g_context == nullptr) {
    std::fprintf(stderr, "load_server: creating the lws context failed\n");
    return 1;
  }

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  lws_vhost* vhost = lws_get_vhost_by_name(g_context, "default");
  std::printf("port %d\n", lws_get_vhost_listen_port(vhost));
  std::fflush(stdout);

  while (g_stop == 0) {
    if (lws_service(g_context, 0) < 0) break;
  }
  lws_context_destroy(g_context);
  return 0;
}
