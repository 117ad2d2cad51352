"""The versions of the libraries a brief was built with (its provenance): read once.

Its own module because every genre's brief builder records them, and the builders must not
import the pipeline that calls them."""

from __future__ import annotations

import functools
from importlib import metadata


@functools.cache
def _versions() -> tuple[tuple[str, str], ...]:
    """Installed versions never change within a process; reading package metadata costs a
    fifth of a brief build, so it is done once."""
    out = []
    for name in ("writer", "pandas", "yfinance", "exchange-calendars", "pydantic"):
        try:
            out.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            out.append((name, "not installed"))
    return tuple(out)


def library_versions() -> dict[str, str]:
    return dict(_versions())
