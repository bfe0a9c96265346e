"""Never lose an event: faults, gap filling over REST, dedupe, --state,
--backfill, --duration. Each fault test publishes numbered statuses before,
during and after the fault and expects each on stdout exactly once, in
order."""

import json
import os
import subprocess
import tempfile
import time
import unittest

import harness
from harness import FakeInstance, Mastotail, TOKEN

BASE_ID = 110000000000000000


def numbered(n, **fields):
    status = {
        "id": str(BASE_ID + n),
        "created_at": f"2026-12-04T10:{n // 60:02d}:{n % 60:02d}.000Z",
        "content": f"<p>status {n}</p>",
        "account": {"id": "1", "username": "alice", "acct": "alice",
                    "display_name": "Alice"},
        "visibility": "public",
        "media_attachments": [],
    }
    status.update(fields)
    return status


def number_of(line):
    return int(json.loads(line)["payload"]["id"]) - BASE_ID


class FaultTest(unittest.TestCase):
    """One fault per test, on a --public --json run."""

    def setUp(self):
        self.fake = FakeInstance().start()
        self.tail = Mastotail()

    def tearDown(self):
        self.tail.kill()
        self.fake.stop()

    def follow(self, *args):
        self.tail.start(["-i", self.fake.http_url, "--json", "--public",
                         *args])
        self.fake.wait_for_subscriptions(1)

    def publish(self, numbers):
        for n in numbers:
            self.fake.publish("public", "update", numbered(n))

    def read_numbers(self, count, timeout=30):
        return [number_of(line)
                for line in self.tail.read_lines(count, timeout)]

    def expect_nothing_more(self):
        with self.assertRaises(TimeoutError):
            self.tail.read_line(timeout=1.5)

    def survive(self, fault, *args, handshakes=2):
        """Publishes 1-3, causes the fault, publishes 4-6 during it and 7-9
        after the reconnect; expects 1-9 once each, in order."""
        self.follow(*args)
        self.publish(range(1, 4))
        self.assertEqual(self.read_numbers(3), [1, 2, 3])

        fault()
        self.publish(range(4, 7))
        self.fake.wait_for_handshakes(handshakes, timeout=30)
        self.fake.wait_for_subscriptions(
            lambda c: len(c) == 1 and c[0]["subscriptions"], timeout=30)
        self.publish(range(7, 10))

        lines = self.tail.read_lines(6, timeout=30)
        self.assertEqual([number_of(line) for line in lines],
                         [4, 5, 6, 7, 8, 9])
        self.expect_nothing_more()
        return lines

    def test_server_killed_mid_frame(self):
        lines = self.survive(lambda: self.fake.kill_mid_frame())
        self.assertTrue(json.loads(lines[0]).get("backfill"))

    def test_tcp_reset(self):
        self.survive(lambda: self.fake.drop(reset=True))

    def test_clean_close_1000(self):
        self.survive(lambda: self.fake.drop(code=1000, reason="restart"))
        self.assertIn("code 1000", self.tail.wait_for_stderr("code 1000"))

    def test_silent_server_hits_idle_timeout(self):
        self.survive(lambda: self.fake.silence(15), "--idle-timeout", "5")
        self.assertIn("idle timeout",
                      self.tail.wait_for_stderr("idle timeout"))

    def test_html_503_then_recovery(self):
        def fault():
            self.fake.reject(count=1, status=503,
                             headers={"Content-Type": "text/html"},
                             body="<html><body>Bad gateway</body></html>")
            self.fake.drop(abrupt=True)
        self.survive(fault, handshakes=3)
        expected = "503 from a proxy, not the Mastodon API"
        self.assertIn(expected, self.tail.wait_for_stderr(expected))

    def test_429_honours_retry_after(self):
        def fault():
            self.fake.reject(count=1, status=429,
                             headers={"Retry-After": "3"})
            self.fake.drop(abrupt=True)
        started = time.monotonic()
        self.survive(fault, handshakes=3)
        self.assertGreaterEqual(time.monotonic() - started, 3)
        self.assertIn("HTTP 429", self.tail.wait_for_stderr("HTTP 429"))

    def test_close_1005_then_401_exits_3(self):
        self.follow()
        self.publish([1])
        self.assertEqual(self.read_numbers(1), [1])
        self.fake.reject(count=5, status=401,
                         headers={"X-Error-Message": "Invalid access token"})
        self.fake.drop()
        self.assertEqual(self.tail.wait(20), 3)
        self.assertIn("Invalid access token", self.tail.stderr())
        # The first connection, the rejected one, and at most one more try
        # with the token as Sec-WebSocket-Protocol: no retry loop.
        self.assertLessEqual(self.fake.state()["handshakes"], 3)

    def test_unrecoverable_gap_exits_7(self):
        self.follow("--duration", "8s")
        self.publish([1])
        self.assertEqual(self.read_numbers(1), [1])
        self.fake.reject(count=10, status=429,
                         headers={"Retry-After": "600"},
                         paths=["/api/v1/timelines/public"])
        self.fake.drop(abrupt=True)
        self.publish([2])
        self.assertEqual(self.tail.wait(20), 7)
        errors = self.tail.stderr()
        self.assertIn("could not recover", errors)
        self.assertIn("2026-12-04T10:00:01.000Z", errors)


class StallTest(unittest.TestCase):
    def test_stalled_reader_loses_nothing(self):
        with FakeInstance(ping_interval=1) as fake:
            env = harness.clean_environment({"MASTOTAIL_TOKEN": TOKEN})
            tail = subprocess.Popen(
                [harness.MASTOTAIL, "-i", fake.http_url, "--json",
                 "--public"], stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
            try:
                fake.wait_for_subscriptions(1)
                padding = "x" * 8000
                for n in range(1, 151):
                    fake.publish("public", "update",
                                 numbered(n, content=f"<p>{n} {padding}</p>"))
                # The test does not read: mastotail blocks on stdout and misses the
                # server's pings, so the server drops it; what is published
                # meanwhile reaches it only through the gap fill.
                time.sleep(3)
                for n in range(151, 301):
                    fake.publish("public", "update",
                                 numbered(n, content=f"<p>{n} {padding}</p>"))
                numbers = []
                while len(numbers) < 300:
                    line = tail.stdout.readline()
                    self.assertTrue(line, f"output ended after {numbers}")
                    numbers.append(number_of(line))
                self.assertEqual(numbers, list(range(1, 301)))
                fake.wait_for_handshakes(2)
                tail.terminate()
                tail.wait(10)
                # Some events were lost with the dropped connection and came
                # back over REST.
                self.assertIn("fetched", tail.stderr.read().decode())
            finally:
                tail.kill()
                tail.wait()


    def test_signal_ends_a_run_blocked_on_stdout(self):
        with FakeInstance() as fake:
            env = harness.clean_environment({"MASTOTAIL_TOKEN": TOKEN})
            tail = subprocess.Popen(
                [harness.MASTOTAIL, "-i", fake.http_url, "--json",
                 "--public"], stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env)
            try:
                fake.wait_for_subscriptions(1)
                padding = "x" * 8000
                for n in range(1, 41):
                    fake.publish("public", "update",
                                 numbered(n, content=f"<p>{padding}</p>"))
                time.sleep(1)  # the pipe is full and not read
                tail.terminate()
                self.assertEqual(tail.wait(5), 143)
            finally:
                if tail.poll() is None:
                    tail.kill()
                tail.wait()


class DedupeTest(unittest.TestCase):
    def test_same_status_on_two_streams_prints_once(self):
        with FakeInstance() as fake, Mastotail() as tail:
            tail.start(["-i", fake.http_url, "--json", "--public", "--tag",
                        "rust"])
            fake.wait_for_subscriptions(2)
            fake.publish_many(["public", {"stream": "hashtag", "tag": "rust"}],
                              "update", numbered(1))
            fake.publish("public", "delete", str(BASE_ID + 1))
            fake.publish("hashtag", "delete", str(BASE_ID + 1), tag="rust")
            fake.publish("public", "update", numbered(2))
            lines = tail.read_lines(3)
            self.assertEqual([json.loads(l)["event"] for l in lines],
                             ["update", "delete", "update"])
            with self.assertRaises(TimeoutError):
                tail.read_line(timeout=1)

    def test_no_dedupe_shows_every_delivery(self):
        with FakeInstance() as fake, Mastotail() as tail:
            tail.start(["-i", fake.http_url, "--json", "--home",
                        "--notifications", "--no-dedupe"])
            fake.wait_for_subscriptions(2)
            notification = {"id": "77", "type": "follow",
                            "created_at": "2026-12-04T10:00:00.000Z",
                            "account": numbered(1)["account"]}
            fake.publish_many(["user", "user:notification"], "notification",
                              notification)
            lines = tail.read_lines(2)
            self.assertEqual(len(lines), 2)

    def test_edit_is_not_a_duplicate(self):
        with FakeInstance() as fake, Mastotail() as tail:
            tail.start(["-i", fake.http_url, "--json", "--public"])
            fake.wait_for_subscriptions(1)
            fake.publish("public", "update", numbered(1))
            edited = numbered(1, edited_at="2026-12-04T11:00:00.000Z")
            fake.publish("public", "status.update", edited)
            fake.publish("public", "status.update", edited)
            events = [json.loads(l)["event"] for l in tail.read_lines(2)]
            self.assertEqual(events, ["update", "status.update"])
            with self.assertRaises(TimeoutError):
                tail.read_line(timeout=1)


class ResumableRunTest(unittest.TestCase):
    def test_backfill_prints_newest_then_follows(self):
        with FakeInstance() as fake, Mastotail() as tail:
            for n in range(1, 6):
                fake.store("public", "update", numbered(n))
            tail.start(["-i", fake.http_url, "--json", "--public", "-n",
                        "3"])
            self.assertEqual([number_of(l) for l in tail.read_lines(3)],
                             [3, 4, 5])
            fake.wait_for_subscriptions(1)
            fake.publish("public", "update", numbered(6))
            self.assertEqual(number_of(tail.read_line()), 6)

    def test_backfill_merges_timelines_in_order(self):
        with FakeInstance() as fake:
            for n in (1, 3, 5):
                fake.store("public", "update", numbered(n))
            for n in (2, 4):
                fake.store("hashtag", "update", numbered(n), tag="rust")
            code, out, err = harness.run(
                ["-i", fake.http_url, "--json", "--public", "--tag", "rust",
                 "-n", "2", "--no-follow"])
        self.assertEqual(code, 0, err)
        self.assertEqual([number_of(l) for l in out.splitlines()],
                         [2, 3, 4, 5])
        for line in out.splitlines():
            self.assertTrue(json.loads(line)["backfill"])

    def test_duration_stops_cleanly(self):
        with FakeInstance() as fake:
            started = time.monotonic()
            code, _, err = harness.run(
                ["-i", fake.http_url, "--json", "--public", "--duration",
                 "2s"])
        self.assertEqual(code, 0, err)
        self.assertLess(time.monotonic() - started, 10)

    def test_cron_runs_with_state_leave_no_gap(self):
        with tempfile.TemporaryDirectory() as directory, \
                FakeInstance() as fake:
            state = os.path.join(directory, "state")
            archive = []

            first = Mastotail()
            first.start(["-i", fake.http_url, "--local", "--json",
                         "--state", state, "--duration", "3s"])
            fake.wait_for_subscriptions(1)
            for n in range(1, 4):
                fake.publish("public:local", "update", numbered(n))
            self.assertEqual(first.wait(15), 0, first.stderr())
            archive += first.read_lines(3)
            self.assertTrue(os.path.exists(state))
            self.assertEqual(os.stat(state).st_mode & 0o077, 0)

            # Between the runs, as between two cron jobs.
            for n in range(4, 7):
                fake.publish("public:local", "update", numbered(n))

            second = Mastotail()
            second.start(["-i", fake.http_url, "--local", "--json",
                          "--state", state, "--duration", "4s"])
            fake.wait_for_subscriptions(1)
            concurrent = harness.run(
                ["-i", fake.http_url, "--local", "--json", "--state", state,
                 "--duration", "2s"])
            self.assertEqual(concurrent[0], 1)
            self.assertIn("another mastotail run", concurrent[2])
            for n in range(7, 9):
                fake.publish("public:local", "update", numbered(n))
            self.assertEqual(second.wait(15), 0, second.stderr())
            line = second.read_line()
            while line is not None:
                archive.append(line)
                line = second.read_line()

            self.assertEqual([number_of(l) for l in archive],
                             list(range(1, 9)))


if __name__ == "__main__":
    harness.run_tests()
