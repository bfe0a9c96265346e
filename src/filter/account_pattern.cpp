#include "filter/account_pattern.h"

#include <algorithm>

namespace mastotail::filter {
namespace {

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), to_lower);
  return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [](char x, char y) { return to_lower(x) == to_lower(y); });
}

}  // namespace

AccountPattern parse_account_pattern(std::string_view text,
                                     std::string_view local_domain) {
  AccountPattern pattern;
  if (text.starts_with('@')) {
    text.remove_prefix(1);
    if (text.find('@') == std::string_view::npos) {
      pattern.domain = lowercase(text);
      return pattern;
    }
  }

  size_t at = text.find('@');
  pattern.user = lowercase(text.substr(0, at));
  pattern.domain = at == std::string_view::npos
                       ? lowercase(local_domain)
                       : lowercase(text.substr(at + 1));
  return pattern;
}

bool matches_account(const AccountPattern& pattern, std::string_view acct,
                     std::string_view local_domain) {
  if (acct.empty()) return false;

  size_t at = acct.find('@');
  std::string_view user = acct.substr(0, at);
  std::string_view domain =
      at == std::string_view::npos ? local_domain : acct.substr(at + 1);

  if (!pattern.user.empty() && !equals_ignoring_case(user, pattern.user)) {
    return false;
  }
  return equals_ignoring_case(domain, pattern.domain);
}

}  // namespace mastotail::filter
