"""Which `FundamentalsSource` a command reads: the snapshot folder it was given, else the
SEC behind writer's cache.

Why its own module: `writer.data.sec` brings httpx and, when first read, edgartools; a
command given `--fundamentals-dir` must not pay for either, and the CLI and pipeline choose
the source in one place, as `writer.pipeline.open_source` does for prices.
"""

from __future__ import annotations

from pathlib import Path

from writer.data.fundamentals import FundamentalsSource, SnapshotFundamentals
from writer.places import cache_dir


def open_fundamentals(folder: Path | None, cache_path: Path | None) -> FundamentalsSource:
    """`SnapshotFundamentals(folder)` when a folder is given; else `SecFundamentals` with its
    cache at `cache_path` (default `<cache dir>/sec.sqlite`, moved by `WRITER_CACHE_DIR`)."""
    if folder is not None:
        return SnapshotFundamentals(folder)
    from writer.data.sec import SecFundamentals

    return SecFundamentals(cache_path or cache_dir() / "sec.sqlite")
