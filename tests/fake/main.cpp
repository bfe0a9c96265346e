// fake-instance: a fake Mastodon instance for mastotail's end-to-end tests
// and demo. It serves the instance endpoints and the streaming WebSocket on
// a main port and takes commands on a control port; both listen on
// 127.0.0.1 only. See control.h for the commands and --help for options.
#include <fmt/format.h>
#include <libwebsockets.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>

#include "control.h"
#include "fd_watch.h"
#include "front_door.h"
#include "log.h"
#include "options.h"
#include "shared_state.h"
#include "socket_util.h"
#include "streaming.h"
#include "timeline.h"

namespace {

volatile std::sig_atomic_t g_stop_requested = 0;
lws_context* g_context = nullptr;

void request_stop(int) {
  g_stop_requested = 1;
  if (g_context != nullptr) lws_cancel_service(g_context);
}

void emit_lws_log(int level, const char* line) {
  // lws 4.1.6 logs this at error level on every successful
  // lws_adopt_socket_vhost_readbuf(), which the front door calls for each
  // WebSocket upgrade.
  if (std::strstr(line, "adopt_socket_readbuf: calling service")) return;

  const char* kind = level == LLL_ERR ? "error" : "warning";
  fmt::print(stderr, "fake-instance: lws {}: {}", kind, line);
}

// The server pings clients itself, so lws's own idle checks are disabled
// (a zero hangup time turns them off).
const lws_retry_bo_t kNoIdleChecks{};

lws_context* create_context(const fake::Options& options) {
  lws_context_creation_info info{};
  info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS;
  if (options.use_tls()) info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.gid = static_cast<gid_t>(-1);
  info.uid = static_cast<uid_t>(-1);
  return lws_create_context(&info);
}

lws_vhost* create_vhost(lws_context* context, const fake::Options& options,
                        const char* name, const lws_protocols* protocols,
                        bool with_tls) {
  lws_context_creation_info info{};
  info.vhost_name = name;
  info.port = CONTEXT_PORT_NO_LISTEN_SERVER;
  info.protocols = protocols;
  info.retry_and_idle_policy = &kNoIdleChecks;
  info.alpn = "http/1.1";
  info.gid = static_cast<gid_t>(-1);
  info.uid = static_cast<uid_t>(-1);
  if (with_tls) {
    info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
    info.ssl_cert_filepath = options.tls_cert.c_str();
    info.ssl_private_key_filepath = options.tls_key.c_str();
  }
  return lws_create_vhost(context, &info);
}

int listen_or_exit(int port, int& bound_port) {
  std::string error;
  int fd = fake::listen_on_loopback(port, bound_port, error);
  if (fd < 0) {
    fake::log_line("error: {}", error);
    std::exit(1);
  }
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  bool help = false;
  std::string error;
  auto options = fake::parse_options(argc, argv, help, error);
  if (help) {
    std::fputs(fake::kUsage, stdout);
    return 0;
  }
  if (!options) {
    fake::log_line("error: {}", error);
    return 2;
  }

  std::vector<fake::TimelineEvent> timeline;
  if (!options->timeline_file.empty() &&
      !fake::load_timeline(options->timeline_file, timeline, error)) {
    fake::log_line("error: {}", error);
    return 2;
  }

  int port = 0;
  int control_port = 0;
  int main_fd = listen_or_exit(options->port, port);
  int control_fd = listen_or_exit(options->control_port, control_port);

  lws_set_log_level(LLL_ERR | LLL_WARN, emit_lws_log);
  fake::SharedState state(*options, port);
  for (const auto& event : timeline) {
    state.stores().record(event.target, event.event, event.payload);
  }
  fake::StreamingServer streaming(state, std::move(timeline));
  fake::SseServer sse(state);
  streaming.attach_sse(&sse);
  fake::FrontDoor front_door(state, streaming, main_fd);
  fake::ControlServer control(state, streaming, control_fd,
                              [] { request_stop(0); });

  lws_context* context = create_context(*options);
  const lws_protocols watch_protocols[] = {fake::kFdWatchProtocol, {}};
  lws_vhost* streaming_vhost =
      context ? create_vhost(context, *options, "fake-instance",
                             streaming.protocols(), options->use_tls())
              : nullptr;
  lws_vhost* watch_vhost =
      context ? create_vhost(context, *options, "fake-instance-fds",
                             watch_protocols, false)
              : nullptr;
  if (streaming_vhost == nullptr || watch_vhost == nullptr ||
      !front_door.start(watch_vhost, streaming_vhost) ||
      !control.start(watch_vhost)) {
    fake::log_line("error: cannot set up libwebsockets (see lws errors)");
    return 1;
  }
  g_context = context;
  streaming.start(context);

  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  fmt::print("{{\"port\":{},\"control_port\":{}}}\n", port, control_port);
  std::fflush(stdout);
  fake::log_line("listening on 127.0.0.1:{} ({}), control port {}", port,
                 options->use_tls() ? "TLS" : "plain", control_port);

  while (!g_stop_requested) {
    if (lws_service(context, 0) < 0) break;
  }

  fake::log_line("shutting down");
  streaming.stop();
  g_context = nullptr;
  lws_context_destroy(context);
  return 0;
}
