// The libwebsockets context and its event loop, shared by every connection
// (WebSocket, REST). Single-threaded: every callback runs inside run_turn().
#pragma once

#include <libwebsockets.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "net/failure.h"
#include "net/proxy.h"
#include "net/tls_context.h"
#include "net/url.h"
#include "util/result.h"

namespace mastotail::net {

struct LoopOptions {
  std::string cacert;          // extra CA bundle (PEM); empty = system store
  int connect_timeout_s = 30;  // bounds TCP+TLS connect and response headers
  std::string user_agent;      // sent with every request and handshake
  // Accept any server certificate (--insecure): self-signed, untrusted
  // issuer or another host name.
  bool insecure = false;
  ProxyEnvironment proxies;  // see net/proxy.h
};

// A connection object that receives the lws callbacks of its wsi. The
// Loop finds it through the wsi's opaque user data.
class LwsHandler {
 public:
  virtual ~LwsHandler() = default;
  // Handles one lws callback; the return value goes back to lws (-1 closes).
  virtual int handle(lws* wsi, lws_callback_reasons reason, void* in,
                     size_t len) = 0;
};

class Loop {
 public:
  // Creates the lws context. OpenSSL is set up on the first TLS connection
  // or redirect (see enable_tls), so a run over plain ws:// and http:// never
  // loads the CA store. With options.cacert the TLS context is made at
  // once, so that a bad file fails here, with ErrorKind::kUsage.
  static Result<std::unique_ptr<Loop>> create(const LoopOptions& options);
  ~Loop();
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  // Runs one turn: waits for the next socket event or timer and dispatches
  // its callbacks. Returns false when the context failed.
  bool run_turn();

  // Makes a blocked run_turn() return soon. Async-signal-safe enough for a
  // signal handler (it writes to lws's event pipe).
  void wake();

  lws_context* context() { return context_; }

  // Sets what every client connection to `url` needs besides its own
  // fields: the TLS flags (with --insecure) and the vhost that carries the
  // proxy chosen for the host, if any, or the TLS settings. Returns the
  // failure to report when the TLS context or the proxy could not be set
  // up; the connection must not be made then.
  [[nodiscard]] std::optional<Failure> configure_client(
      lws_client_connect_info& info, const Url& url);

  // Makes TLS connections possible: creates the client TLS context (system
  // CA store plus options.cacert) on the first call and gives it to the
  // default vhost. configure_client() calls it for https and wss URLs, and
  // a connection calls it before lws follows a redirect to one. Fails with
  // ErrorKind::kUsage when options.cacert cannot be loaded.
  Status enable_tls();

  // "host:port" of the proxy used for `url`, or "" for a direct
  // connection. For messages.
  std::string proxy_label(const Url& url) const;
  const LoopOptions& options() const { return options_; }

  // Returns the last certificate verification failure seen during a TLS
  // handshake ("unable to get local issuer certificate", "hostname
  // mismatch") and clears it. Returns "" when none was seen.
  std::string take_tls_error();

  // Returns the Loop that owns `wsi`'s context.
  static Loop* from(lws* wsi);

  // The lws protocol callback of every client protocol: forwards to the
  // LwsHandler in the wsi's opaque user data.
  static int dispatch(lws* wsi, lws_callback_reasons reason, void* user,
                      void* in, size_t len);

 private:
  explicit Loop(const LoopOptions& options) : options_(options) {}

  // Returns the vhost whose connections go through `proxy`, creating it on
  // first use; nullptr when lws cannot create it. Needs tls_context_.
  lws_vhost* proxy_vhost(const ProxyAddress& proxy);

  LoopOptions options_;
  lws_context* context_ = nullptr;
  // Vhosts by ProxyAddress::lws_address(). lws keeps the proxy per vhost,
  // so connections through different proxies (or none, the default vhost)
  // need different vhosts. The names must outlive the vhosts.
  std::map<std::string, lws_vhost*> proxy_vhosts_;
  std::map<std::string, std::string> vhost_names_;
  // Shared by the default vhost and the proxy vhosts; freed after the
  // lws context.
  TlsContext tls_context_;
  std::string tls_error_;
};

// Decides whether lws may follow a redirect of the request to `from`
// (see decide_redirect) and prepares it: sets up TLS for an https or wss
// location, and clears `send_token` when the token must stay behind.
// Returns the failure to report when the redirect must not be followed.
std::optional<Failure> prepare_redirect(Loop& loop, const Url& from,
                                        std::string_view location,
                                        bool token_removable, bool& send_token);

// Starts the client connection `info` to `url`, through the proxy that
// applies to it. `in_connect` is true during lws_client_connect_via_info(),
// so that the handler stores a CONNECTION_ERROR raised inside the call in
// `failed` and `failure` instead of reporting it. Returns false, with
// `failed` set and `wsi` cleared, when the connection did not start; the
// caller then reports it from the loop.
bool start_client(Loop& loop, lws_client_connect_info& info, const Url& url,
                  bool& in_connect, bool& failed, Failure& failure, lws*& wsi);

// A one-shot timer on the loop. Scheduling again moves it; destroying it
// cancels it. The callback runs inside Loop::run_turn(), which then returns.
class Timer {
 public:
  explicit Timer(Loop& loop);
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  void schedule(std::chrono::milliseconds delay, std::function<void()> fire);
  void cancel();
  bool pending() const { return pending_; }

 private:
  static void on_fire(lws_sorted_usec_list_t* sul);

  // The lws timer node; on_fire() casts the node back to find its owner.
  struct Node {
    lws_sorted_usec_list_t sul;
    Timer* owner;
  };

  Node node_;
  Loop& loop_;
  std::function<void()> fire_;
  bool pending_ = false;
};

}  // namespace mastotail::net
