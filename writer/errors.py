"""Every error writer expects, each with the exit code the CLI turns it into.

    WriterError                     base; `exit_code` is the contract documented in the README
     ├── BadInput (2)               bad date, malformed file, unusable option
     │    ├── UnknownSymbol (2)     with close matches
     │    └── NoSessions (2)        a week with no sessions, or one not finished yet
     ├── DataUnavailable (3)        network down, rate limited, empty data
     │    ├── BadData (3)           data that cannot be right (duplicate dates, high < low,
     │    │                         prices <= 0, a missing session before the week, a date
     │    │                         not YYYY-MM-DD, rows off the exchange calendar, an index
     │    │                         move past --max-move)
 │    └── SymbolNotFound (3)    the source has nothing for a symbol (exit 2 when it is the
 │                              subject and not a known index: then it is an unknown symbol)
     ├── LLMUnavailable (4)         endpoint unreachable, key refused, timeouts, garbage output
     └── DraftRejected (1)          the last draft still failed the checker

Messages are one line and say what to do next.
"""

from __future__ import annotations


class WriterError(Exception):
    exit_code = 2


class BadInput(WriterError):
    exit_code = 2


class UnknownSymbol(BadInput):
    pass


class NoSessions(BadInput):
    pass


class DataUnavailable(WriterError):
    exit_code = 3


class BadData(DataUnavailable):
    """Market data that cannot be right: refused with the row named, never written about."""


class SymbolNotFound(DataUnavailable):
    def __init__(self, symbol: str, message: str) -> None:
        super().__init__(message)
        self.symbol = symbol


class LLMUnavailable(WriterError):
    exit_code = 4


class DraftRejected(WriterError):
    exit_code = 1


class ChartUnavailable(WriterError):
    """matplotlib is not installed: the chart is an optional extra (`writer[chart]`)."""

    exit_code = 2


class OutOfSpace(BadInput):
    """The output folder's disk is full (or will be): nothing is replaced, and a batch
    starts no further article."""


class Terminated(KeyboardInterrupt):
    """SIGTERM (a cron job's timeout, `kill`), raised where Ctrl-C would be: whatever stops
    for Ctrl-C stops for it, and says so."""
