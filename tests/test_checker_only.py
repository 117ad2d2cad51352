"""The checker's tests (tests/checker_tests.txt) need nothing of writer's: the list is honest.

Read from the source: no listed test file, and no module of tests/ it imports, imports
writer or a dependency only writer has, at module level or inside a function; conftest.py,
which every test loads, imports none at module level, and its fixtures that build briefs
with writer are requested by no listed test.  Run: the listed tests are collected in a
process where importing any of those raises, as in a venv without them (`.ci/run` then runs
them in one).  And a test file that imports factcheck and nothing of writer's side is
listed, so a new test of the checker cannot be left out by mistake.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import CHECKER_LIST, TESTS, checker_tests, is_checker_test

ROOT = TESTS.parent

#: What the checker's tests may not import: writer and every dependency only writer has.
WRITER_SIDE = frozenset(
    {
        "writer",
        "pandas",
        "numpy",
        "yfinance",
        "openai",
        "typer",
        "rich",
        "exchange_calendars",
        "jinja2",
        "platformdirs",
        "matplotlib",
        "bench",
        "fixtures",
    }
)
#: conftest.py fixtures that build briefs with writer (inside a function): writer's tests
#: request them, the checker's never do.
WRITER_FIXTURES = frozenset({"built_brief"})


def _imports(tree: ast.AST, *, module_level_only: bool = False) -> set[str]:
    """Every module a tree imports (`from .x import y` as `tests.x`), at any depth or only
    at module level."""
    nodes = tree.body if module_level_only and isinstance(tree, ast.Module) else ast.walk(tree)
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(p for p in ("tests" if node.level else "", node.module or "") if p)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # maybe modules
    return found


def _tests_module(name: str) -> Path | None:
    """The file of a module under tests/, if `name` is one."""
    if name.split(".")[0] != "tests":
        return None
    base = ROOT.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def reached(path: Path) -> dict[Path, set[str]]:
    """The imports of a test file and of every tests/ module it reaches, by file.  conftest.py
    counts at module level: what its functions import runs only in the fixtures that call
    it (see WRITER_FIXTURES)."""
    out: dict[Path, set[str]] = {}
    todo = [path]
    while todo:
        here = todo.pop()
        if here in out:
            continue
        tree = ast.parse(here.read_text(encoding="utf-8"))
        out[here] = _imports(tree, module_level_only=here.name == "conftest.py")
        todo.extend(p for name in out[here] if (p := _tests_module(name)) is not None)
    return out


def writer_side(imports: set[str]) -> set[str]:
    return {name for name in imports if name.split(".")[0] in WRITER_SIDE}


def listed_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("test_*.py") if is_checker_test(p))


def test_every_line_of_the_list_names_a_test_file_or_folder() -> None:
    entries = checker_tests()
    assert entries, CHECKER_LIST
    for entry in entries:
        assert entry.is_dir() or (entry.is_file() and entry.name.startswith("test_")), entry
    assert len(listed_files()) >= 15


def test_the_listed_tests_import_nothing_of_writers_side() -> None:
    bad = {
        str(f.relative_to(ROOT)): sorted(found)
        for test in [*listed_files(), TESTS / "conftest.py"]
        for f, imports in reached(test).items()
        if (found := writer_side(imports))
    }
    assert bad == {}


def test_the_listed_tests_request_no_fixture_that_builds_with_writer() -> None:
    requested = {
        (str(path.relative_to(ROOT)), arg.arg)
        for path in listed_files()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for arg in node.args.args
        if arg.arg in WRITER_FIXTURES
    }
    assert requested == set()


def test_the_reader_sees_imports_at_every_depth() -> None:
    tree = ast.parse(
        "import pandas as pd\n"
        "from . import conftest\n"
        "def f():\n"
        "    from writer.cli import app\n"
        "class C:\n"
        "    def g(self):\n"
        "        import numpy\n"
    )
    top = {name.split(".")[0] for name in writer_side(_imports(tree))}
    assert top == {"pandas", "writer", "numpy"}
    assert writer_side(_imports(tree, module_level_only=True)) == {"pandas"}
    assert "tests.conftest" in _imports(tree)


def test_a_test_of_factcheck_alone_is_listed() -> None:
    """A test file that imports factcheck itself and nothing of writer's side (neither it nor
    a tests/ module it imports) belongs in tests/checker_tests.txt."""
    missing = []
    for path in sorted(TESTS.rglob("test_*.py")):
        imports = reached(path)
        everything = set().union(*imports.values())
        uses_factcheck = any(name.split(".")[0] == "factcheck" for name in imports[path])
        if uses_factcheck and not writer_side(everything) and not is_checker_test(path):
            missing.append(str(path.relative_to(TESTS)))
    assert missing == [], f"add these to {CHECKER_LIST.name}: {missing}"


#: Run in a fresh interpreter: every module of WRITER_SIDE fails to import, as it would in a
#: venv without it; then pytest collects the checker's tests, importing every listed file
#: and conftest.py with whatever they import.
_BLOCKED_COLLECT = """
import importlib.abc, sys

BLOCKED = set(sys.argv[1].split(","))


class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
        return None


sys.meta_path.insert(0, Block())
try:
    import writer
except ModuleNotFoundError:
    pass
else:
    sys.exit("the import block does not block")
import pytest

code = pytest.main(["--checker-only", "--collect-only", "-q", "-p", "no:cacheprovider"])
leaked = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
print("leaked:", leaked)
sys.exit(int(code) or bool(leaked))
"""


def test_the_checker_tests_collect_without_writer_or_its_dependencies() -> None:
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKED_COLLECT, ",".join(sorted(WRITER_SIDE))],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "leaked: []" in done.stdout
    # `-q --collect-only` prints one "tests/test_x.py: 12" line a file
    collected = {line.split(":")[0] for line in done.stdout.splitlines() if ".py: " in line}
    assert collected == {str(p.relative_to(ROOT)) for p in listed_files()}


#: Import name -> the distribution that provides it, where they differ.
DISTRIBUTION = {"yaml": "pyyaml", "markdown_it": "markdown-it-py"}


def third_party(imports: set[str]) -> set[str]:
    """The distributions `imports` come from: neither the standard library nor this
    repository (a script of tests/ imported by its name, as tests/rules/briefs/make.py, is
    the repository's too)."""
    local = {"factcheck", "tests", *(p.stem for p in TESTS.rglob("*.py"))}
    tops = {name.split(".")[0] for name in imports}
    return {
        DISTRIBUTION.get(top, top)
        for top in tops
        if top and top not in sys.stdlib_module_names and top not in local
    }


def test_ci_runs_the_documented_command_installing_what_the_checker_tests_import() -> None:
    """docs/development.md's command is .ci/run's, and it installs exactly the distributions
    the checker and its tests import, each as pyproject.toml requires it."""
    doc = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    (command,) = [line for line in doc.splitlines() if "--checker-only" in line and "venv" in line]
    ci = (
        (ROOT / ".ci" / "run")
        .read_text(encoding="utf-8")
        .replace("pip install -q ", "pip install ")
    )
    assert command in ci.splitlines()
    install = next(part for part in command.split(" && ") if " install " in part)
    specs = re.findall(r"'([^']+)'", install)
    installed = {re.split(r"[<>=!~]", spec)[0].lower() for spec in specs}
    imports = set().union(
        *(i for t in [*listed_files(), TESTS / "conftest.py"] for i in reached(t).values()),
        *(_imports(ast.parse(p.read_text("utf-8"))) for p in (ROOT / "factcheck").rglob("*.py")),
    )
    imported = third_party(imports)
    assert installed == imported | {"pytest"}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = {*project["dependencies"], *project["optional-dependencies"]["test"]}
    assert set(specs) <= required, specs
