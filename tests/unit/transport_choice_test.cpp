#include "app/transport_choice.h"

#include <doctest/doctest.h>

#include "app/sse_streams.h"
#include "decode/instance.h"
#include "decode/pleroma_reply.h"

using mastotail::app::initial_token_via;
using mastotail::app::sse_envelope;
using mastotail::app::sse_url;
using mastotail::app::token_rejected;
using mastotail::app::token_via_after_rejection;
using mastotail::app::websocket_refused;
using mastotail::cli::Timeline;
using mastotail::cli::TokenViaMode;
using mastotail::net::Failure;
using mastotail::net::FailureKind;
using mastotail::net::TokenVia;

namespace {

Failure status_failure(int status) {
  Failure failure;
  failure.kind = FailureKind::kHttpStatus;
  failure.http_status = status;
  return failure;
}

std::string sse_path(const Timeline& timeline) {
  auto endpoint =
      mastotail::net::parse_url("wss://example.social/api/v1/streaming");
  REQUIRE(endpoint.ok());
  auto url = sse_url(*endpoint, timeline);
  REQUIRE(url.ok());
  CHECK(url->scheme == "https");
  return url->path;
}

}  // namespace

TEST_CASE("websocket refusal statuses allow the switch to SSE") {
  for (int status : {400, 404, 426, 200}) {
    CAPTURE(status);
    CHECK(websocket_refused(status_failure(status)));
  }
  for (int status : {401, 403, 410, 429, 500, 502, 503}) {
    CAPTURE(status);
    CHECK_FALSE(websocket_refused(status_failure(status)));
  }
  Failure refused;
  refused.kind = FailureKind::kRefused;
  CHECK_FALSE(websocket_refused(refused));
}

TEST_CASE("token rejection is a 401 at the handshake") {
  CHECK(token_rejected(status_failure(401)));
  CHECK_FALSE(token_rejected(status_failure(403)));
  CHECK_FALSE(token_rejected(status_failure(426)));
}

TEST_CASE("token via auto starts with the header and tries protocol once") {
  CHECK(initial_token_via(TokenViaMode::kAuto) == TokenVia::kHeader);
  auto next = token_via_after_rejection(TokenViaMode::kAuto, TokenVia::kHeader);
  REQUIRE(next.has_value());
  CHECK(*next == TokenVia::kProtocol);
  CHECK_FALSE(
      token_via_after_rejection(TokenViaMode::kAuto, TokenVia::kProtocol));
}

TEST_CASE("token via explicit modes never switch") {
  CHECK(initial_token_via(TokenViaMode::kHeader) == TokenVia::kHeader);
  CHECK(initial_token_via(TokenViaMode::kProtocol) == TokenVia::kProtocol);
  CHECK(initial_token_via(TokenViaMode::kQuery) == TokenVia::kQuery);
  CHECK_FALSE(
      token_via_after_rejection(TokenViaMode::kHeader, TokenVia::kHeader));
  CHECK_FALSE(
      token_via_after_rejection(TokenViaMode::kProtocol, TokenVia::kProtocol));
  CHECK_FALSE(
      token_via_after_rejection(TokenViaMode::kQuery, TokenVia::kQuery));
}

TEST_CASE("sse url maps every Mastodon stream") {
  CHECK(sse_path({"user", "", ""}) == "/api/v1/streaming/user");
  CHECK(sse_path({"user:notification", "", ""}) ==
        "/api/v1/streaming/user/notification");
  CHECK(sse_path({"public", "", ""}) == "/api/v1/streaming/public");
  CHECK(sse_path({"public:media", "", ""}) ==
        "/api/v1/streaming/public?only_media=true");
  CHECK(sse_path({"public:local", "", ""}) == "/api/v1/streaming/public/local");
  CHECK(sse_path({"public:local:media", "", ""}) ==
        "/api/v1/streaming/public/local?only_media=true");
  CHECK(sse_path({"public:remote", "", ""}) ==
        "/api/v1/streaming/public/remote");
  CHECK(sse_path({"public:remote:media", "", ""}) ==
        "/api/v1/streaming/public/remote?only_media=true");
  CHECK(sse_path({"hashtag", "tag", "caf\xC3\xA9 x"}) ==
        "/api/v1/streaming/hashtag?tag=caf%C3%A9%20x");
  CHECK(sse_path({"hashtag:local", "tag", "rust"}) ==
        "/api/v1/streaming/hashtag/local?tag=rust");
  CHECK(sse_path({"list", "list", "12"}) == "/api/v1/streaming/list?list=12");
  CHECK(sse_path({"direct", "", ""}) == "/api/v1/streaming/direct");
}

TEST_CASE("sse url keeps a path prefix and rejects custom streams") {
  auto endpoint = mastotail::net::parse_url(
      "ws://127.0.0.1:4000/mastodon/api/v1/streaming");
  REQUIRE(endpoint.ok());
  auto url = sse_url(*endpoint, {"public", "", ""});
  REQUIRE(url.ok());
  CHECK(url->text() ==
        "http://127.0.0.1:4000/mastodon/api/v1/streaming/public");
  CHECK_FALSE(sse_url(*endpoint, {"public:bubble", "", ""}).ok());
}

TEST_CASE("sse envelope quotes the data as the payload string") {
  mastotail::net::SseEvent event{"update", R"({"id":"1","t":"a\"b"})", 0};
  CHECK(sse_envelope(R"(["hashtag","rust"])", event) ==
        R"({"stream":["hashtag","rust"],"event":"update",)"
        R"("payload":"{\"id\":\"1\",\"t\":\"a\\\"b\"}"})");
  mastotail::net::SseEvent undefined{"filters_changed", "undefined", 0};
  CHECK(sse_envelope(R"(["user"])", undefined) ==
        R"({"stream":["user"],"event":"filters_changed"})");
}

TEST_CASE("pleroma reply decodes result, type and error") {
  auto reply = mastotail::decode::decode_pleroma_reply(
      R"({"event":"pleroma:respond","payload":)"
      R"("{\"result\":\"error\",\"type\":\"subscribe\",)"
      R"(\"error\":\"unauthorized\"}"})");
  REQUIRE(reply.has_value());
  CHECK(reply->result == "error");
  CHECK(reply->type == "subscribe");
  CHECK(reply->error == "unauthorized");
  CHECK_FALSE(mastotail::decode::decode_pleroma_reply(
      R"({"stream":["public"],"event":"update","payload":"pleroma:respond"})"));
}

TEST_CASE("pleroma reply found at either end of long message") {
  std::string padding(3000, 'x');
  auto event_first = mastotail::decode::decode_pleroma_reply(
      R"({"event":"pleroma:respond","payload":"{\"result\":\"success\",)"
      R"(\"type\":\"subscribe\",\"topic\":\")" +
      padding + R"(\"}"})");
  REQUIRE(event_first.has_value());
  CHECK(event_first->result == "success");

  auto event_last = mastotail::decode::decode_pleroma_reply(
      R"({"payload":"{\"result\":\"error\",\"error\":\")" + padding +
      R"(\"}","event":"pleroma:respond"})");
  REQUIRE(event_last.has_value());
  CHECK(event_last->result == "error");
}

TEST_CASE("instance decodes timelines_access") {
  auto info = mastotail::decode::decode_instance_v2(
      R"({"configuration":{"urls":{"streaming":"wss://s.example"},)"
      R"("timelines_access":{"live_feeds":{"local":"public",)"
      R"("remote":"disabled"},"hashtag_feeds":{"local":"authenticated",)"
      R"("remote":"disabled"}}}})");
  REQUIRE(info.ok());
  CHECK(info->live_feeds.local == "public");
  CHECK(info->live_feeds.remote == "disabled");
  CHECK(info->hashtag_feeds.local == "authenticated");
  CHECK(info->hashtag_feeds.remote == "disabled");

  auto old = mastotail::decode::decode_instance_v2(
      R"({"configuration":{"urls":{"streaming":"wss://s.example"}}})");
  REQUIRE(old.ok());
  CHECK(old->live_feeds.local.empty());
}
