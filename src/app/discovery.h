// Finding the streaming server of an instance: /api/v2/instance
// configuration.urls.streaming, else /api/v1/instance urls.streaming_api,
// else the instance's own host.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "decode/instance.h"
#include "net/failure.h"
#include "net/http_client.h"
#include "net/loop.h"
#include "net/url.h"
#include "util/result.h"

namespace mastotail::app {

// Called with the WebSocket URL of the streaming endpoint
// (".../api/v1/streaming") or an error. `network_failure` is set when the
// instance could not be reached at all (worth retrying).
using DiscoveryCallback = std::function<void(
    Result<net::Url>, const std::optional<net::Failure>& network_failure)>;

class Discovery {
 public:
  Discovery(net::Loop& loop, net::Url instance);

  // Starts the lookup; `done` runs once, from the loop.
  void start(DiscoveryCallback done);

  // What /api/v2/instance (or v1) reported; empty fields until the lookup
  // is done or when neither answered.
  const decode::InstanceInfo& instance_info() const { return info_; }

 private:
  void fetch(const char* path, bool v2);
  void on_response(bool v2, Result<net::HttpResponse> response,
                   const net::Failure& failure);
  void finish_with(std::string_view base_url, std::string_view source);

  net::Loop& loop_;
  net::Url instance_;
  std::unique_ptr<net::HttpFetch> fetch_;
  std::unique_ptr<net::HttpFetch> retired_;
  DiscoveryCallback done_;
  decode::InstanceInfo info_;
};

// Turns an announced streaming base URL into the WebSocket endpoint URL.
// Accepts https, wss, http and ws; a path in the base is kept as a prefix.
Result<net::Url> streaming_endpoint(std::string_view base_url);

}  // namespace mastotail::app
