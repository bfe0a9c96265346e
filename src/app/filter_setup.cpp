#include "app/filter_setup.h"

#include "net/url.h"

namespace mastotail::app {
namespace {

// NOTE: Mastodon writes local accts with its LOCAL_DOMAIN, which can differ
// from the host that serves the API (WEB_DOMAIN); this uses the latter.
std::string local_domain_of(const cli::Options& options) {
  if (options.instance.empty()) return {};

  Result<net::Url> url = net::parse_instance(options.instance);
  if (!url) return {};
  return url->host;
}

}  // namespace

filter::FilterSpec make_filter_spec(const cli::Options& options) {
  const cli::FilterOptions& filters = options.filters;
  filter::FilterSpec spec;
  spec.events = filters.events;
  spec.languages = filters.languages;
  spec.visibilities = filters.visibilities;
  spec.no_boosts = filters.no_boosts;
  spec.no_replies = filters.no_replies;
  spec.match_patterns = filters.match_patterns;
  spec.exclude_patterns = filters.exclude_patterns;
  spec.ignore_case = filters.ignore_case;
  spec.from_accounts = filters.from_accounts;
  spec.excluded_accounts = filters.excluded_accounts;
  spec.no_bots = filters.no_bots;

  spec.local_domain = local_domain_of(options);
  spec.collapse_repeated_boosts = options.output == cli::OutputFormat::kText;
  return spec;
}

Result<std::unique_ptr<filter::EventFilter>> make_filter(
    const cli::Options& options) {
  return filter::make_event_filter(make_filter_spec(options));
}

}  // namespace mastotail::app
