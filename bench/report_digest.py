"""One digest over the checker's reports on a fixed corpus: run it at two commits (or on two
builds) and compare, to show a change left every verdict and message as it was.

    python bench/report_digest.py --data-dir ../shared/marketdata [--articles 200]

The corpus is the mutation benchmark's: drafted and hand-written articles, up to four mutants
of each per operator, and a few word-swapped variants.  It prints the number of inputs, the
build timed (compiled or pure Python) and the sha256 of all `CheckReport` JSON in order.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))
import mutation

SWAPS = (
    ("higher", "lower"),
    ("gave back", "added"),
    ("straight", "consecutive"),
    ("Tuesday", "Thursday"),
    ("Monday", "Wednesday"),
    (".", "?"),
    (",", ""),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir", type=Path, default=mutation.ROOT.parent / "shared" / "marketdata"
    )
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    articles = mutation.load_articles(args.data_dir, args.articles, args.seed)
    rng = random.Random(args.seed)
    inputs = []
    for art in articles:
        inputs.append((art.text, art.brief))
        for op in mutation.OPERATORS.values():
            mutants = list(op(art, rng))
            rng.shuffle(mutants)
            inputs.extend((m.text, art.brief) for m in mutants[:4])
    for art in articles[:80]:
        inputs.extend((art.text.replace(a, b, 3), art.brief) for a, b in SWAPS)
    digest = hashlib.sha256()
    for text, brief in inputs:
        digest.update(mutation.check_text(text, brief).model_dump_json().encode())
    print(f"{len(inputs)} inputs, factcheck {mutation.build()}: sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
