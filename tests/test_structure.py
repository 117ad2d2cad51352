"""The checker is small named pieces (issue 20, item 5): no module of `factcheck/` (its
packages included: `factcheck/bind/`) longer than `MAX_FILE_LINES` and no function longer
than `MAX_FUNCTION_LINES`, read from the source with `ast`.  The exceptions are listed below
with the reason; the functions' list records each one's length when listed, so it can only
shrink: a listed function may get shorter (lower its number) or go (remove its line), never
longer.
"""

from __future__ import annotations

import ast
from pathlib import Path

FACTCHECK = Path(__file__).resolve().parents[1] / "factcheck"

MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 80

#: Modules allowed past MAX_FILE_LINES (paths under factcheck/), and why.
LONG_FILES = {
    # the Binder class alone is ~780 lines of per-brief state and the steps of binding a
    # figure (each under MAX_FUNCTION_LINES); what is not the Binder's is in bind/'s other
    # modules
    "bind/binder.py": "one class",
    # the vocabulary (word tables and what each word means): data, not logic
    "grammar.py": "word tables",
}

#: Functions allowed past MAX_FUNCTION_LINES ("path:Class.function", nested functions dotted
#: too), with their length when listed: the most they may have.
LONG_FUNCTIONS = {
    # builds the table of period phrases from loops over their spellings: vocabulary
    "grammar.py:_period_phrases": 158,
}


def modules() -> list[Path]:
    found = sorted(FACTCHECK.rglob("*.py"))
    assert found, f"no modules under {FACTCHECK}"
    return found


def relative(path: Path) -> str:
    return path.relative_to(FACTCHECK).as_posix()


def function_lengths(source: str) -> dict[str, int]:
    """Every function and method in a module's source ("Class.method", "outer.inner") -> its
    lines, from its `def` to its last line (decorators not counted, docstring counted)."""
    lengths: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = prefix + child.name
                if not isinstance(child, ast.ClassDef):
                    assert child.end_lineno is not None
                    lengths[name] = child.end_lineno - child.lineno + 1
                visit(child, name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return lengths


def all_function_lengths() -> dict[str, int]:
    return {
        f"{relative(path)}:{name}": length
        for path in modules()
        for name, length in function_lengths(path.read_text(encoding="utf-8")).items()
    }


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        relative(path): lines
        for path in modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES
        and relative(path) not in LONG_FILES
    }
    assert long == {}, f"split these (one job a module), or list them with the reason: {long}"


def test_the_long_modules_listed_are_modules() -> None:
    names = {relative(path) for path in modules()}
    assert set(LONG_FILES) <= names, set(LONG_FILES) - names


def test_no_function_is_longer_than_the_limit() -> None:
    long = {
        name: length
        for name, length in all_function_lengths().items()
        if length > MAX_FUNCTION_LINES and name not in LONG_FUNCTIONS
    }
    assert long == {}, f"cut these into named steps of at most {MAX_FUNCTION_LINES} lines: {long}"


def test_the_long_functions_listed_only_shrink() -> None:
    lengths = all_function_lengths()
    gone = sorted(set(LONG_FUNCTIONS) - set(lengths))
    assert gone == [], f"no longer there: remove them from LONG_FUNCTIONS: {gone}"
    grown = {
        name: (lengths[name], most) for name, most in LONG_FUNCTIONS.items() if lengths[name] > most
    }
    assert grown == {}, f"longer than listed (now, listed): cut them instead: {grown}"


def test_the_function_lengths_are_read_from_the_source() -> None:
    source = (
        "def f():\n    return 1\n\n\n"
        "class C:\n    @property\n    def g(self):\n        def h():\n"
        "            pass\n\n        return h\n"
    )
    assert function_lengths(source) == {"f": 2, "C.g": 5, "C.g.h": 2}


def test_every_package_is_installed() -> None:
    """Every folder of modules under writer/ and factcheck/ is in pyproject's package list:
    one left out is missing from a wheel (a pre-commit hook's install), not from a checkout."""
    import tomllib

    root = Path(__file__).resolve().parents[1]
    listed = set(
        tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(root).parts)
        for top in ("writer", "factcheck")
        for p in (root / top).rglob("*")
        if p.suffix in (".py", ".j2") and "__pycache__" not in p.parts
    }
    assert found - listed == set()
