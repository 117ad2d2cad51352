"""Numbers a reader sees that the figure reader cannot read (rule F011): digits written as
HTML character references ("&#50;&#44;&#50;&#56;&#49;", which a browser shows as "2,281"),
and runs of superscript or subscript digits standing on their own ("²,⁴¹⁸.⁴²").

Why a finding rather than a reading: decoding them would change the text's length, and every
offset of the checker (a figure's line and column) is into the text as written.  And such a
figure is rare and deliberate enough that asking for plain digits costs a writer nothing,
while letting it pass would let any wrong figure through in silence.  A superscript right
after a word or a figure ("2.38%²", "x²") is a footnote mark or an exponent, not a number.
"""

from __future__ import annotations

import re
from typing import Final

#: A character reference to an ASCII digit: "&#50;", "&#x32;".
_DIGIT_REF: Final = r"&#(?:0*(?:4[89]|5[0-7])|[xX]0*3[0-9]);"
#: ... a comma or a full stop between them, written plainly or as a reference
_SEPARATOR: Final = r"(?:[,.]|&#(?:0*4[46]|[xX]0*2[cCeE]);)"
_REFERENCES_RE: Final = re.compile(rf"{_DIGIT_REF}(?:{_SEPARATOR}?{_DIGIT_REF})*")
_SUPERSCRIPTS: Final = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUBSCRIPTS: Final = "₀₁₂₃₄₅₆₇₈₉"
#: Two or more superscript (or subscript) digits, not glued to what is before them.
_SCRIPT_RE: Final = re.compile(
    rf"(?<![^\s(\[])(?:[{_SUPERSCRIPTS}][{_SUPERSCRIPTS},.]*[{_SUPERSCRIPTS}]"
    rf"|[{_SUBSCRIPTS}][{_SUBSCRIPTS},.]*[{_SUBSCRIPTS}])"
)
_HINT: Final = "write it in plain digits so it can be checked"


def unread_numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, what it is) of each number in `text` the figure reader cannot read."""
    out: list[tuple[int, int, str]] = []
    if "&#" in text:
        out += [
            (m.start(), m.end(), f"a number written as HTML character references: {_HINT}")
            for m in _REFERENCES_RE.finditer(text)
        ]
    if not text.isascii():
        out += [
            (m.start(), m.end(), f"a number in superscript or subscript digits: {_HINT}")
            for m in _SCRIPT_RE.finditer(text)
        ]
    return sorted(out)
