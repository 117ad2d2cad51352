"""Where a checked file is, as code scanning needs it: relative to its repository's root.

GitHub code scanning maps a SARIF result to a file of the repository by its URI; the path
as given on the command line does not map when it is absolute (`/home/runner/work/x/x/a.md`)
or relative to a folder other than the root.  The root is the git work tree holding the
file (the nearest folder upwards with a `.git`, a folder or a worktree's file), else the
current folder; the URI is relative to it, with `/` separators, and the log says what the
root was (`originalUriBaseIds`), as SARIF 2.1.0 provides (§3.4.4, §3.14.14)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

SRCROOT = "%SRCROOT%"


class SourceRoots:
    """Each file's root and its path relative to that root; one lookup per folder."""

    def __init__(self) -> None:
        self._roots: dict[str, str] = {}
        #: the first root seen: the one `%SRCROOT%` stands for
        self.first: str | None = None

    def root_of(self, folder: str) -> str:
        found = self._roots.get(folder)
        if found is None:
            found = self._roots[folder] = _work_tree(folder) or os.getcwd()
        return found

    def locate(self, name: str) -> tuple[str, str | None]:
        """(URI, its base id): relative to `%SRCROOT%` when the file is under it, else an
        absolute `file:` URI (a file of another repository, or outside any and the current
        folder).  stdin (`-`) stays `-`."""
        if name == "-":
            return name, None
        path = os.path.abspath(name)
        root = self.root_of(os.path.dirname(path))
        if self.first is None:
            self.first = root
        relative = os.path.relpath(path, self.first)
        if root != self.first or relative.startswith(os.pardir):
            return Path(path).as_uri(), None
        return quote(relative.replace(os.sep, "/"), safe="/._-~"), SRCROOT

    def base_ids(self) -> dict[str, dict[str, str]]:
        """SARIF's `originalUriBaseIds`: the absolute URI `%SRCROOT%` stood for (ending in
        `/`, as a base must); empty before any file."""
        if self.first is None:
            return {}
        return {SRCROOT: {"uri": Path(self.first).as_uri().rstrip("/") + "/"}}


def _work_tree(folder: str) -> str | None:
    """The nearest folder from `folder` upwards that holds `.git`, or None."""
    current = folder
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent
