"""Every shell example of README.md and docs/*.md runs as printed (as sqlite-utils' test_docs).

What is an example: a fenced ```bash, ```sh or ```console block.  In a bash/sh block every
line that is not blank and not a comment is a command (a line ending in `\\` continues on the
next) and must exit 0.  In a console block every line starting with `$ ` is a command; an
`$ echo $?` line followed by a number is the exit code the command before it must give (the
exit codes are a contract, README "Exit codes"); a command without one must exit 0.  Output
lines are for the reader: only exit codes are asserted.

How they run: each command as a real `bash -c` process, in document order (README.md first,
then docs/*.md sorted by name), all in one working folder laid out as a clone is, `main/`
beside `shared/` (a link to the real ../shared), so `--data-dir ../shared/marketdata`
resolves and the article the README's first command drafts is there for the examples after
it.  The environment is fresh: HOME, the price cache and the audit log in tmp, no
`OPENAI_API_KEY` / `OPENAI_BASE_URL` (drafting is offline), proxies on a closed local port
(the suite's socket guard does not reach child processes; nothing here may use the network).
`.venv` in the folder is a link to this interpreter's environment, so `.venv/bin/writer` and
`writer` (first on PATH) are the writer under test.

Not run:
- installing: in a command joined by `&&`, the `python3 -m venv ...` and `... pip install
  ...` parts are dropped (the rest of the command runs); a command that only installs is
  listed as skipped, "installs".
- a block preceded by `<!-- docs-test: skip (REASON) -->` on the line before its fence:
  examples that need the network (Yahoo, an LLM, GitHub) or change a repository.  The list of
  skipped examples is asserted to be short, each with its reason.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

#: The README's test command: CI (.ci/run) runs exactly this; it must stay first and true.
TEST_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install -e '.[test,lint,chart]' && .venv/bin/pytest"
)

#: At most this many blocks may be marked as not runnable offline (a ratchet: keep it short).
#: The seventh: the checker's tests in a venv of their own (docs/development.md), which
#: .ci/run runs (tests/test_checker_only.py holds the two to one command).
MAX_SKIPPED_BLOCKS = 7

_FENCE = re.compile(r"^```(bash|sh|console)[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
_SKIP = re.compile(r"^<!-- docs-test: skip \((?P<reason>[^)]+)\) -->[ \t]*$")
_MARKER = re.compile(r"<!-- docs-test:")
_INSTALL = re.compile(r"^(python3? -m venv\b|\S*pip3? install\b)")
_CLOSED_PORT = "http://127.0.0.1:9"


@dataclass(frozen=True)
class Example:
    doc: str  # README.md, docs/batches.md
    line: int  # of the command in the doc, 1-based
    block: int  # of the block's fence in the doc, 1-based
    command: str  # as printed
    run: str  # what runs: the command without its installing parts ("" if none is left)
    expect: int  # the exit code the doc gives
    skip: str  # why it is not run ("" when it runs)

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}"


def _without_installing(command: str) -> str:
    return " && ".join(p for p in command.split(" && ") if not _INSTALL.match(p.strip()))


def _commands(kind: str, body: str, first_line: int) -> list[tuple[int, str, int]]:
    """(line, command, expected exit code) of one block's commands."""
    out: list[tuple[int, str, int]] = []
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        text, line = lines[i], first_line + i
        i += 1
        if kind == "console":
            if not text.startswith("$ "):
                continue
            command = text[2:]
        else:
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            command = text
        while command.endswith("\\") and i < len(lines):
            command = command[:-1] + lines[i].strip()
            i += 1
        if kind == "console" and command.strip() == "echo $?":
            assert out, f"line {line}: `echo $?` with no command before it"
            code = lines[i].strip() if i < len(lines) else ""
            assert code.isdigit(), f"line {line}: `echo $?` is not followed by an exit code"
            out[-1] = (out[-1][0], out[-1][1], int(code))
            i += 1
            continue
        out.append((line, command.strip(), 0))
    return out


def examples() -> list[Example]:
    found: list[Example] = []
    for path in DOCS:
        text = path.read_text("utf-8")
        doc = str(path.relative_to(ROOT))
        lines = text.split("\n")
        fenced_after: set[int] = set()
        for block in _FENCE.finditer(text):
            fence_line = text.count("\n", 0, block.start())  # 0-based line of the fence
            before = lines[fence_line - 1] if fence_line else ""
            marker = _SKIP.match(before)
            fenced_after.add(fence_line - 1)
            skip = marker.group("reason") if marker else ""
            for line, command, expect in _commands(block[1], block[2], fence_line + 2):
                run = _without_installing(command)
                why = skip or ("" if run else "installs")
                found.append(Example(doc, line, fence_line + 1, command, run, expect, why))
        for number, line in enumerate(lines):
            if _MARKER.search(line):
                assert _SKIP.match(line), f"{doc}:{number + 1}: malformed marker {line!r}"
                assert number in fenced_after, f"{doc}:{number + 1}: marker not before a block"
    return found


EXAMPLES = examples()
RUNNABLE = [e for e in EXAMPLES if not e.skip]


def test_examples_are_found_and_the_skipped_ones_are_few_with_a_reason() -> None:
    skipped = [e for e in EXAMPLES if e.skip]
    listing = "\n".join(f"{e.id}: {e.command}  [{e.skip}]" for e in skipped)
    print(f"not run ({len(skipped)}):\n{listing}")
    assert len(RUNNABLE) >= 15, [e.id for e in RUNNABLE]
    blocks = {(e.doc, e.block) for e in skipped if e.skip != "installs"}
    assert len(blocks) <= MAX_SKIPPED_BLOCKS, listing
    assert all(len(e.skip) >= 8 for e in skipped), listing
    # the README's first command drafts the article the later examples use
    first = EXAMPLES[0]
    assert first.doc == "README.md" and not first.skip, first
    assert first.run.startswith(".venv/bin/writer draft RUT --week 2025-08-08"), first.run


def test_the_readme_test_command_is_the_one_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert readme.index(TEST_COMMAND) < readme.index("\n## ")  # on the first screen
    ci = (ROOT / ".ci" / "run").read_text("utf-8").replace("pip install -q ", "pip install ")
    assert TEST_COMMAND in ci  # the same command (CI only quiets pip)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A working folder laid out as a clone beside ../shared, and a fresh environment."""
    if not (SHARED_DATA / "RUT.csv").is_file():
        pytest.skip(f"real market data not found at {SHARED_DATA} (../shared/marketdata)")
    base = tmp_path_factory.mktemp("docs")
    main = base / "main"
    main.mkdir()
    (base / "shared").symlink_to(SHARED_DATA.parent, target_is_directory=True)
    (main / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    home = base / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "WRITER_"))}
    env.update(
        PATH=f"{Path(sys.prefix) / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        MPLCONFIGDIR=str(home / ".matplotlib"),
        WRITER_CACHE_DIR=str(home / "writer-cache"),
        WRITER_HOME=str(home / "writer-home"),
        http_proxy=_CLOSED_PORT,
        https_proxy=_CLOSED_PORT,
        HTTP_PROXY=_CLOSED_PORT,
        HTTPS_PROXY=_CLOSED_PORT,
        COLUMNS="100",
    )
    return main, env


@pytest.mark.parametrize("example", RUNNABLE, ids=[e.id for e in RUNNABLE])
def test_example_runs_as_printed(example: Example, clone: tuple[Path, dict[str, str]]) -> None:
    cwd, env = clone
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", example.run],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == example.expect, (
        f"{example.id}: `{example.command}` exited {done.returncode}, the doc says "
        f"{example.expect}\nstdout:\n{done.stdout[-2000:]}\nstderr:\n{done.stderr[-2000:]}"
    )


# --- versions: pyproject, `writer --version` and every version the docs show agree --------

_SHOWN = re.compile(r"\bv(\d+\.\d+\.\d+)\b|writer==(\d+\.\d+\.\d+)|\bwriter (\d+\.\d+\.\d+)\b")


def _pyproject_version() -> str:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert isinstance(version, str)
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), version  # the tag is v + this
    return version


def test_writer_version_is_the_pyproject_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "writer.cli", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == f"writer {_pyproject_version()}"


def test_every_version_the_docs_show_is_the_pyproject_version() -> None:
    version = _pyproject_version()
    shown: dict[str, set[str]] = {}
    for path in [*DOCS, ROOT / "action.yml", ROOT / ".pre-commit-hooks.yaml"]:
        for match in _SHOWN.finditer(path.read_text("utf-8")):
            shown.setdefault(next(g for g in match.groups() if g), set()).add(path.name)
    assert version in shown, "the docs show no version to pin (docs/releasing.md)"
    assert set(shown) == {version}, shown


def test_examples_pin_a_commit_or_the_release_tag() -> None:
    """Until there is a release, the examples pin a commit; a tag shown is this version's."""
    pins = re.compile(r"(?:\brev: |OWNER/writer@|<owner>/writer@)(\S+)")
    found = []
    for path in [*DOCS, ROOT / "action.yml", ROOT / ".pre-commit-hooks.yaml"]:
        found += [m[1] for m in pins.finditer(path.read_text("utf-8"))]
    assert found
    allowed = {"<40-hex", f"v{_pyproject_version()}", f"v{_pyproject_version()}`", "<commit"}
    assert {p.rstrip('`:,.)"') for p in found} <= {a.rstrip("`") for a in allowed}, found
