"""The chart that goes with an article: whether to draw one, the image line in the text, and
its files in the published set.

Why its own module: the chart is optional (the `writer[chart]` extra), must never hold up or
change the figures of a draft, and yet its alt text is text readers get, so it is put into
every draft *before* the checker reads it (its figures are checked like the prose's) and its
files are published with the article as one set.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.brief import Brief
from factcheck.report import CheckReport
from writer.draft.loop import Draft, Drafter
from writer.errors import ChartUnavailable

if TYPE_CHECKING:
    import pandas as pd

    from writer.data import PriceSource


def matplotlib_installed() -> bool:
    try:
        return importlib.util.find_spec("matplotlib") is not None
    except ValueError:  # in sys.modules as None: blocked
        return False


def wanted(choice: bool | None) -> bool:
    """`--chart` (True: required), `--no-chart` (False), or neither (on when matplotlib is
    installed).  A required chart without matplotlib is `ChartUnavailable` (exit 2), raised
    here, before any call is paid for."""
    if choice is False:
        return False
    installed = matplotlib_installed()
    if choice and not installed:
        raise ChartUnavailable(
            "the chart needs matplotlib, which is not installed: install writer[chart] "
            "(pip install 'writer[chart]') or pass --no-chart"
        )
    return installed


@dataclass(frozen=True)
class Chart:
    """What an article's chart needs: the closes it is drawn from and its image line."""

    closes: Mapping[str, pd.DataFrame]
    image: str  # ![alt](rut-2025-08-08.png)
    png_name: str
    svg_name: str

    @classmethod
    def of(cls, brief: Brief, source: PriceSource, stem: str) -> Chart:
        from writer.genres import genre_of

        chart = genre_of(brief).charting()
        closes = source.history(*chart.history_request(brief))
        png = f"{stem}.png"
        return cls(closes, chart.markdown_image(brief, png), png, f"{stem}.svg")

    def files(self, brief: Brief) -> dict[str, bytes]:
        from writer.genres import genre_of

        png, svg = genre_of(brief).charting().chart_bytes(brief, self.closes)
        return {self.png_name: png, self.svg_name: svg}


def with_image(text: str, image: str) -> str:
    """`text` with the image line after the lede (the first paragraph under the headline),
    unless it is there already."""
    if image in text:
        return text
    blocks = text.split("\n\n")
    at = next(
        (
            i + 1
            for i, block in enumerate(blocks)
            if block.strip() and not block.lstrip().startswith(("#", "!", "|", "-", "*", ">"))
        ),
        len(blocks),
    )
    return "\n\n".join([*blocks[:at], image, *blocks[at:]])


class IllustratedDrafter:
    """A drafter whose every draft carries the chart's image line (so the checker reads its
    alt text with the rest); everything else is the wrapped drafter's."""

    def __init__(self, inner: Drafter, image: str) -> None:
        self.inner = inner
        self.image = image
        self.name = inner.name
        self.model = inner.model
        self.can_revise = inner.can_revise

    def draft(self, brief: Brief) -> Draft:
        return self._illustrated(self.inner.draft(brief))

    def revise(
        self,
        brief: Brief,
        previous: Draft,
        report: CheckReport,
        attempt: int,
        max_attempts: int,
    ) -> Draft:
        return self._illustrated(self.inner.revise(brief, previous, report, attempt, max_attempts))

    def judged(self, draft: Draft, verdict: str) -> None:
        self.inner.judged(draft, verdict)

    def close(self) -> None:
        self.inner.close()

    def _illustrated(self, draft: Draft) -> Draft:
        return Draft(text=with_image(draft.text, self.image), call_id=draft.call_id)
