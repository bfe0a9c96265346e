#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli/filter_values.h"
#include "cli/parse.h"

using namespace mastotail::cli;

namespace {

const Environment kEnvironment{.instance = "example.test"};

FilterOptions parse_filters(std::vector<std::string> arguments) {
  ParseResult result = parse_arguments(arguments, kEnvironment);
  INFO("error: " << result.error);
  REQUIRE(result.options.has_value());
  return result.options->filters;
}

// Returns the error of a command line that must fail with exit 2.
std::string parse_error(std::vector<std::string> arguments) {
  ParseResult result = parse_arguments(arguments, kEnvironment);
  CHECK_FALSE(result.options.has_value());
  CHECK(result.exit_code == 2);
  return result.error;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("filter options default to none") {
  CHECK(parse_filters({}) == FilterOptions{});
}

TEST_CASE("filter options are stored") {
  FilterOptions filters = parse_filters({"--lang",
                                         "EN",
                                         "--lang",
                                         "none",
                                         "--lang",
                                         "deu",
                                         "--visibility",
                                         "public,unlisted",
                                         "--visibility",
                                         "direct",
                                         "--no-boosts",
                                         "--no-replies",
                                         "--no-bots",
                                         "--match",
                                         "a+",
                                         "--match",
                                         "b",
                                         "--exclude",
                                         "c",
                                         "--ignore-case",
                                         "--from",
                                         "alice",
                                         "--from",
                                         "@remote.example",
                                         "--exclude-from",
                                         "bob@remote.example",
                                         "--exclude-from",
                                         "@carol@other.example",
                                         "--events",
                                         "update,notification",
                                         "--events",
                                         "status.update"});

  CHECK(filters.languages == std::vector<std::string>{"en", "none", "deu"});
  CHECK(filters.visibilities ==
        std::vector<std::string>{"public", "unlisted", "direct"});
  CHECK(filters.no_boosts);
  CHECK(filters.no_replies);
  CHECK(filters.no_bots);
  CHECK(filters.match_patterns == std::vector<std::string>{"a+", "b"});
  CHECK(filters.exclude_patterns == std::vector<std::string>{"c"});
  CHECK(filters.ignore_case);
  CHECK(filters.from_accounts ==
        std::vector<std::string>{"alice", "@remote.example"});
  CHECK(filters.excluded_accounts ==
        std::vector<std::string>{"bob@remote.example", "@carol@other.example"});
  CHECK(filters.events ==
        std::vector<std::string>{"update", "notification", "status.update"});
}

TEST_CASE("filter lists accept spaces after commas") {
  FilterOptions filters =
      parse_filters({"--visibility", "public, limited", "--events",
                     "delete , announcement.reaction"});
  CHECK(filters.visibilities == std::vector<std::string>{"public", "limited"});
  CHECK(filters.events ==
        std::vector<std::string>{"delete", "announcement.reaction"});
}

TEST_CASE("bad filter values exit 2 naming value") {
  struct Case {
    std::vector<std::string> arguments;
    std::vector<std::string> expected_parts;
  };
  const std::vector<Case> cases = {
      {{"--lang", "english"}, {"--lang 'english'", "ISO 639"}},
      {{"--lang", "e"}, {"--lang 'e'", "2- or 3-letter"}},
      {{"--lang", "en-GB"}, {"--lang 'en-GB'"}},
      {{"--lang", ""}, {"--lang", "ISO 639"}},
      {{"--visibility", "publik"},
       {"--visibility 'publik'", "unknown visibility 'publik'",
        "public, unlisted, private, direct, limited, local"}},
      {{"--visibility", "public,"}, {"empty visibility"}},
      {{"--events", "update,toot"},
       {"--events 'update,toot'", "unknown event 'toot'",
        "update, status.update, delete, notification"}},
      {{"--events", ""}, {"empty event"}},
      {{"--from", "a b"}, {"--from 'a b'", "user, user@domain or @domain"}},
      {{"--from", "alice@"}, {"--from 'alice@'"}},
      {{"--from", "@"}, {"--from '@'"}},
      {{"--from", "a@b@c"}, {"--from 'a@b@c'"}},
      {{"--exclude-from", "bob@.example"}, {"--exclude-from 'bob@.example'"}},
      {{"--match", ""}, {"--match", "empty pattern"}},
      {{"--exclude", ""}, {"--exclude", "empty pattern"}},
  };

  for (const Case& test_case : cases) {
    std::string error = parse_error(test_case.arguments);
    for (const std::string& part : test_case.expected_parts) {
      INFO("error: " << error);
      CHECK(contains(error, part));
    }
  }
}

TEST_CASE("account values") {
  for (const char* valid :
       {"alice", "alice_1", "a.b-c", "alice@host.example", "@host.example",
        "@alice@host.example", "alice@xn--bcher-kva.example",
        "alice@b\xc3\xbc"
        "cher.example"}) {
    INFO(valid);
    CHECK(check_account(valid).ok());
  }
  for (const char* invalid : {"", "@", "alice@", "@alice@", "a/b", "alice@h/x",
                              "al ice", "alice@.example", "@@x"}) {
    INFO(invalid);
    CHECK_FALSE(check_account(invalid).ok());
  }
}
