#include "filter/event_filter.h"

#include <algorithm>
#include <array>
#include <utility>

#include "render/html.h"
#include "render/markup.h"

namespace mastotail::filter {
namespace {

// Events whose payload can carry a status or a notifying account.
bool has_filter_fields(std::string_view event) {
  return event == "update" || event == "status.update" ||
         event == "notification" || event == "conversation";
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// True when the primary subtag of `language` ("en" of "en-GB") is `code`,
// ignoring ASCII case. `code` is lowercase.
bool is_language(std::string_view language, std::string_view code) {
  std::string_view primary = language.substr(0, language.find_first_of("-_"));
  return primary.size() == code.size() &&
         std::equal(primary.begin(), primary.end(), code.begin(),
                    [](char a, char b) { return to_lower(a) == b; });
}

std::vector<AccountPattern> parse_account_patterns(
    const std::vector<std::string>& accounts, std::string_view local_domain) {
  std::vector<AccountPattern> patterns;
  for (const std::string& account : accounts) {
    patterns.push_back(parse_account_pattern(account, local_domain));
  }
  return patterns;
}

bool reads_payload(const FilterSpec& spec) {
  return !spec.languages.empty() || !spec.visibilities.empty() ||
         spec.no_boosts || spec.no_replies || spec.no_bots ||
         !spec.match_patterns.empty() || !spec.exclude_patterns.empty() ||
         !spec.from_accounts.empty() || !spec.excluded_accounts.empty() ||
         spec.collapse_repeated_boosts;
}

// An account that an event is from, for the account filters.
struct EventAccount {
  std::string_view acct;
  bool bot = false;
};

// Returns the notifying account of a notification, else the author of the
// carried status and, for a boost, the booster. `count` is set to how many
// of the two entries are used.
std::array<EventAccount, 2> event_accounts(const decode::FilterFields& fields,
                                           size_t& count) {
  std::array<EventAccount, 2> accounts;
  count = 0;
  if (fields.is_notification) {
    accounts[count++] = {fields.notification_acct, fields.notification_bot};
    return accounts;
  }
  if (!fields.has_status) return accounts;

  accounts[count++] = {fields.status.account_acct, fields.status.account_bot};
  if (fields.is_boost) {
    accounts[count++] = {fields.booster.account_acct,
                         fields.booster.account_bot};
  }
  return accounts;
}

}  // namespace

EventFilter::EventFilter(const FilterSpec& spec, PatternSet match,
                         PatternSet exclude)
    : spec_(spec),
      match_(std::move(match)),
      exclude_(std::move(exclude)),
      from_(parse_account_patterns(spec.from_accounts, spec.local_domain)),
      excluded_(
          parse_account_patterns(spec.excluded_accounts, spec.local_domain)),
      reads_fields_(reads_payload(spec)),
      recent_boosts_(spec.collapse_repeated_boosts ? spec.boost_window_size
                                                   : 0) {}

bool EventFilter::accepts(const decode::Frame& frame) {
  if (!spec_.events.empty() && !contains(spec_.events, frame.event)) {
    return false;
  }
  if (!reads_fields_ || !has_filter_fields(frame.event)) return true;

  // A payload that is not a JSON object or array carries no status.
  if (frame.payload_type != decode::PayloadType::kJson) return true;

  Result<const decode::FilterFields*> fields =
      decoder_.decode(frame.event, frame.payload, frame.parsed);
  // NOTE: FrameDecoder has already checked that this payload is valid JSON,
  // so only a bug makes this fail. Such an event passes like one without a
  // status.
  if (!fields.ok()) return true;

  return accepts_fields(frame.event, **fields);
}

bool EventFilter::accepts_fields(std::string_view event,
                                 const decode::FilterFields& fields) {
  if (!accepts_accounts(fields)) return false;

  if (fields.has_status) {
    if (spec_.no_boosts && fields.is_boost) return false;
    if (!accepts_status(fields.status)) return false;
  }

  return accepts_boost(event, fields);
}

bool EventFilter::accepts_status(const decode::StatusFields& status) {
  if (spec_.no_replies && status.is_reply) return false;
  if (!accepts_language(status.language)) return false;
  if (!accepts_visibility(status.visibility)) return false;
  return accepts_text(status);
}

bool EventFilter::accepts_language(std::string_view language) const {
  if (spec_.languages.empty()) return true;
  if (language.empty()) return contains(spec_.languages, "none");

  return std::any_of(spec_.languages.begin(), spec_.languages.end(),
                     [language](const std::string& code) {
                       return is_language(language, code);
                     });
}

bool EventFilter::accepts_visibility(std::string_view visibility) const {
  return spec_.visibilities.empty() || contains(spec_.visibilities, visibility);
}

bool EventFilter::accepts_text(const decode::StatusFields& status) {
  if (match_.empty() && exclude_.empty()) return true;

  html_text_.clear();
  render::html_to_text(status.content_html, html_text_);
  plain_text_.clear();
  render::strip_markup(html_text_, plain_text_);

  auto matches = [&](const PatternSet& patterns) {
    if (patterns.matches(plain_text_)) return true;
    if (patterns.matches(status.spoiler_text)) return true;
    return std::any_of(
        status.media_descriptions.begin(), status.media_descriptions.end(),
        [&](std::string_view text) { return patterns.matches(text); });
  };

  if (!match_.empty() && !matches(match_)) return false;
  return exclude_.empty() || !matches(exclude_);
}

bool EventFilter::matches_any_account(
    const std::vector<AccountPattern>& patterns, std::string_view acct) const {
  return std::any_of(
      patterns.begin(), patterns.end(), [&](const AccountPattern& pattern) {
        return matches_account(pattern, acct, spec_.local_domain);
      });
}

bool EventFilter::accepts_accounts(const decode::FilterFields& fields) const {
  size_t count = 0;
  std::array<EventAccount, 2> accounts = event_accounts(fields, count);
  bool from_wanted = from_.empty() || count == 0;

  for (size_t i = 0; i < count; ++i) {
    if (spec_.no_bots && accounts[i].bot) return false;
    if (matches_any_account(excluded_, accounts[i].acct)) return false;
    if (matches_any_account(from_, accounts[i].acct)) from_wanted = true;
  }
  return from_wanted;
}

bool EventFilter::accepts_boost(std::string_view event,
                                const decode::FilterFields& fields) {
  if (!spec_.collapse_repeated_boosts || event != "update") return true;
  if (!fields.is_boost || fields.status.id.empty()) return true;

  return recent_boosts_.insert(fields.status.id);
}

Result<std::unique_ptr<EventFilter>> make_event_filter(const FilterSpec& spec) {
  Result<PatternSet> match =
      PatternSet::compile(spec.match_patterns, "match", spec.ignore_case);
  if (!match) return match.take_error();

  Result<PatternSet> exclude =
      PatternSet::compile(spec.exclude_patterns, "exclude", spec.ignore_case);
  if (!exclude) return exclude.take_error();

  return std::make_unique<EventFilter>(spec, std::move(*match),
                                       std::move(*exclude));
}

}  // namespace mastotail::filter
