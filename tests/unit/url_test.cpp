#include "net/url.h"

#include "net/failure.h"

#include <doctest/doctest.h>

using mastotail::net::is_loopback_host;
using mastotail::net::parse_instance;
using mastotail::net::parse_url;
using mastotail::net::with_scheme_family;

TEST_CASE("url parses scheme, host, port and path") {
  auto url = parse_url("wss://Streaming.Example.social:8443/api/v1/streaming");
  REQUIRE(url.ok());
  CHECK(url->scheme == "wss");
  CHECK(url->host == "streaming.example.social");
  CHECK(url->port == 8443);
  CHECK(url->path == "/api/v1/streaming");
  CHECK(url->tls());
  CHECK(url->host_header() == "streaming.example.social:8443");
}

TEST_CASE("url uses default ports and root path") {
  auto url = parse_url("https://example.social");
  REQUIRE(url.ok());
  CHECK(url->port == 443);
  CHECK(url->path == "/");
  CHECK(url->host_header() == "example.social");
  CHECK(parse_url("ws://127.0.0.1")->port == 80);
}

TEST_CASE("url keeps the query string") {
  auto url = parse_url("http://127.0.0.1:4000?x=1");
  REQUIRE(url.ok());
  CHECK(url->path == "/?x=1");
}

TEST_CASE("url rejects bad input") {
  CHECK_FALSE(parse_url("example.social").ok());
  CHECK_FALSE(parse_url("ftp://example.social").ok());
  CHECK_FALSE(parse_url("https://").ok());
  CHECK_FALSE(parse_url("https://user:pw@example.social").ok());
  CHECK_FALSE(parse_url("https://example.social:0").ok());
  CHECK_FALSE(parse_url("https://example.social:99999").ok());
  CHECK_FALSE(parse_url("https://exa mple.social").ok());
  CHECK_FALSE(parse_url("https://example.social/#frag").ok());
}

TEST_CASE("url handles IPv6 literals") {
  auto url = parse_url("http://[::1]:8080/x");
  REQUIRE(url.ok());
  CHECK(url->host == "::1");
  CHECK(url->port == 8080);
  CHECK(url->host_header() == "[::1]:8080");
}

TEST_CASE("instance accepts a bare host") {
  auto url = parse_instance("mastodon.social");
  REQUIRE(url.ok());
  CHECK(url->text() == "https://mastodon.social/");
  auto local = parse_instance("http://127.0.0.1:3000/some/path");
  REQUIRE(local.ok());
  CHECK(local->text() == "http://127.0.0.1:3000/");
  CHECK_FALSE(parse_instance("").ok());
}

TEST_CASE("scheme family maps between http and ws") {
  auto url = parse_url("https://example.social/a");
  REQUIRE(url.ok());
  CHECK(with_scheme_family(*url, true).scheme == "wss");
  CHECK(with_scheme_family(*url, false).scheme == "https");
  auto plain = parse_url("ws://127.0.0.1:9/");
  CHECK(with_scheme_family(*plain, false).scheme == "http");
}

TEST_CASE("loopback hosts") {
  CHECK(is_loopback_host("localhost"));
  CHECK(is_loopback_host("127.0.0.1"));
  CHECK(is_loopback_host("127.1.2.3"));
  CHECK(is_loopback_host("::1"));
  CHECK_FALSE(is_loopback_host("example.social"));
  CHECK_FALSE(is_loopback_host("128.0.0.1"));
}

TEST_CASE("a connect call that fails at once is a name lookup failure") {
  auto failure = mastotail::net::failure_to_start("no-such-host.test", "");
  CHECK(failure.kind == mastotail::net::FailureKind::kDns);
  CHECK(failure.describe().find("no-such-host.test") != std::string::npos);
  auto tls = mastotail::net::failure_to_start("x", "hostname mismatch");
  CHECK(tls.kind == mastotail::net::FailureKind::kTls);
  CHECK(tls.certificate_error);
}
