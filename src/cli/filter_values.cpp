#include "cli/filter_values.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace mastotail::cli {
namespace {

constexpr auto kVisibilities = std::to_array<std::string_view>(
    {"public", "unlisted", "private", "direct", "limited", "local"});

// The event names of Mastodon's streaming API. app/pipeline.cpp keeps the
// same list for its notes about events that text output does not show.
constexpr auto kEventNames = std::to_array<std::string_view>(
    {"update", "status.update", "delete", "notification", "conversation",
     "announcement", "announcement.reaction", "announcement.delete",
     "filters_changed", "notifications_merged", "encrypted_message"});

Error usage(std::string message) {
  return Error{ErrorKind::kUsage, std::move(message)};
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

template <size_t N>
bool contains(const std::array<std::string_view, N>& names,
              std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string describe_item(std::string_view item, std::string_view noun) {
  if (item.empty()) return fmt::format("empty {}", noun);
  return fmt::format("unknown {} '{}'", noun, item);
}

// Splits a comma-separated list and checks every item against `names`.
// `noun` names an item in messages, e.g. "visibility".
template <size_t N>
Result<std::vector<std::string>> parse_name_list(
    std::string_view text, const std::array<std::string_view, N>& names,
    std::string_view noun) {
  std::vector<std::string> items;
  while (true) {
    size_t comma = text.find(',');
    std::string_view item = trim_spaces(text.substr(0, comma));
    if (!contains(names, item)) {
      return usage(fmt::format("{}; expected a comma-separated list of {}",
                               describe_item(item, noun),
                               fmt::join(names, ", ")));
    }
    items.emplace_back(item);
    if (comma == std::string_view::npos) return items;
    text.remove_prefix(comma + 1);
  }
}

bool is_user_char(char c) {
  return is_ascii_letter(c) || is_ascii_digit(c) || c == '_' || c == '.' ||
         c == '-';
}

bool is_domain_char(char c) {
  return is_ascii_letter(c) || is_ascii_digit(c) || c == '.' || c == '-' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_user(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_user_char);
}

bool is_domain(std::string_view text) {
  return !text.empty() && text.front() != '.' && text.back() != '.' &&
         std::all_of(text.begin(), text.end(), is_domain_char);
}

bool is_account(std::string_view text) {
  if (text.starts_with('@')) {
    text.remove_prefix(1);
    if (text.find('@') == std::string_view::npos) return is_domain(text);
  }

  size_t at = text.find('@');
  if (at == std::string_view::npos) return is_user(text);
  return is_user(text.substr(0, at)) && is_domain(text.substr(at + 1));
}

}  // namespace

Result<std::string> parse_language(std::string_view text) {
  std::string code;
  for (char c : text) code += to_lower(c);
  if (code == "none") return code;

  bool letters = std::all_of(code.begin(), code.end(), is_ascii_letter);
  if (letters && (code.size() == 2 || code.size() == 3)) return code;
  return usage(
      "expected a 2- or 3-letter ISO 639 language code such as en or deu, "
      "or none for statuses without a language");
}

Result<std::vector<std::string>> parse_visibility_list(std::string_view text) {
  return parse_name_list(text, kVisibilities, "visibility");
}

Result<std::vector<std::string>> parse_event_list(std::string_view text) {
  return parse_name_list(text, kEventNames, "event");
}

Status check_account(std::string_view text) {
  if (is_account(text)) return {};
  return usage(
      "expected an account as user, user@domain or @domain (letters, digits "
      "and '_.-' in the user name)");
}

Status check_pattern(std::string_view text) {
  if (!text.empty()) return {};
  return usage("empty pattern; give a regular expression in RE2 syntax");
}

}  // namespace mastotail::cli
