// HTTP proxies chosen from the environment with curl's rules: https_proxy
// (or HTTPS_PROXY) for https and wss targets, http_proxy for http and ws
// targets (curl ignores HTTP_PROXY, to avoid the CGI "httpoxy" problem),
// and no_proxy (or NO_PROXY) to go direct. The lowercase name wins when
// both are set.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "net/url.h"
#include "util/result.h"

namespace mastotail::net {

// The proxy variables as found; empty when unset.
struct ProxyEnvironment {
  std::string https_proxy;
  std::string http_proxy;
  std::string no_proxy;
};

// Reads https_proxy/HTTPS_PROXY, http_proxy and no_proxy/NO_PROXY.
ProxyEnvironment read_proxy_environment();

// An HTTP CONNECT proxy.
struct ProxyAddress {
  std::string host;         // without IPv6 brackets
  int port = 1080;          // curl's default when the value has none
  std::string credentials;  // "user:password" or empty; never logged

  // "host:port", for messages.
  std::string label() const;
  // The form libwebsockets parses: "[user:password@]host:port".
  std::string lws_address() const;
};

// Parses a proxy variable's value: "host[:port]" or "http://host[:port]"
// with optional "user:password@". Other schemes (https, socks5) are
// rejected because libwebsockets 4.1.6 only speaks HTTP CONNECT to a
// proxy in the clear.
Result<ProxyAddress> parse_proxy(std::string_view value);

// True when `host` matches the no_proxy list: entries separated by commas
// or spaces, "*" alone matches every host, and an entry matches the host
// itself and its subdomains (a leading dot is ignored). Names compare
// without regard to case. As with curl, localhost and loopback addresses
// go through the proxy unless listed.
// NOTE: curl also matches IP addresses against CIDR entries
// ("10.0.0.0/8"); this matches IP addresses literally only.
bool bypasses_proxy(std::string_view no_proxy, std::string_view host);

// Returns the proxy for a connection to `target`, nullopt for a direct
// connection, or an error when the chosen variable is invalid.
Result<std::optional<ProxyAddress>> select_proxy(const ProxyEnvironment& env,
                                                 const Url& target);

// Checks that every proxy variable that is set can be parsed, so that a
// bad value is reported at start instead of at the first connection.
Status check_proxy_environment(const ProxyEnvironment& env);

}  // namespace mastotail::net
