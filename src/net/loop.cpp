#include "net/loop.h"

#include <openssl/x509.h>

#include <cstdlib>
#include <cstring>

#include "net/redirect.h"
#include "util/log.h"

namespace mastotail::net {
namespace {

constexpr size_t kRxBufferSize = 64 * 1024;
constexpr unsigned short kMaxHeaderData = 16384;

// Two client protocols share one callback; the wsi's opaque data selects
// the connection. protocols[0] also gets the certificate verification
// callbacks of every TLS connection on the vhost.
const lws_protocols kProtocols[] = {
    {"mastotail-ws", &Loop::dispatch, 0, kRxBufferSize, 0, nullptr, 0},
    {"mastotail-http", &Loop::dispatch, 0, 0, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
};

// Routes lws's own log lines to ours, visible only with -vv: mastotail
// reports every failure that matters itself, with its reason.
void emit_lws_log(int level, const char* line) {
  std::string_view text(line);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  const char* name = "notice";
  if (level == LLL_ERR) name = "error";
  if (level == LLL_WARN) name = "warning";
  log::debug("libwebsockets {}: {}", name, text);
}

void configure_lws_logging() {
  int mask = 0;
  if (log::verbosity() >= log::Verbosity::kDebug) {
    mask = LLL_ERR | LLL_WARN | LLL_NOTICE;
  }
  lws_set_log_level(mask, emit_lws_log);
}

// Makes a client vhost use `context` for TLS. lws 4.1.6 reads a vhost's
// provided_client_ssl_ctx only when the vhost's options ask for TLS, and
// leaves freeing the context to its owner.
// NOTE: the lws context itself is made without the TLS option, so lws never
// allocates its SSL ex_data index and stores each connection under index 0,
// OpenSSL's "app_data" slot, which mastotail does not use otherwise.
void prepare_tls_vhost(lws_context_creation_info& info, SSL_CTX* context) {
  info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
  info.provided_client_ssl_ctx = context;
}

}  // namespace

Result<std::unique_ptr<Loop>> Loop::create(const LoopOptions& options) {
  configure_lws_logging();

  Status proxies = check_proxy_environment(options.proxies);
  if (!proxies.ok()) return proxies.error();

  // lws 4.1.6 tunnels every connection of a vhost through $http_proxy when
  // the vhost has no proxy configured. mastotail picks the proxy per host
  // (options.proxies, read before this) and gives each proxy its own vhost.
  unsetenv("http_proxy");

  std::unique_ptr<Loop> loop(new Loop(options));

  // No LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT: OpenSSL initialises itself
  // when the first TLS context is made, and its set-up (error strings,
  // configuration, providers) is about 2 MiB of a plain run's memory.
  lws_context_creation_info info;
  std::memset(&info, 0, sizeof info);
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.protocols = kProtocols;
  info.timeout_secs = static_cast<unsigned int>(options.connect_timeout_s);
  info.max_http_header_data = kMaxHeaderData;
  // lws reads at most this many bytes per socket per service turn (4096 by
  // default). A firehose of 2 to 8 KiB messages then takes about one turn,
  // one poll(2) and one write(2) per message; 64 KiB cuts that tenfold.
  info.pt_serv_buf_size = kRxBufferSize;
  info.user = loop.get();

  loop->context_ = lws_create_context(&info);
  if (loop->context_ == nullptr) {
    return Error{ErrorKind::kInternal,
                 "creating the libwebsockets context failed"};
  }

  // A bad --cacert file fails here, before any connection.
  if (!options.cacert.empty()) {
    Status tls = loop->enable_tls();
    if (!tls.ok()) return tls.error();
  }
  return loop;
}

std::optional<Failure> Loop::configure_client(lws_client_connect_info& info,
                                              const Url& url) {
  Result<std::optional<ProxyAddress>> proxy =
      select_proxy(options_.proxies, url);
  // create() checked the variables, so an error cannot happen here.
  bool direct = !proxy.ok() || !*proxy;
  if (direct && !url.tls()) return std::nullopt;

  Status tls = enable_tls();
  if (!tls.ok()) return make_failure(FailureKind::kTls, tls.error().message);

  if (url.tls()) {
    info.ssl_connection |= LCCSCF_USE_SSL;
    if (options_.insecure) {
      info.ssl_connection |= LCCSCF_ALLOW_SELFSIGNED |
                             LCCSCF_SKIP_SERVER_CERT_HOSTNAME_CHECK |
                             LCCSCF_ALLOW_INSECURE;
    }
  }

  if (direct) return std::nullopt;

  info.vhost = proxy_vhost(**proxy);
  if (info.vhost == nullptr) {
    return make_failure(FailureKind::kProxy, "setting up the proxy failed");
  }
  log::debug("connecting to {} through the proxy at {}", url.origin(),
             (*proxy)->label());
  return std::nullopt;
}

Status Loop::enable_tls() {
  if (tls_context_) return {};
  Result<TlsContext> context = make_client_tls_context(options_.cacert);
  if (!context.ok()) return context.error();
  tls_context_ = std::move(*context);

  // Proxy vhosts get the context when they are made.
  lws_context_creation_info info;
  std::memset(&info, 0, sizeof info);
  prepare_tls_vhost(info, tls_context_.get());
  lws_vhost* vhost = lws_get_vhost_by_name(context_, "default");
  if (vhost == nullptr || lws_init_vhost_client_ssl(&info, vhost) != 0) {
    return Error{ErrorKind::kInternal,
                 "setting up TLS in libwebsockets failed"};
  }
  return {};
}

std::string Loop::proxy_label(const Url& url) const {
  Result<std::optional<ProxyAddress>> proxy =
      select_proxy(options_.proxies, url);
  if (!proxy.ok() || !*proxy) return {};
  return (*proxy)->label();
}

lws_vhost* Loop::proxy_vhost(const ProxyAddress& proxy) {
  std::string address = proxy.lws_address();
  auto found = proxy_vhosts_.find(address);
  if (found != proxy_vhosts_.end()) return found->second;

  std::string& name = vhost_names_[address];
  name = "proxy-" + std::to_string(proxy_vhosts_.size() + 1);

  lws_context_creation_info info;
  std::memset(&info, 0, sizeof info);
  info.vhost_name = name.c_str();
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.protocols = kProtocols;
  info.http_proxy_address = address.c_str();
  prepare_tls_vhost(info, tls_context_.get());
  lws_vhost* vhost = lws_create_vhost(context_, &info);
  if (vhost != nullptr) proxy_vhosts_[address] = vhost;
  return vhost;
}

Loop::~Loop() {
  if (context_ != nullptr) lws_context_destroy(context_);
}

bool Loop::run_turn() { return lws_service(context_, 0) >= 0; }

void Loop::wake() { lws_cancel_service(context_); }

std::string Loop::take_tls_error() {
  std::string error = std::move(tls_error_);
  tls_error_.clear();
  return error;
}

Loop* Loop::from(lws* wsi) {
  return static_cast<Loop*>(lws_context_user(lws_get_context(wsi)));
}

int Loop::dispatch(lws* wsi, lws_callback_reasons reason, void* user, void* in,
                   size_t len) {
  if (reason == LWS_CALLBACK_OPENSSL_PERFORM_SERVER_CERT_VERIFICATION) {
    // user is the X509_STORE_CTX and len is OpenSSL's preverify_ok.
    if (len == 0 && user != nullptr && wsi != nullptr) {
      auto* store = static_cast<X509_STORE_CTX*>(user);
      int code = X509_STORE_CTX_get_error(store);
      from(wsi)->tls_error_ = X509_verify_cert_error_string(code);
    }
    return 0;
  }

  auto* handler =
      wsi ? static_cast<LwsHandler*>(lws_get_opaque_user_data(wsi)) : nullptr;
  if (handler != nullptr) return handler->handle(wsi, reason, in, len);
  return lws_callback_http_dummy(wsi, reason, user, in, len);
}

std::optional<Failure> prepare_redirect(Loop& loop, const Url& from,
                                        std::string_view location,
                                        bool token_removable,
                                        bool& send_token) {
  RedirectVerdict verdict = decide_redirect(from, location, token_removable);
  if (verdict.action == RedirectAction::kReject) {
    return make_failure(FailureKind::kRedirect, verdict.reason);
  }

  // lws follows the redirect on the vhost of the connection, which can do
  // TLS only once the loop has made its TLS context.
  if (verdict.to_tls) {
    Status tls = loop.enable_tls();
    if (!tls.ok()) return make_failure(FailureKind::kTls, tls.error().message);
  }

  if (verdict.action == RedirectAction::kFollowWithoutToken && send_token) {
    log::warning("{}", verdict.reason);
    send_token = false;
  }
  return std::nullopt;
}

bool start_client(Loop& loop, lws_client_connect_info& info, const Url& url,
                  bool& in_connect, bool& failed, Failure& failure, lws*& wsi) {
  lws* started = nullptr;
  if (std::optional<Failure> refused = loop.configure_client(info, url)) {
    failed = true;
    failure = std::move(*refused);
  } else {
    in_connect = true;
    started = lws_client_connect_via_info(&info);
    in_connect = false;
  }

  if (started == nullptr) {
    wsi = nullptr;
    if (!failed) {
      failed = true;
      failure = failure_to_start(url.host, loop.take_tls_error());
    }
  }
  return !failed;
}

Timer::Timer(Loop& loop) : loop_(loop) {
  std::memset(&node_.sul, 0, sizeof node_.sul);
  node_.owner = this;
}

Timer::~Timer() { cancel(); }

void Timer::schedule(std::chrono::milliseconds delay,
                     std::function<void()> fire) {
  fire_ = std::move(fire);
  pending_ = true;
  lws_usec_t usecs = static_cast<lws_usec_t>(delay.count()) * 1000;
  lws_sul_schedule(loop_.context(), 0, &node_.sul, &Timer::on_fire, usecs);
}

void Timer::cancel() {
  if (!pending_) return;
  lws_sul_cancel(&node_.sul);
  pending_ = false;
}

void Timer::on_fire(lws_sorted_usec_list_t* sul) {
  Timer* timer = reinterpret_cast<Node*>(sul)->owner;
  timer->pending_ = false;
  Loop& loop = timer->loop_;

  // Move the callback out first: it may schedule this timer again or
  // destroy it.
  std::function<void()> fire = std::move(timer->fire_);
  if (fire) fire();

  // A timer runs just before poll(); without this the loop would sleep
  // until the next socket event instead of acting on what fire() changed.
  loop.wake();
}

}  // namespace mastotail::net
