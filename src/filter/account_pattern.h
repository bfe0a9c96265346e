// Matching of accounts against --from and --exclude-from values.
#pragma once

#include <string>
#include <string_view>

namespace mastotail::filter {

// An account or a whole domain to match, in lowercase.
struct AccountPattern {
  std::string user;    // empty for a whole domain ("@domain")
  std::string domain;  // empty for a local user when the domain is unknown
};

// Parses "user", "user@domain", "@user@domain" or "@domain". A bare user
// belongs to `local_domain`, which may be empty when it is unknown.
AccountPattern parse_account_pattern(std::string_view text,
                                     std::string_view local_domain);

// True when `acct` ("user" for a local account, "user@domain" for a remote
// one) is the account, or on the domain, of `pattern`. A local acct
// belongs to `local_domain`. The comparison ignores ASCII case.
bool matches_account(const AccountPattern& pattern, std::string_view acct,
                     std::string_view local_domain);

}  // namespace mastotail::filter
