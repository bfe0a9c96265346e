#!/usr/bin/env python3
"""Counts test cases in meson test logs and prints "N passed, N failed".

A doctest executable contributes its test cases, an end-to-end file the
count of its "RESULT: N passed, N failed" line, and any other meson test
counts as one case. A meson test that failed without reporting a failed
case (a crash, a sanitizer report at exit) counts as one failed case.
Exits 1 when anything failed or a log is missing.
"""

import json
import re
import sys

DOCTEST = re.compile(r"test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed")
E2E = re.compile(r"^RESULT: (\d+) passed, (\d+) failed", re.MULTILINE)


def count_test(entry):
    output = entry.get("stdout") or ""
    if entry.get("result") == "SKIP":
        return 0, 0
    ok = entry.get("result") in ("OK", "EXPECTEDFAIL")
    passed = failed = 0
    match = DOCTEST.search(output)
    found = E2E.findall(output)
    if match:
        passed, failed = int(match.group(2)), int(match.group(3))
    elif found:
        passed = sum(int(p) for p, _ in found)
        failed = sum(int(f) for _, f in found)
    elif ok:
        passed = 1
    if not ok and failed == 0:
        failed = 1
    return passed, failed


def main(paths):
    passed = failed = 0
    missing = False
    for path in paths:
        try:
            with open(path, encoding="utf-8") as log:
                for line in log:
                    if line.strip():
                        p, f = count_test(json.loads(line))
                        passed += p
                        failed += f
        except OSError:
            print(f"summarize: no test log at {path} (the build failed)")
            missing = True
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
