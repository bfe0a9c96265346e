// The floor of the benchmarks: a libwebsockets client that receives
// messages from the load server and discards them, with the same receive
// buffer size as mastotail (64 KiB).
//
// Usage: baseline_client --port P --count N
//
// Connects to ws://127.0.0.1:P/api/v1/streaming, counts complete messages
// and exits with status 0 after N of them, 1 when the connection fails or
// closes first.
#include <libwebsockets.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace {

constexpr size_t kRxBufferSize = 64 * 1024;

struct Client {
  uint64_t expected = 0;
  uint64_t received = 0;
  bool done = false;
  bool failed = false;
};

Client& client_of(lws* wsi) {
  return *static_cast<Client*>(lws_context_user(lws_get_context(wsi)));
}

int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
             size_t len) {
  switch (reason) {
    case LWS_CALLBACK_CLIENT_RECEIVE: {
      Client& client = client_of(wsi);
      if (!lws_is_final_fragment(wsi)) return 0;
      if (++client.received < client.expected) return 0;
      client.done = true;
      return -1;
    }
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
    case LWS_CALLBACK_CLIENT_CLOSED:
    case LWS_CALLBACK_CLOSED_CLIENT_HTTP: {
      Client& client = client_of(wsi);
      if (!client.done) client.failed = true;
      client.done = true;
      return 0;
    }
    default:
      return lws_callback_http_dummy(wsi, reason, user, in, len);
  }
}

const lws_protocols kProtocols[] = {
    {"baseline", callback, 0, kRxBufferSize, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
};

}  // namespace

int main(int argc, char** argv) {
  Client client;
  int port = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view name = argv[i];
    if (name == "--port") port = std::atoi(argv[i + 1]);
    if (name == "--count")
      client.expected = std::strtoull(argv[i + 1], nullptr, 10);
  }
  if (port <= 0 || client.expected == 0) {
    std::fprintf(stderr, "usage: baseline_client --port P --count N\n");
    return 2;
  }

  lws_set_log_level(LLL_ERR, nullptr);
  lws_context_creation_info info;
  std::memset(&info, 0, sizeof info);
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.protocols = kProtocols;
  info.user = &client;
  info.pt_serv_buf_size = kRxBufferSize;
  lws_context* context = lws_create_context(&info);
  if (context == nullptr) return 1;

  lws_client_connect_info connect;
  std::memset(&connect, 0, sizeof connect);
  connect.context = context;
  connect.address = "127.0.0.1";
  connect.port = port;
  connect.path = "/api/v1/streaming";
  connect.host = "127.0.0.1";
  connect.local_protocol_name = "baseline";
  if (lws_client_connect_via_info(&connect) == nullptr) client.failed = true;

  while (!client.done && !client.failed) {
    if (lws_service(context, 0) < 0) break;
  }
  lws_context_destroy(context);
  if (client.failed) {
    std::fprintf(stderr,
                 "baseline_client: connection ended after %llu of "
                 "%llu messages\n",
                 static_cast<unsigned long long>(client.received),
                 static_cast<unsigned long long>(client.expected));
    return 1;
  }
  return 0;
}
