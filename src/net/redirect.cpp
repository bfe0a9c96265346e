#include "net/redirect.h"

namespace mastotail::net {

RedirectVerdict decide_redirect(const Url& from, std::string_view location,
                                bool token_removable) {
  RedirectVerdict verdict;
  if (location.substr(0, 1) == "/" && location.substr(0, 2) != "//") {
    verdict.action = RedirectAction::kFollowWithToken;
    return verdict;
  }

  Result<Url> target = parse_url(location);
  if (!target.ok()) {
    verdict.reason = "the server redirected to an invalid location (" +
                     target.error().message + ")";
    return verdict;
  }
  verdict.to_tls = target->tls();
  if (from.tls() && !target->tls()) {
    verdict.reason = "the server redirected from " + from.origin() + " to " +
                     target->origin() +
                     ", which is not encrypted; not following it";
    return verdict;
  }
  if (target->host == from.host) {
    verdict.action = RedirectAction::kFollowWithToken;
    return verdict;
  }
  if (!token_removable) {
    verdict.reason = "the server redirected to another host, " +
                     target->origin() +
                     ", and the access token cannot be left out of this "
                     "request; not following it";
    return verdict;
  }
  verdict.action = RedirectAction::kFollowWithoutToken;
  verdict.reason = "the server redirected to another host, " +
                   target->origin() + "; following without the access token";
  return verdict;
}

}  // namespace mastotail::net
