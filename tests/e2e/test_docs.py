"""Check that --help, the man page and the shell completions agree.

The man page and the completion scripts are generated from the option
table. These tests check the generated files as a user meets them. Every
option that `mastotail --help` lists must appear in the rendered man page
and be offered by bash, zsh and fish. The man page must render without
warnings, and `meson install --destdir` must install every file.

Standard library only. Paths come from the environment that meson sets:

  MASTOTAIL             the mastotail binary
  MASTOTAIL_BUILD_ROOT  the build directory (generated files, meson install)
  MESON                 the meson command
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

MASTOTAIL = os.environ.get("MASTOTAIL", "")
BUILD_ROOT = os.environ.get("MASTOTAIL_BUILD_ROOT", "")
MESON = os.environ.get("MESON", "meson")
HERE = os.path.dirname(os.path.abspath(__file__))

TIMEOUT = 60

MAN_PAGE = os.path.join(BUILD_ROOT, "man", "mastotail.1")
BASH_COMPLETION = os.path.join(BUILD_ROOT, "completions", "mastotail")
ZSH_COMPLETION_DIR = os.path.join(BUILD_ROOT, "completions")
FISH_COMPLETION = os.path.join(BUILD_ROOT, "completions", "mastotail.fish")
BASH_COMPLETION_LIBRARY = "/usr/share/bash-completion/bash_completion"

# Sections that the man page must have, in this order.
MAN_SECTIONS = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "OUTPUT",
                "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "CAVEATS",
                "SEE ALSO"]

# Every exit status of mastotail.
EXIT_STATUSES = ["0", "1", "2", "3", "4", "5", "6", "7", "130", "143"]

# Option lines of --help and of the rendered man page: "-i, --instance
# HOST|URL" or "--home", followed by two spaces and help or by the line end.
OPTION_LINE = re.compile(
    r"^\s+(?:-(?P<short>\w), )?--(?P<long>[a-z0-9-]+)"
    r"(?: (?P<value>\S+))?(?:\s{2,}|$)")


def run(args, **kwargs):
    """Run a command with a timeout and return its CompletedProcess."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", TIMEOUT)
    return subprocess.run(args, check=False, **kwargs)


def help_text():
    result = run([MASTOTAIL, "--help"])
    if result.returncode != 0:
        raise AssertionError(f"mastotail --help exited {result.returncode}")
    return result.stdout


def block_after(text, title):
    """Return the lines of `text` after the line `title` up to the next
    line that is not indented."""
    lines = text.splitlines()
    start = lines.index(title) + 1
    block = []
    for line in lines[start:]:
        if line and not line.startswith(" "):
            break
        block.append(line)
    return block


def parse_options(lines):
    """Return {"--long": (short or None, value or None)} for option lines."""
    options = {}
    for line in lines:
        match = OPTION_LINE.match(line)
        if match:
            short = "-" + match["short"] if match["short"] else None
            options["--" + match["long"]] = (short, match["value"])
    return options


def help_options():
    return parse_options(help_text().splitlines())


def help_option_words():
    """Return every option word of --help, short and long."""
    words = set()
    for long_name, (short, _) in help_options().items():
        words.add(long_name)
        if short:
            words.add(short)
    return words


def help_subcommands():
    """Return the subcommands of the Usage block of --help."""
    subcommands = []
    for line in block_after(help_text(), "Usage:"):
        words = line.split()
        if len(words) >= 2 and words[0] == "mastotail" \
                and not words[1].startswith(("[", "-")):
            subcommands.append(words[1])
    return subcommands


def render_man(path):
    """Render a man page as plain text; return (text, warnings)."""
    environment = dict(os.environ, MANWIDTH="200", LC_ALL="C.UTF-8",
                       MAN_KEEP_FORMATTING="")
    result = run(["man", "--warnings", "-l", path], env=environment)
    if result.returncode != 0:
        raise AssertionError(f"man -l {path} exited {result.returncode}: "
                             f"{result.stderr}")
    return result.stdout, result.stderr


def man_sections(text):
    """Return {title: [lines]} for the sections of a rendered man page."""
    sections = {}
    current = None
    for line in text.splitlines():
        if line and not line.startswith(" ") and line.isupper():
            current = line.strip()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return sections


def bash(script, cwd=None, env=None):
    """Run `script` in bash after loading bash-completion and our script."""
    prelude = (f"source {BASH_COMPLETION_LIBRARY} && "
               f"source {BASH_COMPLETION} || exit 1\n")
    return run(["bash", "--norc", "--noprofile", "-c", prelude + script],
               cwd=cwd, env=env)


def bash_words(line):
    """Split a command line into COMP_WORDS as bash does: at blanks, and
    around '=' because COMP_WORDBREAKS contains it."""
    words = []
    for token in line.split(" "):
        if token:
            words += [part for part in re.split(r"(=)", token) if part]
    if line.endswith(" "):
        words.append("")
    return words


def bash_complete(line, cwd=None, env=None):
    """Complete `line` the way bash does after a Tab at its end."""
    return bash_completion(line, cwd=cwd, env=env)[0]


def bash_completion(line, cwd=None, env=None):
    """Complete `line` in bash; return (sorted candidates, stderr)."""
    quoted = " ".join(sh_quote(word) for word in bash_words(line))
    script = (
        f"COMP_WORDS=({quoted})\n"
        "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
        f"COMP_LINE={sh_quote(line)}\n"
        "COMP_POINT=${#COMP_LINE}\n"
        "_mastotail mastotail \"${COMP_WORDS[COMP_CWORD]}\" "
        "\"${COMP_WORDS[COMP_CWORD - 1]}\"\n"
        "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    result = bash(script, cwd=cwd, env=env)
    if result.returncode != 0:
        raise AssertionError(f"bash completion failed: {result.stderr}")
    candidates = sorted(word for word in result.stdout.splitlines() if word)
    return candidates, result.stderr


def sh_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def zsh_complete(line, cwd=None, env=None):
    """Complete `line` in an interactive zsh and return the candidates."""
    return zsh_completion(line, cwd=cwd, env=env)[0]


def zsh_completion(line, cwd=None, env=None):
    """Complete `line` in an interactive zsh; return (sorted candidates,
    everything that zsh wrote on its terminal)."""
    with tempfile.TemporaryDirectory(prefix="mastotail-zsh-") as directory:
        transcript_path = os.path.join(directory, "terminal")
        result = run(["zsh", "-f", os.path.join(HERE, "zsh_complete.zsh"),
                      ZSH_COMPLETION_DIR, line, transcript_path],
                     cwd=cwd, env=env)
        if result.returncode != 0:
            raise AssertionError(f"zsh completion failed: {result.stderr}")
        with open(transcript_path) as transcript:
            terminal = transcript.read()
    return sorted(set(result.stdout.split())), terminal


def fish_complete(line, cwd=None, env=None):
    """Complete `line` in fish and return the candidates without their
    descriptions."""
    return fish_completion(line, cwd=cwd, env=env)[0]


def fish_completion(line, cwd=None, env=None):
    """Complete `line` in fish; return (sorted candidates without their
    descriptions, stderr)."""
    script = f"source {FISH_COMPLETION}; complete -C {fish_quote(line)}"
    result = run(["fish", "--no-config", "-c", script], cwd=cwd, env=env)
    if result.returncode != 0:
        raise AssertionError(f"fish completion failed: {result.stderr}")
    candidates = sorted(line.split("\t")[0]
                        for line in result.stdout.splitlines() if line)
    return candidates, result.stderr


def fish_quote(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


class FileDirectory:
    """A temporary directory with a few files, for file-name completion."""

    names = ["archive.ndjson", "token.txt"]

    def __enter__(self):
        self.directory = tempfile.mkdtemp(prefix="mastotail-docs-")
        for name in self.names:
            with open(os.path.join(self.directory, name), "w") as file:
                file.write("x\n")
        return self.directory

    def __exit__(self, *exception):
        shutil.rmtree(self.directory)


# Stored accounts of StoredAccounts; the first is the default.
ACCOUNT_NAMES = ["alice@example.social", "bob@example.org"]


class StoredAccounts:
    """A temporary configuration file with stored accounts, and the
    environment that selects it: MASTOTAIL_CONFIG, and PATH with the
    directory of the built mastotail first, so that the completions run it.
    The tokens are fake. With no names the file does not exist, so
    `mastotail accounts` lists nothing and prints an info line on stderr."""

    def __init__(self, names):
        self.names = names

    def __enter__(self):
        self.directory = tempfile.mkdtemp(prefix="mastotail-accounts-")
        path = os.path.join(self.directory, "config")
        if self.names:
            text = f"default = {self.names[0]}\n"
            for number, name in enumerate(self.names):
                host = name.split("@")[1]
                text += (f"\n[account {name}]\n"
                         f"instance = https://{host}\n"
                         f"token = fake-token-{number}\n"
                         f"client_id = fake-client-{number}\n"
                         f"client_secret = fake-secret-{number}\n")
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                                 0o600)
            with os.fdopen(descriptor, "w") as file:
                file.write(text)
        binary_directory = os.path.dirname(os.path.abspath(MASTOTAIL))
        search_path = binary_directory + os.pathsep + os.environ.get(
            "PATH", os.defpath)
        environment = dict(os.environ, MASTOTAIL_CONFIG=path,
                           PATH=search_path)
        environment.pop("MASTOTAIL_ACCOUNT", None)
        return environment

    def __exit__(self, *exception):
        shutil.rmtree(self.directory)


class AccountCompletionCases:
    """Completion of stored account names and of the subcommands, shared
    by the test classes of the three shells. A subclass sets `complete` to
    a function (line, env) -> (candidates, terminal output)."""

    complete = None

    def candidates(self, line, names=ACCOUNT_NAMES):
        with StoredAccounts(names) as environment:
            return type(self).complete(line, env=environment)[0]

    def test_fixture_lists_accounts(self):
        with StoredAccounts(ACCOUNT_NAMES) as environment:
            result = run([MASTOTAIL, "accounts"], env=environment)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.splitlines(),
                         ["* alice@example.social  https://example.social",
                          "  bob@example.org  https://example.org"])

    def test_completes_account_option(self):
        self.assertEqual(self.candidates("mastotail --account "),
                         ACCOUNT_NAMES)

    def test_completes_account_prefix(self):
        self.assertEqual(self.candidates("mastotail --account al"),
                         ["alice@example.social"])

    def test_completes_logout_operand(self):
        self.assertEqual(self.candidates("mastotail logout "), ACCOUNT_NAMES)

    def test_completes_logout_account_option(self):
        self.assertEqual(self.candidates("mastotail logout --account b"),
                         ["bob@example.org"])

    def test_completes_accounts_default(self):
        self.assertEqual(self.candidates("mastotail accounts --default "),
                         ACCOUNT_NAMES)

    def test_completes_one_logout_operand(self):
        offered = self.candidates("mastotail logout alice@example.social ")
        for name in ACCOUNT_NAMES:
            with self.subTest(name=name):
                self.assertNotIn(name, offered)

    def test_completes_subcommand_prefix(self):
        self.assertEqual(self.candidates("mastotail l"), ["login", "logout"])

    def test_offers_login_options(self):
        offered = self.candidates("mastotail login --")
        self.assertIn("--no-browser-callback", offered)
        self.assertIn("--cacert", offered)
        self.assertIn("--verbose", offered)
        self.assertNotIn("--tag", offered)
        self.assertNotIn("--default", offered)
        self.assertNotIn("--account", offered)

    def test_offers_accounts_options(self):
        offered = self.candidates("mastotail accounts --")
        self.assertIn("--default", offered)
        self.assertIn("--quiet", offered)
        self.assertNotIn("--no-browser-callback", offered)
        self.assertNotIn("--account", offered)

    def test_offers_logout_options(self):
        offered = self.candidates("mastotail logout --")
        self.assertIn("--account", offered)
        self.assertIn("--cacert", offered)
        self.assertNotIn("--default", offered)

    def test_no_accounts_complete_nothing(self):
        for line in ["mastotail --account ", "mastotail logout ",
                     "mastotail accounts --default "]:
            with self.subTest(line=line), StoredAccounts([]) as environment:
                candidates, terminal = type(self).complete(line,
                                                           env=environment)
                self.assertEqual(candidates, [])
                # mastotail starts each diagnostic line with "mastotail: ".
                self.assertNotIn("mastotail: ", terminal)
                self.assertNotIn("no stored accounts", terminal)


class ManPageTest(unittest.TestCase):

    def setUp(self):
        self.text, self.warnings = render_man(MAN_PAGE)
        self.sections = man_sections(self.text)

    def test_man_renders_without_warnings(self):
        self.assertEqual(self.warnings, "")

    def test_groff_reports_no_warnings(self):
        result = run(["groff", "-ww", "-man", "-Tutf8", "-z", MAN_PAGE])
        self.assertEqual(result.returncode, 0)
        self.assertEqual(result.stderr, "")

    def test_man_has_every_section(self):
        titles = [title for title in self.sections if title in MAN_SECTIONS]
        self.assertEqual(titles, MAN_SECTIONS)

    def test_man_lists_every_help_option(self):
        documented = parse_options(self.sections["OPTIONS"])
        for name, (short, value) in help_options().items():
            with self.subTest(option=name):
                self.assertIn(name, documented)
                self.assertEqual(documented[name], (short, value))

    def test_man_lists_no_unknown_option(self):
        known = help_options()
        for name in parse_options(self.sections["OPTIONS"]):
            with self.subTest(option=name):
                self.assertIn(name, known)

    def test_man_synopsis_has_usage_lines(self):
        synopsis = " ".join(" ".join(self.sections["SYNOPSIS"]).split())
        for line in block_after(help_text(), "Usage:"):
            command = re.split(r"\s{2,}", line.strip())[0]
            with self.subTest(usage=command):
                self.assertIn(command, synopsis)

    def test_man_describes_subcommands(self):
        subcommands = help_subcommands()
        if not subcommands:
            self.assertNotIn("SUBCOMMANDS", self.sections)
        for name in subcommands:
            with self.subTest(subcommand=name):
                self.assertIn(name, " ".join(self.sections["SUBCOMMANDS"]))

    def test_man_lists_help_environment(self):
        environment = " ".join(self.sections["ENVIRONMENT"])
        for line in block_after(help_text(), "Environment:"):
            variable = line.split()[0]
            with self.subTest(variable=variable):
                self.assertIn(variable, environment)

    def test_man_lists_every_exit_status(self):
        entries = [line.strip() for line in self.sections["EXIT STATUS"]]
        for status in EXIT_STATUSES:
            with self.subTest(status=status):
                self.assertTrue(
                    any(re.fullmatch(rf"(\d+, )*{status}(, \d+)*", entry)
                        for entry in entries))


class BashCompletionTest(unittest.TestCase):

    def test_bash_registers_completion(self):
        result = bash("complete -p mastotail")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(),
                         "complete -F _mastotail mastotail")

    def test_bash_offers_every_help_option(self):
        offered = set(bash_complete("mastotail -"))
        self.assertEqual(offered, help_option_words())

    def test_bash_compgen_lists_every_option(self):
        result = bash('compgen -W "${_mastotail_options[*]}" -- --')
        self.assertEqual(result.returncode, 0, result.stderr)
        offered = set(result.stdout.split())
        self.assertEqual(offered, set(help_options()))

    def test_bash_completes_option_prefix(self):
        self.assertEqual(bash_complete("mastotail --col"), ["--color"])

    def test_bash_completes_output_formats(self):
        self.assertEqual(bash_complete("mastotail --output "),
                         ["json", "raw", "text"])
        self.assertEqual(bash_complete("mastotail -o j"), ["json"])

    def test_bash_completes_value_after_equals(self):
        self.assertEqual(bash_complete("mastotail --color=a"),
                         ["always", "auto"])

    def test_bash_completes_cw_modes(self):
        self.assertEqual(bash_complete("mastotail --cw "),
                         ["hide", "show", "warn"])

    def test_bash_completes_file_names(self):
        with FileDirectory() as directory:
            for option in ["--replay", "--token-file", "--cacert"]:
                with self.subTest(option=option):
                    self.assertEqual(
                        bash_complete(f"mastotail {option} ",
                                      cwd=directory),
                        FileDirectory.names)

    def test_bash_completes_nothing_for_tag(self):
        self.assertEqual(bash_complete("mastotail --tag "), [])

    def test_bash_offers_subcommands(self):
        self.assertEqual(bash_complete("mastotail "),
                         sorted(help_subcommands()))


class BashAccountCompletionTest(AccountCompletionCases, unittest.TestCase):
    complete = bash_completion


class ZshCompletionTest(unittest.TestCase):

    def test_zsh_loads_completion(self):
        script = (f"fpath=({ZSH_COMPLETION_DIR} $fpath); "
                  "autoload -Uz compinit && compinit -u -D; "
                  "print -r -- $_comps[mastotail]")
        result = run(["zsh", "-f", "-c", script])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), "_mastotail")

    def test_zsh_offers_every_help_option(self):
        offered = set(zsh_complete("mastotail -"))
        self.assertEqual(offered, help_option_words())

    def test_zsh_completes_option_prefix(self):
        self.assertEqual(zsh_complete("mastotail --col"), ["--color"])

    def test_zsh_completes_output_formats(self):
        self.assertEqual(zsh_complete("mastotail --output "),
                         ["json", "raw", "text"])
        self.assertEqual(zsh_complete("mastotail --color="),
                         ["always", "auto", "never"])

    def test_zsh_completes_file_names(self):
        with FileDirectory() as directory:
            self.assertEqual(zsh_complete("mastotail --replay ",
                                          cwd=directory),
                             FileDirectory.names)

    def test_zsh_offers_subcommands(self):
        offered = [word for word in zsh_complete("mastotail ")
                   if not word.startswith("-")]
        self.assertEqual(offered, sorted(help_subcommands()))


class ZshAccountCompletionTest(AccountCompletionCases, unittest.TestCase):
    complete = zsh_completion


class FishCompletionTest(unittest.TestCase):

    def test_fish_offers_every_help_option(self):
        offered = set(fish_complete("mastotail -"))
        self.assertEqual(offered, help_option_words())

    def test_fish_completes_option_prefix(self):
        self.assertEqual(fish_complete("mastotail --col"), ["--color"])

    def test_fish_completes_output_formats(self):
        self.assertEqual(fish_complete("mastotail --output "),
                         ["json", "raw", "text"])
        self.assertEqual(fish_complete("mastotail --cw "),
                         ["hide", "show", "warn"])

    def test_fish_completes_file_names(self):
        with FileDirectory() as directory:
            self.assertEqual(fish_complete("mastotail --token-file ",
                                           cwd=directory),
                             FileDirectory.names)

    def test_fish_completes_no_file_arguments(self):
        with FileDirectory() as directory:
            self.assertEqual(fish_complete("mastotail ", cwd=directory),
                             sorted(help_subcommands()))


class FishAccountCompletionTest(AccountCompletionCases, unittest.TestCase):
    complete = fish_completion

    @unittest.skip("fish offers account names for every word after logout")
    def test_completes_one_logout_operand(self):
        pass


class InstallTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.destdir = tempfile.mkdtemp(prefix="mastotail-install-")
        # meson install rewrites the log that `ninja uninstall` reads, so
        # keep the log of a real installation from this build directory.
        log_path = os.path.join(BUILD_ROOT, "meson-logs", "install-log.txt")
        saved_log = None
        if os.path.exists(log_path):
            with open(log_path, "rb") as log:
                saved_log = log.read()
        try:
            cls.result = run([MESON, "install", "-C", BUILD_ROOT,
                              "--no-rebuild", "--destdir", cls.destdir],
                             timeout=300)
        finally:
            if saved_log is not None:
                with open(log_path, "wb") as log:
                    log.write(saved_log)
            elif os.path.exists(log_path):
                os.remove(log_path)
        options = run([MESON, "introspect", "--buildoptions", BUILD_ROOT])
        cls.options = {option["name"]: option["value"]
                       for option in json.loads(options.stdout)}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.destdir)

    def installed(self, option, *parts):
        """Return the path under destdir of `parts` in directory `option`
        (bindir, mandir, datadir) of this build."""
        directory = os.path.join(self.options["prefix"],
                                 self.options[option], *parts)
        return os.path.join(self.destdir, directory.lstrip("/"))

    def test_meson_install_succeeds(self):
        self.assertEqual(self.result.returncode, 0, self.result.stdout +
                         self.result.stderr)

    def test_install_puts_every_file(self):
        expected = [
            self.installed("bindir", "mastotail"),
            self.installed("mandir", "man1", "mastotail.1"),
            self.installed("datadir", "bash-completion", "completions",
                           "mastotail"),
            self.installed("datadir", "zsh", "vendor-completions",
                           "_mastotail"),
            self.installed("datadir", "fish", "vendor_completions.d",
                           "mastotail.fish"),
        ]
        for path in expected:
            with self.subTest(path=path):
                self.assertTrue(os.path.isfile(path))

    def test_installed_binary_runs(self):
        result = run([self.installed("bindir", "mastotail"), "--version"])
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_installed_man_page_renders(self):
        text, warnings = render_man(
            self.installed("mandir", "man1", "mastotail.1"))
        self.assertEqual(warnings, "")
        self.assertIn("EXIT STATUS", text)

    def test_install_leaves_out_docgen(self):
        installed = []
        for directory, _, names in os.walk(self.destdir):
            installed += [name for name in names if "docgen" in name]
        self.assertEqual(installed, [])


def main():
    for name, path in [("MASTOTAIL", MASTOTAIL),
                       ("MASTOTAIL_BUILD_ROOT", BUILD_ROOT)]:
        if not path or not os.path.exists(path):
            print(f"test_docs: {name} is not set to an existing path")
            print("RESULT: 0 passed, 1 failed")
            return 1
    suite = unittest.defaultTestLoader.loadTestsFromModule(
        sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    passed = result.testsRun - failed - len(result.skipped)
    print(f"RESULT: {passed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
