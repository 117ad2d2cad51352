"""The import graph of `factcheck/` and `writer/`, read from the source (every `import`, at
module level or inside a function; only `if TYPE_CHECKING:` blocks, which never run, are left
out): no module of either package imports itself back through others, and `factcheck`
imports nothing of writer's side, so the checker runs alone (with pydantic and PyYAML).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("factcheck", "writer")

#: What the checker may never import: the app and the app's dependencies.
WRITER_SIDE = ("writer", "openai", "yfinance", "pandas", "numpy", "typer", "rich")

#: Cycles known and being removed elsewhere, each as its sorted modules.  The test fails
#: when one of them is gone too: then delete its line.
KNOWN_CYCLES: set[tuple[str, ...]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement of a module, at any depth, but not under `if TYPE_CHECKING:`."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules `name` imports: `from a import b` is `a.b` when that is a module of ours,
    else `a`; relative imports are resolved against the package."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            out.add(sub if sub in known else base)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imported(name, path, known) for name, path in mods.items()}


def cycles(edges: dict[str, set[str]]) -> set[tuple[str, ...]]:
    """The strongly connected components of more than one module (Tarjan), and any module
    that imports itself, each as its sorted modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: set[tuple[str, ...]] = set()

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue  # outside the two packages
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges[v]:
                found.add(tuple(sorted(component)))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_graph_is_read_from_every_module() -> None:
    edges = graph()
    assert {"factcheck.check", "factcheck.extract", "writer.cli", "writer.draft.llm"} <= set(edges)
    assert "factcheck.frontmatter" in edges["factcheck.extract"]  # at module level
    assert "openai" in edges["writer.draft.llm"]
    assert "factcheck.check" in edges["factcheck"]  # inside __getattr__
    assert "writer.places" in edges["writer.auditlog"]  # inside a function
    assert "rich.console" not in edges["writer.auditlog"]  # only under TYPE_CHECKING


def test_the_cycle_finder_finds_a_cycle_and_only_cycles() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a", "d"}, "e": {"a"}}
    assert cycles(edges) == {("a", "b", "c"), ("d",)}
    assert cycles({"a": {"b"}, "b": set()}) == set()


def test_no_import_cycle_inside_factcheck_or_writer() -> None:
    found = cycles(graph())
    for package in PACKAGES:
        inside = {c for c in found if c[0].split(".")[0] == package}
        known = {c for c in KNOWN_CYCLES if c[0].split(".")[0] == package}
        assert inside == known, f"{package}: cycles {sorted(inside)}, known {sorted(known)}"


def test_factcheck_imports_nothing_of_writers_side() -> None:
    bad = sorted(
        (name, target)
        for name, targets in graph().items()
        if name.split(".")[0] == "factcheck"
        for target in targets
        if target.split(".")[0] in WRITER_SIDE
    )
    assert bad == []
