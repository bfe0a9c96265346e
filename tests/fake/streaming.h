// The WebSocket side of the fake instance: clients of /api/v1/streaming,
// their subscriptions and output queues, event routing, pings, and the
// faults that tests inject (drops, silence, fragmented frames).
//
// Runs on the lws service thread only. Output for each client is queued and
// written in LWS_CALLBACK_SERVER_WRITEABLE, one lws_write per callback.
#pragma once

#include <libwebsockets.h>

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "routing.h"
#include "shared_state.h"
#include "sse.h"

namespace fake {

// What an accepted WebSocket upgrade request carried.
struct Handshake {
  std::string auth;  // "header", "query", "protocol" or "none"
  std::string target;
  HeaderList headers;  // lowercased names
  // Sec-WebSocket-Protocol value to echo in the 101 response, set when the
  // front door removed that header from the request it handed to lws.
  std::string echo_protocol;
};

// One event: the same event type and payload go to every target stream.
struct PublishRequest {
  std::vector<Subscription> targets;
  std::string event;
  Payload payload;
};

// A timeline line replayed to each client that subscribes to its stream.
struct TimelineEvent {
  Subscription target;
  std::string event;
  Payload payload;
};

enum class DropMode {
  kCloseFrame,       // close frame with a code and reason
  kEmptyCloseFrame,  // close frame without payload (the client sees 1005)
  kAbrupt,           // TCP FIN without a close frame (1006)
  kReset,            // TCP RST (1006)
};

struct DropRequest {
  DropMode mode = DropMode::kEmptyCloseFrame;
  int code = 1000;
  std::string reason;
};

class StreamingServer {
 public:
  StreamingServer(SharedState& state, std::vector<TimelineEvent> timeline);
  ~StreamingServer();
  StreamingServer(const StreamingServer&) = delete;
  StreamingServer& operator=(const StreamingServer&) = delete;

  // Protocol list for the main vhost, ending with a zero entry: the
  // streaming protocol (the vhost default, which also serves plain HTTP
  // with TLS), then one protocol named after each accepted token, so that
  // lws accepts and echoes a token sent as Sec-WebSocket-Protocol.
  const lws_protocols* protocols() const { return protocols_.data(); }

  // Starts the ping timer. Call once the context exists.
  void start(lws_context* context);

  // Cancels the timers. Call before the context is destroyed.
  void stop();

  // Stores the handshake the front door already checked for socket `fd`,
  // just before the socket is handed to lws.
  void expect_handshake(int fd, Handshake handshake);

  // Queues the event for every subscription matching a target. Returns the
  // number of messages queued (a socket subscribed to two targets gets
  // two, as with Mastodon's separate channels).
  int publish(const PublishRequest& request);

  // Queues `text` verbatim as one message of `fragments` WebSocket frames
  // to every client. Returns the number of clients.
  int send_frame(std::string_view text, int fragments);

  // Queues a close of every client after its pending output. Returns the
  // number of clients.
  int drop(const DropRequest& request);

  // Queues, for every client, the first half of a text frame carrying
  // `text`, followed by closing the TCP connection. Returns the number of
  // clients.
  int kill_mid_frame(std::string_view text);

  // Stops reading, writing and pinging on every open client for `seconds`
  // (lws then answers no pings either); sockets stay open. Connections made
  // meanwhile are not affected.
  void silence(int seconds);

  // JSON array of the open connections for GET /state.
  std::string connections_json() const;

  // Upgrade requests received, rejected ones included.
  int handshake_count() const { return handshakes_; }

  // Counts an upgrade request that the front door received.
  void count_handshake() { ++handshakes_; }

  // Lets publish(), drop(), the ping timer and connections_json() include
  // the server-sent events responses of `sse`, which must outlive this.
  void attach_sse(SseServer* sse) { sse_ = sse; }
  SseServer* sse() { return sse_; }

 private:
  struct Client;
  struct Outgoing;

  // An lws timer that knows its server; `sul` must stay the first member,
  // so that the lws callback can cast its argument back to Timer.
  struct Timer {
    lws_sorted_usec_list_t sul{};
    StreamingServer* owner = nullptr;
  };

  static int lws_callback(lws* wsi, lws_callback_reasons reason, void* user,
                          void* in, size_t len);
  static void on_ping_timer(lws_sorted_usec_list_t* timer);
  static void on_silence_end(lws_sorted_usec_list_t* timer);
  static void on_timeline_timer(lws_sorted_usec_list_t* timer);

  int handle_callback(lws* wsi, lws_callback_reasons reason, void* in,
                      size_t len);
  int check_tls_upgrade(lws* wsi);
  int serve_tls_http(lws* wsi);
  int add_echo_protocol(lws* wsi, lws_process_html_args* args);
  void on_established(lws* wsi);
  void subscribe_from_query(Client& client);
  int on_receive(Client& client, const void* in, size_t len);
  int on_writeable(Client& client);
  void handle_message(Client& client, std::string_view text);
  void subscribe(Client& client, const Subscription& request);
  void unsubscribe(Client& client, const Subscription& request);
  void advance_timeline(Client& client);
  void schedule(Timer& timer, sul_cb_t callback, lws_usec_t delay);
  void enqueue(Client& client, Outgoing item);
  Client* find_client(lws* wsi);

  SharedState& state_;
  std::vector<TimelineEvent> timeline_;
  std::vector<lws_protocols> protocols_;
  lws_context* context_ = nullptr;
  std::vector<std::unique_ptr<Client>> clients_;
  std::map<int, Handshake> expected_handshakes_;  // by socket descriptor
  int next_client_id_ = 1;
  SseServer* sse_ = nullptr;
  int handshakes_ = 0;
  Timer ping_timer_;
  Timer silence_timer_;
  Timer timeline_timer_;
};

}  // namespace fake
