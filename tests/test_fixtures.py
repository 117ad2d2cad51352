import importlib.util
from pathlib import Path

from tests.conftest import SYNTHETIC


def test_committed_fixtures_are_what_the_generator_makes() -> None:
    spec = importlib.util.spec_from_file_location(
        "generate", Path(__file__).resolve().parents[1] / "fixtures" / "generate.py"
    )
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    for stem, calendar, level, vol, seed in generate.SERIES:
        fresh = generate.render(generate.series(calendar, level, vol, seed))
        assert (SYNTHETIC / f"{stem}.csv").read_text() == fresh, stem
