"""The drafter's scans over reply text are linear in the worst case (issue 26, item 1): the
hand scanners of `writer.draft.llm.unfence` and `writer.redact.redact` do what the
backtracking regexes they replace did, in time that grows with the text (the checker's own
scans: tests/test_linear_scans.py, whose helpers this file uses)."""

from __future__ import annotations

import re

import pytest

from tests.test_linear_scans import flood, grows_linearly, texts
from writer.draft.llm import unfence
from writer.redact import redact

OLD_FENCE = re.compile(r"^\s*```[A-Za-z]*\s*\n(?P<body>.*?)\n\s*```\s*$", re.DOTALL)
OLD_USERINFO = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s]+@", re.IGNORECASE)


def test_unfence_and_redact_as_the_regexes_did() -> None:
    for reply in texts(["```", "```markdown", "\n", " ", "a", "1", "`", "\t"], longest=12):
        found = OLD_FENCE.match(reply)
        assert unfence(reply) == (found.group("body") if found else reply).strip(), repr(reply)
    for line in texts(["a", "1", "+", ".", "-", "://", "/", "@", " ", "x", ":"], longest=20):
        old = OLD_USERINFO.sub(lambda m: f"{m.group('scheme')}***@", line)
        assert redact(line) == old, line


@pytest.mark.parametrize("unit", ["\n", " \n", "\n ", "```\n"])
def test_unfencing_a_reply_of_blank_lines_is_linear(unit: str) -> None:
    grows_linearly(lambda n: "```\n" + flood(unit)(n), unfence, 2000)


def test_redacting_a_long_word_is_linear() -> None:
    grows_linearly(flood("x"), redact, 20000)
