#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "app/filter_setup.h"
#include "decode/filter_fields.h"
#include "decode/frame.h"
#include "decode/json_validate.h"
#include "filter/account_pattern.h"
#include "filter/event_filter.h"
#include "filter/pattern_set.h"
#include "filter/recent_ids.h"

using namespace mastotail;
using filter::FilterSpec;

namespace {

// Statuses of the filter table, as NDJSON event lines.
const std::string kEnglishPublic =
    R"({"event":"update","payload":{"id":"1","language":"en",)"
    R"("visibility":"public","in_reply_to_id":null,)"
    R"("account":{"acct":"alice","bot":false},)"
    R"("content":"<p>Hello <b>world</b> &amp; friends</p>",)"
    R"("spoiler_text":"","media_attachments":[]}})";

const std::string kGermanReply =
    R"({"event":"update","payload":{"id":"2","language":"de",)"
    R"("visibility":"unlisted","in_reply_to_id":"1",)"
    R"("account":{"acct":"bob@remote.example","bot":false},)"
    R"("content":"<p>Guten Tag</p>","spoiler_text":"",)"
    R"("media_attachments":[]}})";

const std::string kBotWithMedia =
    R"({"event":"update","payload":{"id":"3","language":null,)"
    R"("visibility":"public","in_reply_to_id":null,)"
    R"("account":{"acct":"robot@bots.example","bot":true},)"
    R"("content":"<p>Daily picture</p>","spoiler_text":"",)"
    R"("media_attachments":[{"id":"m1","type":"image",)"
    R"("description":"a red apple"},{"id":"m2","type":"image",)"
    R"("description":null}]}})";

const std::string kPrivateWithWarning =
    R"({"event":"update","payload":{"id":"4","language":"en-GB",)"
    R"("visibility":"private","in_reply_to_id":null,)"
    R"("account":{"acct":"Carol@Remote.Example","bot":false},)"
    R"("content":"<p>Spoiled plot</p>","spoiler_text":"film ending",)"
    R"("media_attachments":[]}})";

// A boost by erin (a bot) of a German reply with media by dave.
const std::string kBoostOfGerman =
    R"({"event":"update","payload":{"id":"50","language":null,)"
    R"("visibility":"public","in_reply_to_id":null,)"
    R"("account":{"acct":"erin","bot":true},"content":"",)"
    R"("spoiler_text":"","media_attachments":[],)"
    R"("reblog":{"id":"5","language":"de","visibility":"unlisted",)"
    R"("in_reply_to_id":"9","account":{"acct":"dave@remote.example",)"
    R"("bot":false},"content":"<p>Boosted text</p>","spoiler_text":"",)"
    R"("media_attachments":[{"id":"m3","description":"chart"}]}}})";

const std::string kDelete = R"({"event":"delete","payload":"123"})";

const std::string kFollowNotification =
    R"({"event":"notification","payload":{"id":"n1","type":"follow",)"
    R"("account":{"acct":"frank@remote.example","bot":false}}})";

// A mention by frank whose status is in German.
const std::string kMentionNotification =
    R"({"event":"notification","payload":{"id":"n2","type":"mention",)"
    R"("account":{"acct":"frank@remote.example","bot":false},)"
    R"("status":{"id":"6","language":"de","visibility":"direct",)"
    R"("in_reply_to_id":"1","account":{"acct":"frank@remote.example"},)"
    R"("content":"<p>@alice hallo</p>","spoiler_text":"",)"
    R"("media_attachments":[]}}})";

const std::string kConversation =
    R"({"event":"conversation","payload":{"id":"c1","unread":true,)"
    R"("accounts":[],"last_status":{"id":"7","language":"fr",)"
    R"("visibility":"direct","account":{"acct":"gina"},)"
    R"("content":"<p>Bonjour</p>","media_attachments":[]}}})";

const std::string kAnnouncement =
    R"({"event":"announcement","payload":{"id":"a1",)"
    R"("content":"<p>Maintenance</p>"}})";

std::unique_ptr<filter::EventFilter> compile(const FilterSpec& spec) {
  Result<std::unique_ptr<filter::EventFilter>> made =
      filter::make_event_filter(spec);
  INFO("error: " << (made.ok() ? std::string() : made.error().message));
  REQUIRE(made.ok());
  return std::move(*made);
}

// Decodes `line` and returns whether `event_filter` accepts it.
bool accepts(filter::EventFilter& event_filter, const std::string& line) {
  decode::FrameDecoder decoder(1 << 20);
  Result<const decode::Frame*> frame = decoder.decode(line);
  REQUIRE(frame.ok());
  return event_filter.accepts(**frame);
}

bool accepts(const FilterSpec& spec, const std::string& line) {
  std::unique_ptr<filter::EventFilter> event_filter = compile(spec);
  return accepts(*event_filter, line);
}

FilterSpec spec_with(void (*edit)(FilterSpec&)) {
  FilterSpec spec;
  edit(spec);
  return spec;
}

std::string boost_of(const std::string& status_id,
                     const std::string& boost_id) {
  return R"({"event":"update","payload":{"id":")" + boost_id +
         R"(","account":{"acct":"erin"},"content":"",)" +
         R"("reblog":{"id":")" + status_id +
         R"(","language":"en","account":{"acct":"alice"},)" +
         R"("content":"<p>Boosted</p>"}}})";
}

std::string status_with_content(const std::string& content) {
  return R"({"event":"update","payload":{"id":"8","language":"en",)"
         R"("account":{"acct":"alice"},"content":")" +
         content + R"(","media_attachments":[]}})";
}

}  // namespace

TEST_CASE("filter table of statuses") {
  const std::vector<std::string> lines = {
      kEnglishPublic, kGermanReply, kBotWithMedia,       kPrivateWithWarning,
      kBoostOfGerman, kDelete,      kFollowNotification, kMentionNotification,
      kConversation,  kAnnouncement};

  struct Case {
    const char* name;
    FilterSpec spec;
    // One entry per line above, in order.
    std::vector<bool> expected;
  };
  const std::vector<Case> cases = {
      {"no filter", FilterSpec{}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
      {"--lang en",
       spec_with([](FilterSpec& s) { s.languages = {"en"}; }),
       {1, 0, 0, 1, 0, 1, 1, 0, 0, 1}},
      {"--lang de --lang fr",
       spec_with([](FilterSpec& s) {
         s.languages = {"de", "fr"};
       }),
       {0, 1, 0, 0, 1, 1, 1, 1, 1, 1}},
      {"--lang none",
       spec_with([](FilterSpec& s) { s.languages = {"none"}; }),
       {0, 0, 1, 0, 0, 1, 1, 0, 0, 1}},
      {"--no-boosts",
       spec_with([](FilterSpec& s) { s.no_boosts = true; }),
       {1, 1, 1, 1, 0, 1, 1, 1, 1, 1}},
      {"--no-replies",
       spec_with([](FilterSpec& s) { s.no_replies = true; }),
       {1, 0, 1, 1, 0, 1, 1, 0, 1, 1}},
      {"--no-bots",
       spec_with([](FilterSpec& s) { s.no_bots = true; }),
       {1, 1, 0, 1, 0, 1, 1, 1, 1, 1}},
      {"--visibility public,unlisted",
       spec_with([](FilterSpec& s) {
         s.visibilities = {"public", "unlisted"};
       }),
       {1, 1, 1, 0, 1, 1, 1, 0, 0, 1}},
      {"--visibility direct",
       spec_with([](FilterSpec& s) { s.visibilities = {"direct"}; }),
       {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}},
      {"--match hello in HTML with entities",
       spec_with([](FilterSpec& s) { s.match_patterns = {"Hello world & f"}; }),
       {1, 0, 0, 0, 0, 1, 1, 0, 0, 1}},
      {"--match ignores markup",
       spec_with([](FilterSpec& s) { s.match_patterns = {"<p>|<b>"}; }),
       {0, 0, 0, 0, 0, 1, 1, 0, 0, 1}},
      {"--match content warning",
       spec_with([](FilterSpec& s) { s.match_patterns = {"^film"}; }),
       {0, 0, 0, 1, 0, 1, 1, 0, 0, 1}},
      {"--match media description",
       spec_with([](FilterSpec& s) { s.match_patterns = {"red apple$"}; }),
       {0, 0, 1, 0, 0, 1, 1, 0, 0, 1}},
      {"--match boosted description",
       spec_with([](FilterSpec& s) { s.match_patterns = {"^chart$"}; }),
       {0, 0, 0, 0, 1, 1, 1, 0, 0, 1}},
      {"--match any of two",
       spec_with([](FilterSpec& s) {
         s.match_patterns = {"Guten", "Bonjour"};
       }),
       {0, 1, 0, 0, 0, 1, 1, 0, 1, 1}},
      {"--match is case-sensitive",
       spec_with([](FilterSpec& s) { s.match_patterns = {"hello"}; }),
       {0, 0, 0, 0, 0, 1, 1, 0, 0, 1}},
      {"--match with --ignore-case",
       spec_with([](FilterSpec& s) {
         s.match_patterns = {"hello"};
         s.ignore_case = true;
       }),
       {1, 0, 0, 0, 0, 1, 1, 0, 0, 1}},
      {"--exclude",
       spec_with([](FilterSpec& s) { s.exclude_patterns = {"plot|Tag"}; }),
       {1, 0, 1, 0, 1, 1, 1, 1, 1, 1}},
      {"--from alice",
       spec_with([](FilterSpec& s) { s.from_accounts = {"alice"}; }),
       {1, 0, 0, 0, 0, 1, 0, 0, 0, 1}},
      {"--from @remote.example",
       spec_with([](FilterSpec& s) { s.from_accounts = {"@remote.example"}; }),
       {0, 1, 0, 1, 1, 1, 1, 1, 0, 1}},
      {"--from booster erin",
       spec_with([](FilterSpec& s) { s.from_accounts = {"erin"}; }),
       {0, 0, 0, 0, 1, 1, 0, 0, 0, 1}},
      {"--exclude-from @remote.example",
       spec_with(
           [](FilterSpec& s) { s.excluded_accounts = {"@remote.example"}; }),
       {1, 0, 1, 0, 0, 1, 0, 0, 1, 1}},
      {"--events update,notification",
       spec_with([](FilterSpec& s) {
         s.events = {"update", "notification"};
       }),
       {1, 1, 1, 1, 1, 0, 1, 1, 0, 0}},
      {"--lang en --no-replies --visibility public",
       spec_with([](FilterSpec& s) {
         s.languages = {"en"};
         s.no_replies = true;
         s.visibilities = {"public"};
       }),
       {1, 0, 0, 0, 0, 1, 1, 0, 0, 1}},
      {"--events update --exclude-from alice --no-bots",
       spec_with([](FilterSpec& s) {
         s.events = {"update"};
         s.excluded_accounts = {"alice"};
         s.no_bots = true;
       }),
       {0, 1, 0, 1, 0, 0, 0, 0, 0, 0}},
      {"--match world --exclude friends",
       spec_with([](FilterSpec& s) {
         s.match_patterns = {"world"};
         s.exclude_patterns = {"friends"};
       }),
       {0, 0, 0, 0, 0, 1, 1, 0, 0, 1}},
      {"--from @remote.example --lang de --events notification",
       spec_with([](FilterSpec& s) {
         s.from_accounts = {"@remote.example"};
         s.languages = {"de"};
         s.events = {"notification"};
       }),
       {0, 0, 0, 0, 0, 0, 1, 1, 0, 0}},
  };

  for (const Case& test_case : cases) {
    std::unique_ptr<filter::EventFilter> event_filter = compile(test_case.spec);
    REQUIRE(test_case.expected.size() == lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
      INFO(test_case.name << ", line " << i << ": " << lines[i]);
      CHECK(accepts(*event_filter, lines[i]) == test_case.expected[i]);
    }
  }
}

TEST_CASE("catastrophic backtracking pattern is linear" *
          doctest::timeout(20)) {
  const std::string text = std::string(50000, 'a') + "b";

  Result<filter::PatternSet> patterns =
      filter::PatternSet::compile({"(a+)+$"}, "match", false);
  REQUIRE(patterns.ok());
  CHECK_FALSE(patterns->matches(text));
  CHECK(patterns->matches("aaa"));

  FilterSpec match;
  match.match_patterns = {"(a+)+$"};
  CHECK_FALSE(accepts(match, status_with_content(text)));
  CHECK(accepts(match, status_with_content(std::string(50000, 'a'))));

  FilterSpec exclude;
  exclude.exclude_patterns = {"(a+)+$"};
  CHECK(accepts(exclude, status_with_content(text)));
}

TEST_CASE("ignore-case folds non-ASCII letters") {
  FilterSpec folded;
  folded.match_patterns = {"ÉTÉ"};
  folded.ignore_case = true;
  CHECK(accepts(folded, status_with_content("<p>un bel été</p>")));
  CHECK_FALSE(accepts(folded, status_with_content("<p>un bel hiver</p>")));

  FilterSpec exact;
  exact.match_patterns = {"ÉTÉ"};
  CHECK_FALSE(accepts(exact, status_with_content("<p>un bel été</p>")));
  CHECK(accepts(exact, status_with_content("<p>UN BEL ÉTÉ</p>")));

  FilterSpec sigma;
  sigma.match_patterns = {"ΣΟΦΙΑ"};
  sigma.ignore_case = true;
  CHECK(accepts(sigma, status_with_content("<p>σοφια</p>")));
}

TEST_CASE("invalid pattern names option and reason") {
  FilterSpec match;
  match.match_patterns = {"ok", "(a"};
  Result<std::unique_ptr<filter::EventFilter>> made =
      filter::make_event_filter(match);
  REQUIRE_FALSE(made.ok());
  CHECK(made.error().kind == ErrorKind::kUsage);
  CHECK(made.error().message == "--match '(a': missing ): (a");

  FilterSpec exclude;
  exclude.exclude_patterns = {"a**"};
  made = filter::make_event_filter(exclude);
  REQUIRE_FALSE(made.ok());
  CHECK(made.error().kind == ErrorKind::kUsage);
  CHECK(made.error().message == "--exclude 'a**': bad repetition operator: **");

  FilterSpec backreference;
  backreference.match_patterns = {R"((a)\1)"};
  made = filter::make_event_filter(backreference);
  REQUIRE_FALSE(made.ok());
  CHECK(made.error().message.find("invalid escape sequence") !=
        std::string::npos);
}

TEST_CASE("account pattern local and remote") {
  using filter::matches_account;
  using filter::parse_account_pattern;

  filter::AccountPattern alice = parse_account_pattern("alice", "host.example");
  CHECK(matches_account(alice, "alice", "host.example"));
  CHECK(matches_account(alice, "alice@host.example", "host.example"));
  CHECK(matches_account(alice, "ALICE@Host.Example", "host.example"));
  CHECK_FALSE(matches_account(alice, "alice@other.example", "host.example"));
  CHECK_FALSE(matches_account(alice, "alicia", "host.example"));
  CHECK_FALSE(matches_account(alice, "", "host.example"));

  filter::AccountPattern full =
      parse_account_pattern("alice@host.example", "host.example");
  CHECK(matches_account(full, "alice", "host.example"));
  CHECK(matches_account(full, "alice@host.example", "host.example"));

  filter::AccountPattern handle =
      parse_account_pattern("@alice@other.example", "host.example");
  CHECK(matches_account(handle, "alice@other.example", "host.example"));
  CHECK_FALSE(matches_account(handle, "alice", "host.example"));
}

TEST_CASE("account pattern without local domain") {
  using filter::matches_account;
  using filter::parse_account_pattern;

  filter::AccountPattern alice = parse_account_pattern("alice", "");
  CHECK(matches_account(alice, "alice", ""));
  CHECK_FALSE(matches_account(alice, "alice@host.example", ""));

  filter::AccountPattern full = parse_account_pattern("alice@host.example", "");
  CHECK_FALSE(matches_account(full, "alice", ""));
  CHECK(matches_account(full, "alice@host.example", ""));

  filter::AccountPattern domain = parse_account_pattern("@host.example", "");
  CHECK_FALSE(matches_account(domain, "alice", ""));
  CHECK(matches_account(domain, "bob@HOST.example", ""));
  CHECK_FALSE(matches_account(domain, "bob@sub.host.example", ""));
}

TEST_CASE("from matches local account by instance") {
  FilterSpec spec;
  spec.from_accounts = {"alice@host.example"};
  spec.local_domain = "host.example";
  CHECK(accepts(spec, kEnglishPublic));

  spec.local_domain = "";
  CHECK_FALSE(accepts(spec, kEnglishPublic));

  FilterSpec domain;
  domain.from_accounts = {"@host.example"};
  domain.local_domain = "host.example";
  CHECK(accepts(domain, kEnglishPublic));
  CHECK_FALSE(accepts(domain, kGermanReply));
}

TEST_CASE("notification from notifying account") {
  const std::string favourite =
      R"({"event":"notification","payload":{"id":"n3","type":"favourite",)"
      R"("account":{"acct":"frank@remote.example","bot":true},)"
      R"("status":{"id":"1","language":"en","account":{"acct":"alice"},)"
      R"("content":"<p>mine</p>"}}})";

  FilterSpec frank;
  frank.from_accounts = {"frank@remote.example"};
  CHECK(accepts(frank, favourite));

  FilterSpec alice;
  alice.from_accounts = {"alice"};
  CHECK_FALSE(accepts(alice, favourite));

  FilterSpec no_bots;
  no_bots.no_bots = true;
  CHECK_FALSE(accepts(no_bots, favourite));

  // Status filters look at the notification's status.
  FilterSpec german;
  german.languages = {"de"};
  CHECK_FALSE(accepts(german, favourite));
  CHECK(accepts(german, kMentionNotification));
  CHECK(accepts(german, kFollowNotification));
}

TEST_CASE("boost filters look at boosted status") {
  FilterSpec german;
  german.languages = {"de"};
  CHECK(accepts(german, kBoostOfGerman));

  FilterSpec none;
  none.languages = {"none"};
  CHECK_FALSE(accepts(none, kBoostOfGerman));

  FilterSpec unlisted;
  unlisted.visibilities = {"unlisted"};
  CHECK(accepts(unlisted, kBoostOfGerman));

  FilterSpec text;
  text.match_patterns = {"^Boosted text$"};
  CHECK(accepts(text, kBoostOfGerman));

  FilterSpec author;
  author.from_accounts = {"dave@remote.example"};
  CHECK(accepts(author, kBoostOfGerman));
}

TEST_CASE("repeated boosts collapse within window") {
  FilterSpec spec;
  spec.collapse_repeated_boosts = true;
  spec.boost_window_size = 2;
  std::unique_ptr<filter::EventFilter> event_filter = compile(spec);

  CHECK(accepts(*event_filter, boost_of("100", "b1")));
  CHECK_FALSE(accepts(*event_filter, boost_of("100", "b2")));
  CHECK(accepts(*event_filter, boost_of("200", "b3")));
  CHECK_FALSE(accepts(*event_filter, boost_of("100", "b4")));
  // The original status itself is not a boost and always passes.
  CHECK(accepts(*event_filter, kEnglishPublic));
  CHECK(accepts(*event_filter, kEnglishPublic));

  // 300 pushes 100 out of the window of two.
  CHECK(accepts(*event_filter, boost_of("300", "b5")));
  CHECK(accepts(*event_filter, boost_of("100", "b6")));
  CHECK_FALSE(accepts(*event_filter, boost_of("300", "b7")));
}

TEST_CASE("boosts rejected by filters do not enter window") {
  FilterSpec spec;
  spec.collapse_repeated_boosts = true;
  spec.excluded_accounts = {"erin"};
  std::unique_ptr<filter::EventFilter> event_filter = compile(spec);

  std::string by_erin = boost_of("100", "b1");
  std::string by_zoe = by_erin;
  by_zoe.replace(by_zoe.find("erin"), 4, "zoe");
  CHECK_FALSE(accepts(*event_filter, by_erin));
  CHECK(accepts(*event_filter, by_zoe));
  CHECK_FALSE(accepts(*event_filter, by_zoe));
}

TEST_CASE("repeated boosts pass without collapse") {
  FilterSpec spec;
  std::unique_ptr<filter::EventFilter> event_filter = compile(spec);
  CHECK(accepts(*event_filter, boost_of("100", "b1")));
  CHECK(accepts(*event_filter, boost_of("100", "b2")));
}

TEST_CASE("boost collapse only in text output") {
  cli::Options options;
  options.output = cli::OutputFormat::kText;
  CHECK(app::make_filter_spec(options).collapse_repeated_boosts);
  CHECK(app::make_filter_spec(options).boost_window_size ==
        filter::kBoostWindowSize);

  options.format = "{account.acct}";
  CHECK(app::make_filter_spec(options).collapse_repeated_boosts);

  options.format.clear();
  options.output = cli::OutputFormat::kJson;
  CHECK_FALSE(app::make_filter_spec(options).collapse_repeated_boosts);
  options.output = cli::OutputFormat::kRaw;
  CHECK_FALSE(app::make_filter_spec(options).collapse_repeated_boosts);
}

TEST_CASE("filter spec takes local domain from instance") {
  cli::Options options;
  CHECK(app::make_filter_spec(options).local_domain.empty());

  options.instance = "Social.Example";
  CHECK(app::make_filter_spec(options).local_domain == "social.example");

  options.instance = "https://social.example:8443/";
  CHECK(app::make_filter_spec(options).local_domain == "social.example");
}

TEST_CASE("events without payload pass status filters") {
  FilterSpec spec;
  spec.languages = {"en"};
  spec.match_patterns = {"x"};
  spec.from_accounts = {"alice"};
  CHECK(accepts(spec, kDelete));
  CHECK(accepts(spec, R"({"event":"filters_changed"})"));
  CHECK(accepts(spec, R"({"event":"update","payload":"not json"})"));
  CHECK(accepts(spec, R"({"event":"update","payload":[1,2]})"));
}

TEST_CASE("recent ids forget oldest first") {
  filter::RecentIds ids(3);
  CHECK(ids.insert("a"));
  CHECK(ids.insert("b"));
  CHECK(ids.insert("c"));
  CHECK_FALSE(ids.insert("a"));
  CHECK(ids.insert("d"));  // forgets a
  CHECK(ids.insert("a"));  // forgets b
  CHECK_FALSE(ids.insert("c"));
  CHECK(ids.insert("b"));

  filter::RecentIds none(0);
  CHECK(none.insert("a"));
  CHECK(none.insert("a"));
}

TEST_CASE("filter fields of boost") {
  decode::FrameDecoder frames(1 << 20);
  Result<const decode::Frame*> frame = frames.decode(kBoostOfGerman);
  REQUIRE(frame.ok());

  // Both ways give the same fields: the frame's parsed payload, and the
  // payload's text parsed again.
  REQUIRE((*frame)->parsed != nullptr);
  const decode::ParsedJson* parsed_ways[] = {(*frame)->parsed, nullptr};
  decode::FilterFieldsDecoder decoder;
  for (const decode::ParsedJson* parsed : parsed_ways) {
    CAPTURE(parsed != nullptr);
    Result<const decode::FilterFields*> fields =
        decoder.decode((*frame)->event, (*frame)->payload, parsed);
    REQUIRE(fields.ok());
    const decode::FilterFields& f = **fields;
    CHECK(f.has_status);
    CHECK(f.is_boost);
    CHECK_FALSE(f.is_notification);
    CHECK(f.status.id == "5");
    CHECK(f.status.language == "de");
    CHECK(f.status.visibility == "unlisted");
    CHECK(f.status.is_reply);
    CHECK(f.status.account_acct == "dave@remote.example");
    CHECK_FALSE(f.status.account_bot);
    CHECK(f.status.content_html == "<p>Boosted text</p>");
    CHECK(f.status.media_count == 1);
    REQUIRE(f.status.media_descriptions.size() == 1);
    CHECK(f.status.media_descriptions[0] == "chart");
    CHECK(f.booster.id == "50");
    CHECK(f.booster.account_acct == "erin");
    CHECK(f.booster.account_bot);
  }
}

TEST_CASE("filter fields reset between payloads") {
  decode::FilterFieldsDecoder decoder;
  Result<const decode::FilterFields*> fields = decoder.decode(
      "update",
      R"({"id":"1","spoiler_text":"cw \u00e9","language":"en",)"
      R"("media_attachments":[{"description":"d1"},{"description":"d2"}]})");
  REQUIRE(fields.ok());
  CHECK((*fields)->status.spoiler_text == "cw \xc3\xa9");
  CHECK((*fields)->status.media_descriptions.size() == 2);

  fields = decoder.decode("notification",
                          R"({"type":"follow","account":{"acct":"x"}})");
  REQUIRE(fields.ok());
  CHECK_FALSE((*fields)->has_status);
  CHECK((*fields)->is_notification);
  CHECK((*fields)->notification_type == "follow");
  CHECK((*fields)->notification_acct == "x");
  CHECK((*fields)->status.media_descriptions.empty());
  CHECK((*fields)->status.language.empty());

  fields = decoder.decode("update", "{not json");
  CHECK_FALSE(fields.ok());
}
