#include "app/discovery.h"

#include "decode/instance.h"
#include "util/log.h"

namespace mastotail::app {

Result<net::Url> streaming_endpoint(std::string_view base_url) {
  Result<net::Url> url = net::parse_url(base_url);
  if (!url.ok()) return url;

  net::Url endpoint = net::with_scheme_family(*url, true);
  std::string prefix = endpoint.path;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  if (prefix.find("/api/v1/streaming") == std::string::npos) {
    prefix += "/api/v1/streaming";
  }
  endpoint.path = prefix;
  return endpoint;
}

Discovery::Discovery(net::Loop& loop, net::Url instance)
    : loop_(loop), instance_(std::move(instance)) {}

void Discovery::start(DiscoveryCallback done) {
  done_ = std::move(done);
  fetch("/api/v2/instance", true);
}

void Discovery::fetch(const char* path, bool v2) {
  net::HttpRequest request;
  request.url = net::with_scheme_family(instance_, false);
  request.url.path = path;

  // This runs inside the previous request's callback, so that request is
  // kept alive until the next lookup instead of being destroyed under it.
  retired_ = std::move(fetch_);
  fetch_ = std::make_unique<net::HttpFetch>(loop_);
  fetch_->start(request, [this, v2](Result<net::HttpResponse> response,
                                    net::Failure failure) {
    on_response(v2, std::move(response), failure);
  });
}

void Discovery::on_response(bool v2, Result<net::HttpResponse> response,
                            const net::Failure& failure) {
  if (!response.ok()) {
    DiscoveryCallback done = std::move(done_);
    done(response.take_error(), failure);
    return;
  }

  if (response->status == 200 && response->is_json()) {
    auto info = v2 ? decode::decode_instance_v2(response->body)
                   : decode::decode_instance_v1(response->body);
    if (info.ok()) info_ = *info;
    if (info.ok() && !info->streaming_url.empty()) {
      finish_with(info->streaming_url,
                  v2 ? "/api/v2/instance" : "/api/v1/instance");
      return;
    }
  }

  log::debug("{} returned HTTP {} without a streaming URL",
             v2 ? "/api/v2/instance" : "/api/v1/instance", response->status);
  if (v2) {
    fetch("/api/v1/instance", false);
    return;
  }
  finish_with(instance_.origin(), "the instance host");
}

void Discovery::finish_with(std::string_view base_url,
                            std::string_view source) {
  Result<net::Url> endpoint = streaming_endpoint(base_url);
  if (endpoint.ok()) {
    log::debug("streaming URL {} (from {})", endpoint->text(), source);
  }
  DiscoveryCallback done = std::move(done_);
  done(std::move(endpoint), std::nullopt);
}

}  // namespace mastotail::app
