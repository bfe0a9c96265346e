#include "net/loop.h"

#include <openssl/x509.h>

#include <cstdlib>
#include <cstring>

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
  lws_context_creation_info info;
  std::memset(&info, 0, sizeof info);
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.protocols = kProtocols;
  info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
  info.timeout_secs = static_cast<unsigned int>(options.connect_timeout_s);
  info.max_http_header_data = kMaxHeaderData;
  // lws reads at most this many bytes per socket per service turn (4096 by
  // default). A firehose of 2 to 8 KiB messages then takes about one turn,
  // one poll(2) and one write(2) per message; 64 KiB cuts that tenfold.
  info.pt_serv_buf_size = kRxBufferSize;
  info.user = loop.get();
  if (!options.cacert.empty()) {
    info.client_ssl_ca_filepath = loop->options_.cacert.c_str();
  }

  loop->context_ = lws_create_context(&info);
  if (loop->context_ == nullptr) {
    return Error{ErrorKind::kInternal,
                 "creating the libwebsockets context failed"};
  }
  return loop;
}

bool Loop::configure_client(lws_client_connect_info& info, const Url& url) {
  if (url.tls()) {
    info.ssl_connection |= LCCSCF_USE_SSL;
    if (options_.insecure) {
      info.ssl_connection |= LCCSCF_ALLOW_SELFSIGNED |
                             LCCSCF_SKIP_SERVER_CERT_HOSTNAME_CHECK |
                             LCCSCF_ALLOW_INSECURE;
    }
  }

  Result<std::optional<ProxyAddress>> proxy =
      select_proxy(options_.proxies, url);
  // create() checked the variables, so an error cannot happen here.
  if (!proxy.ok() || !*proxy) return true;
  info.vhost = proxy_vhost(**proxy);
  if (info.vhost == nullptr) return false;
  log::debug("connecting to {} through the proxy at {}", url.origin(),
             (*proxy)->label());
  return true;
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
  info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
  info.http_proxy_address = address.c_str();
  if (!options_.cacert.empty()) {
    info.client_ssl_ca_filepath = options_.cacert.c_str();
  }
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

bool start_client(Loop& loop, lws_client_connect_info& info, const Url& url,
                  bool& in_connect, bool& failed, Failure& failure, lws*& wsi) {
  lws* started = nullptr;
  if (!loop.configure_client(info, url)) {
    failed = true;
    failure = make_failure(FailureKind::kProxy, "setting up the proxy failed");
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
