#include "net/http_client.h"

#include <cstring>

#include "util/log.h"
#include "version.h"

namespace mastotail::net {

bool HttpResponse::is_json() const {
  return content_type.find("json") != std::string::npos;
}

HttpFetch::HttpFetch(Loop& loop) : loop_(loop), deferred_(loop) {}

HttpFetch::~HttpFetch() {
  if (wsi_ != nullptr) {
    // Detach so that later callbacks for this wsi find no handler, then
    // have lws close it.
    lws_set_opaque_user_data(wsi_, nullptr);
    lws_set_timeout(wsi_, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
  }
}

void HttpFetch::start(HttpRequest request, HttpCallback done) {
  request_ = std::move(request);
  done_ = std::move(done);

  lws_client_connect_info info;
  std::memset(&info, 0, sizeof info);
  std::string host_header = request_.url.host_header();
  info.context = loop_.context();
  info.address = request_.url.host.c_str();
  info.port = request_.url.port;
  info.path = request_.url.path.c_str();
  info.host = host_header.c_str();
  info.method = request_.method.c_str();
  info.alpn = "http/1.1";
  info.local_protocol_name = "mastotail-http";
  info.opaque_user_data = static_cast<LwsHandler*>(this);
  info.pwsi = &wsi_;
  info.ssl_connection = LCCSCF_HTTP_NO_FOLLOW_REDIRECT;

  log::debug("{} {}", request_.method, mask_access_token(request_.url.text()));
  start_client(loop_, info, request_.url, in_connect_, failed_, failure_, wsi_);
  if (failed_) finish_later();
}

void HttpFetch::finish_later() {
  finished_ = true;
  if (wsi_ != nullptr) lws_set_opaque_user_data(wsi_, nullptr);
  wsi_ = nullptr;
  deferred_.schedule(std::chrono::milliseconds(0), [this] {
    HttpCallback done = std::move(done_);
    if (done) done(Error{ErrorKind::kNetwork, failure_.describe()}, failure_);
  });
}

void HttpFetch::fail(Failure failure) {
  if (finished_) return;
  finished_ = true;
  detach();
  failure_ = std::move(failure);
  HttpCallback done = std::move(done_);
  if (done) done(Error{ErrorKind::kNetwork, failure_.describe()}, failure_);
}

void HttpFetch::succeed() {
  if (finished_) return;
  finished_ = true;
  detach();
  HttpCallback done = std::move(done_);
  if (done) done(std::move(response_), Failure{});
}

void HttpFetch::detach() {
  // Later callbacks of this wsi (close, destroy) must not reach this object:
  // the completion callback may destroy it.
  if (wsi_ != nullptr) lws_set_opaque_user_data(wsi_, nullptr);
  wsi_ = nullptr;
}

int HttpFetch::append_headers(void* in, size_t len) {
  auto** cursor = static_cast<unsigned char**>(in);
  unsigned char* end = *cursor + len - 1;
  std::string agent = "mastotail/" MASTOTAIL_VERSION;
  std::string authorization;
  if (!request_.bearer_token.empty()) {
    authorization = "Bearer " + request_.bearer_token;
  }

  auto add = [&](const char* name, const std::string& value) {
    return lws_add_http_header_by_name(
        wsi_, reinterpret_cast<const unsigned char*>(name),
        reinterpret_cast<const unsigned char*>(value.data()),
        static_cast<int>(value.size()), cursor, end);
  };
  if (add("user-agent:", agent) || add("accept:", request_.accept)) return -1;
  if (!authorization.empty() && add("authorization:", authorization)) {
    return -1;
  }
  if (request_.body.empty()) return 0;

  std::string length = std::to_string(request_.body.size());
  if (add("content-type:", request_.content_type) ||
      add("content-length:", length)) {
    return -1;
  }
  lws_client_http_body_pending(wsi_, 1);
  lws_callback_on_writable(wsi_);
  return 0;
}

int HttpFetch::write_body() {
  lws_client_http_body_pending(wsi_, 0);
  std::string buffer(LWS_PRE + request_.body.size(), '\0');
  std::memcpy(buffer.data() + LWS_PRE, request_.body.data(),
              request_.body.size());
  auto* data = reinterpret_cast<unsigned char*>(buffer.data() + LWS_PRE);
  int written =
      lws_write(wsi_, data, request_.body.size(), LWS_WRITE_HTTP_FINAL);
  return written < static_cast<int>(request_.body.size()) ? -1 : 0;
}

int HttpFetch::read_body(lws* wsi) {
  char buffer[LWS_PRE + 4096];
  char* start = buffer + LWS_PRE;
  int length = sizeof buffer - LWS_PRE;
  return lws_http_client_read(wsi, &start, &length) < 0 ? -1 : 0;
}

int HttpFetch::handle(lws* wsi, lws_callback_reasons reason, void* in,
                      size_t len) {
  wsi_ = wsi;
  switch (reason) {
    case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
      return append_headers(in, len);

    case LWS_CALLBACK_CLIENT_HTTP_WRITEABLE:
      if (!lws_http_is_redirected_to_get(wsi) && !request_.body.empty()) {
        return write_body();
      }
      return 0;

    case LWS_CALLBACK_ESTABLISHED_CLIENT_HTTP: {
      Failure headers;
      read_response_headers(wsi, headers);
      response_.status = headers.http_status;
      response_.content_type = headers.content_type;
      response_.retry_after = headers.retry_after;
      response_.ratelimit_reset = headers.ratelimit_reset;
      response_.link = header_value(wsi, WSI_TOKEN_HTTP_LINK);
      response_.location = header_value(wsi, WSI_TOKEN_HTTP_LOCATION);
      return 0;
    }

    case LWS_CALLBACK_RECEIVE_CLIENT_HTTP:
      return read_body(wsi);

    case LWS_CALLBACK_RECEIVE_CLIENT_HTTP_READ:
      if (response_.body.size() + len > kMaxBody) {
        fail(make_failure(FailureKind::kOther, "response body over 16 MiB"));
        return -1;
      }
      response_.body.append(static_cast<const char*>(in), len);
      return 0;

    case LWS_CALLBACK_COMPLETED_CLIENT_HTTP:
      succeed();
      return 0;

    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR: {
      std::string_view text =
          in ? std::string_view(static_cast<const char*>(in), len) : "";
      Failure failure = classify_connect_error(text, loop_.take_tls_error());
      if (failure.kind == FailureKind::kProxy) {
        failure.detail = loop_.proxy_label(request_.url);
      }
      if (in_connect_) {
        // Inside lws_client_connect_via_info(): report from the loop.
        failed_ = true;
        failure_ = std::move(failure);
        return 0;
      }
      fail(std::move(failure));
      return 0;
    }

    case LWS_CALLBACK_CLOSED_CLIENT_HTTP:
      fail(make_failure(FailureKind::kTimeout,
                        "closed before the response ended"));
      return 0;

    default:
      return 0;
  }
}

}  // namespace mastotail::net
