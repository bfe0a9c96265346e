// One HTTP/1.1 request on the shared loop (instance discovery, REST).
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "net/failure.h"
#include "net/loop.h"
#include "net/url.h"
#include "util/result.h"

namespace mastotail::net {

struct HttpRequest {
  std::string method = "GET";
  Url url;
  std::string bearer_token;  // sent as Authorization; empty = none
  std::string content_type;  // with a body; e.g. form-urlencoded
  std::string body;
  std::string accept = "application/json";
};

struct HttpResponse {
  int status = 0;
  std::string content_type;
  std::string link;             // Link header (pagination)
  std::string location;         // Location header (redirects)
  std::string retry_after;      // Retry-After header
  std::string ratelimit_reset;  // X-RateLimit-Reset header
  std::string body;

  bool is_json() const;
};

// Called once with the response (any status) or the failure that
// prevented one. It may destroy the HttpFetch that called it.
using HttpCallback = std::function<void(Result<HttpResponse>, Failure)>;

// A request in flight. Redirects are not followed: a 3xx is returned like
// any response, so the caller decides whether the token may go there.
class HttpFetch : public LwsHandler {
 public:
  // Maximum response body; larger bodies fail the request.
  static constexpr size_t kMaxBody = 16u << 20;

  explicit HttpFetch(Loop& loop);
  ~HttpFetch() override;

  // Starts the request. The callback runs later from the loop, never from
  // inside start().
  void start(HttpRequest request, HttpCallback done);

  int handle(lws* wsi, lws_callback_reasons reason, void* in,
             size_t len) override;

 private:
  void fail(Failure failure);
  void succeed();
  void finish_later();
  void detach();
  int append_headers(void* in, size_t len);
  int write_body();
  int read_body(lws* wsi);

  Loop& loop_;
  Timer deferred_;
  HttpRequest request_;
  HttpCallback done_;
  HttpResponse response_;
  Failure failure_;
  lws* wsi_ = nullptr;
  bool failed_ = false;
  bool in_connect_ = false;
  bool finished_ = false;
};

}  // namespace mastotail::net
