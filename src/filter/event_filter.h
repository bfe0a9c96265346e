// Client-side selection of events (--events, --lang, --match, --from, ...),
// applied to live and replayed events alike, before rendering.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "decode/filter_fields.h"
#include "decode/frame.h"
#include "filter/account_pattern.h"
#include "filter/filter_spec.h"
#include "filter/pattern_set.h"
#include "filter/recent_ids.h"
#include "util/result.h"

namespace mastotail::filter {

class EventFilter {
 public:
  // Use make_event_filter(), which compiles the patterns.
  EventFilter(const FilterSpec& spec, PatternSet match, PatternSet exclude);

  // True when the event in `frame` passes every filter of the spec. Status
  // filters look at the status the event carries: the payload of update and
  // status.update, a notification's status or a conversation's last_status,
  // and for a boost the boosted status. Events that carry none pass them.
  // With collapse_repeated_boosts, a boost that passes is remembered, and
  // later boosts of the same status within the window return false.
  bool accepts(const decode::Frame& frame);

 private:
  bool accepts_fields(std::string_view event,
                      const decode::FilterFields& fields);
  bool accepts_status(const decode::StatusFields& status);
  bool accepts_language(std::string_view language) const;
  bool accepts_visibility(std::string_view visibility) const;
  bool accepts_text(const decode::StatusFields& status);
  bool accepts_accounts(const decode::FilterFields& fields) const;
  bool matches_any_account(const std::vector<AccountPattern>& patterns,
                           std::string_view acct) const;
  bool accepts_boost(std::string_view event,
                     const decode::FilterFields& fields);

  FilterSpec spec_;
  PatternSet match_;
  PatternSet exclude_;
  std::vector<AccountPattern> from_;
  std::vector<AccountPattern> excluded_;
  bool reads_fields_ = false;  // some filter needs the payload decoded
  decode::FilterFieldsDecoder decoder_;
  RecentIds recent_boosts_;
  std::string html_text_;  // reused buffers for the text of a status
  std::string plain_text_;
};

// Compiles `spec`: the RE2 patterns once, and the account patterns. Fails
// with kUsage and RE2's reason on an invalid pattern, e.g. "--match '(a':
// missing ): (a".
Result<std::unique_ptr<EventFilter>> make_event_filter(const FilterSpec& spec);

}  // namespace mastotail::filter
