"""Which fundamentals source a command reads: a snapshot folder, or the SEC."""

from __future__ import annotations

from pathlib import Path

from writer.data.fundamentals import FundamentalsSource, SnapshotFundamentals
from writer.errors import DataUnavailable


def open_fundamentals(folder: Path | None, cache_path: Path | None) -> FundamentalsSource:
    """The snapshot in `folder`; without one, the live SEC source (not in this build yet)."""
    if folder is not None:
        return SnapshotFundamentals(folder)
    raise DataUnavailable(
        "no fundamentals: pass --fundamentals-dir with a folder laid out as "
        "../shared/fundamentals (or set WRITER_FUNDAMENTALS_DIR)"
    )
