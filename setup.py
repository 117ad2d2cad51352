"""Compile the checker's hot modules with mypyc when a wheel is built (`pip install .`).

Why: `writer check` gates publishers' CI over whole archives, and its per-figure logic is
plain Python.  mypyc (mypy's compiler, which black and mypy themselves ship with) turns the
already strictly typed modules into C extensions that run the same code about a third
faster; see the README's benchmark table.  Everything else is configured in pyproject.toml.

The modules stay plain Python wherever compiling would get in the way:
- editable installs (`pip install -e`, the development and test setup), so an edit to a
  module takes effect at once instead of being shadowed by a stale extension;
- `WRITER_PURE_PYTHON=1 pip install .`;
- a machine without a C compiler: the build warns and installs the pure-Python modules,
  which are always in the wheel beside the extensions.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

#: The modules every figure of every article passes through (not the pydantic models).
COMPILED = [
    "factcheck/_rx.py",
    "factcheck/numfmt.py",
    "factcheck/extract.py",
    "factcheck/document.py",
    "factcheck/blocks.py",
    "factcheck/datewords.py",
    "factcheck/figures.py",
    "factcheck/fractions.py",
    "factcheck/streak_counts.py",
    "factcheck/bind/model.py",
    "factcheck/bind/patterns.py",
    "factcheck/bind/names.py",
    "factcheck/bind/binder.py",
    "factcheck/bind/metrics.py",
    "factcheck/bind/pairing.py",
    "factcheck/bind/tables.py",
    "factcheck/match.py",
    "factcheck/fact_index.py",
    "factcheck/qualitative.py",
    "factcheck/finding.py",
    "factcheck/gave_back.py",
    "factcheck/streak_judges.py",
    "factcheck/check.py",
    "factcheck/index_check.py",
    "factcheck/claim_builder.py",
    "factcheck/patterns.py",
    "factcheck/reading.py",
    "factcheck/dates.py",
    "factcheck/denial.py",
    # the earnings engine: the same path for every figure of an earnings story
    "factcheck/earnings/words.py",
    "factcheck/earnings/quarters.py",
    "factcheck/earnings/binding.py",
    "factcheck/earnings/facts.py",
    "factcheck/earnings/judge.py",
    "factcheck/earnings/phrases.py",
    "factcheck/earnings/dates.py",
    "factcheck/earnings/engine.py",
]


class OptionalBuildExt(build_ext):
    """Build the mypyc extensions if this machine can; otherwise leave pure Python."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # compiler missing or failing: the .py modules remain
            for ext in self.extensions:
                path = self.get_ext_fullpath(ext.name)
                if os.path.exists(path):
                    os.remove(path)
            print(
                f"warning: could not compile factcheck with mypyc ({exc}); "
                "installing the pure-Python modules (same results, slower)",
                file=sys.stderr,
            )


#: setup.py commands that build code; pip also runs this file only to read metadata
#: (`egg_info`, `dist_info`), where generating C would be wasted time.
_BUILDS = frozenset({"bdist_wheel", "build", "build_ext", "install"})


def extensions() -> list[Any]:
    if os.environ.get("WRITER_PURE_PYTHON") == "1" or "editable_wheel" in sys.argv:
        return []
    if not _BUILDS & set(sys.argv):
        return []
    try:
        from mypyc.build import mypycify

        return list(mypycify(COMPILED, opt_level="3"))
    except (SystemExit, Exception) as exc:  # mypyc exits on a type error
        print(f"warning: not compiling factcheck with mypyc ({exc!r})", file=sys.stderr)
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
