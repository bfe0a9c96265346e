#include "cli/values.h"

#include <array>
#include <limits>
#include <optional>

namespace mastotail::cli {
namespace {

constexpr size_t kKiB = size_t{1} << 10;
constexpr size_t kMiB = size_t{1} << 20;
constexpr size_t kGiB = size_t{1} << 30;
constexpr int kMinWidth = 20;
constexpr int kMaxWidth = 1000;

Error usage(std::string message) {
  return Error{ErrorKind::kUsage, std::move(message)};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// True for ASCII whitespace, C0 controls and DEL.
// NOTE: non-ASCII whitespace such as U+00A0 is not detected here.
bool is_space_or_control(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte <= 0x20 || byte == 0x7f;
}

bool contains_any(std::string_view text, std::string_view characters) {
  return text.find_first_of(characters) != std::string_view::npos;
}

bool contains_space_or_control(std::string_view text) {
  for (char c : text) {
    if (is_space_or_control(c)) return true;
  }
  return false;
}

// Parses a non-empty run of decimal digits; nullopt on anything else or on
// overflow.
std::optional<uint64_t> parse_digits(std::string_view text) {
  if (text.empty()) return std::nullopt;

  uint64_t value = 0;
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    auto digit = static_cast<uint64_t>(c - '0');
    if (value > (kMax - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

size_t suffix_multiplier(char suffix) {
  switch (suffix) {
    case 'K':
    case 'k':
      return kKiB;
    case 'M':
    case 'm':
      return kMiB;
    case 'G':
    case 'g':
      return kGiB;
    default:
      return 0;
  }
}

// Checks the part of a URL after "scheme://". A user name or query could
// carry a token, which mastotail never accepts in a URL.
Status check_url_rest(std::string_view rest) {
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.empty()) return usage("missing host name after '://'");
  if (contains_any(authority, "@")) {
    return usage(
        "a URL cannot contain a user name or token; pass the token with "
        "--token-file or MASTOTAIL_TOKEN");
  }
  if (contains_any(rest, "?#")) {
    return usage(
        "a URL cannot contain a query or fragment; pass the token with "
        "--token-file or MASTOTAIL_TOKEN");
  }
  return {};
}

}  // namespace

Result<uint64_t> parse_count(std::string_view text) {
  std::optional<uint64_t> value = parse_digits(text);
  if (!value || *value == 0) return usage("expected a positive integer");
  return *value;
}

Result<int> parse_width(std::string_view text) {
  std::optional<uint64_t> value = parse_digits(text);
  bool in_range =
      value && (*value == 0 || (*value >= kMinWidth && *value <= kMaxWidth));
  if (!in_range) {
    return usage(
        "expected a number of columns from 20 to 1000, or 0 for the "
        "terminal width");
  }
  return static_cast<int>(*value);
}

Result<size_t> parse_byte_size(std::string_view text) {
  constexpr std::string_view kExpected =
      "expected a number of bytes, optionally with the suffix K, M or G, "
      "e.g. 8M";
  if (text.empty()) return usage(std::string(kExpected));

  size_t multiplier = suffix_multiplier(text.back());
  if (multiplier != 0) {
    text.remove_suffix(1);
  } else {
    multiplier = 1;
  }

  std::optional<uint64_t> number = parse_digits(text);
  if (!number) return usage(std::string(kExpected));

  bool too_large = *number > kGiB / multiplier;
  uint64_t bytes = too_large ? kGiB + 1 : *number * multiplier;
  if (bytes < kKiB || bytes > kGiB) {
    return usage("must be from 1K (1024 bytes) to 1G");
  }
  return static_cast<size_t>(bytes);
}

Result<std::string> parse_hashtag(std::string_view text) {
  if (!text.empty() && text.front() == '#') text.remove_prefix(1);

  if (text.empty()) {
    return usage("empty hashtag name; give a tag such as --tag rust");
  }
  if (contains_space_or_control(text) || contains_any(text, "/")) {
    return usage(
        "hashtags cannot contain whitespace or '/'; give one tag per "
        "option, e.g. --tag rust --tag cpp");
  }
  if (text.front() == '-') {
    return usage(
        "hashtags cannot start with '-'; give the tag name after the option");
  }
  return std::string(text);
}

Status check_list_id(std::string_view text) {
  if (text.empty()) {
    return usage("empty list id; use the id from /api/v1/lists");
  }
  if (contains_space_or_control(text) || contains_any(text, "/?#")) {
    return usage(
        "list ids cannot contain whitespace, '/', '?' or '#'; use the id "
        "from /api/v1/lists");
  }
  if (text.front() == '-') {
    return usage(
        "list ids cannot start with '-'; give the id from /api/v1/lists "
        "after --list");
  }
  return {};
}

Status check_stream_name(std::string_view text) {
  if (text.empty()) return usage("empty stream name, e.g. public:local");

  for (char c : text) {
    bool allowed = is_digit(c) || (c >= 'a' && c <= 'z') ||
                   (c >= 'A' && c <= 'Z') || contains_any({&c, 1}, ":_.-");
    if (!allowed) {
      return usage(
          "stream names contain only letters, digits and ':_.-', e.g. "
          "public:local");
    }
  }
  if (text.front() == '-') {
    return usage(
        "stream names cannot start with '-'; give the name after --stream");
  }
  return {};
}

Status check_instance(std::string_view text) {
  if (text.empty())
    return usage("empty instance; give a host such as mastodon.social");
  if (contains_space_or_control(text)) {
    return usage(
        "an instance cannot contain whitespace; give a host such as "
        "mastodon.social");
  }

  size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    if (contains_any(text, "/?#@")) {
      return usage(
          "expected a host name such as mastodon.social or a URL such as "
          "https://mastodon.social");
    }
    return {};
  }

  std::string_view scheme = text.substr(0, scheme_end);
  if (scheme != "https" && scheme != "http") {
    return usage(
        "expected an http or https URL; give a streaming URL with "
        "--streaming-url");
  }
  return check_url_rest(text.substr(scheme_end + 3));
}

Status check_streaming_url(std::string_view text) {
  constexpr std::string_view kExpected =
      "expected an http, https, ws or wss URL, e.g. "
      "wss://streaming.example.org";
  if (contains_space_or_control(text)) {
    return usage(
        "a URL cannot contain whitespace; give a URL such as "
        "wss://streaming.example.org");
  }

  size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos)
    return usage(std::string(kExpected));

  constexpr std::array<std::string_view, 4> kSchemes = {"http", "https", "ws",
                                                        "wss"};
  std::string_view scheme = text.substr(0, scheme_end);
  bool known = false;
  for (std::string_view allowed : kSchemes) known = known || scheme == allowed;
  if (!known) return usage(std::string(kExpected));

  return check_url_rest(text.substr(scheme_end + 3));
}

}  // namespace mastotail::cli
