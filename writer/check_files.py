"""`writer check DIR`: the articles under a folder, as a publisher keeps them.

A folder of drafts is what `writer draft --out` fills, so naming the folder is the first
thing a user tries; it was "is a directory".  Its Markdown files are checked, recursively,
in sorted order; a rejected draft (`*.rejected.md`) is left out, since it is kept to be
read, not published, and its wrong figures are already reported beside it; so are hidden
folders (`.git`, a publish's `.stem.staging/`) and hidden files."""

from __future__ import annotations

import os
from pathlib import Path

from writer.errors import BadInput

MARKDOWN = (".md", ".markdown")
REJECTED = ".rejected.md"


def expand(names: list[str]) -> list[str]:
    """`names` with each folder replaced by the Markdown files under it; the files and `-`
    as given.  A folder without one is bad input (exit 2)."""
    out: list[str] = []
    for name in names:
        if name != "-" and Path(name).is_dir():
            found = articles_under(Path(name))
            if not found:
                raise BadInput(
                    f"{name}: a folder with no Markdown files (*.md) under it; name the "
                    "articles to check, or the folder that holds them"
                )
            out.extend(str(path) for path in found)
        else:
            out.append(name)
    return out


def articles_under(folder: Path) -> list[Path]:
    """The Markdown files under `folder`, sorted by path, without rejected drafts and
    anything hidden."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root, f)
            for f in files
            if f.endswith(MARKDOWN) and not f.endswith(REJECTED) and not f.startswith(".")
        )
    return sorted(found)
