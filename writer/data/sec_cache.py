"""A SQLite cache of the SEC's answers, so a batch asks the SEC once per company.

Why a cache of *answers* (the ticker list, each company's facts keyed by CIK) and not of
the reported values: the rules that read the facts (`writer.data.companyfacts`) may change
with writer; the SEC's documents do not.  Only the us-gaap concepts writer reads are kept
(a large filer's company facts are tens of megabytes; what writer reads is a few hundred
kilobytes), compressed.  Unlike closed sessions' prices, facts grow: every 10-Q adds
values, so an entry older than `max_age` is asked again.  Each write is one transaction
(a reader sees the old entry or the new one, never half of one), and the cache holds at
most `max_entries` entries, dropping those written longest ago.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Final

from writer.errors import DataUnavailable

#: A 10-Q can land any day; half a day keeps a batch to one request per company.
MAX_AGE: Final = dt.timedelta(hours=12)
MAX_ENTRIES: Final = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY, fetched_at TEXT NOT NULL, body BLOB NOT NULL
);
"""


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SecCache:
    def __init__(
        self,
        path: Path,
        *,
        max_age: dt.timedelta = MAX_AGE,
        max_entries: int = MAX_ENTRIES,
        now: Callable[[], dt.datetime] = _utcnow,
    ) -> None:
        self.path = path
        self.max_age = max_age
        self.max_entries = max_entries
        self._now = now
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise self._unusable(exc) from None

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def _unusable(self, exc: Exception) -> DataUnavailable:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return DataUnavailable(
            f"the SEC cache {self.path} cannot be used ({why}); delete it (it only keeps "
            "downloads) or set WRITER_CACHE_DIR to a writable folder"
        )

    def get(self, key: str) -> object | None:
        """The entry's JSON if it is younger than `max_age`; None when absent, stale or
        unreadable (the cache only keeps downloads: a bad entry is fetched again)."""
        try:
            with self._connect() as db:
                row = db.execute(
                    "SELECT fetched_at, body FROM answers WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.Error as exc:
            raise self._unusable(exc) from None
        if row is None:
            return None
        try:
            fetched = dt.datetime.fromisoformat(str(row[0]))
            if self._now() - fetched > self.max_age:
                return None
            value: object = json.loads(zlib.decompress(row[1]))
        except (ValueError, TypeError, zlib.error):
            return None
        return value

    def put(self, key: str, value: object) -> None:
        body = zlib.compress(json.dumps(value, separators=(",", ":")).encode("utf-8"))
        stamp = self._now().isoformat(timespec="seconds")
        try:
            with self._connect() as db:
                db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", (key, stamp, body))
                db.execute(
                    "DELETE FROM answers WHERE key NOT IN "
                    "(SELECT key FROM answers ORDER BY rowid DESC LIMIT ?)",
                    (self.max_entries,),
                )
        except sqlite3.Error as exc:
            raise self._unusable(exc) from None

    def keys(self) -> list[str]:
        with self._connect() as db:
            return [str(k) for (k,) in db.execute("SELECT key FROM answers ORDER BY key")]
