#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/apply_option.h"
#include "cli/help.h"
#include "cli/option_table.h"
#include "cli/parse.h"
#include "cli/values.h"
#include "version.h"

using namespace mastotail::cli;

namespace {

const Environment kEnvironment{.instance = "example.test"};

ParseResult parse(std::vector<std::string> arguments,
                  const Environment& environment = kEnvironment) {
  return parse_arguments(arguments, environment);
}

Options parse_ok(std::vector<std::string> arguments) {
  ParseResult result = parse(arguments);
  INFO("error: " << result.error);
  REQUIRE(result.options.has_value());
  CHECK(result.exit_code == 0);
  CHECK(result.error.empty());
  return *result.options;
}

// Returns the error message of a command line that must fail with exit 2.
std::string parse_error(std::vector<std::string> arguments,
                        const Environment& environment = kEnvironment) {
  ParseResult result = parse(arguments, environment);
  CHECK_FALSE(result.options.has_value());
  CHECK(result.exit_code == 2);
  CHECK(result.output.empty());
  CHECK_FALSE(result.error.empty());
  return result.error;
}

Timeline make_timeline(std::string stream, std::string param_name = "",
                       std::string param_value = "",
                       bool client_media_filter = false) {
  Timeline timeline;
  timeline.stream = stream;
  timeline.param_name = param_name;
  timeline.param_value = param_value;
  timeline.client_media_filter = client_media_filter;
  return timeline;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("option table has unique names") {
  std::set<std::string_view> long_names;
  std::set<char> short_names;
  for (const OptionSpec& spec : option_table()) {
    INFO("--" << spec.long_name);
    CHECK(long_names.insert(spec.long_name).second);
    if (spec.short_name != '\0') {
      CHECK(short_names.insert(spec.short_name).second);
    }
  }
}

TEST_CASE("option table entries are complete") {
  for (const OptionSpec& spec : option_table()) {
    INFO("--" << spec.long_name);
    CHECK(has_handler(spec.long_name));
    CHECK_FALSE(spec.help.empty());
    if (!spec.choices.empty()) CHECK(spec.takes_value());
    CHECK(find_option(spec.long_name) == &spec);
  }
  CHECK(find_option("colour") == nullptr);
}

TEST_CASE("timeline flags select their streams") {
  struct Case {
    std::vector<std::string> arguments;
    Timeline expected;
  };
  const std::vector<Case> cases = {
      {{"--home"}, make_timeline("user")},
      {{"--notifications"}, make_timeline("user:notification")},
      {{"--public"}, make_timeline("public")},
      {{"--local"}, make_timeline("public:local")},
      {{"--remote"}, make_timeline("public:remote")},
      {{"--tag", "rust"}, make_timeline("hashtag", "tag", "rust")},
      {{"--tag", "#rust"}, make_timeline("hashtag", "tag", "rust")},
      {{"--tag=#cpp"}, make_timeline("hashtag", "tag", "cpp")},
      {{"--local-tag", "rust"}, make_timeline("hashtag:local", "tag", "rust")},
      {{"--local-tag", "#rust"}, make_timeline("hashtag:local", "tag", "rust")},
      {{"--list", "42"}, make_timeline("list", "list", "42")},
      {{"--direct"}, make_timeline("direct")},
      {{"--stream", "public:bubble"}, make_timeline("public:bubble")},
      {{"--stream", "user.x_y-z:1"}, make_timeline("user.x_y-z:1")},
  };
  for (const Case& c : cases) {
    INFO(c.arguments[0]);
    Options options = parse_ok(c.arguments);
    REQUIRE(options.timelines.size() == 1);
    CHECK(options.timelines[0] == c.expected);
  }
}

TEST_CASE("no timeline flag means home") {
  Options options = parse_ok({});
  REQUIRE(options.timelines.size() == 1);
  CHECK(options.timelines[0] == make_timeline("user"));
}

TEST_CASE("timelines keep order and drop duplicates") {
  Options options =
      parse_ok({"--tag", "b", "--public", "--tag", "a", "--tag", "#b",
                "--public", "--list", "7", "--local-tag", "b", "--home"});
  std::vector<Timeline> expected = {
      make_timeline("hashtag", "tag", "b"),
      make_timeline("public"),
      make_timeline("hashtag", "tag", "a"),
      make_timeline("list", "list", "7"),
      make_timeline("hashtag:local", "tag", "b"),
      make_timeline("user"),
  };
  CHECK(options.timelines == expected);
}

TEST_CASE("only-media uses media streams or a client filter") {
  Options options =
      parse_ok({"--public", "--local", "--remote", "--home", "--tag", "x",
                "--list", "1", "--direct", "--notifications", "--local-tag",
                "y", "--stream", "public:bubble", "--only-media"});
  std::vector<Timeline> expected = {
      make_timeline("public:media"),
      make_timeline("public:local:media"),
      make_timeline("public:remote:media"),
      make_timeline("user", "", "", true),
      make_timeline("hashtag", "tag", "x", true),
      make_timeline("list", "list", "1", true),
      make_timeline("direct", "", "", true),
      make_timeline("user:notification", "", "", true),
      make_timeline("hashtag:local", "tag", "y", true),
      make_timeline("public:bubble", "", "", true),
  };
  CHECK(options.only_media);
  CHECK(options.timelines == expected);
}

TEST_CASE("only-media alone filters home") {
  Options options = parse_ok({"--only-media"});
  REQUIRE(options.timelines.size() == 1);
  CHECK(options.timelines[0] == make_timeline("user", "", "", true));
}

TEST_CASE("only-media merges a given media stream") {
  Options options =
      parse_ok({"--public", "--stream", "public:media", "--only-media"});
  REQUIRE(options.timelines.size() == 1);
  CHECK(options.timelines[0] == make_timeline("public:media"));
}

TEST_CASE("defaults without options") {
  Options options = parse_ok({});
  CHECK(options.instance == "example.test");
  CHECK(options.streaming_url.empty());
  CHECK(options.token_file.empty());
  CHECK(options.cacert.empty());
  CHECK(options.max_message_size == 8u * 1024 * 1024);
  CHECK_FALSE(options.only_media);
  CHECK(options.output == OutputFormat::kText);
  CHECK(options.color == ColorMode::kAuto);
  CHECK(options.width == 0);
  CHECK(options.cw == CwMode::kWarn);
  CHECK(options.format.empty());
  CHECK(options.count == 0);
  CHECK(options.replay.empty());
  CHECK(options.verbosity == 1);
}

TEST_CASE("connection options are stored") {
  Options options =
      parse_ok({"-i", "https://social.example:8443", "--streaming-url",
                "wss://streaming.example/api", "--token-file", "/run/token",
                "--cacert", "ca.pem", "--max-message-size", "64K"});
  CHECK(options.instance == "https://social.example:8443");
  CHECK(options.streaming_url == "wss://streaming.example/api");
  CHECK(options.token_file == "/run/token");
  CHECK(options.cacert == "ca.pem");
  CHECK(options.max_message_size == 64 * 1024);
}

TEST_CASE("instance option overrides environment") {
  CHECK(parse_ok({"--instance", "a.example"}).instance == "a.example");
  CHECK(parse_ok({"-i", "a.example:3000"}).instance == "a.example:3000");
  CHECK(parse_ok({"-ib.example"}).instance == "b.example");
}

TEST_CASE("streaming url accepts four schemes") {
  for (std::string url : {"http://h", "https://h", "ws://h:4000", "wss://h"}) {
    INFO(url);
    CHECK(parse_ok({"--streaming-url", url}).streaming_url == url);
  }
}

TEST_CASE("max message size units and limits") {
  CHECK(parse_byte_size("1024").value() == 1024);
  CHECK(parse_byte_size("1K").value() == 1024);
  CHECK(parse_byte_size("1k").value() == 1024);
  CHECK(parse_byte_size("8M").value() == 8u << 20);
  CHECK(parse_byte_size("1G").value() == 1u << 30);
  CHECK(parse_byte_size("1024M").value() == 1u << 30);
  CHECK_FALSE(parse_byte_size("1023").ok());
  CHECK_FALSE(parse_byte_size("1025M").ok());
  CHECK_FALSE(parse_byte_size("2G").ok());
  CHECK_FALSE(parse_byte_size("99999999999999999999999").ok());
  CHECK_FALSE(parse_byte_size("18014398509481984K").ok());
  CHECK_FALSE(parse_byte_size("").ok());
  CHECK_FALSE(parse_byte_size("M").ok());
  CHECK_FALSE(parse_byte_size("8X").ok());
  CHECK_FALSE(parse_byte_size("8 M").ok());
  CHECK_FALSE(parse_byte_size("-8M").ok());
  CHECK_FALSE(parse_byte_size("8MB").ok());
}

TEST_CASE("output options are stored") {
  CHECK(parse_ok({"-o", "json"}).output == OutputFormat::kJson);
  CHECK(parse_ok({"--output", "raw"}).output == OutputFormat::kRaw);
  CHECK(parse_ok({"--output=text"}).output == OutputFormat::kText);
  CHECK(parse_ok({"--json"}).output == OutputFormat::kJson);
  CHECK(parse_ok({"--json", "-o", "json"}).output == OutputFormat::kJson);
  CHECK(parse_ok({"--color", "always"}).color == ColorMode::kAlways);
  CHECK(parse_ok({"--color", "never"}).color == ColorMode::kNever);
  CHECK(parse_ok({"--color", "auto"}).color == ColorMode::kAuto);
  CHECK(parse_ok({"--width", "20"}).width == 20);
  CHECK(parse_ok({"--width", "1000"}).width == 1000);
  CHECK(parse_ok({"--width", "0"}).width == 0);
  CHECK(parse_ok({"--cw", "show"}).cw == CwMode::kShow);
  CHECK(parse_ok({"--cw", "hide"}).cw == CwMode::kHide);
  CHECK(parse_ok({"--cw", "warn"}).cw == CwMode::kWarn);
  CHECK(parse_ok({"--format", "{account} {text}"}).format ==
        "{account} {text}");
  CHECK(parse_ok({"--format", "-{x}", "-o", "text"}).format == "-{x}");
}

TEST_CASE("run control options are stored") {
  CHECK(parse_ok({"-c", "5"}).count == 5);
  CHECK(parse_ok({"--count", "18446744073709551615"}).count ==
        18446744073709551615u);
  CHECK(parse_ok({"--replay", "-"}).replay == "-");
  CHECK(parse_ok({"--replay", "frames.ndjson"}).replay == "frames.ndjson");
}

TEST_CASE("verbosity from -v and -q") {
  CHECK(parse_ok({"-v"}).verbosity == 2);
  CHECK(parse_ok({"-vv"}).verbosity == 3);
  CHECK(parse_ok({"-v", "--verbose"}).verbosity == 3);
  CHECK(parse_ok({"-vvvv"}).verbosity == 3);
  CHECK(parse_ok({"-q"}).verbosity == 0);
  CHECK(parse_ok({"--quiet", "--quiet"}).verbosity == 0);
}

TEST_CASE("instance comes from the environment") {
  Environment environment{.instance = "env.example"};
  ParseResult from_env = parse({}, environment);
  REQUIRE(from_env.options.has_value());
  CHECK(from_env.options->instance == "env.example");

  ParseResult overridden = parse({"-i", "flag.example"}, environment);
  REQUIRE(overridden.options.has_value());
  CHECK(overridden.options->instance == "flag.example");
}

TEST_CASE("missing instance is left to the token sources") {
  // A stored account brings its own instance, so app/token.h reports a
  // missing instance once the token sources are known.
  ParseResult bare = parse({}, Environment{});
  REQUIRE(bare.options.has_value());
  CHECK(bare.options->instance.empty());

  ParseResult replay = parse({"--replay", "-"}, Environment{});
  REQUIRE(replay.options.has_value());
  CHECK(replay.options->instance.empty());
}

TEST_CASE("invalid environment instance names the variable") {
  std::string error = parse_error({}, Environment{.instance = "a b"});
  CHECK(error.find("MASTOTAIL_INSTANCE 'a b'") != std::string::npos);

  // -i wins, so the variable is not checked.
  CHECK(parse({"-i", "ok.example"}, Environment{.instance = "a b"})
            .options.has_value());
}

TEST_CASE("usage errors have exact wording") {
  CHECK(parse_error({"--tag", ""}) ==
        "--tag: empty hashtag name; give a tag such as --tag rust");
  CHECK(parse_error({"--list", "a b"}) ==
        "--list 'a b': list ids cannot contain whitespace, '/', '?' or '#'; "
        "use the id from /api/v1/lists");
  CHECK(parse_error({"--colour"}) ==
        "unknown option '--colour'; see mastotail --help");
  CHECK(parse_error({"--count", "abc"}) ==
        "--count 'abc': expected a positive integer");
}

TEST_CASE("invalid values are named in errors") {
  struct Case {
    std::vector<std::string> arguments;
    std::string expected_part;
  };
  const std::vector<Case> cases = {
      {{"--tag", "#"}, "--tag '#': empty hashtag name"},
      {{"--tag", "a b"}, "--tag 'a b': hashtags cannot contain whitespace"},
      {{"--tag", "a/b"}, "--tag 'a/b':"},
      {{"--tag", "a\tb"}, "--tag 'a\tb':"},
      {{"--tag", "--home"}, "--tag '--home': hashtags cannot start with '-'"},
      {{"--local-tag", ""}, "--local-tag: empty hashtag name"},
      {{"--local-tag", "x/y"}, "--local-tag 'x/y':"},
      {{"--list", ""}, "--list: empty list id"},
      {{"--list", "a/b"}, "--list 'a/b':"},
      {{"--list", "a?b"}, "--list 'a?b':"},
      {{"--list", "a#b"}, "--list 'a#b':"},
      {{"--list", "-v"}, "--list '-v': list ids cannot start with '-'"},
      {{"--stream", ""}, "--stream: empty stream name"},
      {{"--stream", "public local"}, "--stream 'public local':"},
      {{"--stream", "hashtag?tag=x"}, "--stream 'hashtag?tag=x':"},
      {{"-i", ""}, "--instance: empty instance"},
      {{"-i", "a b"}, "--instance 'a b':"},
      {{"-i", "wss://h"}, "--instance 'wss://h': expected an http or https"},
      {{"-i", "https://tok@h"}, "--instance 'https://tok@h': a URL cannot"},
      {{"-i", "https://h/?access_token=x"},
       "--instance 'https://h/?access_token=x':"},
      {{"-i", "https://"}, "--instance 'https://': missing host name"},
      {{"-i", "h/path"}, "--instance 'h/path':"},
      {{"--streaming-url", "ftp://h"},
       "--streaming-url 'ftp://h': expected an http, https, ws or wss URL"},
      {{"--streaming-url", "h"}, "--streaming-url 'h':"},
      {{"--streaming-url", ""}, "--streaming-url: expected an http"},
      {{"--streaming-url", "wss://h?access_token=x"},
       "--streaming-url 'wss://h?access_token=x':"},
      {{"--token-file", ""}, "--token-file: empty file name"},
      {{"--cacert", ""}, "--cacert: empty file name"},
      {{"--replay", ""}, "--replay: empty file name"},
      {{"--format", ""}, "--format: empty template"},
      {{"--max-message-size", "8X"}, "--max-message-size '8X': expected"},
      {{"--max-message-size", "100"},
       "--max-message-size '100': must be from 1K"},
      {{"--max-message-size", "2G"}, "--max-message-size '2G':"},
      {{"-o", "yaml"}, "--output 'yaml': expected one of text, json, raw"},
      {{"--color", "sometimes"},
       "--color 'sometimes': expected one of auto, always, never"},
      {{"--cw", "blur"}, "--cw 'blur': expected one of warn, show, hide"},
      {{"--width", "19"}, "--width '19': expected a number of columns"},
      {{"--width", "1001"}, "--width '1001':"},
      {{"--width", "-5"}, "--width '-5':"},
      {{"--width", "wide"}, "--width 'wide':"},
      {{"-c", "0"}, "--count '0': expected a positive integer"},
      {{"-c", "-3"}, "--count '-3':"},
      {{"-c", "1.5"}, "--count '1.5':"},
      {{"-c", "+4"}, "--count '+4':"},
      {{"-c", "99999999999999999999"}, "--count '99999999999999999999':"},
  };
  for (const Case& c : cases) {
    INFO(c.arguments[0] << " '" << c.arguments[1] << "'");
    std::string error = parse_error(c.arguments);
    INFO("error: " << error);
    CHECK(error.find(c.expected_part) != std::string::npos);
  }
}

TEST_CASE("conflicting options name both values") {
  CHECK(parse_error({"--json", "-o", "text"}) ==
        "--json conflicts with --output text; give only one of them");
  CHECK(parse_error({"-o", "raw", "--json"}) ==
        "--json conflicts with --output raw; give only one of them");
  CHECK(parse_error({"--format", "{x}", "-o", "json"})
            .find("--format conflicts with --output json") !=
        std::string::npos);
  CHECK(parse_error({"-o", "raw", "--format", "{x}"})
            .find("--format conflicts with --output raw") != std::string::npos);
  CHECK(parse_error({"--json", "--format", "{x}"})
            .find("--format conflicts with --json") != std::string::npos);
  CHECK(parse_error({"-q", "-v"}) ==
        "--quiet conflicts with --verbose; give only one of them");
}

TEST_CASE("command line syntax errors") {
  CHECK(parse_error({"-x"}) == "unknown option '-x'; see mastotail --help");
  CHECK(parse_error({"-vz"}) == "unknown option '-z'; see mastotail --help");
  CHECK(parse_error({"---tag", "a"}).find("'---tag'") != std::string::npos);
  CHECK(parse_error({"--tag", "a", "login"}).find("must come first") !=
        std::string::npos);
  CHECK(parse_error({"--tag", "a", "b"}).find("unexpected argument 'b'") !=
        std::string::npos);
  CHECK(parse_error({"--", "x"}).find("unexpected argument 'x'") !=
        std::string::npos);
  CHECK(parse_error({"--", "--tag"}).find("unexpected argument '--tag'") !=
        std::string::npos);
  CHECK(parse_error({"--tag"}) == "--tag: missing NAME; see mastotail --help");
  CHECK(parse_error({"-i"}) ==
        "--instance: missing HOST|URL; see mastotail --help");
  CHECK(parse_error({"--count="}).find("--count: missing N") !=
        std::string::npos);
  CHECK(parse_error({"--home=no"}) ==
        "--home does not take a value; remove '=no'");
  CHECK(parse_error({"-o", "json", "-o", "text"}) ==
        "--output given more than once ('json', then 'text'); give it once");
  CHECK(parse_error({"-c", "1", "--count", "1"}).find("--count given more") !=
        std::string::npos);
}

TEST_CASE("version prints the program version") {
  ParseResult result = parse({"--version"});
  CHECK(result.exit_code == 0);
  CHECK_FALSE(result.options.has_value());
  CHECK(result.output == std::string("mastotail ") + MASTOTAIL_VERSION + "\n");
  CHECK(result.error.empty());
}

TEST_CASE("help wins over invalid values") {
  for (std::vector<std::string> arguments : {std::vector<std::string>{"--help"},
                                             {"-h"},
                                             {"--count", "x", "-h"},
                                             {"--version", "--help"}}) {
    ParseResult result = parse(arguments, Environment{});
    CHECK(result.exit_code == 0);
    CHECK_FALSE(result.options.has_value());
    CHECK(result.output == help_text());
    CHECK(result.error.empty());
  }
}

TEST_CASE("help lines fit 80 columns") {
  for (const std::string& line : split_lines(help_text())) {
    INFO(line);
    CHECK(line.size() < 80);
    CHECK(line.find('\t') == std::string::npos);
    bool ascii = std::all_of(line.begin(), line.end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x80;
    });
    CHECK(ascii);
  }
}

TEST_CASE("help lists every option and choice") {
  std::string help = help_text();
  CHECK(help.find("Usage:\n  mastotail [OPTIONS]") == 0);
  for (OptionGroup group : kOptionGroups) {
    CHECK(help.find(std::string("\n") + std::string(group_title(group)) +
                    ":\n") != std::string::npos);
  }
  for (const OptionSpec& spec : option_table()) {
    INFO("--" << spec.long_name);
    std::string synopsis = option_synopsis(spec);
    // A long synopsis stands alone on its line, with the help below it.
    bool listed = help.find("  " + synopsis + " ") != std::string::npos ||
                  help.find("  " + synopsis + "\n") != std::string::npos;
    CHECK(listed);
    for (std::string_view choice : spec.choices) {
      CHECK(spec.help.find(choice) != std::string_view::npos);
    }
  }
}

TEST_CASE("help synopsis shows short names and values") {
  CHECK(option_synopsis(*find_option("instance")) == "-i, --instance HOST|URL");
  CHECK(option_synopsis(*find_option("home")) == "    --home");
  CHECK(option_synopsis(*find_option("tag")) == "    --tag NAME");
}

TEST_CASE("parse_command_line writes errors to stderr") {
  std::FILE* capture = std::tmpfile();
  REQUIRE(capture != nullptr);
  int saved_stderr = dup(STDERR_FILENO);
  dup2(fileno(capture), STDERR_FILENO);

  const char* argv[] = {"mastotail", "--count", "abc"};
  ParseResult result = parse_command_line(3, argv, kEnvironment);

  dup2(saved_stderr, STDERR_FILENO);
  close(saved_stderr);
  std::rewind(capture);
  char buffer[256] = {};
  size_t size = std::fread(buffer, 1, sizeof buffer - 1, capture);
  std::fclose(capture);

  CHECK(result.exit_code == 2);
  CHECK(std::string(buffer, size) ==
        "mastotail: error: --count 'abc': expected a positive integer\n");
}
