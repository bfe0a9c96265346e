#include "net/http_stream.h"

#include <cstring>

#include "util/log.h"
#include "version.h"

namespace mastotail::net {
namespace {

std::string_view as_text(const void* in, size_t len) {
  return in ? std::string_view(static_cast<const char*>(in), len) : "";
}

}  // namespace

HttpStream::HttpStream(Loop& loop, HttpStreamHandler& handler)
    : loop_(loop), handler_(handler), deferred_(loop) {}

HttpStream::~HttpStream() { detach(); }

void HttpStream::detach() {
  deferred_.cancel();
  open_ = false;
  if (wsi_ == nullptr) return;
  // Later callbacks of this wsi must not reach this object.
  lws_set_opaque_user_data(wsi_, nullptr);
  lws_set_timeout(wsi_, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
  wsi_ = nullptr;
}

void HttpStream::start(HttpStreamRequest request) {
  request_ = std::move(request);
  std::string host_header = request_.url.host_header();

  lws_client_connect_info info;
  std::memset(&info, 0, sizeof info);
  info.context = loop_.context();
  info.address = request_.url.host.c_str();
  info.port = request_.url.port;
  info.path = request_.url.path.c_str();
  info.host = host_header.c_str();
  info.method = "GET";
  info.alpn = "http/1.1";
  info.local_protocol_name = "mastotail-http";
  info.opaque_user_data = static_cast<LwsHandler*>(this);
  info.pwsi = &wsi_;
  log::debug("GET {}", mask_access_token(request_.url.text()));
  start_client(loop_, info, request_.url, in_connect_, failed_, failure_, wsi_);
  if (!failed_) return;

  deferred_.schedule(std::chrono::milliseconds(0),
                     [this] { report_failure(failure_); });
}

void HttpStream::close() {
  done_ = true;
  detach();
}

void HttpStream::report_failure(Failure failure) {
  if (done_) return;
  done_ = true;
  detach();
  handler_.on_stream_failed(failure, error_body_);
}

void HttpStream::report_end() {
  if (done_) return;
  if (!open_) {
    // The response ended before its headers said 200, or with another
    // status whose body is now complete.
    Failure failure = failure_;
    if (status_ != 0) {
      failure.kind = FailureKind::kHttpStatus;
      failure.http_status = status_;
    } else if (failure.detail.empty()) {
      failure = make_failure(FailureKind::kTimeout, "no response");
    }
    report_failure(std::move(failure));
    return;
  }
  done_ = true;
  bool idle = idle_;
  detach();
  handler_.on_stream_closed(idle);
}

int HttpStream::append_headers(void* in, size_t len) {
  auto** cursor = static_cast<unsigned char**>(in);
  unsigned char* end = *cursor + len - 1;
  auto add = [&](const char* name, std::string_view value) {
    return lws_add_http_header_by_name(
        wsi_, reinterpret_cast<const unsigned char*>(name),
        reinterpret_cast<const unsigned char*>(value.data()),
        static_cast<int>(value.size()), cursor, end);
  };

  if (add("user-agent:", "mastotail/" MASTOTAIL_VERSION) ||
      add("accept:", request_.accept)) {
    return -1;
  }
  if (!send_token_ || request_.bearer_token.empty()) return 0;

  std::string authorization = "Bearer " + request_.bearer_token;
  int status = add("authorization:", authorization);
  std::fill(authorization.begin(), authorization.end(), '\0');
  return status ? -1 : 0;
}

int HttpStream::on_redirect(std::string_view location) {
  bool token_removable =
      request_.url.path.find("access_token=") == std::string::npos;
  std::optional<Failure> refused = prepare_redirect(
      loop_, request_.url, location, token_removable, send_token_);
  if (!refused) return 0;

  failure_ = std::move(*refused);
  redirect_rejected_ = true;
  return -1;
}

int HttpStream::on_headers(lws* wsi) {
  read_response_headers(wsi, failure_);
  status_ = failure_.http_status;
  if (status_ != 200) return 0;

  open_ = true;
  lws_set_timer_usecs(
      wsi, static_cast<lws_usec_t>(request_.idle_timeout_s) * LWS_US_PER_SEC);
  handler_.on_stream_open(failure_.content_type);
  return 0;
}

int HttpStream::on_body(const void* in, size_t len) {
  if (!open_) {
    size_t room = kMaxErrorBody - error_body_.size();
    error_body_.append(static_cast<const char*>(in), std::min(len, room));
    return 0;
  }
  lws_set_timer_usecs(
      wsi_, static_cast<lws_usec_t>(request_.idle_timeout_s) * LWS_US_PER_SEC);
  handler_.on_stream_data(as_text(in, len));
  return 0;
}

int HttpStream::handle(lws* wsi, lws_callback_reasons reason, void* in,
                       size_t len) {
  wsi_ = wsi;
  switch (reason) {
    case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
      return append_headers(in, len);

    case LWS_CALLBACK_CLIENT_HTTP_REDIRECT:
      // `in` is the Location value; `len` is the status code.
      return on_redirect(in ? static_cast<const char*>(in) : "");

    case LWS_CALLBACK_ESTABLISHED_CLIENT_HTTP:
      return on_headers(wsi);

    case LWS_CALLBACK_RECEIVE_CLIENT_HTTP: {
      char buffer[LWS_PRE + 4096];
      char* start = buffer + LWS_PRE;
      int length = sizeof buffer - LWS_PRE;
      return lws_http_client_read(wsi, &start, &length) < 0 ? -1 : 0;
    }

    case LWS_CALLBACK_RECEIVE_CLIENT_HTTP_READ:
      return on_body(in, len);

    case LWS_CALLBACK_TIMER:
      idle_ = true;
      return -1;

    case LWS_CALLBACK_COMPLETED_CLIENT_HTTP:
    case LWS_CALLBACK_CLOSED_CLIENT_HTTP:
      // A dropped chunked response also ends with COMPLETED, so both
      // mean that the stream ended.
      report_end();
      return 0;

    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR: {
      Failure failure =
          classify_connect_error(as_text(in, len), loop_.take_tls_error());
      if (failure.kind == FailureKind::kProxy) {
        failure.detail = loop_.proxy_label(request_.url);
      }
      if (redirect_rejected_) failure = failure_;
      if (in_connect_) {
        failed_ = true;
        failure_ = std::move(failure);
        return 0;
      }
      report_failure(std::move(failure));
      return 0;
    }

    default:
      return 0;
  }
}

}  // namespace mastotail::net
