"""End-to-end tests of the client-side filters (--lang, --match, --from, ...).

Runs the real mastotail binary (environment variable MASTOTAIL) with
--replay over tests/filter/events.ndjson, so no server is involved. Standard
library only. Prints "RESULT: N passed, M failed" last and exits non-zero
when a test fails.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

MASTOTAIL = os.environ.get("MASTOTAIL", "")
EVENTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                      "filter", "events.ndjson")

# Each run ends on its own after the replay; this only guards against a hang.
RUN_TIMEOUT = 60

# The event keys of events.ndjson in file order: a status id, a notification
# id, or a deleted id. 201 and 202 are two boosts of status 150.
ALL_EVENTS = ["101", "102", "103", "201", "202", "999", "n1", "n2", "105"]


def run_mastotail(arguments, replay=EVENTS):
    """Run mastotail --replay with `arguments`; return the CompletedProcess."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MASTOTAIL_")}
    env["NO_COLOR"] = "1"
    return subprocess.run([MASTOTAIL, "--replay", replay] + arguments,
                          capture_output=True, text=True, env=env,
                          timeout=RUN_TIMEOUT, check=False)


def event_key(line):
    """Return the key of one NDJSON output line, as in ALL_EVENTS."""
    payload = json.loads(line)["payload"]
    if isinstance(payload, dict):
        return payload["id"]
    return payload


class FilterTest(unittest.TestCase):
    """Each test replays events.ndjson and checks which events come out."""

    def json_keys(self, arguments, replay=EVENTS):
        result = run_mastotail(["--json"] + arguments, replay)
        self.assertEqual(result.returncode, 0, result.stderr)
        return [event_key(line) for line in result.stdout.splitlines()]

    def assert_selects(self, arguments, expected):
        self.assertEqual(self.json_keys(arguments), expected,
                         f"mastotail --json {' '.join(arguments)}")

    def assert_usage_error(self, arguments, *expected_parts):
        result = run_mastotail(arguments)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stdout, "")
        for part in expected_parts:
            self.assertIn(part, result.stderr)

    def test_no_filter_keeps_all(self):
        self.assert_selects([], ALL_EVENTS)

    def test_lang(self):
        self.assert_selects(["--lang", "en"],
                            ["101", "201", "202", "999", "n2", "105"])
        self.assert_selects(["--lang", "de", "--lang", "fr"],
                            ["102", "999", "n1", "n2"])
        self.assert_selects(["--lang", "none"], ["103", "999", "n2"])

    def test_boosts_replies_bots(self):
        self.assert_selects(
            ["--no-boosts"],
            ["101", "102", "103", "999", "n1", "n2", "105"])
        self.assert_selects(
            ["--no-replies"],
            ["101", "103", "201", "202", "999", "n2", "105"])
        self.assert_selects(
            ["--no-bots"],
            ["101", "102", "201", "202", "999", "n1", "n2", "105"])

    def test_visibility(self):
        self.assert_selects(["--visibility", "unlisted,direct"],
                            ["102", "999", "n1", "n2"])

    def test_match_and_exclude(self):
        self.assert_selects(["--match", "news"],
                            ["201", "202", "999", "n2"])
        self.assert_selects(["--match", "apple", "--match", "^Salut"],
                            ["103", "999", "n1", "n2"])
        self.assert_selects(["--match", "^weather$"], ["999", "n2", "105"])
        self.assert_selects(
            ["--exclude", "alice"],
            ["102", "103", "201", "202", "999", "n2", "105"])

    def test_ignore_case_folds_accents(self):
        self.assert_selects(["--match", "ÉTÉ"], ["999", "n2"])
        self.assert_selects(["--ignore-case", "--match", "ÉTÉ"],
                            ["999", "n2", "105"])

    def test_from_accounts(self):
        self.assert_selects(["--from", "alice"], ["101", "999", "105"])
        self.assert_selects(["--from", "@remote.example"],
                            ["102", "201", "202", "999", "n1"])
        self.assert_selects(["--from", "carol"], ["201", "999"])
        self.assert_selects(
            ["--exclude-from", "@remote.example"],
            ["101", "103", "999", "n2", "105"])

    def test_local_account_by_instance(self):
        self.assert_selects(["--from", "alice@social.example"], ["999"])
        self.assert_selects(
            ["-i", "social.example", "--from", "alice@social.example"],
            ["101", "999", "105"])
        self.assert_selects(
            ["-i", "https://social.example", "--from", "@social.example"],
            ["101", "201", "999", "n2", "105"])

    def test_events(self):
        self.assert_selects(["--events", "delete,notification"],
                            ["999", "n1", "n2"])
        self.assert_selects(
            ["--events", "notification", "--from", "frank@remote.example"],
            ["n1"])

    def test_combination(self):
        self.assert_selects(
            ["--events", "update", "--lang", "en", "--no-boosts",
             "--visibility", "public"],
            ["101", "105"])

    def test_count_ignores_filtered_events(self):
        self.assert_selects(["--lang", "de", "--count", "1"], ["102"])
        self.assert_selects(["--no-boosts", "--no-replies", "--count", "3"],
                            ["101", "103", "999"])

    def test_repeated_boost_printed_once_in_text(self):
        result = run_mastotail([])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.count("Big news today"), 1)
        self.assertIn("boosted by Carol", result.stdout)
        self.assertNotIn("boosted by Erin", result.stdout)

    def test_repeated_boost_printed_once_in_template(self):
        result = run_mastotail(["--format", "{event} {id}"])
        self.assertEqual(result.returncode, 0, result.stderr)
        ids = [line.split()[1] for line in result.stdout.splitlines()
               if line.startswith("update ")]
        self.assertEqual(ids, ["101", "102", "103", "201", "105"])

    def test_repeated_boost_kept_in_json(self):
        self.assertEqual(self.json_keys(["--match", "news"]),
                         ["201", "202", "999", "n2"])

    def test_filters_apply_to_raw_output(self):
        result = run_mastotail(["-o", "raw", "--lang", "de"])
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual([event_key(line) for line in lines],
                         ["102", "999", "n2"])

    def test_catastrophic_pattern_is_linear(self):
        content = "<p>" + "a" * 50000 + "b</p>"
        status = {"id": "300", "language": "en", "visibility": "public",
                  "account": {"acct": "zed"}, "content": content}
        with tempfile.NamedTemporaryFile("w", suffix=".ndjson",
                                         delete=False) as replay:
            replay.write(json.dumps({"event": "update", "payload": status}))
            replay.write("\n")
        try:
            self.assertEqual(
                self.json_keys(["--match", "(a+)+$"], replay.name), [])
            self.assertEqual(
                self.json_keys(["--exclude", "(a+)+$"], replay.name),
                ["300"])
            self.assertEqual(
                self.json_keys(["--match", "(a+)+b$"], replay.name),
                ["300"])
        finally:
            os.unlink(replay.name)

    def test_bad_values_exit_2(self):
        self.assert_usage_error(["--match", "(a"],
                                "--match '(a': missing ): (a")
        self.assert_usage_error(["--exclude", "x{2,1}"], "--exclude 'x{2,1}'",
                                "invalid repetition size: {2,1}")
        self.assert_usage_error(["--lang", "english"], "--lang 'english'",
                                "ISO 639")
        self.assert_usage_error(["--visibility", "friends"],
                                "unknown visibility 'friends'", "unlisted")
        self.assert_usage_error(["--events", "update,toot"],
                                "unknown event 'toot'", "status.update")
        self.assert_usage_error(["--from", "not an account"],
                                "--from 'not an account'", "@domain")


class CountingResult(unittest.TextTestResult):
    """A result that also counts passed tests."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.passed = 0

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1


def main():
    if not MASTOTAIL or not os.access(MASTOTAIL, os.X_OK):
        print("MASTOTAIL must name the mastotail binary", file=sys.stderr)
        print("RESULT: 0 passed, 1 failed")
        return 1

    suite = unittest.defaultTestLoader.loadTestsFromTestCase(FilterTest)
    runner = unittest.TextTestRunner(resultclass=CountingResult, verbosity=2)
    result = runner.run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"RESULT: {result.passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
