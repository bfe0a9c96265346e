#include "net/ws_client.h"

#include <cstring>

#include "util/log.h"
#include "version.h"

namespace mastotail::net {
namespace {

// lws keeps a pointer to the policy, so it lives for the whole process.
// Only the ping fields are used: mastotail schedules reconnects itself.
lws_retry_bo_t g_ping_policy;
const uint32_t kUnusedRetryTable[] = {1000};

const lws_retry_bo_t* ping_policy(int ping_interval_s) {
  g_ping_policy.retry_ms_table = kUnusedRetryTable;
  g_ping_policy.retry_ms_table_count = 1;
  g_ping_policy.conceal_count = 0;
  g_ping_policy.secs_since_valid_ping = static_cast<uint16_t>(ping_interval_s);
  // The idle timer decides about dead peers; lws must not hang up first.
  g_ping_policy.secs_since_valid_hangup = 0xffff;
  g_ping_policy.jitter_percent = 0;
  return &g_ping_policy;
}

std::string_view as_text(const void* in, size_t len) {
  return in ? std::string_view(static_cast<const char*>(in), len) : "";
}

}  // namespace

WebSocket::WebSocket(Loop& loop, WebSocketHandler& handler)
    : loop_(loop), handler_(handler), deferred_(loop), idle_(loop) {}

WebSocket::~WebSocket() { detach(); }

void WebSocket::detach() {
  idle_.cancel();
  deferred_.cancel();
  if (wsi_ == nullptr) return;
  lws_set_opaque_user_data(wsi_, nullptr);
  lws_set_timeout(wsi_, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
  wsi_ = nullptr;
}

void WebSocket::connect(WebSocketOptions options) {
  options_ = std::move(options);
  std::string host_header = options_.url.host_header();

  lws_client_connect_info info;
  std::memset(&info, 0, sizeof info);
  connect_path_ = options_.url.path;
  bool has_token = !options_.bearer_token.empty();
  if (has_token && options_.token_via == TokenVia::kQuery) {
    connect_path_ += connect_path_.find('?') == std::string::npos ? '?' : '&';
    connect_path_ += "access_token=" + percent_encode(options_.bearer_token);
  }

  info.context = loop_.context();
  info.address = options_.url.host.c_str();
  info.port = options_.url.port;
  info.path = connect_path_.c_str();
  info.host = host_header.c_str();
  info.local_protocol_name = "mastotail-ws";
  info.opaque_user_data = static_cast<LwsHandler*>(this);
  info.pwsi = &wsi_;
  info.retry_and_idle_policy = ping_policy(options_.ping_interval_s);
  if (has_token && options_.token_via == TokenVia::kProtocol) {
    // lws sends it as Sec-WebSocket-Protocol and fails the handshake
    // unless the server echoes it.
    info.protocol = options_.bearer_token.c_str();
  }

  log::debug("connecting to {}",
             mask_access_token(options_.url.origin() + connect_path_));
  start_client(loop_, info, options_.url, in_connect_, failed_, failure_, wsi_);
  if (!failed_) return;

  // Report from the loop: the handler may destroy this object.
  deferred_.schedule(std::chrono::milliseconds(0), [this] {
    done_ = true;
    handler_.on_connect_failed(failure_);
  });
}

void WebSocket::send_text(std::string message) {
  outgoing_.push_back(std::move(message));
  if (open_ && wsi_ != nullptr) lws_callback_on_writable(wsi_);
}

void WebSocket::close(int code, std::string reason) {
  if (wsi_ == nullptr || closing_) return;
  closing_ = true;
  close_.by_us = true;
  close_.code = code;
  close_.reason = std::move(reason);
  lws_callback_on_writable(wsi_);
}

int WebSocket::on_writeable() {
  if (closing_) {
    lws_close_reason(wsi_, static_cast<lws_close_status>(close_.code),
                     reinterpret_cast<unsigned char*>(close_.reason.data()),
                     close_.reason.size());
    return -1;
  }
  if (outgoing_.empty()) return 0;

  const std::string& message = outgoing_.front();
  write_buffer_.assign(LWS_PRE, '\0');
  write_buffer_ += message;
  auto* data = reinterpret_cast<unsigned char*>(write_buffer_.data()) + LWS_PRE;
  int written = lws_write(wsi_, data, message.size(), LWS_WRITE_TEXT);
  if (written < static_cast<int>(message.size())) return -1;

  log::debug("sent {}", message);
  outgoing_.pop_front();
  if (!outgoing_.empty()) lws_callback_on_writable(wsi_);
  return 0;
}

void WebSocket::on_traffic() {
  last_traffic_ = std::chrono::steady_clock::now();
}

void WebSocket::arm_idle_timer(std::chrono::milliseconds delay) {
  idle_.schedule(delay, [this] {
    auto idle_for = std::chrono::steady_clock::now() - last_traffic_;
    auto limit = std::chrono::seconds(options_.idle_timeout_s);
    if (idle_for < limit) {
      arm_idle_timer(std::chrono::duration_cast<std::chrono::milliseconds>(
          limit - idle_for));
      return;
    }
    if (wsi_ == nullptr) return;
    close_.idle = true;
    close_.by_us = true;
    lws_set_timeout(wsi_, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
  });
}

int WebSocket::on_receive(lws* wsi, const void* in, size_t len) {
  on_traffic();
  if (lws_is_first_fragment(wsi)) {
    message_.clear();
    dropped_size_ = 0;
    binary_ = lws_frame_is_binary(wsi) != 0;
  }

  if (dropped_size_ == 0 &&
      message_.size() + len <= options_.max_message_size) {
    message_.append(static_cast<const char*>(in), len);
  } else {
    dropped_size_ += message_.size() + len;
    message_.clear();
  }
  if (!lws_is_final_fragment(wsi)) return 0;

  if (binary_) {
    log::warning("ignored a binary message of {} bytes from the server",
                 message_.size() + dropped_size_);
    return 0;
  }
  if (dropped_size_ > 0) {
    handler_.on_message_too_large(dropped_size_);
    return 0;
  }
  handler_.on_message(message_);
  return 0;
}

void WebSocket::on_peer_close(const void* in, size_t len) {
  const auto* bytes = static_cast<const unsigned char*>(in);
  if (len < 2 || bytes == nullptr) {
    close_.code = 1005;
    return;
  }
  close_.code = (bytes[0] << 8) | bytes[1];
  close_.reason.assign(reinterpret_cast<const char*>(bytes) + 2, len - 2);
}

int WebSocket::on_redirect(std::string_view location) {
  bool token_removable =
      options_.bearer_token.empty() || options_.token_via == TokenVia::kHeader;
  std::optional<Failure> refused = prepare_redirect(
      loop_, options_.url, location, token_removable, send_token_);
  if (!refused) return 0;

  redirect_failure_ = std::move(*refused);
  return -1;
}

void WebSocket::report_failure(Failure failure) {
  if (done_) return;
  done_ = true;
  open_ = false;
  detach();
  handler_.on_connect_failed(failure);
}

void WebSocket::report_closed() {
  if (done_) return;
  done_ = true;
  open_ = false;
  detach();
  handler_.on_closed(close_);
}

int WebSocket::handle(lws* wsi, lws_callback_reasons reason, void* in,
                      size_t len) {
  wsi_ = wsi;
  switch (reason) {
    case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
      return append_headers(in, len);

    case LWS_CALLBACK_ESTABLISHED_CLIENT_HTTP:
      read_response_headers(wsi, failure_);
      return 0;

    case LWS_CALLBACK_CLIENT_HTTP_REDIRECT:
      // `in` is the Location value; `len` is the status code.
      return on_redirect(in ? static_cast<const char*>(in) : "");

    case LWS_CALLBACK_CLIENT_ESTABLISHED:
      open_ = true;
      on_traffic();
      arm_idle_timer(std::chrono::seconds(options_.idle_timeout_s));
      if (!outgoing_.empty()) lws_callback_on_writable(wsi);
      handler_.on_open();
      return 0;

    case LWS_CALLBACK_CLIENT_WRITEABLE:
      return on_writeable();

    case LWS_CALLBACK_CLIENT_RECEIVE:
      return on_receive(wsi, in, len);

    case LWS_CALLBACK_CLIENT_RECEIVE_PONG:
      on_traffic();
      return 0;

    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
      on_peer_close(in, len);
      return 0;

    case LWS_CALLBACK_CLIENT_CLOSED:
      report_closed();
      return 0;

    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR: {
      Failure failure =
          classify_connect_error(as_text(in, len), loop_.take_tls_error());
      read_response_headers(wsi, failure);
      if (failure.http_status != 0 && failure.kind != FailureKind::kTls) {
        failure.kind = FailureKind::kHttpStatus;
      }
      if (failure.kind == FailureKind::kProxy) {
        failure.detail = loop_.proxy_label(options_.url);
      }
      if (redirect_failure_) failure = *redirect_failure_;
      if (in_connect_) {
        failed_ = true;
        failure_ = std::move(failure);
        return 0;
      }
      report_failure(std::move(failure));
      return 0;
    }

    case LWS_CALLBACK_CLOSED_CLIENT_HTTP:
      // A handshake that never got a response ends here, with no
      // CONNECTION_ERROR.
      if (!open_) {
        report_failure(
            make_failure(FailureKind::kTimeout, "no handshake response"));
      }
      return 0;

    default:
      return 0;
  }
}

int WebSocket::append_headers(void* in, size_t len) {
  auto** cursor = static_cast<unsigned char**>(in);
  unsigned char* end = *cursor + len - 1;
  auto add = [&](const char* name, std::string_view value) {
    return lws_add_http_header_by_name(
        wsi_, reinterpret_cast<const unsigned char*>(name),
        reinterpret_cast<const unsigned char*>(value.data()),
        static_cast<int>(value.size()), cursor, end);
  };

  if (add("user-agent:", "mastotail/" MASTOTAIL_VERSION)) return -1;
  if (!send_token_ || options_.bearer_token.empty() ||
      options_.token_via != TokenVia::kHeader) {
    return 0;
  }

  std::string authorization = "Bearer " + options_.bearer_token;
  int status = add("authorization:", authorization);
  std::fill(authorization.begin(), authorization.end(), '\0');
  return status ? -1 : 0;
}

}  // namespace mastotail::net
