"""End-to-end tests of mastotail login, logout and accounts.

The fake instance serves the OAuth endpoints, and each test acts as the
browser: it reads the authorization URL from mastotail's stderr, requests it
from the fake instance and follows the redirect to mastotail's loopback
callback, or pastes the code on stdin. Every test gets its own HOME and
XDG_CONFIG_HOME, so the stored accounts start empty.
"""

import http.client
import os
import re
import socket
import stat
import subprocess
import tempfile
import time
import unittest
import urllib.parse

import harness
from harness import FakeInstance, Mastotail, wait_until

AUTHORIZE_URL = re.compile(r"^(https?://\S+/oauth/authorize\?\S+)$", re.M)


def http_request(url, timeout=10):
    """GET `url`; return (status, lowercased headers, body text)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port,
                                            timeout=timeout)
    try:
        target = parts.path + ("?" + parts.query if parts.query else "")
        connection.request("GET", target)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        headers = {k.lower(): v for k, v in response.getheaders()}
        return response.status, headers, body
    finally:
        connection.close()


def closed_port():
    """Return a loopback port that nothing listens on (just released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LoginTestCase(unittest.TestCase):
    """A fake instance, a private HOME and helpers to drive login."""

    fake_options = {}

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.home = self.directory.name
        self.config_home = os.path.join(self.home, "xdg")
        self.fake = FakeInstance(**self.fake_options).start()
        # Every run's stdout and stderr, for the secret checks.
        self.outputs = []

    def tearDown(self):
        self.fake.stop()
        self.directory.cleanup()

    @property
    def config_path(self):
        return os.path.join(self.config_home, "mastotail", "config")

    def env(self, **extra):
        env = {"HOME": self.home, "XDG_CONFIG_HOME": self.config_home,
               "MASTOTAIL_CONFIG": ""}
        env.update(extra)
        return env

    def run_mastotail(self, args, env=None, timeout=30, input=None):
        """Run mastotail without MASTOTAIL_TOKEN; return (code, out, err)."""
        code, out, err = Mastotail(token=None).run(
            args, env=self.env(**(env or {})), timeout=timeout, input=input)
        self.outputs += [out, err]
        return code, out, err

    def start_login(self, *args, instance=None):
        """Start mastotail login with stdin on a pipe."""
        tail = Mastotail(token=None)
        tail.start(["login", instance or self.fake.http_url, *args],
                   env=self.env(), stdin=subprocess.PIPE)
        self.addCleanup(tail.kill)
        return tail

    def authorization_url(self, tail):
        match = wait_until(lambda: AUTHORIZE_URL.search(tail.stderr()),
                           message="the authorization URL on stderr")
        return match.group(1)

    def finish(self, tail, timeout=15):
        """Wait for exit; return (code, stdout, stderr)."""
        code = tail.wait(timeout)
        out = []
        while True:
            line = tail.read_line(timeout=1)
            if line is None:
                break
            out.append(line)
        stdout = "\n".join(out)
        self.outputs += [stdout, tail.stderr()]
        return code, stdout, tail.stderr()

    def browse(self, tail):
        """Act as the browser: open the authorization URL and follow the
        redirect to the loopback callback. Return the callback's status."""
        status, headers, _ = http_request(self.authorization_url(tail))
        self.assertEqual(status, 302)
        callback_status, _, _ = http_request(headers["location"])
        return callback_status

    def login(self, *args):
        """Log in through the loopback callback; return (code, out, err)."""
        tail = self.start_login(*args)
        self.browse(tail)
        return self.finish(tail)

    def read_config(self):
        with open(self.config_path, encoding="utf-8") as file:
            return file.read()

    def stored_token(self, account):
        section = self.read_config().split(f"[account {account}]")[1]
        return re.search(r"^token = (\S+)$", section, re.M).group(1)

    def account_name(self, user):
        return f"{user}@127.0.0.1:{self.fake.port}"

    def stream_authorization(self, args, env=None):
        """Run a stream until it subscribes; return the Authorization
        header that its WebSocket upgrade sent."""
        tail = Mastotail(token=None)
        tail.start(args, env=self.env(**(env or {})))
        self.addCleanup(tail.kill)
        self.fake.wait_for_subscriptions(1)
        header = self.fake.connections()[0]["headers"]["authorization"]
        tail.interrupt()
        self.assertEqual(tail.wait(10), 130)
        self.outputs += [tail.stderr()]
        wait_until(lambda: not self.fake.connections(),
                   message="the stream to close")
        return header


class CodeFlowTest(LoginTestCase):
    def test_loopback_flow_stores_account(self):
        tail = self.start_login()
        url = self.authorization_url(tail)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        self.assertEqual(query["code_challenge_method"], ["S256"])
        self.assertEqual(query["scope"], ["read"])
        self.assertEqual(len(query["code_challenge"][0]), 43)
        self.assertTrue(query["state"][0])
        self.assertRegex(query["redirect_uri"][0],
                         r"^http://127\.0\.0\.1:\d+/callback$")
        self.assertEqual(self.browse(tail), 200)

        code, out, err = self.finish(tail)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, "")
        name = self.account_name("alice")
        self.assertIn(f"logged in as {name}", err)
        config = self.read_config()
        self.assertIn(f"default = {name}", config)
        self.assertIn(f"instance = {self.fake.http_url}", config)
        self.assertRegex(config, r"client_id = client-\S+")
        self.assertRegex(config, r"client_secret = secret-\S+")
        self.assertEqual(self.stored_token(name),
                         self.fake.oauth()["issued"][0])

    def test_stored_account_streams_without_options(self):
        code, _, err = self.login()
        self.assertEqual(code, 0, err)

        tail = Mastotail(token=None)
        tail.start(["--json", "-c", "1"], env=self.env())
        self.addCleanup(tail.kill)
        self.fake.wait_for_subscriptions(1)
        subscriptions = self.fake.connections()[0]["subscriptions"]
        self.assertEqual(subscriptions, [{"stream": "user"}])
        self.fake.publish("user", "delete", "7")
        self.assertIn('"7"', tail.read_line())
        self.assertEqual(tail.wait(10), 0)

    def test_out_of_band_flow_reads_pasted_code(self):
        tail = self.start_login("--no-browser-callback")
        url = self.authorization_url(tail)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        self.assertEqual(query["redirect_uri"],
                         ["urn:ietf:wg:oauth:2.0:oob"])
        expected = "paste the authorization code"
        self.assertIn(expected, tail.wait_for_stderr(expected))

        status, _, page = http_request(url)
        self.assertEqual(status, 200)
        pasted = re.search(r'class="oauth-code"[^>]*value="([^"]+)"', page)
        tail.process.stdin.write(pasted.group(1).encode() + b"\n")
        tail.process.stdin.flush()

        code, out, err = self.finish(tail)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, "")
        self.assertIn(self.account_name("alice"), self.read_config())

    def test_pasted_address_while_waiting_for_callback(self):
        tail = self.start_login()
        status, headers, _ = http_request(self.authorization_url(tail))
        self.assertEqual(status, 302)
        # Over SSH the browser cannot reach the callback; the user pastes
        # the address it shows instead.
        tail.process.stdin.write(headers["location"].encode() + b"\n")
        tail.process.stdin.flush()

        code, _, err = self.finish(tail)
        self.assertEqual(code, 0, err)
        self.assertIn(self.account_name("alice"), self.read_config())

    def test_stdin_closed_keeps_waiting_for_callback(self):
        tail = self.start_login()
        url = self.authorization_url(tail)
        tail.process.stdin.close()
        time.sleep(0.3)
        self.assertIsNone(tail.process.poll())

        status, headers, _ = http_request(url)
        http_request(headers["location"])
        code, _, err = self.finish(tail)
        self.assertEqual(code, 0, err)

    def test_prompts_survive_quiet(self):
        tail = self.start_login("-q")
        self.authorization_url(tail)
        expected = "waiting for the browser"
        self.assertIn(expected, tail.wait_for_stderr(expected))
        tail.interrupt()
        self.assertEqual(tail.wait(10), 130)


class AccountsTest(LoginTestCase):
    def login_as(self, user):
        self.fake.oauth(account=user)
        code, _, err = self.login()
        self.assertEqual(code, 0, err)
        return self.account_name(user)

    def test_first_account_is_default(self):
        alice = self.login_as("alice")
        bob = self.login_as("bob")

        code, out, err = self.run_mastotail(["accounts"])
        self.assertEqual(code, 0, err)
        self.assertEqual(out.splitlines(), [
            f"* {alice}  {self.fake.http_url}",
            f"  {bob}  {self.fake.http_url}"])

        code, _, err = self.run_mastotail(["accounts", "--default", bob])
        self.assertEqual(code, 0, err)
        _, out, _ = self.run_mastotail(["accounts"])
        self.assertIn(f"* {bob}", out)
        self.assertIn(f"  {alice}", out)

    def test_unknown_default_is_usage_error(self):
        self.login_as("alice")
        code, _, err = self.run_mastotail(
            ["accounts", "--default", "nobody@example.social"])
        self.assertEqual(code, 2)
        self.assertIn("no stored account 'nobody@example.social'", err)

    def test_account_option_and_variable_pick_token(self):
        alice = self.login_as("alice")
        bob = self.login_as("bob")
        alice_token = self.stored_token(alice)
        bob_token = self.stored_token(bob)

        self.assertEqual(self.stream_authorization([]),
                         f"Bearer {alice_token}")
        self.assertEqual(self.stream_authorization(["--account", bob]),
                         f"Bearer {bob_token}")
        self.assertEqual(
            self.stream_authorization([], env={"MASTOTAIL_ACCOUNT": bob}),
            f"Bearer {bob_token}")

    def test_logout_revokes_and_removes(self):
        alice = self.login_as("alice")
        bob = self.login_as("bob")
        alice_token = self.stored_token(alice)

        code, out, err = self.run_mastotail(["logout", "-v"])
        self.assertEqual(code, 0, err)
        self.assertEqual(out, "")
        self.assertIn(f"logged out {alice}; the default account is {bob}",
                      err)
        self.assertEqual(self.fake.oauth()["revoked"], [alice_token])
        config = self.read_config()
        self.assertNotIn(alice, config)
        self.assertIn(f"default = {bob}", config)

        code, _, err = self.run_mastotail(["logout", bob])
        self.assertEqual(code, 0, err)
        _, out, _ = self.run_mastotail(["accounts"])
        self.assertEqual(out, "")

    def test_logout_keeps_account_when_unreachable(self):
        alice = self.login_as("alice")
        self.fake.stop()
        code, _, err = self.run_mastotail(["logout"])
        self.assertEqual(code, 1)
        self.assertIn("cannot reach", err)
        self.assertIn(f"the account {alice} is kept", err)
        self.assertIn(alice, self.read_config())

    def test_logout_unknown_account(self):
        code, _, err = self.run_mastotail(["logout", "nobody@example.social"])
        self.assertEqual(code, 2)
        self.assertIn("no stored account", err)


class TokenSourceTest(LoginTestCase):
    fake_options = {"tokens": ["token-from-file", "token-from-command",
                               "token-from-environment"]}

    def setUp(self):
        super().setUp()
        self.fake.oauth(account="alice")
        tail = self.start_login()
        self.browse(tail)
        code, _, err = self.finish(tail)
        self.assertEqual(code, 0, err)
        self.account = self.account_name("alice")
        self.token_file = harness.write_token_file(self.home,
                                                   "token-from-file")

    def test_sources_in_order(self):
        file_option = ["--token-file", self.token_file]
        command_option = ["--token-command", "echo token-from-command"]
        environment = {"MASTOTAIL_TOKEN": "token-from-environment"}
        instance = ["-i", self.fake.http_url]

        self.assertEqual(
            self.stream_authorization(
                instance + file_option + command_option, env=environment),
            "Bearer token-from-file")
        self.assertEqual(
            self.stream_authorization(instance + command_option,
                                      env=environment),
            "Bearer token-from-command")
        self.assertEqual(
            self.stream_authorization(instance, env=environment),
            "Bearer token-from-environment")
        self.assertEqual(self.stream_authorization([]),
                         f"Bearer {self.stored_token(self.account)}")

    def test_ignored_account_is_reported(self):
        tail = Mastotail(token=None)
        tail.start(["-i", self.fake.http_url, "--account", self.account],
                   env=self.env(MASTOTAIL_TOKEN="token-from-environment"))
        self.addCleanup(tail.kill)
        self.fake.wait_for_subscriptions(1)
        expected = (f"ignoring account {self.account}: the token comes "
                    "from MASTOTAIL_TOKEN")
        self.assertIn(expected, tail.wait_for_stderr(expected))

    def test_token_command_failure_names_status_only(self):
        code, out, err = self.run_mastotail(
            ["-i", self.fake.http_url, "--token-command",
             "printf 'secret%s' -output; exit 3"])
        self.assertEqual(code, 2)
        self.assertIn("failed with exit status 3", err)
        self.assertNotIn("secret-output", err + out)

    def test_token_command_takes_first_line(self):
        header = self.stream_authorization(
            ["-i", self.fake.http_url, "--token-command",
             "printf 'token-from-command\\nuser: alice\\n'"])
        self.assertEqual(header, "Bearer token-from-command")

    def test_other_instance_needs_own_token(self):
        code, _, err = self.run_mastotail(["-i", "other.example"])
        self.assertEqual(code, 2)
        self.assertIn(f"-i other.example is not the instance of account "
                      f"{self.account}", err)

    def test_explicit_token_needs_instance(self):
        code, _, err = self.run_mastotail(
            [], env={"MASTOTAIL_TOKEN": "token-from-environment"})
        self.assertEqual(code, 2)
        self.assertIn("no instance given", err)

    def test_nothing_stored_and_no_instance(self):
        os.remove(self.config_path)
        code, _, err = self.run_mastotail([])
        self.assertEqual(code, 2)
        self.assertIn("no instance given; pass -i HOST or set "
                      "MASTOTAIL_INSTANCE", err)


class FileModeTest(LoginTestCase):
    def test_config_is_private(self):
        code, _, err = self.login()
        self.assertEqual(code, 0, err)
        mode = stat.S_IMODE(os.stat(self.config_path).st_mode)
        self.assertEqual(mode, 0o600)
        directory = os.path.dirname(self.config_path)
        self.assertEqual(stat.S_IMODE(os.stat(directory).st_mode), 0o700)
        leftovers = [name for name in os.listdir(directory)
                     if name != "config"]
        self.assertEqual(leftovers, [])

    def test_readable_config_is_rejected(self):
        code, _, err = self.login()
        self.assertEqual(code, 0, err)
        os.chmod(self.config_path, 0o644)
        code, out, err = self.run_mastotail(["--json"])
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn(f"run chmod 600 '{self.config_path}'", err)
        code, _, err = self.run_mastotail(["accounts"])
        self.assertEqual(code, 2)
        self.assertIn("chmod 600", err)

    def test_readable_token_file_is_rejected(self):
        path = harness.write_token_file(self.home)
        os.chmod(path, 0o640)
        code, _, err = self.run_mastotail(
            ["-i", self.fake.http_url, "--token-file", path])
        self.assertEqual(code, 2)
        self.assertIn("(mode 0640)", err)
        self.assertIn(f"run chmod 600 '{path}'", err)

    def test_config_variable_overrides_location(self):
        path = os.path.join(self.home, "elsewhere", "mastotail.conf")
        tail = Mastotail(token=None)
        tail.start(["login", self.fake.http_url],
                   env=self.env(MASTOTAIL_CONFIG=path),
                   stdin=subprocess.PIPE)
        self.addCleanup(tail.kill)
        self.browse(tail)
        code, _, err = self.finish(tail)
        self.assertEqual(code, 0, err)
        self.assertTrue(os.path.exists(path))
        self.assertFalse(os.path.exists(self.config_path))


class LoginErrorTest(LoginTestCase):
    def test_unreachable_instance_exits_1(self):
        code, out, err = self.run_mastotail(
            ["login", f"http://127.0.0.1:{closed_port()}"])
        self.assertEqual(code, 1)
        self.assertEqual(out, "")
        self.assertIn("cannot reach", err)

    def test_html_instead_of_api_exits_4(self):
        for mode in ("html", "404"):
            with self.subTest(mode=mode):
                self.fake.oauth(apps=mode)
                code, _, err = self.run_mastotail(
                    ["login", self.fake.http_url])
                self.assertEqual(code, 4)
                self.assertIn("is not a Mastodon-API server", err)

    def test_rejected_registration_exits_1(self):
        self.fake.oauth(apps="422")
        code, _, err = self.run_mastotail(["login", self.fake.http_url])
        self.assertEqual(code, 1)
        self.assertIn("rejected the app registration: Validation failed: "
                      "Redirect URI must be an absolute URI.", err)

    def test_denied_access_exits_3(self):
        self.fake.oauth(authorize="deny")
        tail = self.start_login()
        self.assertEqual(self.browse(tail), 400)
        code, _, err = self.finish(tail)
        self.assertEqual(code, 3)
        self.assertIn("access was denied", err)
        self.assertIn("access_denied", err)
        self.assertFalse(os.path.exists(self.config_path))

    def test_wrong_code_exits_3(self):
        tail = self.start_login("--no-browser-callback")
        self.authorization_url(tail)
        tail.process.stdin.write(b"not-a-valid-code\n")
        tail.process.stdin.flush()
        code, _, err = self.finish(tail)
        self.assertEqual(code, 3)
        self.assertIn("wrong or has expired (invalid_grant", err)

    def test_state_mismatch_exits_3(self):
        self.fake.oauth(authorize="wrong_state")
        tail = self.start_login()
        # The browser must not be told that the login worked.
        self.assertEqual(self.browse(tail), 400)
        code, _, err = self.finish(tail)
        self.assertEqual(code, 3)
        self.assertIn("state value", err)
        requests = [r["path"] for r in self.fake.requests()]
        self.assertNotIn("/oauth/token", requests)

    def test_token_rejected_by_verify_credentials_exits_3(self):
        self.fake.oauth(verify="401")
        code, _, err = self.login()
        self.assertEqual(code, 3)
        self.assertIn("rejected the new token at verify_credentials", err)
        self.assertFalse(os.path.exists(self.config_path))

    def test_closed_stdin_without_callback_exits_2(self):
        code, _, err = self.run_mastotail(
            ["login", self.fake.http_url, "--no-browser-callback"])
        self.assertEqual(code, 2)
        self.assertIn("stdin ended before an authorization code", err)

    def test_revoked_token_later_exits_3(self):
        code, _, err = self.login()
        self.assertEqual(code, 0, err)
        token = self.stored_token(self.account_name("alice"))
        self.fake.oauth(revoke=token)

        code, out, err = self.run_mastotail(["--json"])
        self.assertEqual(code, 3)
        self.assertEqual(out, "")
        self.assertIn("Invalid access token", err)
        self.assertIn("run mastotail login again", err)


class SecretTest(LoginTestCase):
    def cmdline(self, pid):
        with open(f"/proc/{pid}/cmdline", "rb") as file:
            return file.read().decode("utf-8", "replace")

    def test_token_never_shown(self):
        for verbosity in ("-v", "-vv"):
            tail = self.start_login(verbosity)
            self.browse(tail)
            code, _, err = self.finish(tail)
            self.assertEqual(code, 0, err)
        self.fake.oauth(account="bob")
        tail = self.start_login("-vv", "--no-browser-callback")
        _, _, page = http_request(self.authorization_url(tail))
        pasted = re.search(r'value="([^"]+)"', page).group(1)
        tail.process.stdin.write(pasted.encode() + b"\n")
        tail.process.stdin.flush()
        self.assertEqual(self.finish(tail)[0], 0)

        alice = self.account_name("alice")
        bob = self.account_name("bob")
        tokens = [self.stored_token(alice), self.stored_token(bob)]
        command_lines = []
        for args in (["--json", "-v"], ["--json", "-vv", "--account", bob],
                     ["--json"]):
            tail = Mastotail(token=None)
            tail.start(args + ["-c", "1"], env=self.env())
            self.addCleanup(tail.kill)
            self.fake.wait_for_subscriptions(1)
            command_lines.append(self.cmdline(tail.process.pid))
            self.fake.publish("user", "delete", "5")
            line = tail.read_line()
            self.assertEqual(tail.wait(10), 0)
            self.outputs += [line, tail.stderr()]
            wait_until(lambda: not self.fake.connections(),
                       message="the stream to close")
        self.run_mastotail(["accounts", "-vv"])
        self.run_mastotail(["logout", "-vv", bob])

        everything = self.outputs + command_lines
        self.assertGreater(len(everything), 10)
        for token in tokens:
            for form in (token, urllib.parse.quote(token, safe="")):
                for text in everything:
                    self.assertNotIn(form, text)


if __name__ == "__main__":
    harness.run_tests()
