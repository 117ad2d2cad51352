"""Live company results from the SEC: `SecFundamentals`, the `FundamentalsSource` that
reads a company's XBRL company-facts, the same facts `../shared/fundamentals/facts.csv`
was built from, and gives them as that file's rows (`writer.data.companyfacts` holds the
rules; a test holds this source to the snapshot row for row).

edgartools (`edgar`) is imported here and nowhere else.  It is the field's standard reader
of SEC data, and writer uses its parsing of the company-facts JSON
(`EntityFactsParser.parse_company_facts` -> `FinancialFact`s with each value's period,
filing form, accession and filing date).  It is a dependency, not an extra, for the reason
yfinance is one: without `--fundamentals-dir`, `writer draft` and `writer check` of an
earnings article read the SEC exactly as an index article reads Yahoo.  It is imported
lazily (a second to load), so an index article's check never pays for it, and its files go
under writer's cache folder (`EDGAR_LOCAL_DATA_DIR`), not `~/.edgar`.  The fetching is
writer's own (`writer.data.sec_fetch` says why): edgartools' network layer cannot be
pointed at a test server, prompts for a missing identity and retries for minutes.

What the SEC does not give:
- estimates: none (`estimates()` returns []); the vendor block of a brief stays empty.
- the report date: company-facts carries each value's *filing* date, not the day the
  results were announced (the earnings release, an 8-K, usually comes days earlier), so
  a caller without a report date uses the filing date of the quarter's first filing.
- the company's own registered name: the SEC's ticker list gives "Snowflake Inc." but also
  "NVIDIA CORP" (its conformed name), which is what `ReportedValue.company` carries.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from writer.data.companyfacts import (
    CONCEPTS,
    PER_SHARE,
    Company,
    FiledFact,
    metric_of,
    reported_values,
)
from writer.data.fundamentals import EstimateRow, ReportedValue
from writer.data.sec_cache import MAX_AGE, SecCache
from writer.data.sec_fetch import DATA_URL, SEC_URL, TIMEOUT_SECONDS, SecClient, identity
from writer.errors import DataUnavailable, SymbolNotFound
from writer.places import cache_dir

if TYPE_CHECKING:
    import httpx

#: Every concept writer reads; the cache keeps only these.
_WANTED = frozenset(c for concepts in CONCEPTS.values() for c in concepts)
#: edgartools' names for the units writer accepts (companyfacts' "USD", "USD/shares").
_MONEY, _PER_SHARE = "USD", "USD per share"
_TICKERS_KEY = "tickers"


class SecFundamentals:
    """Reported values of any SEC filer by ticker, asked of the SEC at most once per
    company per `max_age` (a SQLite cache at `cache_path`), then once per process."""

    name = "sec"

    def __init__(
        self,
        cache_path: Path,
        *,
        sec_url: str = SEC_URL,
        data_url: str = DATA_URL,
        max_age: dt.timedelta = MAX_AGE,
        timeout: float = TIMEOUT_SECONDS,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.cache = SecCache(cache_path, max_age=max_age)
        self._urls = (sec_url, data_url)
        self._timeout = timeout
        self._transport = transport
        self._client: SecClient | None = None
        self._seen: dict[str, list[ReportedValue]] = {}

    def _sec(self) -> SecClient:
        """The HTTP client, made on the first request: a fresh cache needs no identity."""
        if self._client is None:
            sec_url, data_url = self._urls
            self._client = SecClient(
                identity(),
                sec_url=sec_url,
                data_url=data_url,
                timeout=self._timeout,
                transport=self._transport,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def estimates(self, ticker: str) -> Sequence[EstimateRow]:
        """The SEC publishes no estimates."""
        return []

    def reported(self, ticker: str) -> Sequence[ReportedValue]:
        key = ticker.upper()
        if key not in self._seen:
            company = self.company(key)
            facts = list(_filed_facts(self._company_facts(company)))
            rows = reported_values(company, facts)
            if not rows:
                raise SymbolNotFound(
                    ticker,
                    f"the SEC has no 10-Q or 10-K results in us-gaap for {key} (CIK "
                    f"{company.cik}); pass --fundamentals-dir with its figures",
                )
            self._seen[key] = rows
        return self._seen[key]

    def company(self, ticker: str) -> Company:
        """Ticker -> CIK and name, from the SEC's ticker list ("BRK.B" is "BRK-B" there)."""
        wanted = ticker.upper().replace(".", "-")
        found = self._tickers().get(wanted)
        if found is None:
            raise SymbolNotFound(
                ticker,
                f"{ticker} is not in the SEC's list of company tickers; check the symbol, "
                "or pass --fundamentals-dir",
            )
        cik, name = found
        return Company(ticker=ticker.upper(), name=name, cik=cik)

    def _tickers(self) -> dict[str, tuple[int, str]]:
        cached = self.cache.get(_TICKERS_KEY)
        table = _ticker_table(cached) if cached is not None else None
        if table is None:
            rows = _ticker_rows(self._sec().tickers())
            table = _ticker_table(rows)
            if table is None:
                raise _bad_answer("the ticker list")
            self.cache.put(_TICKERS_KEY, rows)
        return table

    def _company_facts(self, company: Company) -> dict[str, object]:
        key = f"cik:{company.cik}"
        cached = self.cache.get(key)
        if isinstance(cached, dict):
            return cached
        raw = self._sec().company_facts(company.cik)
        if raw is None:
            raise SymbolNotFound(
                company.ticker,
                f"the SEC has no company facts for {company.ticker} (CIK {company.cik}); "
                "pass --fundamentals-dir with its figures",
            )
        kept = _trimmed(raw, company.cik)
        self.cache.put(key, kept)
        return kept


def _bad_answer(what: str) -> DataUnavailable:
    return DataUnavailable(
        f"the SEC's answer for {what} is not in the shape it publishes; try again later, or "
        "pass --fundamentals-dir"
    )


def _ticker_rows(raw: object) -> object:
    """The SEC's {"0": {"cik_str", "ticker", "title"}, ...} as [[ticker, cik, title], ...]."""
    if not isinstance(raw, dict):
        return None
    return [
        [row.get("ticker"), row.get("cik_str"), row.get("title")]
        for row in raw.values()
        if isinstance(row, dict)
    ]


def _ticker_table(rows: object) -> dict[str, tuple[int, str]] | None:
    if not isinstance(rows, list) or not rows:
        return None
    table: dict[str, tuple[int, str]] = {}
    for row in rows:
        if not isinstance(row, list) or len(row) != 3:
            return None
        ticker, cik, title = row
        if not isinstance(ticker, str) or isinstance(cik, bool) or not isinstance(cik, int):
            return None
        table.setdefault(ticker.upper(), (cik, str(title or ticker)))
    return table


def _trimmed(raw: object, cik: int) -> dict[str, object]:
    """The company facts with only the us-gaap concepts writer reads (and only their
    durations); `DataUnavailable` when the answer is not shaped like company facts."""
    facts = raw.get("facts") if isinstance(raw, dict) else None
    gaap = facts.get("us-gaap", {}) if isinstance(facts, dict) else None
    if not isinstance(raw, dict) or not isinstance(gaap, dict):
        raise _bad_answer(f"the company facts of CIK {cik}")
    kept: dict[str, object] = {}
    for concept in sorted(_WANTED & set(gaap)):
        units = gaap[concept].get("units") if isinstance(gaap[concept], dict) else None
        if not isinstance(units, dict) or not all(isinstance(v, list) for v in units.values()):
            raise _bad_answer(f"the company facts of CIK {cik}")
        kept[concept] = {
            "units": {
                unit: [f for f in items if isinstance(f, dict) and "start" in f]
                for unit, items in units.items()
            }
        }
    return {
        "cik": cik,
        "entityName": raw.get("entityName", ""),
        "facts": {"us-gaap": kept},
    }


def _filed_facts(payload: dict[str, object]) -> Iterator[FiledFact]:
    """edgartools' reading of the company facts, as `FiledFact`s of the wanted units."""
    facts = payload.get("facts")
    if not isinstance(facts, dict) or not facts.get("us-gaap"):
        return  # nothing to read (edgartools would log a warning to stderr)
    os.environ.setdefault("EDGAR_LOCAL_DATA_DIR", str(cache_dir() / "edgartools"))
    try:
        from edgar.entity.parser import EntityFactsParser
    except ImportError:
        raise DataUnavailable(
            "the live SEC source needs edgartools: pip install 'writer[sec]', or pass "
            "--fundamentals-dir with a snapshot folder"
        ) from None

    parsed = EntityFactsParser.parse_company_facts(payload)
    if parsed is None:
        raise _bad_answer(f"the company facts of CIK {payload.get('cik')}")
    for fact in parsed:
        concept = fact.concept.removeprefix("us-gaap:")
        metric = metric_of(concept)
        if fact.taxonomy != "us-gaap" or metric is None:
            continue
        if fact.unit != (_PER_SHARE if metric in PER_SHARE else _MONEY):
            continue
        value = _decimal(fact.value)
        start, end, filed = fact.period_start, fact.period_end, fact.filing_date
        if value is None or start is None or end is None or filed is None:
            continue
        yield FiledFact(
            concept=concept,
            start=start,
            end=end,
            value=value,
            form=fact.form_type,
            accession=fact.accession,
            filed=filed,
        )


def _decimal(value: object) -> Decimal | None:
    """The JSON number as filed: an int exactly, a float by its shortest repr (`1.2`)."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | str):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(repr(value))
        else:
            return None
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
