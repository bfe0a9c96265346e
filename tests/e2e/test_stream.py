"""End-to-end tests of the core streamer against the fake instance."""

import json
import os
import signal
import subprocess
import tempfile
import time
import unittest

import harness
from harness import FakeInstance, Mastotail, TOKEN

STATUS = {
    "id": "110988741790818968",
    "created_at": "2026-12-04T10:00:00.000Z",
    "content": "<p>caf\u00e9 \u65e5\u672c \U0001F600 \"quoted\" \\ back</p>",
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


class StreamTest(unittest.TestCase):
    def setUp(self):
        self.fake = FakeInstance().start()
        self.tail = Mastotail()

    def tearDown(self):
        self.tail.kill()
        self.fake.stop()

    def follow(self, *args, subscriptions=1):
        self.tail.start(["-i", self.fake.http_url, "--json", *args])
        self.fake.wait_for_subscriptions(subscriptions)

    def read_event(self):
        return json.loads(self.tail.read_line())

    def test_timeline_flags_reach_stream_names(self):
        self.follow("--home", "--notifications", "--public", "--local",
                    "--remote", "--tag", "#Rust", "--local-tag", "caf\u00e9",
                    "--list", "01FC3TZ5CFG6H65GCKCJRKA669", "--direct",
                    "--stream", "public:remote:media", subscriptions=10)
        subs = self.fake.connections()[0]["subscriptions"]
        self.assertEqual(subs, [
            {"stream": "user"}, {"stream": "user:notification"},
            {"stream": "public"}, {"stream": "public:local"},
            {"stream": "public:remote"},
            {"stream": "hashtag", "tag": "Rust"},
            {"stream": "hashtag:local", "tag": "caf\u00e9"},
            {"stream": "list", "list": "01FC3TZ5CFG6H65GCKCJRKA669"},
            {"stream": "direct"}, {"stream": "public:remote:media"}])

    def test_default_timeline_is_home(self):
        self.follow()
        subs = self.fake.connections()[0]["subscriptions"]
        self.assertEqual(subs, [{"stream": "user"}])

    def test_only_media_picks_media_streams(self):
        self.follow("--public", "--local", "--only-media", subscriptions=2)
        subs = self.fake.connections()[0]["subscriptions"]
        self.assertEqual(subs, [{"stream": "public:media"},
                                {"stream": "public:local:media"}])

    def test_token_travels_in_header_only(self):
        self.follow("--public")
        connection = self.fake.connections()[0]
        self.assertEqual(connection["auth"], "header")
        self.assertNotIn(TOKEN, connection["path"])
        self.assertTrue(
            connection["headers"]["user-agent"].startswith("mastotail/"))
        for request in self.fake.requests():
            self.assertNotIn(TOKEN, request["path"])

    def test_payload_bytes_are_spliced_verbatim(self):
        self.follow("--tag", "rust")
        payload = json.dumps(status("1"), ensure_ascii=False,
                             separators=(",", ":"))
        self.fake.publish("hashtag", "update", payload, tag="rust")
        line = self.tail.read_line()
        expected = ('{"event":"update","stream":["hashtag","rust"],'
                    '"payload":' + payload + '}')
        self.assertEqual(line, expected)

    def test_delete_ids_stay_byte_exact(self):
        self.follow("--public")
        for status_id in ("110988741790818968", "9223372036854775807",
                          "01FC3TZ5CFG6H65GCKCJRKA669"):
            self.fake.publish("public", "delete", status_id)
            event = self.read_event()
            self.assertEqual(event["event"], "delete")
            self.assertEqual(event["payload"], status_id)

    def test_unknown_event_passes_through(self):
        self.follow("--public")
        self.fake.publish("public", "some.future_event", "not { json")
        self.fake.publish("public", "delete", "42")
        first = self.read_event()
        self.assertEqual(first["event"], "some.future_event")
        self.assertEqual(first["payload"], "not { json")
        self.assertEqual(self.read_event()["payload"], "42")

    def test_notification_and_edit_arrive(self):
        self.follow("--home")
        notification = {"id": "77", "type": "mention",
                        "created_at": "2026-12-04T10:00:00.000Z",
                        "account": STATUS["account"], "status": STATUS}
        self.fake.publish("user", "notification", notification)
        edited = status("5", edited_at="2026-12-04T11:00:00.000Z")
        self.fake.publish("user", "status.update", edited)
        first = self.read_event()
        self.assertEqual(first["event"], "notification")
        self.assertEqual(first["payload"]["id"], "77")
        second = self.read_event()
        self.assertEqual(second["event"], "status.update")
        self.assertEqual(second["payload"]["edited_at"],
                         "2026-12-04T11:00:00.000Z")

    def test_fragmented_message_is_reassembled(self):
        self.follow("--public")
        text = json.dumps({"stream": ["public"], "event": "update",
                           "payload": json.dumps(status("9"))})
        self.fake.frame(text, fragments=5)
        self.assertEqual(self.read_event()["payload"]["id"], "9")

    def test_malformed_and_oversized_messages_are_skipped(self):
        self.tail.start(["-i", self.fake.http_url, "--json", "--public",
                         "--max-message-size", "1K"])
        self.fake.wait_for_subscriptions(1)
        self.fake.frame("{this is not json")
        big = json.dumps(status("2", content="x" * 4000))
        self.fake.publish("public", "update", big)
        self.fake.publish("public", "delete", "3")
        self.assertEqual(self.read_event()["payload"], "3")
        harness.wait_until(
            lambda: "--max-message-size" in self.tail.stderr(),
            message="the size report on stderr")
        self.assertIn("malformed", self.tail.stderr())

    def test_reconnect_restores_every_subscription(self):
        self.follow("--public", "--tag", "rust", "--list", "12",
                    subscriptions=3)
        self.fake.publish("public", "delete", "1")
        self.assertEqual(self.read_event()["payload"], "1")

        self.fake.drop(abrupt=True)
        self.fake.wait_for_handshakes(2, timeout=15)
        connections = self.fake.wait_for_subscriptions(3, timeout=15)
        self.assertEqual(len(connections), 1)
        self.fake.publish("public", "delete", "2")
        self.fake.publish("hashtag", "delete", "3", tag="rust")
        self.fake.publish("list", "delete", "4", list="12")
        got = [self.read_event() for _ in range(3)]
        self.assertEqual(sorted(e["payload"] for e in got), ["2", "3", "4"])
        streams = {e["payload"]: e["stream"] for e in got}
        self.assertEqual(streams["3"], ["hashtag", "rust"])
        self.assertEqual(streams["4"], ["list", "12"])
        with self.assertRaises(TimeoutError):
            self.tail.read_line(timeout=1)
        self.assertIn("reconnected", self.tail.stderr())

    def test_count_stops_after_n_events(self):
        self.tail.start(["-i", self.fake.http_url, "--json", "--public",
                         "-c", "2"])
        self.fake.wait_for_subscriptions(1)
        for n in range(4):
            self.fake.publish("public", "delete", str(n))
        self.assertEqual(self.tail.wait(10), 0)
        self.assertEqual(self.tail.read_lines(2)[1],
                         '{"event":"delete","stream":["public"],'
                         '"payload":"1"}')
        self.assertIsNone(self.tail.read_line())

    def test_sigint_and_sigterm_exit_codes(self):
        for sig, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
            tail = Mastotail()
            tail.start(["-i", self.fake.http_url, "--json", "--public"])
            try:
                self.fake.wait_for_subscriptions(
                    lambda c: len(c) == 1 and c[0]["subscriptions"])
                self.fake.publish("public", "delete", "5")
                self.assertIn('"5"', tail.read_line())
                os.kill(tail.process.pid, sig)
                self.assertEqual(tail.wait(10), code)
                harness.wait_until(lambda: self.fake.connections() == [],
                                   message="the connection to close")
            finally:
                tail.kill()

    def test_closed_stdout_exits_quietly(self):
        env = harness.clean_environment({"MASTOTAIL_TOKEN": TOKEN})
        tail = subprocess.Popen(
            [harness.MASTOTAIL, "-i", self.fake.http_url, "--json",
             "--public"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL, env=env)
        try:
            self.fake.wait_for_subscriptions(1)
            self.fake.publish("public", "delete", "1")
            tail.stdout.readline()
            tail.stdout.close()
            for n in range(5):
                self.fake.publish("public", "delete", str(n))
                time.sleep(0.1)
            self.assertEqual(tail.wait(10), 0)
            self.assertEqual(tail.stderr.read().decode().count("error"), 0)
        finally:
            if tail.poll() is None:
                tail.kill()
            tail.wait()


class ConnectTest(unittest.TestCase):
    def run_tail(self, args, token=TOKEN, timeout=30):
        return harness.run(args, token=token, timeout=timeout)

    def test_rejected_token_exits_3_with_reason(self):
        with FakeInstance() as fake:
            code, out, err = self.run_tail(
                ["-i", fake.http_url, "--public"], token="wrong-token")
        self.assertEqual(code, 3)
        self.assertEqual(out, "")
        self.assertIn("Invalid access token", err)
        self.assertNotIn("wrong-token", err)

    def test_missing_token_is_a_usage_error(self):
        code, _, err = self.run_tail(["-i", "127.0.0.1:9"], token=None)
        self.assertEqual(code, 2)
        self.assertIn("MASTOTAIL_TOKEN", err)

    def test_list_error_keeps_other_subscriptions(self):
        with FakeInstance() as fake, Mastotail() as tail:
            tail.start(["-i", fake.http_url, "--json", "--public",
                        "--list", "forbidden-7"])
            fake.wait_for_subscriptions(1)
            time.sleep(0.5)
            fake.publish("public", "delete", "8")
            self.assertIn('"8"', tail.read_line())
            self.assertIn("Not authorized to stream this list", tail.stderr())

    def test_no_subscription_left_exits_4(self):
        with FakeInstance() as fake:
            code, out, err = self.run_tail(
                ["-i", fake.http_url, "--list", "forbidden-7"])
        self.assertEqual(code, 4)
        self.assertIn("list forbidden-7", err)

    def test_unknown_stream_exits_4(self):
        with FakeInstance() as fake:
            code, _, err = self.run_tail(
                ["-i", fake.http_url, "--stream", "bogus"])
        self.assertEqual(code, 4)
        self.assertIn("Unknown stream type", err)

    def test_discovery_uses_announced_streaming_url(self):
        with FakeInstance() as streaming:
            with FakeInstance(streaming_url=streaming.ws_url.rsplit(
                    "/api/v1/streaming", 1)[0]) as web:
                with Mastotail() as tail:
                    tail.start(["-i", web.http_url, "--json", "--public"])
                    streaming.wait_for_subscriptions(1)
                    self.assertEqual(web.connections(), [])
                    paths = [r["path"] for r in web.requests()]
                    self.assertIn("/api/v2/instance", paths)

    def test_discovery_falls_back_to_v1(self):
        with FakeInstance() as streaming:
            base = streaming.ws_url.rsplit("/api/v1/streaming", 1)[0]
            with FakeInstance(streaming_url=base, no_v2=True) as web:
                with Mastotail() as tail:
                    tail.start(["-i", web.http_url, "--json", "--public"])
                    streaming.wait_for_subscriptions(1)
                    paths = [r["path"] for r in web.requests()]
                    self.assertIn("/api/v1/instance", paths)

    def test_streaming_url_overrides_discovery(self):
        with FakeInstance() as fake, Mastotail() as tail:
            tail.start(["-i", "127.0.0.1:9", "--streaming-url",
                        fake.ws_url, "--json", "--public"])
            fake.wait_for_subscriptions(1)
            paths = [request["path"] for request in fake.requests()]
            self.assertNotIn("/api/v2/instance", paths)
            self.assertNotIn("/api/v1/instance", paths)


class TlsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        cls.certs = harness.make_certs(cls.directory.name)

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def serve(self, name):
        return FakeInstance(tls_cert=self.certs[name],
                            tls_key=self.certs[name + "_key"])

    def test_untrusted_certificate_exits_6(self):
        with self.serve("server") as fake:
            code, out, err = harness.run(
                ["-i", f"https://localhost:{fake.port}", "--public"])
        self.assertEqual(code, 6)
        self.assertEqual(out, "")
        self.assertIn("unable to get local issuer certificate", err)

    def test_host_name_mismatch_exits_6(self):
        with self.serve("wrong") as fake:
            code, out, err = harness.run(
                ["-i", f"https://localhost:{fake.port}", "--public",
                 "--cacert", self.certs["ca"]])
        self.assertEqual(code, 6)
        self.assertEqual(out, "")
        self.assertIn("mismatch", err)

    def test_trusted_test_ca_works(self):
        with self.serve("server") as fake, Mastotail() as tail:
            tail.start(["-i", f"https://localhost:{fake.port}", "--json",
                        "--public", "--cacert", self.certs["ca"], "-c", "1"])
            fake.wait_for_subscriptions(1)
            fake.publish("public", "delete", "6")
            self.assertEqual(json.loads(tail.read_line())["payload"], "6")
            self.assertEqual(tail.wait(10), 0)

    def test_system_store_honours_ssl_cert_file(self):
        # The CA store is OpenSSL's default one, loaded on the first TLS
        # connection; SSL_CERT_FILE replaces its bundle.
        with self.serve("server") as fake, Mastotail() as tail:
            tail.start(["-i", f"https://localhost:{fake.port}", "--json",
                        "--public", "-c", "1"],
                       env={"SSL_CERT_FILE": self.certs["ca"]})
            fake.wait_for_subscriptions(1)
            fake.publish("public", "delete", "7")
            self.assertEqual(json.loads(tail.read_line())["payload"], "7")
            self.assertEqual(tail.wait(10), 0)

    def test_missing_cacert_file_exits_2(self):
        missing = os.path.join(self.directory.name, "missing.pem")
        code, out, err = harness.run(
            ["-i", "https://localhost:9", "--public", "--cacert", missing])
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn(f"--cacert '{missing}'", err)
        self.assertIn("cannot load CA certificates (No such file", err)

    def test_cacert_without_certificates_exits_2(self):
        not_pem = os.path.join(self.directory.name, "not.pem")
        with open(not_pem, "w") as file:
            file.write("not a certificate\n")
        code, out, err = harness.run(
            ["-i", "https://localhost:9", "--public", "--cacert", not_pem])
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn("give a readable PEM file of CA certificates", err)


if __name__ == "__main__":
    harness.run_tests()
