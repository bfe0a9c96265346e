"""End-to-end tests of the streaming transports against the fake instance:
server-sent events, the switch from WebSocket to SSE, the GoToSocial and
Pleroma dialects, --token-via, redirects of the streaming host, CONNECT
proxies, --insecure and the timelines_access warning."""

import json
import tempfile
import unittest

import harness
from connect_proxy import ConnectProxy
from harness import FakeInstance, Mastotail, TOKEN

STATUS = {
    "id": "110988741790818968",
    "created_at": "2026-12-04T10:00:00.000Z",
    "content": "<p>caf\u00e9 \U0001F600</p>",
    "account": {"id": "1", "username": "alice", "acct": "alice",
                "display_name": "Alice"},
    "url": "http://127.0.0.1/@alice/110988741790818968",
    "visibility": "public",
    "media_attachments": [],
}


def status(status_id, **fields):
    body = dict(STATUS, id=status_id)
    body.update(fields)
    return body


class TransportTestCase(unittest.TestCase):
    """Starts one fake instance per test and stops what the test started."""

    fake_options = {}

    def setUp(self):
        self.fake = FakeInstance(**self.fake_options).start()
        self.tail = Mastotail()
        self.others = []

    def tearDown(self):
        self.tail.kill()
        for other in self.others:
            other.stop()
        self.fake.stop()

    def follow(self, *args, subscriptions=1, env=None, fake=None):
        fake = fake or self.fake
        self.tail.start(["-i", fake.http_url, "--json", *args], env=env)
        fake.wait_for_subscriptions(subscriptions)

    def read_event(self):
        return json.loads(self.tail.read_line())


class SseTest(TransportTestCase):
    def test_forced_sse_streams_every_timeline(self):
        self.follow("--transport", "sse", "--public", "--tag", "Rust",
                    "--list", "7", "--notifications", subscriptions=4)
        connections = self.fake.connections()
        self.assertEqual(len(connections), 4)
        self.assertTrue(all(c.get("transport") == "sse" for c in connections))
        self.assertEqual(
            sorted(c["path"] for c in connections),
            ["/api/v1/streaming/hashtag?tag=Rust",
             "/api/v1/streaming/list?list=7",
             "/api/v1/streaming/public",
             "/api/v1/streaming/user/notification"])
        self.assertTrue(all(c["auth"] == "header" for c in connections))

        self.fake.publish("public", payload=status("1"))
        event = self.read_event()
        self.assertEqual(event["event"], "update")
        self.assertEqual(event["stream"], ["public"])
        self.assertEqual(event["payload"]["id"], "1")

        self.fake.publish("hashtag", tag="rust", event="delete",
                          payload="99")
        event = self.read_event()
        self.assertEqual(event, {"event": "delete",
                                 "stream": ["hashtag", "Rust"],
                                 "payload": "99"})

        self.fake.publish("list", list="7", payload=status("2"))
        event = self.read_event()
        self.assertEqual(event["stream"], ["list", "7"])

    def test_sse_media_variant_uses_only_media(self):
        self.follow("--transport", "sse", "--local", "--only-media")
        connection = self.fake.connections()[0]
        self.assertEqual(connection["path"],
                         "/api/v1/streaming/public/local?only_media=true")
        self.assertEqual(connection["subscriptions"],
                         [{"stream": "public:local:media"}])

    def test_sse_rejects_custom_stream(self):
        code, _, stderr = harness.run(
            ["-i", self.fake.http_url, "--transport", "sse", "--stream",
             "public:bubble"], timeout=20)
        self.assertEqual(code, 2)
        self.assertIn("no server-sent events endpoint", stderr)

    def test_sse_reconnects_after_end_of_stream(self):
        self.follow("--transport", "sse", "--public")
        self.assertEqual(self.fake.drop(), 1)
        self.fake.wait_for_subscriptions(1, timeout=15)
        self.fake.publish("public", payload=status("3"))
        self.assertEqual(self.read_event()["payload"]["id"], "3")

    def test_sse_bad_token_exits_3(self):
        code, _, stderr = harness.run(
            ["-i", self.fake.http_url, "--transport", "sse", "--public"],
            token="wrong-token", timeout=20)
        self.assertEqual(code, 3)
        self.assertIn("Invalid access token", stderr)


class FallbackTest(TransportTestCase):
    def test_auto_switches_to_sse_after_426(self):
        self.fake.reject(status=426, headers={"Upgrade": "websocket"})
        self.follow("--public", "--tag", "rust", subscriptions=2)
        connections = self.fake.connections()
        self.assertTrue(all(c.get("transport") == "sse" for c in connections))
        self.assertIn("using server-sent events", self.tail.stderr())

        self.fake.publish("public", payload=status("4"))
        self.assertEqual(self.read_event()["payload"]["id"], "4")

    def test_auto_switches_after_upgrade_answered_200(self):
        self.fake.reject(status=200, body="<html>a proxy page</html>",
                         headers={"Content-Type": "text/html"})
        self.follow("--public")
        self.assertEqual(self.fake.connections()[0].get("transport"), "sse")

    def test_transport_ws_keeps_426_fatal(self):
        self.fake.reject(status=426)
        code, _, stderr = harness.run(
            ["-i", self.fake.http_url, "--transport", "ws", "--public"],
            timeout=20)
        self.assertEqual(code, 4)
        self.assertNotIn("server-sent events", stderr)

    def test_no_fallback_for_custom_stream(self):
        self.fake.reject(status=404)
        code, _, stderr = harness.run(
            ["-i", self.fake.http_url, "--stream", "public:bubble"],
            timeout=20)
        self.assertEqual(code, 4)
        self.assertIn("no server-sent events endpoint", stderr)


class GoToSocialTest(TransportTestCase):
    fake_options = {"dialect": "gotosocial"}

    def test_home_public_list_and_tag(self):
        self.follow("--home", "--public", "--list", "01HQ3Z", "--tag", "rust",
                    subscriptions=4)
        connection = self.fake.connections()[0]
        self.assertEqual(connection["auth"], "header")

        self.fake.publish("list", list="01HQ3Z",
                          payload=status("01HQ3ZB0KCNRFGGS3J2ZXN6A7C"))
        event = self.read_event()
        self.assertEqual(event["stream"], ["list:01HQ3Z"])
        self.assertEqual(event["payload"]["id"],
                         "01HQ3ZB0KCNRFGGS3J2ZXN6A7C")

        self.assertEqual(self.fake.publish("hashtag", tag="rust",
                                           payload=status("01HQ40")), 0)
        self.fake.publish("user", event="delete",
                          payload="01HQ3ZB0KCNRFGGS3J2ZXN6A7D")
        event = self.read_event()
        self.assertEqual(event, {"event": "delete", "stream": ["user"],
                                 "payload": "01HQ3ZB0KCNRFGGS3J2ZXN6A7D"})

    def test_text_output_routes_list_events(self):
        self.tail.start(["-i", self.fake.http_url, "--list", "01HQ3Z",
                         "--color", "never"])
        self.fake.wait_for_subscriptions(1)
        self.fake.publish("list", list="01HQ3Z",
                          payload=status("01HQ3ZB0KC", content="<p>ulid</p>"))
        lines = [self.tail.read_line() for _ in range(2)]
        self.assertTrue(any("ulid" in line for line in lines), lines)

    def test_no_sse_fallback_without_sse(self):
        self.fake.reject(status=426)
        code, _, stderr = harness.run(
            ["-i", self.fake.http_url, "--public"], timeout=20)
        self.assertEqual(code, 4)
        self.assertIn("using server-sent events", stderr)
        self.assertIn("404", stderr)


class PleromaTest(TransportTestCase):
    fake_options = {"dialect": "pleroma"}

    def test_token_moves_to_protocol_after_401(self):
        self.follow("--home", "--public", "--list", "12", "--tag", "rust",
                    subscriptions=4)
        connection = self.fake.connections()[0]
        self.assertEqual(connection["auth"], "protocol")
        self.assertNotIn("authorization", connection["headers"])
        self.assertIn("Sec-WebSocket-Protocol", self.tail.stderr())

        self.fake.publish("hashtag", tag="rust", payload=status("A1b2"))
        event = self.read_event()
        self.assertEqual(event["stream"], ["hashtag", "rust"])
        self.assertEqual(event["payload"]["id"], "A1b2")

    def test_respond_replies_stay_out_of_text_output(self):
        self.tail.start(["-i", self.fake.http_url, "--public",
                         "--color", "never"])
        self.fake.wait_for_subscriptions(1)
        self.fake.publish("public", payload=status("A2", content="<p>hi</p>"))
        text = "\n".join(self.tail.read_line() for _ in range(2))
        self.assertIn("hi", text)
        self.assertNotIn("pleroma:respond", text)
        self.assertNotIn("pleroma:respond", self.tail.stderr())

    def test_delete_without_stream_uses_the_subscription(self):
        self.follow("--public")
        self.fake.publish("public", event="delete", payload="A3")
        self.assertEqual(self.read_event(), {"event": "delete",
                                             "stream": ["public"],
                                             "payload": "A3"})

    def test_token_via_header_fails_with_exit_3(self):
        code, _, stderr = harness.run(
            ["-i", self.fake.http_url, "--public", "--token-via", "header"],
            timeout=20)
        self.assertEqual(code, 3)
        self.assertIn("Missing access token", stderr)

    def test_token_via_query_masks_the_token(self):
        self.follow("--public", "--token-via", "query", "-vv")
        connection = self.fake.connections()[0]
        self.assertEqual(connection["auth"], "query")
        self.fake.publish("public", payload=status("A4"))
        self.assertEqual(self.read_event()["payload"]["id"], "A4")
        self.tail.interrupt()
        self.tail.wait()
        self.assertIn("access_token=***", self.tail.stderr())
        self.assertNotIn(TOKEN, self.tail.stderr())

    def test_unsupported_stream_is_reported(self):
        self.tail.start(["-i", self.fake.http_url, "--json", "--public",
                         "--local-tag", "rust"])
        self.fake.wait_for_subscriptions(1)
        harness.wait_until(lambda: "rejected" in self.tail.stderr(),
                           message="a rejected subscription")


class RedirectTest(TransportTestCase):
    def start_target(self, **options):
        target = FakeInstance(**options).start()
        self.others.append(target)
        return target

    def redirect_to(self, location, count=5):
        self.fake.reject(count=count, status=301,
                         headers={"Location": location})

    def test_token_not_forwarded_to_another_host(self):
        target = self.start_target()
        self.redirect_to(f"ws://localhost:{target.port}/api/v1/streaming")
        code, _, stderr = harness.run(
            ["-i", self.fake.http_url, "--public", "--token-via", "header"],
            timeout=30)
        self.assertEqual(code, 3)
        self.assertIn("following without the access token", stderr)
        requests = target.requests()
        self.assertTrue(requests, "the redirect was not followed")
        for request in requests:
            self.assertNotIn("authorization", request["headers"])
            self.assertNotIn(TOKEN, request["path"])

    def test_token_forwarded_on_the_same_host(self):
        target = self.start_target()
        self.redirect_to(f"ws://127.0.0.1:{target.port}/api/v1/streaming")
        self.follow("--public", fake=target)
        connection = target.connections()[0]
        self.assertEqual(connection["auth"], "header")
        self.assertEqual(connection["headers"]["authorization"],
                         f"Bearer {TOKEN}")

    def test_protocol_token_never_follows_to_another_host(self):
        target = self.start_target()
        self.redirect_to(f"ws://localhost:{target.port}/api/v1/streaming")
        code, _, stderr = harness.run(
            ["-i", self.fake.http_url, "--public", "--token-via",
             "protocol"], timeout=30)
        self.assertEqual(code, 1)
        self.assertIn("cannot be left out", stderr)
        self.assertEqual(target.requests(), [])


class TlsTest(TransportTestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.certs = harness.make_certs(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def setUp(self):
        self.fake_options = {"tls_cert": self.certs["server"],
                             "tls_key": self.certs["server_key"]}
        super().setUp()

    def start_self_signed(self):
        fake = FakeInstance(tls_cert=self.certs["self"],
                            tls_key=self.certs["self_key"]).start()
        self.others.append(fake)
        return fake

    def test_https_to_http_redirect_is_rejected(self):
        target = FakeInstance().start()
        self.others.append(target)
        self.fake.reject(count=5, status=301, headers={
            "Location": f"ws://127.0.0.1:{target.port}/api/v1/streaming"})
        code, _, stderr = harness.run(
            ["-i", self.fake.http_url, "--cacert", self.certs["ca"],
             "--public"], timeout=30)
        self.assertEqual(code, 1)
        self.assertIn("not encrypted; not following it", stderr)
        self.assertEqual(target.requests(), [])

    def test_ws_redirect_to_wss_is_followed(self):
        # lws 4.1.6 follows a redirect on the vhost of the first connection,
        # so TLS must be set up before it follows. The CA comes from
        # SSL_CERT_FILE: --cacert would set TLS up at start-up.
        plain = FakeInstance().start()
        self.others.append(plain)
        plain.reject(count=5, status=301, headers={
            "Location": f"wss://127.0.0.1:{self.fake.port}/api/v1/streaming"})
        self.tail.start(["-i", plain.http_url, "--json", "--public"],
                        env={"SSL_CERT_FILE": self.certs["ca"]})
        self.fake.wait_for_subscriptions(1, timeout=5)
        self.fake.publish("public", payload=status("8"))
        self.assertEqual(self.read_event()["payload"]["id"], "8")

    def test_self_signed_needs_insecure(self):
        fake = self.start_self_signed()
        code, _, _ = harness.run(["-i", fake.http_url, "--public"],
                                 timeout=30)
        self.assertEqual(code, 6)

    def test_insecure_accepts_self_signed(self):
        fake = self.start_self_signed()
        self.follow("--public", "--insecure", fake=fake)
        self.assertIn("--insecure", self.tail.stderr())
        fake.publish("public", payload=status("5"))
        self.assertEqual(self.read_event()["payload"]["id"], "5")

    def test_https_proxy_tunnels_wss(self):
        with ConnectProxy() as proxy:
            self.follow("--public", "--cacert", self.certs["ca"],
                        env={"HTTPS_PROXY": proxy.url})
            target = f"127.0.0.1:{self.fake.port}"
            self.assertIn(target, proxy.connect_targets())
            self.assertGreaterEqual(proxy.connect_targets().count(target), 2)
            self.fake.publish("public", payload=status("6"))
            self.assertEqual(self.read_event()["payload"]["id"], "6")


class ProxyTest(TransportTestCase):
    def test_http_proxy_tunnels_rest_and_websocket(self):
        with ConnectProxy() as proxy:
            self.follow("--public", env={"http_proxy": proxy.url})
            target = f"127.0.0.1:{self.fake.port}"
            # Discovery over REST, then the WebSocket.
            self.assertGreaterEqual(proxy.connect_targets().count(target), 2)
            self.fake.publish("public", payload=status("7"))
            self.assertEqual(self.read_event()["payload"]["id"], "7")

    def test_no_proxy_goes_direct(self):
        with ConnectProxy() as proxy:
            self.follow("--public", env={"http_proxy": proxy.url,
                                         "NO_PROXY": "example.org,127.0.0.1"})
            self.assertEqual(proxy.connect_targets(), [])

    def test_uppercase_http_proxy_is_ignored(self):
        with ConnectProxy() as proxy:
            self.follow("--public", env={"HTTP_PROXY": proxy.url})
            self.assertEqual(proxy.connect_targets(), [])

    def test_proxy_407_stops_with_clear_error(self):
        with ConnectProxy(refuse_status=407) as proxy:
            code, _, stderr = harness.run(
                ["-i", self.fake.http_url, "--public"],
                env={"http_proxy": proxy.url}, timeout=30)
            self.assertEqual(code, 1)
            self.assertIn(f"the proxy at 127.0.0.1:{proxy.port} refused "
                          "the connection (authentication required?)", stderr)
            self.assertEqual(len(proxy.connect_targets()), 1)

    def test_invalid_proxy_is_a_usage_error(self):
        code, _, stderr = harness.run(
            ["-i", self.fake.http_url, "--public"],
            env={"http_proxy": "socks5://127.0.0.1:1"}, timeout=20)
        self.assertEqual(code, 2)
        self.assertIn("http_proxy", stderr)


class TimelinesAccessTest(TransportTestCase):
    fake_options = {"timelines_access": json.dumps({
        "live_feeds": {"local": "disabled", "remote": "disabled"},
        "hashtag_feeds": {"local": "public", "remote": "disabled"},
        "trending_link_feeds": {"local": "public", "remote": "public"}})}

    def test_disabled_feeds_are_reported_at_start(self):
        self.follow("--public", "--tag", "rust", "--local-tag", "go",
                    "--home", subscriptions=4)
        stderr = self.tail.stderr()
        self.assertIn("public: the instance shows this feed only", stderr)
        self.assertIn("hashtag #rust: the instance shows remote statuses",
                      stderr)
        self.assertNotIn("hashtag:local #go:", stderr)
        self.assertNotIn("user:", stderr)


if __name__ == "__main__":
    harness.run_tests()
