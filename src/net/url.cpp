#include "net/url.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace mastotail::net {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

int default_port(std::string_view scheme) {
  return (scheme == "https" || scheme == "wss") ? 443 : 80;
}

bool is_known_scheme(std::string_view scheme) {
  return scheme == "http" || scheme == "https" || scheme == "ws" ||
         scheme == "wss";
}

Error url_error(std::string_view text, std::string_view reason) {
  return Error{ErrorKind::kUsage, "invalid URL '" + std::string(text) +
                                      "': " + std::string(reason)};
}

bool valid_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
         c == '_' || c == ':';
}

// Splits "host[:port]" or "[v6][:port]" into the URL's host and port.
Status parse_authority(std::string_view text, std::string_view authority,
                       Url& url) {
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return url_error(text, "unclosed '[' in the host");
    }
    host = authority.substr(1, close - 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return url_error(text, "bad port");
      port = rest.substr(1);
    }
  } else {
    size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
  }

  if (host.empty()) return url_error(text, "missing host");
  if (!std::all_of(host.begin(), host.end(), valid_host_char)) {
    return url_error(text,
                     "the host contains characters a host name "
                     "cannot have");
  }
  url.host = lowercase(host);
  url.port = default_port(url.scheme);
  if (port.empty()) return {};

  int value = 0;
  auto [end, ec] =
      std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value < 1 ||
      value > 65535) {
    return url_error(text, "the port must be a number from 1 to 65535");
  }
  url.port = value;
  return {};
}

}  // namespace

bool Url::tls() const { return scheme == "https" || scheme == "wss"; }

std::string Url::host_header() const {
  bool v6 = host.find(':') != std::string::npos;
  std::string out = v6 ? "[" + host + "]" : host;
  if (port != default_port(scheme)) out += ":" + std::to_string(port);
  return out;
}

std::string Url::origin() const { return scheme + "://" + host_header(); }

std::string Url::text() const { return origin() + path; }

Result<Url> parse_url(std::string_view text) {
  size_t sep = text.find("://");
  if (sep == std::string_view::npos) {
    return url_error(text,
                     "expected scheme://host, e.g. https://example.social");
  }

  Url url;
  url.scheme = lowercase(text.substr(0, sep));
  if (!is_known_scheme(url.scheme)) {
    return url_error(text, "the scheme must be https, wss, http or ws");
  }

  std::string_view rest = text.substr(sep + 3);
  if (rest.find('#') != std::string_view::npos) {
    return url_error(text, "fragments ('#') are not allowed");
  }
  size_t path_start = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_start);
  if (authority.find('@') != std::string_view::npos) {
    return url_error(text,
                     "user names and passwords in URLs are not "
                     "supported; pass the token with --token-file");
  }

  Status status = parse_authority(text, authority, url);
  if (!status.ok()) return status.error();

  url.path = path_start == std::string_view::npos
                 ? "/"
                 : std::string(rest.substr(path_start));
  if (url.path.front() == '?') url.path.insert(0, "/");
  return url;
}

Result<Url> parse_instance(std::string_view text) {
  if (text.empty()) {
    return Error{ErrorKind::kUsage, "empty instance; pass -i HOST"};
  }

  bool has_scheme = text.find("://") != std::string_view::npos;
  Result<Url> url = parse_url(has_scheme ? std::string(text)
                                         : "https://" + std::string(text));
  if (!url.ok()) return url;

  url->path = "/";
  return url;
}

Url with_scheme_family(const Url& url, bool websocket) {
  Url out = url;
  if (websocket) {
    if (url.scheme == "https") out.scheme = "wss";
    if (url.scheme == "http") out.scheme = "ws";
  } else {
    if (url.scheme == "wss") out.scheme = "https";
    if (url.scheme == "ws") out.scheme = "http";
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
      continue;
    }
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

std::string mask_access_token(std::string_view text) {
  constexpr std::string_view kKey = "access_token=";
  std::string out;
  size_t start = 0;
  while (true) {
    size_t found = text.find(kKey, start);
    if (found == std::string_view::npos) break;
    size_t value_start = found + kKey.size();
    size_t value_end = text.find_first_of("&#", value_start);
    if (value_end == std::string_view::npos) value_end = text.size();
    out.append(text.substr(start, value_start - start));
    out += "***";
    start = value_end;
  }
  out.append(text.substr(start));
  return out;
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  return host.substr(0, 4) == "127.";
}

}  // namespace mastotail::net
