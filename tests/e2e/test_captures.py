"""Replays frames recorded from a real Mastodon streaming server through
the fake instance and checks what mastotail makes of each of them."""

import json
import os
import shutil
import subprocess
import unittest

import harness
from harness import FakeInstance, Mastotail


# The subscriptions of the recorded session, plus one stream the server
# does not know, so that each recorded error frame has a subscription it
# can concern and the others stay active.
RECORDED_TIMELINES = [
    "--home", "--public", "--local", "--tag", "Caf\u00e9", "--tag", "python",
    "--tag", "Hoot", "--tag", "\u65e5\u672c\u8a9e", "--list", "1",
    "--direct", "--stream", "no-such-stream",
    # Each recorded frame is checked, repeats across streams included.
    "--no-dedupe"]
# The fake instance lists only the subscriptions it accepted.
RECORDED_SUBSCRIPTIONS = 9


def load_captures():
    directory = harness.MASTOTAIL_CAPTURES
    with open(os.path.join(directory, "ws-frames.txt"), "rb") as file:
        frames = [line.decode("utf-8") for line in file.read().split(b"\n")
                  if line]
    with open(os.path.join(directory, "ws-frames.index.jsonl"),
              encoding="utf-8") as file:
        index = [json.loads(line) for line in file if line.strip()]
    return frames, index


@unittest.skipUnless(harness.captures_available(),
                     "the Mastodon recordings folder is absent")
class CapturesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.frames, cls.index = load_captures()

    def replay(self, *args):
        """Sends every recorded frame to mastotail; returns its stdout lines
        once as many events as the index lists were printed, and stderr."""
        events = sum(1 for row in self.index if row["kind"] == "event")
        with FakeInstance() as fake, Mastotail() as tail:
            tail.start(["-i", fake.http_url, *RECORDED_TIMELINES, *args])
            fake.wait_for_subscriptions(RECORDED_SUBSCRIPTIONS)
            for frame in self.frames:
                fake.frame(frame)
            fake.publish("public", "delete", "end-of-replay")
            lines = []
            while True:
                line = tail.read_line(timeout=15)
                self.assertIsNotNone(line, tail.stderr())
                if "end-of-replay" in line:
                    break
                lines.append(line)
            tail.interrupt()
            tail.wait(10)
            return lines, tail.stderr(), events

    def test_frame_count_matches_index(self):
        self.assertEqual(len(self.frames), len(self.index))

    def test_every_event_decodes_as_recorded(self):
        lines, errors, events = self.replay("--json")
        self.assertEqual(len(lines), events)
        decoded = iter(json.loads(line) for line in lines)
        for row in self.index:
            if row["kind"] != "event":
                continue
            event = next(decoded)
            self.assertEqual(event["event"], row["event"], row["n"])
            self.assertEqual(event["stream"], row["stream"], row["n"])
            payload = event["payload"]
            if isinstance(payload, dict):
                self.assertEqual(payload.get("id"), row["id"], row["n"])
            else:
                self.assertEqual(payload, row["id"], row["n"])

    def test_error_frames_are_reported(self):
        _, errors, _ = self.replay("--json")
        for row in self.index:
            if row["kind"] == "error":
                self.assertIn(row["error"], errors)

    def test_every_line_parses_strictly(self):
        lines, _, _ = self.replay("--json")
        for line in lines:
            json.loads(line)
        jq = shutil.which("jq")
        self.assertIsNotNone(jq, "jq is not installed; run scripts/setup")
        result = subprocess.run([jq, "-c", "."], input="\n".join(lines),
                                capture_output=True, text=True, timeout=30)
        self.assertEqual(result.returncode, 0, result.stderr)
        # Split on "\n" only: two payloads hold raw U+2028 and U+2029.
        self.assertEqual(result.stdout.count("\n"), len(lines))

    def test_lone_surrogate_becomes_replacement(self):
        lines, _, _ = self.replay("--json")
        surrogate = [line for line in lines if "\\ufffd" in line]
        self.assertTrue(surrogate, "no event carried the lone surrogate")

    def test_text_rendering_handles_every_event(self):
        lines, errors, _ = self.replay("--color", "never")
        text = "\n".join(lines)
        self.assertNotIn("malformed", errors)
        self.assertNotIn("\x1b", text)
        for row in self.index:
            if row["kind"] == "event" and row["event"] == "delete":
                self.assertIn(row["id"], text)


if __name__ == "__main__":
    harness.run_tests()
