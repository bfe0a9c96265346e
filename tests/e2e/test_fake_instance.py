"""Tests of the fake Mastodon instance itself, through RawWebSocket."""

import datetime
import json
import os
import re
import ssl
import tempfile
import time
import unittest

from harness import (TOKEN, FakeInstance, HandshakeError, RawWebSocket,
                     http_get, make_certs, run_tests)

SAMPLE_TIMELINE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               "..", "fake", "sample_timeline.ndjson")


class UpgradeAuthTest(unittest.TestCase):
    def setUp(self):
        self.fake = FakeInstance().start()
        self.addCleanup(self.fake.stop)

    def test_missing_token_gets_401(self):
        with self.assertRaises(HandshakeError) as caught:
            RawWebSocket.open(self.fake, auth=None)
        self.assertEqual(caught.exception.status, 401)
        self.assertEqual(caught.exception.headers["x-error-message"],
                         "Missing access token")
        self.assertEqual(caught.exception.headers["connection"], "close")
        self.assertEqual(caught.exception.body, b"")

    def test_invalid_token_gets_401(self):
        with self.assertRaises(HandshakeError) as caught:
            RawWebSocket.open(self.fake, token="not-a-token")
        self.assertEqual(caught.exception.status, 401)
        self.assertEqual(caught.exception.headers["x-error-message"],
                         "Invalid access token")

    def test_header_token_wins_over_query(self):
        with self.assertRaises(HandshakeError) as caught:
            RawWebSocket.open(
                self.fake, token="bad",
                path=f"/api/v1/streaming?access_token={TOKEN}")
        self.assertEqual(caught.exception.headers["x-error-message"],
                         "Invalid access token")

    def test_each_transport_is_recorded(self):
        for auth in ("header", "query", "protocol"):
            with RawWebSocket.open(self.fake, auth=auth) as ws:
                connections = self.fake.wait_for_connections(1)
                self.assertEqual(connections[0]["auth"], auth)
            self.fake.wait_for_connections(0)

    def test_protocol_token_is_echoed(self):
        with RawWebSocket.open(self.fake, auth="protocol") as ws:
            self.assertEqual(ws.response_headers["sec-websocket-protocol"],
                             TOKEN)

    def test_handshakes_count_rejected_upgrades(self):
        with self.assertRaises(HandshakeError):
            RawWebSocket.open(self.fake, auth=None)
        with RawWebSocket.open(self.fake):
            self.fake.wait_for_connections(1)
        self.assertEqual(self.fake.state()["handshakes"], 2)


class RestEndpointTest(unittest.TestCase):
    def test_instance_endpoints_announce_streaming_url(self):
        with FakeInstance() as fake:
            status, _, body = http_get(fake.http_url + "/api/v2/instance")
            self.assertEqual(status, 200)
            v2 = json.loads(body)
            self.assertEqual(v2["configuration"]["urls"]["streaming"],
                             f"ws://127.0.0.1:{fake.port}")

            status, _, body = http_get(fake.http_url + "/api/v1/instance")
            self.assertEqual(status, 200)
            v1 = json.loads(body)
            self.assertEqual(v1["urls"]["streaming_api"],
                             f"ws://127.0.0.1:{fake.port}")
            self.assertEqual(v1["version"], "4.3.0")

    def test_health_answers_ok(self):
        with FakeInstance() as fake:
            status, headers, body = http_get(
                fake.http_url + "/api/v1/streaming/health")
            self.assertEqual(status, 200)
            self.assertEqual(body, b"OK")
            self.assertTrue(headers["content-type"].startswith("text/plain"))

    def test_no_v2_and_custom_streaming_url(self):
        url = "ws://127.0.0.1:1/elsewhere"
        with FakeInstance(no_v2=True, streaming_url=url) as fake:
            status, _, _ = http_get(fake.http_url + "/api/v2/instance")
            self.assertEqual(status, 404)
            _, _, body = http_get(fake.http_url + "/api/v1/instance")
            self.assertEqual(json.loads(body)["urls"]["streaming_api"], url)

    def test_requests_are_recorded_with_headers(self):
        with FakeInstance() as fake:
            http_get(fake.http_url + "/api/v1/instance",
                     headers={"User-Agent": "probe/1.0"})
            requests = fake.requests()
            self.assertEqual(requests[-1]["path"], "/api/v1/instance")
            self.assertEqual(requests[-1]["headers"]["user-agent"],
                             "probe/1.0")


class RoutingTest(unittest.TestCase):
    def setUp(self):
        self.fake = FakeInstance().start()
        self.addCleanup(self.fake.stop)
        self.ws = RawWebSocket.open(self.fake)
        self.addCleanup(self.ws.close)

    def test_hashtag_echoes_tag_as_sent(self):
        self.ws.subscribe("hashtag", tag="Café")
        self.fake.wait_for_subscriptions(1)
        sent = self.fake.publish("hashtag", "update", '{"id":"1"}',
                                 tag="café")
        self.assertEqual(sent, 1)
        text = self.ws.recv_text()
        self.assertEqual(
            text, '{"stream":["hashtag","Café"],"event":"update",'
            '"payload":"{\\"id\\":\\"1\\"}"}')

    def test_tag_match_ignores_ascii_case(self):
        self.ws.subscribe("hashtag", tag="Rust")
        self.fake.wait_for_subscriptions(1)
        self.assertEqual(self.fake.publish("hashtag", payload="x",
                                           tag="RUST"), 1)
        self.assertEqual(self.ws.recv_json()["stream"], ["hashtag", "Rust"])

    def test_list_and_plain_streams(self):
        self.ws.subscribe("list", list="12")
        self.ws.subscribe("public:local")
        self.fake.wait_for_subscriptions(2)
        self.fake.publish("list", "delete", "99", list="12")
        self.fake.publish("public:local", "status.update", "{}")
        self.assertEqual(self.ws.recv_json(),
                         {"stream": ["list", "12"], "event": "delete",
                          "payload": "99"})
        self.assertEqual(self.ws.recv_json()["stream"], ["public:local"])

    def test_other_streams_receive_nothing(self):
        self.ws.subscribe("public")
        self.fake.wait_for_subscriptions(1)
        self.assertEqual(self.fake.publish("public:local", payload="x"), 0)
        self.assertEqual(self.fake.publish("hashtag", payload="x",
                                           tag="other"), 0)
        self.assertTrue(self.ws.expect_silence(0.3))

    def test_publish_to_several_streams(self):
        self.ws.subscribe("public")
        self.ws.subscribe("hashtag", tag="rust")
        self.fake.wait_for_subscriptions(2)
        sent = self.fake.publish_many(
            ["public", {"stream": "hashtag", "tag": "rust"}], "update", "{}")
        self.assertEqual(sent, 2)
        streams = [self.ws.recv_json()["stream"] for _ in range(2)]
        self.assertIn(["public"], streams)
        self.assertIn(["hashtag", "rust"], streams)

    def test_payload_forms(self):
        self.ws.subscribe("user")
        self.fake.wait_for_subscriptions(1)
        self.fake.publish("user", "filters_changed")
        self.assertEqual(self.ws.recv_text(),
                         '{"stream":["user"],"event":"filters_changed"}')
        self.fake.publish("user", "notification", payload_json={"a": 1})
        self.assertEqual(self.ws.recv_json()["payload"], {"a": 1})
        self.fake.publish("user", "update", payload={"text": "日本語 é"})
        message = self.ws.recv_json()
        self.assertEqual(json.loads(message["payload"]),
                         {"text": "日本語 é"})

    def test_duplicate_subscription_is_ignored(self):
        self.ws.subscribe("public")
        self.ws.subscribe("public")
        self.ws.subscribe("hashtag", tag="Rust")
        self.ws.subscribe("hashtag", tag="rust")
        self.fake.wait_for_subscriptions(2)
        time.sleep(0.2)
        connection = self.fake.connections()[0]
        self.assertEqual(connection["subscriptions"],
                         [{"stream": "public"},
                          {"stream": "hashtag", "tag": "Rust"}])
        self.assertEqual(self.fake.publish("public", payload="x"), 1)

    def test_unsubscribe_stops_delivery(self):
        self.ws.subscribe("hashtag", tag="rust")
        self.fake.wait_for_subscriptions(1)
        self.ws.unsubscribe("hashtag", tag="RUST")
        self.fake.wait_for_subscriptions(
            lambda connections: not connections[0]["subscriptions"])
        self.assertEqual(self.fake.publish("hashtag", payload="x",
                                           tag="rust"), 0)

    def test_stream_in_query_subscribes_at_once(self):
        with RawWebSocket.open(
                self.fake, path="/api/v1/streaming?stream=hashtag&tag=a%20b"
        ) as ws:
            self.fake.wait_for_subscriptions(1)
            self.fake.publish("hashtag", payload="x", tag="a b")
            self.assertEqual(ws.recv_json()["stream"], ["hashtag", "a b"])


class ErrorFrameTest(unittest.TestCase):
    def setUp(self):
        self.fake = FakeInstance(list_ids=["12"]).start()
        self.addCleanup(self.fake.stop)
        self.ws = RawWebSocket.open(self.fake)
        self.addCleanup(self.ws.close)

    def assert_error(self, message, expected):
        self.ws.send_json(message)
        self.assertEqual(self.ws.recv_text(), expected)

    def test_bad_subscriptions_get_mastodon_errors(self):
        cases = [
            ({"type": "subscribe", "stream": "nonsense"},
             '{"error":"Unknown stream type","status":400}'),
            ({"type": "subscribe", "stream": "hashtag"},
             '{"error":"Missing tag name parameter","status":400}'),
            ({"type": "subscribe", "stream": "hashtag:local", "tag": ""},
             '{"error":"Missing tag name parameter","status":400}'),
            ({"type": "subscribe", "stream": "list"},
             '{"error":"Missing list name parameter","status":400}'),
            ({"type": "subscribe", "stream": "list", "list": "13"},
             '{"error":"Not authorized to stream this list","status":401}'),
            ({"type": "unsubscribe", "stream": "nonsense"},
             '{"error":"Error unsubscribing from channel"}'),
        ]
        for message, expected in cases:
            with self.subTest(message=message):
                self.assert_error(message, expected)

    def test_socket_stays_open_after_errors(self):
        self.assert_error({"type": "subscribe", "stream": "nonsense"},
                          '{"error":"Unknown stream type","status":400}')
        self.ws.send_text("not json")
        self.ws.send_json({"type": "dance", "stream": "public"})
        self.ws.subscribe("list", list=12)
        self.fake.wait_for_subscriptions(1)
        self.fake.publish("list", payload="x", list="12")
        self.assertEqual(self.ws.recv_json()["stream"], ["list", "12"])

    def test_binary_frame_closes_with_1003(self):
        self.ws.send_binary(b"\x00\x01")
        message = self.ws.recv()
        self.assertEqual(message.kind, "close")
        self.assertEqual(message.data[0], 1003)
        self.assertIn("binary", message.data[1])


class FaultInjectionTest(unittest.TestCase):
    def setUp(self):
        self.fake = FakeInstance(ping_interval=1).start()
        self.addCleanup(self.fake.stop)
        self.ws = RawWebSocket.open(self.fake)
        self.addCleanup(self.ws.close)
        self.fake.wait_for_connections(1)

    def test_ping_arrives(self):
        message = self.ws.recv(timeout=3)
        self.assertEqual(message.kind, "ping")

    def test_answered_pings_keep_socket_open(self):
        self.assertTrue(self.ws.expect_silence(3.5))
        self.assertGreaterEqual(self.ws.pings_received, 2)
        self.assertEqual(len(self.fake.connections()), 1)

    def test_unanswered_ping_ends_connection(self):
        kinds = [self.ws.recv(timeout=5).kind for _ in range(2)]
        self.assertEqual(kinds, ["ping", "eof"])

    def test_drop_with_code_and_reason(self):
        self.assertEqual(self.fake.drop(code=4001, reason="bye"), 1)
        message = self._next_non_ping()
        self.assertEqual(message.kind, "close")
        self.assertEqual(message.data, (4001, "bye"))

    def test_drop_without_code_sends_empty_close(self):
        self.fake.drop()
        message = self._next_non_ping()
        self.assertEqual(message.kind, "close")
        self.assertEqual(message.data, (None, ""))

    def test_abrupt_drop_sends_no_close_frame(self):
        self.fake.drop(abrupt=True)
        self.assertEqual(self._next_non_ping().kind, "eof")

    def test_reset_drop_sends_rst(self):
        self.fake.drop(reset=True)
        self.assertEqual(self._next_non_ping().kind, "reset")

    def test_pending_events_go_out_before_drop(self):
        self.ws.subscribe("public")
        self.fake.wait_for_subscriptions(1)
        self.fake.publish("public", payload="last")
        self.fake.drop(code=1001)
        self.assertEqual(self.ws.recv_json()["payload"], "last")
        self.assertEqual(self._next_non_ping().data[0], 1001)

    def test_frame_in_fragments(self):
        text = '{"stream":["public"],"event":"update","payload":"ü"}'
        self.assertEqual(self.fake.frame(text, fragments=3), 1)
        message = self._next_non_ping()
        self.assertEqual(message.kind, "text")
        self.assertEqual(message.data, text)
        self.assertEqual(message.fragments, 3)

    def test_kill_mid_frame(self):
        self.assertEqual(self.fake.kill_mid_frame("x" * 300), 1)
        self.assertEqual(self._next_non_ping().kind, "eof")

    def test_silence_holds_output_then_delivers(self):
        self.ws.subscribe("public")
        self.fake.wait_for_subscriptions(1)
        self.fake.silence(2)
        self.fake.publish("public", payload="held")
        started = time.monotonic()
        self.assertEqual(self.ws.recv_json(timeout=5)["payload"], "held")
        self.assertGreater(time.monotonic() - started, 1.5)
        self.assertEqual(self.ws.pings_received, 0)

    def _next_non_ping(self):
        while True:
            message = self.ws.recv(timeout=5)
            if message.kind != "ping":
                return message
            self.ws.send_frame(0xA, message.data)


def status(status_id, content=None):
    """Return a minimal status entity with id `status_id`."""
    return {"id": status_id, "content": content or f"<p>{status_id}</p>"}


class RestTimelineTest(unittest.TestCase):
    def setUp(self):
        self.fake = FakeInstance(list_ids=["7"]).start()
        self.addCleanup(self.fake.stop)

    def get(self, path, token=TOKEN):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return http_get(self.fake.http_url + path, headers=headers)

    def entries(self, path):
        status, _, body = self.get(path)
        self.assertEqual(status, 200, body)
        return json.loads(body)

    def ids(self, path):
        return [entry["id"] for entry in self.entries(path)]

    def store_statuses(self, stream, ids, **target):
        for status_id in ids:
            self.fake.store(stream, "update", status(status_id), **target)

    def test_min_id_returns_page_after_cursor(self):
        self.store_statuses("public", [str(n) for n in range(101, 111)])
        self.assertEqual(
            self.ids("/api/v1/timelines/public?min_id=103&limit=3"),
            ["106", "105", "104"])

    def test_since_id_returns_newest_page(self):
        self.store_statuses("public", [str(n) for n in range(101, 111)])
        self.assertEqual(
            self.ids("/api/v1/timelines/public?since_id=103&limit=3"),
            ["110", "109", "108"])

    def test_max_id_is_strictly_older(self):
        self.store_statuses("public", [str(n) for n in range(101, 111)])
        self.assertEqual(self.ids("/api/v1/timelines/public?max_id=105"),
                         ["104", "103", "102", "101"])
        self.assertEqual(
            self.ids("/api/v1/timelines/public?min_id=102&max_id=106"),
            ["105", "104", "103"])

    def test_ids_order_by_length_then_bytes(self):
        self.store_statuses("public", ["99", "1000", "9", "100"])
        self.assertEqual(self.ids("/api/v1/timelines/public"),
                         ["1000", "100", "99", "9"])
        self.assertEqual(self.ids("/api/v1/timelines/public?max_id=100"),
                         ["99", "9"])

    def test_limit_default_and_cap(self):
        self.store_statuses("user", [str(n) for n in range(1000, 1050)])
        self.assertEqual(len(self.ids("/api/v1/timelines/home")), 20)
        self.assertEqual(len(self.ids("/api/v1/timelines/home?limit=100")),
                         40)
        self.assertEqual(len(self.ids("/api/v1/timelines/home?limit=5")), 5)
        for n in range(1000, 1090):
            self.fake.store("user", "notification",
                            {"id": str(n), "type": "follow"})
        self.assertEqual(len(self.ids("/api/v1/notifications")), 40)
        self.assertEqual(len(self.ids("/api/v1/notifications?limit=100")),
                         80)

    def test_link_header_form(self):
        self.store_statuses("public:local", ["101", "102", "103", "104"])
        status, headers, _ = self.get(
            "/api/v1/timelines/public?local=true&limit=2&max_id=104")
        self.assertEqual(status, 200)
        base = f"http://127.0.0.1:{self.fake.port}/api/v1/timelines/public"
        self.assertEqual(
            headers["link"],
            f'<{base}?local=true&limit=2&max_id=102>; rel="next", '
            f'<{base}?local=true&limit=2&min_id=103>; rel="prev"')
        self.assertEqual(headers["content-type"],
                         "application/json; charset=utf-8")

    def test_follow_prev_until_empty_page(self):
        self.store_statuses("user", [str(n) for n in range(101, 108)])
        url = self.fake.http_url + "/api/v1/timelines/home?min_id=101&limit=2"
        pages = []
        for _ in range(10):
            status, headers, body = http_get(
                url, headers={"Authorization": f"Bearer {TOKEN}"})
            self.assertEqual(status, 200)
            page = [entry["id"] for entry in json.loads(body)]
            pages.append(page)
            if not page:
                self.assertNotIn("link", headers)
                break
            url = re.search(r'<([^>]*)>; rel="prev"', headers["link"])[1]
        self.assertEqual(pages, [["103", "102"], ["105", "104"],
                                 ["107", "106"], []])

    def test_missing_or_invalid_token_gets_401(self):
        self.store_statuses("public", ["101"])
        cases = [("no token", None, "/api/v1/timelines/public"),
                 ("wrong token", "not-a-token", "/api/v1/timelines/public"),
                 ("token in query", None,
                  f"/api/v1/timelines/public?access_token={TOKEN}")]
        for name, token, path in cases:
            with self.subTest(name):
                status, headers, body = self.get(path, token=token)
                self.assertEqual(status, 401)
                self.assertEqual(json.loads(body),
                                 {"error": "The access token is invalid"})
                self.assertIn("x-ratelimit-remaining", headers)

    def test_rate_limit_headers_count_down(self):
        _, first, _ = self.get("/api/v1/timelines/home")
        _, second, _ = self.get("/api/v1/notifications")
        self.assertEqual(first["x-ratelimit-limit"], "300")
        self.assertEqual(first["x-ratelimit-remaining"], "299")
        self.assertEqual(second["x-ratelimit-remaining"], "298")
        reset = first["x-ratelimit-reset"]
        self.assertRegex(reset,
                         r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
        reset_time = datetime.datetime.strptime(
            reset, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
                tzinfo=datetime.timezone.utc)
        ahead = reset_time - datetime.datetime.now(datetime.timezone.utc)
        self.assertGreater(ahead.total_seconds(), 280)
        self.assertLessEqual(ahead.total_seconds(), 300)

    def test_delete_removes_status_everywhere(self):
        self.fake.publish_many(["public", {"stream": "hashtag",
                                           "tag": "Rust"}],
                               payload=status("201"))
        self.store_statuses("public", ["202"])
        self.fake.store("user", "notification",
                        {"id": "9", "type": "mention",
                         "status": status("201")})
        self.fake.publish("public", event="delete", payload="201")
        self.assertEqual(self.ids("/api/v1/timelines/public"), ["202"])
        self.assertEqual(self.ids("/api/v1/timelines/tag/rust"), [])
        self.assertEqual(self.ids("/api/v1/notifications"), [])

    def test_status_update_replaces_in_place(self):
        self.store_statuses("public", ["101", "102", "103"])
        self.fake.store("public", "status.update",
                        status("102", content="<p>edited</p>"))
        entries = self.entries("/api/v1/timelines/public")
        self.assertEqual([e["id"] for e in entries], ["103", "102", "101"])
        self.assertEqual(entries[1]["content"], "<p>edited</p>")

    def test_conversation_replaced_and_moved_first(self):
        for conversation, last_status in [("c1", "201"), ("c2", "202"),
                                          ("c1", "203")]:
            self.fake.store("direct", "conversation",
                            {"id": conversation, "unread": True,
                             "last_status": status(last_status)})
        status_code, headers, body = self.get("/api/v1/conversations")
        self.assertEqual(status_code, 200)
        entries = json.loads(body)
        self.assertEqual([e["id"] for e in entries], ["c1", "c2"])
        self.assertEqual(entries[0]["last_status"]["id"], "203")
        # Cursors are last_status ids.
        self.assertIn("max_id=202>", headers["link"])
        self.assertIn("min_id=203>", headers["link"])
        self.assertEqual(self.ids("/api/v1/conversations?max_id=203"),
                         ["c2"])

    def test_notifications_from_both_user_streams(self):
        self.fake.publish("user", event="notification",
                          payload={"id": "501", "type": "follow"})
        self.fake.store("user:notification", "notification",
                        {"id": "502", "type": "favourite"})
        self.assertEqual(self.ids("/api/v1/notifications"), ["502", "501"])
        self.assertEqual(self.ids("/api/v1/timelines/home"), [])

    def test_store_records_without_streaming(self):
        with RawWebSocket.open(self.fake) as ws:
            ws.subscribe("public")
            self.fake.wait_for_subscriptions(1)
            self.assertEqual(self.fake.store("public", "update",
                                             status("101")), 1)
            self.assertTrue(ws.expect_silence(0.3))
            self.assertEqual(self.fake.publish("public",
                                               payload=status("102")), 1)
            self.assertEqual(ws.recv_json()["event"], "update")
        self.fake.wait_for_connections(0)
        self.fake.publish("public", payload=status("103"))
        self.assertEqual(self.ids("/api/v1/timelines/public"),
                         ["103", "102", "101"])

        self.fake.clear_stores()
        self.assertEqual(self.ids("/api/v1/timelines/public"), [])

    def test_store_rejects_unrecordable_events(self):
        with self.assertRaisesRegex(RuntimeError, "not a JSON object"):
            self.fake.store("public", "update", "plain text")
        with self.assertRaisesRegex(RuntimeError, "no string"):
            self.fake.store("public", "update", {"id": 101})
        with self.assertRaisesRegex(RuntimeError, "no REST timeline"):
            self.fake.store("direct", "update", status("101"))

    def test_each_stream_has_its_own_store(self):
        self.store_statuses("public", ["101"])
        self.store_statuses("public:local", ["102"])
        self.store_statuses("public:remote", ["103"])
        self.store_statuses("public:local:media", ["104"])
        self.store_statuses("hashtag", ["105"], tag="Rust")
        self.store_statuses("hashtag:local", ["106"], tag="rust")
        self.store_statuses("list", ["107"], list="7")
        cases = [("/api/v1/timelines/public", ["101"]),
                 ("/api/v1/timelines/public?local=true", ["102"]),
                 ("/api/v1/timelines/public?remote=1", ["103"]),
                 ("/api/v1/timelines/public?local=true&remote=true",
                  ["101"]),
                 ("/api/v1/timelines/public?local=true&only_media=true",
                  ["104"]),
                 ("/api/v1/timelines/tag/RUST", ["105"]),
                 ("/api/v1/timelines/tag/rust?local=true", ["106"]),
                 ("/api/v1/timelines/list/7", ["107"]),
                 ("/api/v1/timelines/home", [])]
        for path, expected in cases:
            with self.subTest(path):
                self.assertEqual(self.ids(path), expected)

    def test_unknown_paths_and_lists_get_404(self):
        for path in ("/api/v1/timelines/list/8", "/api/v1/timelines/direct",
                     "/api/v1/timelines/tag/"):
            with self.subTest(path):
                status_code, _, body = self.get(path)
                self.assertEqual(status_code, 404)
                self.assertEqual(json.loads(body),
                                 {"error": "Record not found"})

    def test_canned_429_on_rest_path(self):
        self.store_statuses("public:local", ["101"])
        self.fake.reject(status=429, headers={"Retry-After": "2"},
                         body='{"error":"Too many requests"}',
                         paths=["/api/v1/timelines/public"])
        status_code, headers, body = self.get(
            "/api/v1/timelines/public?local=true&min_id=100")
        self.assertEqual(status_code, 429)
        self.assertEqual(headers["retry-after"], "2")
        self.assertEqual(json.loads(body), {"error": "Too many requests"})
        self.assertEqual(
            self.ids("/api/v1/timelines/public?local=true&min_id=100"),
            ["101"])

    def test_canned_html_503_on_rest_path(self):
        page = "<html><body><h1>503 Service Unavailable</h1></body></html>"
        self.fake.reject(status=503, headers={"Content-Type": "text/html"},
                         body=page, paths=["/api/v1/timelines/home"])
        status_code, headers, body = self.get(
            "/api/v1/timelines/home?since_id=5")
        self.assertEqual(status_code, 503)
        self.assertEqual(headers["content-type"], "text/html")
        self.assertEqual(body.decode(), page)

    def test_requests_recorded_without_token_in_path(self):
        self.get("/api/v1/timelines/home?min_id=5&limit=3")
        self.get("/api/v1/notifications")
        records = [r for r in self.fake.requests()
                   if r["path"].startswith("/api/v1/")]
        self.assertEqual([r["path"] for r in records],
                         ["/api/v1/timelines/home?min_id=5&limit=3",
                          "/api/v1/notifications"])
        for record in records:
            self.assertNotIn(TOKEN, record["path"])
            self.assertEqual(record["headers"]["authorization"],
                             f"Bearer {TOKEN}")

    def test_sample_timeline_is_recorded(self):
        with FakeInstance(timeline=SAMPLE_TIMELINE) as fake:
            status_code, _, body = http_get(
                fake.http_url + "/api/v1/timelines/public",
                headers={"Authorization": f"Bearer {TOKEN}"})
        self.assertEqual(status_code, 200)
        entries = {e["id"]: e for e in json.loads(body)}
        self.assertIn("112400000000000109", entries)
        # The sample deletes 103 and edits 101.
        self.assertNotIn("112400000000000103", entries)
        self.assertIsNotNone(entries["112400000000000101"]["edited_at"])


class RejectTest(unittest.TestCase):
    def test_reject_next_upgrade_then_accept(self):
        with FakeInstance() as fake:
            fake.reject(status=503, headers={"Retry-After": "7"},
                        body="busy")
            with self.assertRaises(HandshakeError) as caught:
                RawWebSocket.open(fake)
            self.assertEqual(caught.exception.status, 503)
            self.assertEqual(caught.exception.headers["retry-after"], "7")
            self.assertEqual(caught.exception.body, b"busy")
            with RawWebSocket.open(fake):
                fake.wait_for_connections(1)

    def test_reject_by_path(self):
        with FakeInstance() as fake:
            fake.reject(count=2, status=500, paths=["/api/v2/instance"])
            for _ in range(2):
                status, _, _ = http_get(fake.http_url + "/api/v2/instance")
                self.assertEqual(status, 500)
            status, _, _ = http_get(fake.http_url + "/api/v2/instance")
            self.assertEqual(status, 200)

    def test_reject_with_reset(self):
        with FakeInstance() as fake:
            fake.reject(reset=True)
            with self.assertRaises((ConnectionResetError,
                                    ConnectionError)):
                RawWebSocket.open(fake)


class StateTest(unittest.TestCase):
    def test_state_records_handshake(self):
        with FakeInstance() as fake:
            with RawWebSocket.open(fake, path="/api/v1/streaming/?x=1",
                                   headers={"User-Agent": "probe/2"}) as ws:
                ws.subscribe("hashtag", tag="rust")
                ws.subscribe("list", list="7")
                connection = fake.wait_for_subscriptions(2)[0]
            self.assertEqual(connection["path"], "/api/v1/streaming/?x=1")
            self.assertEqual(connection["auth"], "header")
            self.assertEqual(connection["headers"]["user-agent"], "probe/2")
            self.assertEqual(connection["headers"]["authorization"],
                             f"Bearer {TOKEN}")
            self.assertEqual(connection["subscriptions"],
                             [{"stream": "hashtag", "tag": "rust"},
                              {"stream": "list", "list": "7"}])
            self.assertEqual(fake.state()["handshakes"], 1)

    def test_shutdown_exits_zero(self):
        fake = FakeInstance().start()
        try:
            self.assertEqual(fake.shutdown(), 0)
        finally:
            fake.stop()


class TimelineTest(unittest.TestCase):
    def test_subscriber_gets_whole_sample(self):
        with open(SAMPLE_TIMELINE, encoding="utf-8") as file:
            lines = [json.loads(line) for line in file if line.strip()]
        expected = [line for line in lines if line["stream"] == ["public"]]
        self.assertGreater(len(expected), 0)

        with FakeInstance(timeline=SAMPLE_TIMELINE,
                          publish_delay_ms=10) as fake:
            with RawWebSocket.open(fake) as ws:
                ws.subscribe("public")
                received = [ws.recv_json() for _ in expected]
                self.assertTrue(ws.expect_silence(0.3))
        self.assertEqual([m["event"] for m in received],
                         [line["event"] for line in expected])
        self.assertEqual([m["payload"] for m in received],
                         [line["payload"] for line in expected])

    def test_sample_lines_are_valid_envelopes(self):
        with open(SAMPLE_TIMELINE, encoding="utf-8") as file:
            for number, line in enumerate(file, 1):
                with self.subTest(line=number):
                    envelope = json.loads(line)
                    self.assertEqual(list(envelope)[:2], ["stream", "event"])
                    if envelope["event"] in ("update", "status.update",
                                             "notification"):
                        json.loads(envelope["payload"])


class TlsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        cls.certs = make_certs(cls.directory.name)

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def context(self):
        context = ssl.create_default_context(cafile=self.certs["ca"])
        return context

    def test_wss_upgrade_and_rest(self):
        with FakeInstance(tls_cert=self.certs["server"],
                          tls_key=self.certs["server_key"]) as fake:
            status, _, body = http_get(fake.http_url + "/api/v2/instance",
                                       tls_context=self.context())
            self.assertEqual(status, 200)
            self.assertEqual(
                json.loads(body)["configuration"]["urls"]["streaming"],
                f"wss://127.0.0.1:{fake.port}")
            with RawWebSocket.open(fake, tls_context=self.context()) as ws:
                ws.subscribe("public")
                fake.wait_for_subscriptions(1)
                fake.publish("public", payload="over tls")
                self.assertEqual(ws.recv_json()["payload"], "over tls")

    def test_rest_timeline_over_tls(self):
        with FakeInstance(tls_cert=self.certs["server"],
                          tls_key=self.certs["server_key"]) as fake:
            fake.store("public", "update", status("101"))
            fake.store("public", "update", status("102"))
            status_code, headers, body = http_get(
                fake.http_url + "/api/v1/timelines/public?limit=1",
                headers={"Authorization": f"Bearer {TOKEN}"},
                tls_context=self.context())
            self.assertEqual(status_code, 200)
            self.assertEqual([e["id"] for e in json.loads(body)], ["102"])
            self.assertTrue(headers["link"].startswith(
                f"<https://127.0.0.1:{fake.port}/api/v1/timelines/public"
                "?limit=1&max_id=102>"))

    def test_wss_without_token_gets_401(self):
        with FakeInstance(tls_cert=self.certs["server"],
                          tls_key=self.certs["server_key"]) as fake:
            with self.assertRaises(HandshakeError) as caught:
                RawWebSocket.open(fake, auth=None,
                                  tls_context=self.context())
            self.assertEqual(caught.exception.status, 401)
            self.assertEqual(caught.exception.headers["x-error-message"],
                             "Missing access token")

    def test_certificates_verify_as_intended(self):
        context = self.context()
        for name, host, valid in [("server", "localhost", True),
                                  ("wrong", "localhost", False),
                                  ("self", "localhost", False)]:
            with self.subTest(cert=name):
                with FakeInstance(tls_cert=self.certs[name],
                                  tls_key=self.certs[name + "_key"]) as fake:
                    if valid:
                        http_get(f"https://{host}:{fake.port}/api/v1/"
                                 "instance", tls_context=context)
                    else:
                        with self.assertRaises(ssl.SSLCertVerificationError):
                            http_get(f"https://{host}:{fake.port}/api/v1/"
                                     "instance", tls_context=context)


if __name__ == "__main__":
    run_tests()
