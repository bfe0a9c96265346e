#include "net/proxy.h"

#include <doctest/doctest.h>

#include "net/redirect.h"
#include "net/url.h"

using mastotail::net::bypasses_proxy;
using mastotail::net::check_proxy_environment;
using mastotail::net::decide_redirect;
using mastotail::net::mask_access_token;
using mastotail::net::parse_proxy;
using mastotail::net::parse_url;
using mastotail::net::ProxyEnvironment;
using mastotail::net::RedirectAction;
using mastotail::net::select_proxy;

namespace {

std::string proxy_label_for(const ProxyEnvironment& env, const char* url) {
  auto target = parse_url(url);
  REQUIRE(target.ok());
  auto proxy = select_proxy(env, *target);
  REQUIRE(proxy.ok());
  return *proxy ? (*proxy)->label() : "direct";
}

}  // namespace

TEST_CASE("proxy parses host, port, scheme and credentials") {
  auto plain = parse_proxy("proxy.example:3128");
  REQUIRE(plain.ok());
  CHECK(plain->host == "proxy.example");
  CHECK(plain->port == 3128);
  CHECK(plain->credentials.empty());

  auto full = parse_proxy("http://alice:s3cret@Proxy.Example:8080/");
  REQUIRE(full.ok());
  CHECK(full->host == "proxy.example");
  CHECK(full->port == 8080);
  CHECK(full->credentials == "alice:s3cret");
  CHECK(full->label() == "proxy.example:8080");
  CHECK(full->lws_address() == "alice:s3cret@proxy.example:8080");

  auto ipv6 = parse_proxy("http://[::1]:3128");
  REQUIRE(ipv6.ok());
  CHECK(ipv6->host == "::1");
  CHECK(ipv6->label() == "[::1]:3128");
}

TEST_CASE("proxy without port uses curl's 1080") {
  auto proxy = parse_proxy("http://proxy.example");
  REQUIRE(proxy.ok());
  CHECK(proxy->port == 1080);
}

TEST_CASE("proxy rejects other schemes and bad ports") {
  CHECK_FALSE(parse_proxy("https://proxy.example:443").ok());
  CHECK_FALSE(parse_proxy("socks5://127.0.0.1:1080").ok());
  CHECK_FALSE(parse_proxy("proxy.example:0").ok());
  CHECK_FALSE(parse_proxy("proxy.example:99999").ok());
  CHECK_FALSE(parse_proxy("http://:8080").ok());
  auto error = parse_proxy("socks5://bob:pw@127.0.0.1:1080");
  REQUIRE_FALSE(error.ok());
  CHECK(error.error().message.find("pw") == std::string::npos);
}

TEST_CASE("no_proxy matches hosts and subdomains like curl") {
  CHECK(bypasses_proxy("example.social", "example.social"));
  CHECK(bypasses_proxy("example.social", "streaming.example.social"));
  CHECK(bypasses_proxy(".example.social", "streaming.example.social"));
  CHECK(bypasses_proxy("a.org, Example.Social", "EXAMPLE.social"));
  CHECK(bypasses_proxy("a.org example.social", "example.social"));
  CHECK(bypasses_proxy("*", "anything.example"));
  CHECK(bypasses_proxy("127.0.0.1", "127.0.0.1"));
  CHECK(bypasses_proxy("[::1]", "::1"));
  CHECK_FALSE(bypasses_proxy("example.social", "notexample.social"));
  CHECK_FALSE(bypasses_proxy("streaming.example.social", "example.social"));
  CHECK_FALSE(bypasses_proxy("", "example.social"));
  CHECK_FALSE(bypasses_proxy("*.example.social", "a.example.social"));
}

TEST_CASE("proxy selection follows the target scheme") {
  ProxyEnvironment env;
  env.https_proxy = "http://secure.proxy:3128";
  env.http_proxy = "http://plain.proxy:8080";

  CHECK(proxy_label_for(env, "https://example.social/") == "secure.proxy:3128");
  CHECK(proxy_label_for(env, "wss://example.social/") == "secure.proxy:3128");
  CHECK(proxy_label_for(env, "http://example.social/") == "plain.proxy:8080");
  CHECK(proxy_label_for(env, "ws://example.social/") == "plain.proxy:8080");
}

TEST_CASE("proxy selection goes direct without a variable or by no_proxy") {
  ProxyEnvironment env;
  CHECK(proxy_label_for(env, "https://example.social/") == "direct");

  env.https_proxy = "secure.proxy:3128";
  CHECK(proxy_label_for(env, "http://example.social/") == "direct");

  env.no_proxy = "social";
  CHECK(proxy_label_for(env, "https://example.social/") == "direct");
  CHECK(proxy_label_for(env, "https://example.org/") == "secure.proxy:3128");
}

TEST_CASE("loopback hosts use the proxy unless listed") {
  ProxyEnvironment env;
  env.http_proxy = "127.0.0.1:3128";
  CHECK(proxy_label_for(env, "http://localhost:3000/") == "127.0.0.1:3128");
  CHECK(proxy_label_for(env, "http://127.0.0.1:3000/") == "127.0.0.1:3128");
  env.no_proxy = "localhost";
  CHECK(proxy_label_for(env, "http://localhost:3000/") == "direct");
}

TEST_CASE("proxy environment check names the bad variable") {
  ProxyEnvironment env;
  CHECK(check_proxy_environment(env).ok());
  env.http_proxy = "socks5://127.0.0.1:1080";
  auto status = check_proxy_environment(env);
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message.find("http_proxy") == 0);
}

TEST_CASE("redirect keeps the token on the same host") {
  auto from = parse_url("wss://example.social/api/v1/streaming");
  REQUIRE(from.ok());
  CHECK(decide_redirect(*from, "/api/v1/streaming/", true).action ==
        RedirectAction::kFollowWithToken);
  CHECK(decide_redirect(*from, "wss://example.social:4000/x", false).action ==
        RedirectAction::kFollowWithToken);
}

TEST_CASE("redirect to another host drops the token or is rejected") {
  auto from = parse_url("wss://example.social/api/v1/streaming");
  REQUIRE(from.ok());
  auto header = decide_redirect(*from, "wss://streaming.example.social/", true);
  CHECK(header.action == RedirectAction::kFollowWithoutToken);
  CHECK(header.reason.find("streaming.example.social") != std::string::npos);

  auto protocol =
      decide_redirect(*from, "wss://streaming.example.social/", false);
  CHECK(protocol.action == RedirectAction::kReject);
  CHECK(decide_redirect(*from, "//evil.example/", true).action ==
        RedirectAction::kReject);
}

TEST_CASE("redirect from https to http is rejected") {
  auto from = parse_url("https://example.social/api/v1/streaming/public");
  REQUIRE(from.ok());
  auto verdict =
      decide_redirect(*from, "http://example.social/api/v1/streaming", true);
  CHECK(verdict.action == RedirectAction::kReject);
  CHECK(verdict.reason.find("not encrypted") != std::string::npos);
  CHECK(decide_redirect(*from, "ws://example.social/", true).action ==
        RedirectAction::kReject);

  auto plain = parse_url("http://127.0.0.1:3000/");
  REQUIRE(plain.ok());
  CHECK(decide_redirect(*plain, "https://127.0.0.1:3001/", true).action ==
        RedirectAction::kFollowWithToken);
}

TEST_CASE("redirect says when it needs TLS") {
  auto plain = parse_url("ws://127.0.0.1:3000/api/v1/streaming");
  REQUIRE(plain.ok());
  CHECK(decide_redirect(*plain, "wss://127.0.0.1:3001/", true).to_tls);
  CHECK(decide_redirect(*plain, "https://127.0.0.1:3001/", true).to_tls);
  CHECK_FALSE(decide_redirect(*plain, "ws://127.0.0.1:3001/", true).to_tls);
  // A path keeps the scheme, and the connection already has what it needs.
  CHECK_FALSE(decide_redirect(*plain, "/api/v1/streaming/", true).to_tls);
}

TEST_CASE("access tokens in URLs are masked") {
  CHECK(mask_access_token("ws://h/api/v1/streaming?access_token=abc") ==
        "ws://h/api/v1/streaming?access_token=***");
  CHECK(mask_access_token("/s?stream=user&access_token=abc&x=1") ==
        "/s?stream=user&access_token=***&x=1");
  CHECK(mask_access_token("/s?access_token=a&access_token=b") ==
        "/s?access_token=***&access_token=***");
  CHECK(mask_access_token("/s?stream=user") == "/s?stream=user");
}
