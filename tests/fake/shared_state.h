// State that the main port, the streaming server and the control port
// share: the configuration, the log of received requests, the queued
// canned responses and what the REST timelines return.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http_response.h"
#include "json_text.h"
#include "oauth.h"
#include "options.h"
#include "rate_limit.h"
#include "routing.h"
#include "stores.h"

namespace fake {

// One request received on the main port.
struct RequestRecord {
  std::string method;
  std::string target;
  HeaderList headers;  // lowercased names
};

// A canned answer for upcoming requests, set with POST /reject.
struct RejectRule {
  int count = 1;
  HttpResponse response;
  // Empty: the rule applies to WebSocket upgrades. Otherwise it applies to
  // any request whose path without the query equals a listed path exactly
  // ("/api/v1/timelines/public" matches "...public?local=true", while
  // "/api/v1/timelines" matches no timeline).
  std::vector<std::string> paths;
  bool reset = false;  // send a TCP RST instead of the response
};

class SharedState {
 public:
  static constexpr std::size_t kMaxRequests = 1000;

  SharedState(const Options& options, int main_port);

  const Options& options() const { return options_; }
  const InstanceInfo& instance() const { return instance_; }
  const ListPolicy& list_policy() const { return list_policy_; }

  // Appends to the request log, dropping the oldest beyond kMaxRequests.
  void record_request(RequestRecord record);
  const std::deque<RequestRecord>& requests() const { return requests_; }

  void add_reject_rule(RejectRule rule);

  // Returns the first rule that applies to a request and uses up one of
  // its count, or nullopt when none applies.
  std::optional<RejectRule> take_reject_rule(std::string_view path,
                                             bool websocket_upgrade);

  // The statuses, notifications and conversations of the REST timelines.
  Stores& stores() { return stores_; }
  RateLimit& rest_rate_limit() { return rest_rate_limit_; }

  // The bearer tokens accepted now: the --token values, plus tokens issued
  // by /oauth/token, minus revoked ones.
  const std::vector<std::string>& tokens() const { return tokens_; }
  OAuthServer& oauth() { return oauth_; }

 private:
  const Options& options_;
  InstanceInfo instance_;
  ListPolicy list_policy_;
  std::deque<RequestRecord> requests_;
  std::vector<RejectRule> reject_rules_;
  Stores stores_;
  RateLimit rest_rate_limit_;
  std::vector<std::string> tokens_;
  OAuthServer oauth_{tokens_};  // after tokens_, which it refers to
};

}  // namespace fake
