// State that the main port, the streaming server and the control port
// share: the configuration, the log of received requests and the queued
// canned responses.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http_response.h"
#include "json_text.h"
#include "options.h"
#include "routing.h"

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
  // any request whose path (without query) is listed.
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

 private:
  const Options& options_;
  InstanceInfo instance_;
  ListPolicy list_policy_;
  std::deque<RequestRecord> requests_;
  std::vector<RejectRule> reject_rules_;
};

}  // namespace fake
