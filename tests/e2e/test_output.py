"""The real binary's output: --replay of its own NDJSON and of raw server
frames, text wrapping with and without a terminal, and terminal safety of
every printed field, in text and --format output."""

import json
import os
import tempfile
import unicodedata
import unittest

import harness

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                      "golden", "corpus")


def corpus(name):
    return os.path.join(CORPUS, name)


def display_width(line):
    width = 0
    for char in line:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def replay(args, input=None):
    code, out, err = harness.run(["--color", "never", *args], input=input,
                                 env={"TZ": "UTC"}, token=None)
    return code, out, err


class ReplayTest(unittest.TestCase):
    def test_own_ndjson_replays_to_the_same_lines(self):
        code, first, err = replay(["--json", "--replay",
                                   corpus("statuses.ndjson")])
        self.assertEqual(code, 0, err)
        with tempfile.NamedTemporaryFile("w", suffix=".ndjson") as archive:
            archive.write(first)
            archive.flush()
            code, second, err = replay(["--json", "--replay", archive.name])
        self.assertEqual(code, 0, err)
        self.assertEqual(first, second)
        self.assertTrue(first)

    def test_raw_frames_replay_from_stdin(self):
        with open(corpus("events.ndjson"), encoding="utf-8") as file:
            frames = file.read()
        code, out, err = replay(["--json", "--replay", "-"], input=frames)
        self.assertEqual(code, 0, err)
        self.assertEqual(len(out.splitlines()),
                         len([f for f in frames.splitlines() if f]))
        for line in out.splitlines():
            json.loads(line)

    def test_count_stops_a_replay(self):
        code, out, _ = replay(["--json", "-c", "2", "--replay",
                               corpus("statuses.ndjson")])
        self.assertEqual(code, 0)
        self.assertEqual(len(out.splitlines()), 2)

    def test_missing_replay_file_is_a_usage_error(self):
        code, _, err = replay(["--replay", "/nonexistent/archive.ndjson"])
        self.assertEqual(code, 2)
        self.assertIn("/nonexistent/archive.ndjson", err)

    def test_only_media_filters_a_replay(self):
        with_media = {"id": "1", "media_attachments": [{"id": "9"}]}
        without = {"id": "2", "media_attachments": []}
        frames = "".join(
            json.dumps({"stream": ["user"], "event": "update",
                        "payload": json.dumps(status)}) + "\n"
            for status in (with_media, without))
        code, out, err = replay(["--json", "--only-media", "--replay", "-"],
                                input=frames)
        self.assertEqual(code, 0, err)
        self.assertEqual([json.loads(l)["payload"]["id"]
                          for l in out.splitlines()], ["1"])

    def test_malformed_lines_are_skipped(self):
        code, out, err = replay(["--json", "--replay", "-"],
                                input='{broken\n{"event":"delete",'
                                      '"stream":["public"],"payload":"5"}\n')
        self.assertEqual(code, 0)
        self.assertEqual(json.loads(out)["payload"], "5")
        self.assertIn("malformed", err)


class TextOutputTest(unittest.TestCase):
    def test_no_wrapping_without_a_terminal(self):
        code, out, err = replay(["--replay", corpus("statuses.ndjson")])
        self.assertEqual(code, 0, err)
        widest = max(display_width(line) for line in out.splitlines())
        self.assertGreater(widest, 80)

    def test_width_wraps_text(self):
        code, out, err = replay(["--width", "40", "--replay",
                                 corpus("statuses.ndjson")])
        self.assertEqual(code, 0, err)
        for line in out.splitlines():
            words = line.split()
            # A single word longer than the width (a URL) may overflow.
            if len(words) > 1:
                self.assertLessEqual(display_width(line), 40, line)

    def test_color_only_when_asked(self):
        code, out, _ = replay(["--replay", corpus("statuses.ndjson")])
        self.assertNotIn("\x1b", out)
        code, out, _ = harness.run(["--color", "always", "--replay",
                                    corpus("statuses.ndjson")], token=None)
        self.assertIn("\x1b[", out)

    def test_no_color_variable_turns_color_off(self):
        code, out, _ = harness.run(["--replay", corpus("statuses.ndjson")],
                                   env={"NO_COLOR": "1",
                                        "CLICOLOR_FORCE": "1"}, token=None)
        self.assertNotIn("\x1b", out)


class TerminalSafetyTest(unittest.TestCase):
    HOSTILE = "\x1b]0;owned\x07Eve\u202e"

    def hostile_status(self):
        return {
            "id": "1", "created_at": "2026-12-04T10:00:00.000Z",
            "account": {"id": "1", "username": "eve", "acct": "eve",
                        "display_name": self.HOSTILE},
            "content": "<p>clear \x1b[2J screen \u009b31m red</p>",
            "spoiler_text": "", "visibility": "public",
            "url": "https://x.example/\x1b[31m",
            "media_attachments": [{"id": "9", "type": "image",
                                   "url": "https://x.example/a.png",
                                   "description": "alt \x1b]8;;evil\x07"}],
            "poll": {"id": "3", "expired": False, "multiple": False,
                     "votes_count": 1, "voters_count": 1,
                     "options": [{"title": "opt \u2066x\u2069",
                                  "votes_count": 1}]},
            "card": {"url": "https://x.example", "title": "card \x07bell"},
        }

    def frames(self):
        status = self.hostile_status()
        lines = [{"stream": ["public"], "event": "update",
                  "payload": json.dumps(status)}]
        return "\n".join(json.dumps(line) for line in lines) + "\n"

    def assert_safe(self, text):
        for bad in ("\x1b", "\x07", "\u009b", "\u202e", "\u2066", "\u2069"):
            self.assertNotIn(bad, text)

    def test_text_output_is_sanitised(self):
        code, out, err = replay(["--replay", "-"], input=self.frames())
        self.assertEqual(code, 0, err)
        self.assertIn("Eve", out)
        self.assert_safe(out)
        self.assert_safe(err)

    def test_template_output_is_sanitised(self):
        code, out, err = replay(
            ["--format", "{account.display_name} {text} {url} "
             "{media_attachments.0.description} {card.title}",
             "--replay", "-"], input=self.frames())
        self.assertEqual(code, 0, err)
        self.assertIn("Eve", out)
        self.assert_safe(out)

    def test_error_messages_from_the_server_are_sanitised(self):
        frame = json.dumps({"error": "bad \x1b]0;title\x07 thing",
                            "status": 400}) + "\n"
        code, _, err = replay(["--replay", "-"], input=frame)
        self.assertIn("bad", err)
        self.assert_safe(err)


if __name__ == "__main__":
    harness.run_tests()
