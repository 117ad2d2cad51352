"""Where writer keeps its own files: the cache (prices, calendars) and the audit log.

Why its own module: every process needs these paths, and the ones that draft (a batch's
worker processes) must not import the data side (`writer.pipeline` brings pandas) just to
find the audit log.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def cache_dir() -> Path:
    """The price cache and the calendar tables (`WRITER_CACHE_DIR` moves them)."""
    return Path(os.environ.get("WRITER_CACHE_DIR") or platformdirs.user_cache_dir("writer"))


def data_home() -> Path:
    """Where the LLM audit log lives (`WRITER_HOME` moves it)."""
    return Path(os.environ.get("WRITER_HOME") or platformdirs.user_data_dir("writer"))
