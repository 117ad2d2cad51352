"""Reading the checker's source for regexes that spell the lexicon's words (issue 20, item 1).

`regex_sources(path)` finds, with `ast`, every string that is a regex source in a module:
the pattern arguments of `re.compile`, `re.search` & co., `Scan(...)` and `_rx.trie(...)`,
and whatever feeds them (f-strings, concatenations, `"|".join(...)`, module constants and
local names used as pattern pieces, followed into the module that defines them).
`spelled(source, words)` says which of the lexicon's words a regex source spells.  Prose
(messages, docstrings) is never a pattern argument, so it is not read.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Calls whose first argument is a regex source (or a word list compiled into one).
_RE_FUNCS = frozenset(
    {"compile", "search", "match", "fullmatch", "sub", "subn", "finditer", "findall", "split"}
)
_PATTERN_CALLS = frozenset({"Scan", "trie", "lead"})


@dataclass(frozen=True)
class Piece:
    """One string constant that is (part of) a regex source."""

    path: Path
    line: int
    text: str


class _Module:
    def __init__(self, path: Path, package_root: Path) -> None:
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.root = package_root
        self.assigns: dict[str, ast.expr] = {}
        self.imports: dict[str, tuple[str, str]] = {}  # local name -> (module, name)
        for node in self.tree.body:
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        self.assigns[t.id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                if node.value is not None:
                    self.assigns[node.target.id] = node.value
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = (node.module, alias.name)


def _is_regex_call(node: ast.Call) -> bool:
    f = node.func
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "re":
        return f.attr in _RE_FUNCS
    name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
    return name in _PATTERN_CALLS


class Reader:
    """The regex pieces of the modules under `root` (a package directory)."""

    def __init__(self, root: Path, skip: frozenset[str] = frozenset()) -> None:
        self.root = root
        self.skip = skip  # module names whose constants are the lexicon's own
        self._modules: dict[Path, _Module] = {}

    def module(self, path: Path) -> _Module:
        if path not in self._modules:
            self._modules[path] = _Module(path, self.root)
        return self._modules[path]

    def _module_path(self, dotted: str) -> Path | None:
        top = self.root.name
        if not dotted.startswith(top):
            return None
        rel = Path(*dotted.split("."))
        for cand in (self.root.parent / f"{rel}.py", self.root.parent / rel / "__init__.py"):
            if cand.exists():
                return cand
        return None

    def pieces(self, path: Path) -> Iterator[Piece]:
        mod = self.module(path)
        seen: set[tuple[Path, int]] = set()
        for scope in ast.walk(mod.tree):
            if not isinstance(scope, ast.Call) or not _is_regex_call(scope):
                continue
            args = scope.args[:1] or [k.value for k in scope.keywords if k.arg == "pattern"]
            local = self._locals_around(mod.tree, scope)
            for arg in args:
                yield from self._walk(mod, arg, local, seen)

    def _locals_around(self, tree: ast.Module, call: ast.Call) -> dict[str, ast.expr]:
        """Assignments of the function a call is in (names used as pattern pieces there)."""
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                n is call for n in ast.walk(fn)
            ):
                out: dict[str, ast.expr] = {}
                for n in ast.walk(fn):
                    if isinstance(n, ast.Assign):
                        for t in n.targets:
                            if isinstance(t, ast.Name):
                                out[t.id] = n.value
                return out
        return {}

    def _walk(
        self,
        mod: _Module,
        node: ast.AST,
        local: dict[str, ast.expr],
        seen: set[tuple[Path, int]],
    ) -> Iterator[Piece]:
        key = (mod.path, id(node))
        if key in seen:
            return
        seen.add(key)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield Piece(mod.path, node.lineno, node.value)
            return
        if isinstance(node, ast.Name):
            if node.id in local:
                yield from self._walk(mod, local[node.id], {}, seen)
            elif node.id in mod.assigns:
                yield from self._walk(mod, mod.assigns[node.id], {}, seen)
            elif node.id in mod.imports:
                dotted, name = mod.imports[node.id]
                if dotted.rsplit(".", 1)[-1] in self.skip:
                    return
                target = self._module_path(dotted)
                if target is not None:
                    other = self.module(target)
                    if name in other.assigns:
                        yield from self._walk(other, other.assigns[name], {}, seen)
            return
        for child in ast.iter_child_nodes(node):
            yield from self._walk(mod, child, local, seen)


# --- what a regex source spells ----------------------------------------------------------

#: Regex syntax that separates words: group openings and names, escapes, classes.
_SYNTAX_RE = re.compile(
    r"\(?\?P?<[A-Za-z_]\w*>|\(\?P=\w+\)|\(\?[aiLmsux]+\)|\(\?(?:[:=!]|<[=!])"
    r"|\[(?:\\.|[^\]\\])*\]|\\[bBAZdDwW]|\{\d*,?\d*\}"
)
#: ... and what between two words is a space in the text it matches.
_SPACE_RE = re.compile(r"(?:\\s|[ ])[+*?]?(?:-\??(?:\\s[+*?]?)?)?")


def normalized(source: str) -> str:
    """A regex source as words: spaces where it matches whitespace, syntax as `|`."""
    text = _SPACE_RE.sub(" ", source)
    text = _SYNTAX_RE.sub("|", text)
    text = re.sub(r"[()|?*+^$]", "|", text)
    return text.lower()


def spelled(source: str, words: frozenset[str]) -> set[str]:
    """The lexicon words (single words and phrases) that `source` spells as whole words."""
    text = normalized(source)
    if not re.search(r"[a-z]", text):
        return set()
    found = set()
    for token in re.findall(r"[a-z0-9]+(?:['’-][a-z0-9]+)*", text):
        if token in words:
            found.add(token)
    for phrase in (w for w in words if not re.fullmatch(r"[a-z0-9]+", w)):
        if phrase in text and re.search(rf"(?<![\w'’-]){re.escape(phrase)}(?![\w'’-])", text):
            found.add(phrase)
    return found
