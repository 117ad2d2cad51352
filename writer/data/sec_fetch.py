"""The two SEC documents the live fundamentals need, fetched over HTTP with the SEC's
required identity:

    https://www.sec.gov/files/company_tickers.json                     ticker -> CIK, name
    https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json     a company's XBRL facts

Why our own fetch and not edgartools' (which `writer.data.sec` still uses to read the
facts): edgartools takes its SEC addresses from environment variables read once, when
`edgar` is first imported, so one process cannot point it at a test server; without an
identity it stops to *prompt* for one on the terminal; it retries a failure six times with
back-off of up to a minute; and it keeps its own HTTP cache under `~/.edgar`.  A CI gate
needs the opposite: a one-line error at once.  Here both base URLs are parameters, the
transport can be injected (httpx's seam), one timeout bounds every request, and every
failure is a one-line `DataUnavailable` (exit 3).  The SEC asks for at most 10 requests a
second; a company costs two, and `writer.data.sec_cache` keeps them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Final

import httpx

from writer.errors import DataUnavailable

SEC_URL: Final = "https://www.sec.gov"
DATA_URL: Final = "https://data.sec.gov"
#: Where the identity is read, first found wins: ours, then edgartools' own.
IDENTITY_VARS: Final = ("WRITER_SEC_IDENTITY", "EDGAR_IDENTITY")
TIMEOUT_SECONDS: Final = 20.0


def identity(environ: Mapping[str, str] = os.environ) -> str:
    """The User-Agent the SEC requires ("Name email@example.com"), from the environment."""
    for name in IDENTITY_VARS:
        if value := environ.get(name, "").strip():
            return value
    raise DataUnavailable(
        "the SEC requires an identity: set WRITER_SEC_IDENTITY (or EDGAR_IDENTITY) to "
        "'Your Name you@example.com', or pass --fundamentals-dir"
    )


class SecClient:
    """GETs JSON from the SEC: ticker map and company facts.  Returns parsed JSON; raises
    `DataUnavailable` for anything that is not an answer, and returns None for a 404 (the
    SEC has no such document: the caller knows what that means)."""

    def __init__(
        self,
        user_agent: str,
        *,
        sec_url: str = SEC_URL,
        data_url: str = DATA_URL,
        timeout: float = TIMEOUT_SECONDS,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.sec_url = sec_url.rstrip("/")
        self.data_url = data_url.rstrip("/")
        self._client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=timeout,
            transport=transport,
            follow_redirects=True,
        )

    def close(self) -> None:
        self._client.close()

    def tickers(self) -> object:
        return self._get(f"{self.sec_url}/files/company_tickers.json", "the ticker list")

    def company_facts(self, cik: int) -> object | None:
        url = f"{self.data_url}/api/xbrl/companyfacts/CIK{cik:010d}.json"
        return self._get(url, f"company facts of CIK {cik}", missing_ok=True)

    def _get(self, url: str, what: str, missing_ok: bool = False) -> object | None:
        try:
            response = self._client.get(url)
        except httpx.TimeoutException:
            raise _unavailable(what, url, "timed out") from None
        except httpx.HTTPError as exc:
            raise _unavailable(what, url, _reason(exc)) from None
        if response.status_code == 404 and missing_ok:
            return None
        if response.status_code != 200:
            raise _unavailable(what, url, f"HTTP {response.status_code}")
        try:
            parsed: object = json.loads(response.content)
        except (ValueError, UnicodeDecodeError):
            raise _unavailable(what, url, "the answer is not JSON") from None
        return parsed


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def _unavailable(what: str, url: str, why: str) -> DataUnavailable:
    return DataUnavailable(
        f"cannot get {what} from the SEC ({url}: {why}); try again later, or pass "
        "--fundamentals-dir"
    )
