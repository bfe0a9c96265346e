#include "shared_state.h"

#include <algorithm>

namespace fake {

namespace {

bool rule_applies(const RejectRule& rule, std::string_view path,
                  bool websocket_upgrade) {
  if (rule.paths.empty()) return websocket_upgrade;
  return std::find(rule.paths.begin(), rule.paths.end(), path) !=
         rule.paths.end();
}

}  // namespace

SharedState::SharedState(const Options& options, int main_port)
    : options_(options), tokens_(options.tokens) {
  instance_.domain = "127.0.0.1:" + std::to_string(main_port);
  instance_.streaming_url = options.streaming_url;
  if (instance_.streaming_url.empty()) {
    instance_.streaming_url =
        (options.use_tls() ? "wss://" : "ws://") + instance_.domain;
  }
  instance_.serve_v2 = !options.no_v2;
  instance_.timelines_access = options.timelines_access;
  list_policy_.allowed_ids = options.list_ids;
}

void SharedState::record_request(RequestRecord record) {
  requests_.push_back(std::move(record));
  if (requests_.size() > kMaxRequests) requests_.pop_front();
}

void SharedState::add_reject_rule(RejectRule rule) {
  if (rule.count > 0) reject_rules_.push_back(std::move(rule));
}

std::optional<RejectRule> SharedState::take_reject_rule(
    std::string_view path, bool websocket_upgrade) {
  auto rule = std::find_if(reject_rules_.begin(), reject_rules_.end(),
                           [&](const RejectRule& r) {
                             return rule_applies(r, path, websocket_upgrade);
                           });
  if (rule == reject_rules_.end()) return std::nullopt;

  RejectRule matched = *rule;
  if (--rule->count <= 0) reject_rules_.erase(rule);
  return matched;
}

}  // namespace fake
