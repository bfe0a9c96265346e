#include "net/proxy.h"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <utility>

namespace mastotail::net {
namespace {

std::string variable(const char* lower, const char* upper) {
  const char* value = std::getenv(lower);
  if ((value == nullptr || *value == '\0') && upper != nullptr) {
    value = std::getenv(upper);
  }
  return value == nullptr ? std::string() : std::string(value);
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The message leaves the value out: it may contain a password.
Error proxy_error(std::string_view reason) {
  return Error{ErrorKind::kUsage, "invalid proxy URL: " + std::string(reason)};
}

bool entry_matches(std::string_view entry, std::string_view host) {
  if (!entry.empty() && entry.front() == '.') entry.remove_prefix(1);
  if (entry.empty()) return false;
  if (entry == host) return true;
  return host.size() > entry.size() &&
         host.substr(host.size() - entry.size()) == entry &&
         host[host.size() - entry.size() - 1] == '.';
}

}  // namespace

ProxyEnvironment read_proxy_environment() {
  ProxyEnvironment env;
  env.https_proxy = variable("https_proxy", "HTTPS_PROXY");
  env.http_proxy = variable("http_proxy", nullptr);
  env.no_proxy = variable("no_proxy", "NO_PROXY");
  return env;
}

std::string ProxyAddress::label() const {
  bool ipv6 = host.find(':') != std::string::npos;
  std::string text = ipv6 ? "[" + host + "]" : host;
  return text + ":" + std::to_string(port);
}

std::string ProxyAddress::lws_address() const {
  std::string text = credentials.empty() ? "" : credentials + "@";
  return text + label();
}

Result<ProxyAddress> parse_proxy(std::string_view value) {
  std::string_view rest = value;
  size_t scheme_end = rest.find("://");
  if (scheme_end != std::string_view::npos) {
    std::string scheme = lowercase(rest.substr(0, scheme_end));
    if (scheme != "http") {
      return proxy_error("only http:// proxies are supported");
    }
    rest.remove_prefix(scheme_end + 3);
  }
  rest = rest.substr(0, rest.find('/'));

  ProxyAddress proxy;
  size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    proxy.credentials = std::string(rest.substr(0, at));
    rest.remove_prefix(at + 1);
  }

  std::string_view port_text;
  if (!rest.empty() && rest.front() == '[') {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) {
      return proxy_error("missing ']'");
    }
    proxy.host = std::string(rest.substr(1, close - 1));
    rest.remove_prefix(close + 1);
    if (!rest.empty() && rest.front() == ':') port_text = rest.substr(1);
  } else {
    size_t colon = rest.find(':');
    proxy.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) port_text = rest.substr(colon + 1);
  }
  if (proxy.host.empty()) return proxy_error("no host name");
  proxy.host = lowercase(proxy.host);

  if (!port_text.empty()) {
    auto [end, ec] = std::from_chars(
        port_text.data(), port_text.data() + port_text.size(), proxy.port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() ||
        proxy.port < 1 || proxy.port > 65535) {
      return proxy_error("invalid port");
    }
  }
  return proxy;
}

bool bypasses_proxy(std::string_view no_proxy, std::string_view host) {
  std::string name = lowercase(host);
  while (!no_proxy.empty()) {
    size_t end = no_proxy.find_first_of(", \t");
    std::string entry = lowercase(no_proxy.substr(0, end));
    no_proxy.remove_prefix(end == std::string_view::npos ? no_proxy.size()
                                                         : end + 1);
    if (entry.size() > 2 && entry.front() == '[' && entry.back() == ']') {
      entry = entry.substr(1, entry.size() - 2);
    }
    if (entry == "*") return true;
    if (entry_matches(entry, name)) return true;
  }
  return false;
}

Result<std::optional<ProxyAddress>> select_proxy(const ProxyEnvironment& env,
                                                 const Url& target) {
  const std::string& value = target.tls() ? env.https_proxy : env.http_proxy;
  if (value.empty() || bypasses_proxy(env.no_proxy, target.host)) {
    return std::optional<ProxyAddress>();
  }
  Result<ProxyAddress> proxy = parse_proxy(value);
  if (!proxy.ok()) return proxy.take_error();
  return std::optional<ProxyAddress>(std::move(*proxy));
}

Status check_proxy_environment(const ProxyEnvironment& env) {
  const std::pair<const char*, const std::string*> variables[] = {
      {"https_proxy", &env.https_proxy}, {"http_proxy", &env.http_proxy}};
  for (const auto& [name, value] : variables) {
    if (value->empty()) continue;
    Result<ProxyAddress> proxy = parse_proxy(*value);
    if (!proxy.ok()) {
      return Error{ErrorKind::kUsage,
                   std::string(name) + ": " + proxy.error().message};
    }
  }
  return {};
}

}  // namespace mastotail::net
